"""Multi-file units that must switch whole: a manifest lists every file with its size and sha256.

A sync (Syncthing) or a hand copy lands files one at a time. A unit directory with `manifest.json`
is ready only when every listed file is on disk with exactly the listed bytes; until then the last
good unit keeps playing. A unit directory without a manifest is read as it is and has to pass its
validation whole (and no file of it may still be a temporary one).

    {"manifest_version": 1, "unit": "content-pack",
     "files": [{"path": "figures.json", "size": 18234, "sha256": "9f2c…"}, …]}
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import msgspec

from kiosk.documents.decoding import ContentError, decode_document
from kiosk.fleet.layout import is_temporary
from kiosk.migrations import FileKind
from kiosk.storage import atomic_write

MANIFEST_FILE = "manifest.json"
MANIFEST_VERSION = 1
MANIFEST_KIND = FileKind("manifest", current=MANIFEST_VERSION, steps={}, version_field="manifest_version")
# Larger than any pack file or staff image we expect; a bigger file is not read into memory.
MAX_UNIT_FILE_BYTES = 64 * 1024 * 1024


class ManifestEntry(msgspec.Struct, forbid_unknown_fields=True):
    path: str
    size: Annotated[int, msgspec.Meta(ge=0, le=MAX_UNIT_FILE_BYTES)]
    sha256: Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{64}$")]


class Manifest(msgspec.Struct, forbid_unknown_fields=True):
    manifest_version: int
    unit: str
    files: list[ManifestEntry]


class UnitNotReadyError(Exception):
    """The unit cannot be used yet (still arriving, or damaged); the message says why."""


@dataclass(frozen=True)
class Unit:
    """A unit's files as they were verified, read once: what is used is what was checked."""

    directory: Path
    files: dict[str, bytes]
    has_manifest: bool


def unit_files(directory: Path) -> list[str]:
    """The unit's own files, relative, sorted: the manifest and temporary files left out."""
    names = []
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        temporary = any(is_temporary(part) for part in relative.parts)
        if path.is_file() and relative.as_posix() != MANIFEST_FILE and not temporary:
            names.append(relative.as_posix())
    return names


def build_manifest(directory: Path, unit: str) -> Manifest:
    entries = []
    for name in unit_files(directory):
        data = (directory / name).read_bytes()
        entries.append(ManifestEntry(path=name, size=len(data), sha256=hashlib.sha256(data).hexdigest()))
    return Manifest(manifest_version=MANIFEST_VERSION, unit=unit, files=entries)


def write_manifest(directory: Path, unit: str) -> Manifest:
    """Write `manifest.json` for the files now in `directory` (atomically, no backup kept)."""
    manifest = build_manifest(directory, unit)
    encoded = msgspec.json.format(msgspec.json.encode(manifest), indent=2) + b"\n"
    atomic_write(directory / MANIFEST_FILE, encoded, keep_backup=False)
    return manifest


def read_unit(directory: Path, wanted: tuple[str, ...]) -> Unit:
    """The unit's files, checked against its manifest when it has one.

    `wanted` names the files the caller needs when there is no manifest. Raises UnitNotReadyError with
    a sentence when the unit is not whole.
    """
    manifest_path = directory / MANIFEST_FILE
    if manifest_path.exists():
        return _read_with_manifest(directory, manifest_path)
    in_progress = sorted(path.name for path in directory.iterdir() if is_temporary(path.name))
    if any(name.startswith(".syncthing.") or name.endswith((".tmp", ".part")) for name in in_progress):
        raise UnitNotReadyError(f"a copy into {directory} is still in progress ({in_progress[0]})")
    files: dict[str, bytes] = {}
    for name in wanted:
        path = directory / name
        try:
            if path.stat().st_size > MAX_UNIT_FILE_BYTES:
                raise UnitNotReadyError(f"{name} in {directory} is larger than {MAX_UNIT_FILE_BYTES} bytes")
            files[name] = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise UnitNotReadyError(f"{name} in {directory} cannot be read: {error.strerror}") from None
    return Unit(directory, files, has_manifest=False)


def _read_with_manifest(directory: Path, manifest_path: Path) -> Unit:
    try:
        manifest = decode_document(manifest_path.read_bytes(), Manifest, MANIFEST_FILE, MANIFEST_KIND)
    except ContentError as error:
        raise UnitNotReadyError(f"the manifest in {directory} is unusable: {error.problems[0]}") from None
    except OSError as error:
        raise UnitNotReadyError(f"the manifest in {directory} cannot be read: {error.strerror}") from None
    files: dict[str, bytes] = {}
    for entry in manifest.files:
        relative = Path(entry.path)
        if relative.is_absolute() or ".." in relative.parts:
            raise UnitNotReadyError(f"the manifest in {directory} names a file outside it: {entry.path}")
        path = directory / relative
        try:
            size = path.stat().st_size
            if size != entry.size:
                raise UnitNotReadyError(
                    f"{entry.path} is {size} bytes, the manifest says {entry.size}: not all here yet"
                )
            data = path.read_bytes()
        except FileNotFoundError:
            raise UnitNotReadyError(f"{entry.path}, listed in the manifest, is not there yet") from None
        except OSError as error:
            raise UnitNotReadyError(f"{entry.path} cannot be read: {error.strerror}") from None
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            raise UnitNotReadyError(f"{entry.path} does not match the manifest: not all here yet")
        files[entry.path] = data
    return Unit(directory, files, has_manifest=True)
