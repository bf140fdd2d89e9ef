"""Which content pack plays: the highest layer's `content/` folder that is whole and valid.

At start a pack that is not ready or not valid is passed over for the next layer down (at the
bottom, the bundled pack), unless this kiosk kept a copy of the last good pack of that very layer:
then the copy plays, as it did before the restart. While running, the highest layer's pack either
switches in whole or leaves the last good one playing. Every pack passed over is a Refusal, which
the status file carries to the morning check.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import msgspec

from kiosk.content.loader import PACK_FILES, SOURCE_TEXT_FILE, MemorySource, load_pack, pack_digest
from kiosk.content.models import ContentPack
from kiosk.content.validate import validate_pack
from kiosk.documents.decoding import ContentError
from kiosk.fleet.layout import CONTENT_DIR, Fleet
from kiosk.fleet.manifest import (
    MANIFEST_FILE,
    MANIFEST_VERSION,
    Manifest,
    ManifestEntry,
    UnitNotReadyError,
    read_unit,
)
from kiosk.storage import atomic_write_directory

log = logging.getLogger(__name__)

# In the data dir: the pack that last played from a config layer, as it was checked, with its manifest.
KEPT_PACK_DIR = "last-good-pack"
KEPT_FROM_FILE = "kept-from.json"


@dataclass(frozen=True)
class PackChoice:
    """A pack from a config layer, loaded from the very bytes that were checked."""

    origin: str
    directory: Path
    source: MemorySource
    pack: ContentPack
    digest: str


@dataclass(frozen=True)
class Refusal:
    """A layer's pack that does not play, and why; `manifest` names the delivery (a short hash of
    its manifest.json, None without one), `since` is when this kiosk first refused it (epoch s)."""

    origin: str
    directory: Path
    reason: str
    manifest: str | None = None
    since: float = 0.0


@dataclass(frozen=True)
class Survey:
    """The layers' packs, highest first, down to the first usable one: that one (None when no layer
    has one) and every pack above it that was refused."""

    choice: PackChoice | None
    refusals: list[Refusal]


class KeptFrom(msgspec.Struct):
    origin: str
    directory: str


def load_pack_dir(directory: Path, origin: str, font_chars: set[int] | None) -> PackChoice:
    """The pack in `directory`, whole and valid, or UnitNotReadyError / ContentError saying why not."""
    unit = read_unit(directory, (*PACK_FILES, SOURCE_TEXT_FILE))
    source = MemorySource(unit.files, label=f"{origin} content pack ({directory})")
    pack = load_pack(source)
    problems = validate_pack(pack, font_chars)
    if problems:
        raise ContentError(problems)
    return PackChoice(origin, directory, source, pack, pack_digest(source))


def content_dirs(fleet: Fleet) -> list[tuple[str, Path]]:
    """Every layer's `content/` folder that exists, highest layer first."""
    found = [(layer.label, layer.directory / CONTENT_DIR) for layer in fleet.layers()]
    return [(label, path) for label, path in reversed(found) if path.is_dir()]


def survey(fleet: Fleet, font_chars: set[int] | None, now: float, kept_dir: Path | None = None) -> Survey:
    """The highest usable pack, with the refused ones above it. With `kept_dir`, a refused layer
    whose last good pack this kiosk kept plays that copy instead of giving way to a lower layer."""
    refusals: list[Refusal] = []
    for origin, directory in content_dirs(fleet):
        try:
            return Survey(load_pack_dir(directory, origin, font_chars), refusals)
        except (UnitNotReadyError, ContentError) as error:
            refusals.append(Refusal(origin, directory, _reason(error), manifest_id(directory), now))
        kept = load_kept_pack(kept_dir, origin, font_chars) if kept_dir is not None else None
        if kept is not None:
            return Survey(kept, refusals)
    return Survey(None, refusals)


def still_refused(previous: list[Refusal], current: list[Refusal]) -> list[Refusal]:
    """`current`, each refusal seen before for the same pack and reason keeping its first time."""
    first_seen = {(old.origin, old.manifest, old.reason): old.since for old in previous}
    return [
        replace(
            refusal, since=first_seen.get((refusal.origin, refusal.manifest, refusal.reason), refusal.since)
        )
        for refusal in current
    ]


def manifest_id(directory: Path) -> str | None:
    """A short hash of the folder's manifest.json: which delivery of the pack this is."""
    try:
        return hashlib.sha256((directory / MANIFEST_FILE).read_bytes()).hexdigest()[:12]
    except OSError:
        return None


# The kept copy ------------------------------------------------------------------------------------


def keep_pack(kept_dir: Path, choice: PackChoice) -> None:
    """Keep `choice` (the pack now playing from a config layer) as this kiosk's last good pack.

    Written whole (temp folder, then rename), with a manifest of the checked bytes, so a copy cut off
    by a power cut is never read. A failure is logged: the show goes on, a restart just has no copy."""
    if _kept_digest(kept_dir) == choice.digest:
        return
    files = dict(choice.source.files)
    entries = [
        ManifestEntry(path=name, size=len(data), sha256=hashlib.sha256(data).hexdigest())
        for name, data in sorted(files.items())
    ]
    manifest = Manifest(manifest_version=MANIFEST_VERSION, unit="content-pack", files=entries)
    files[MANIFEST_FILE] = msgspec.json.encode(manifest)
    files[KEPT_FROM_FILE] = msgspec.json.encode(KeptFrom(choice.origin, str(choice.directory)))
    try:
        atomic_write_directory(kept_dir, files)
    except OSError as error:
        log.warning("cannot keep a copy of the content pack in %s: %s", kept_dir, error.strerror or error)


def forget_kept_pack(kept_dir: Path) -> None:
    """The bundled pack plays because no layer has a pack: no layer's last good pack is to come back."""
    shutil.rmtree(kept_dir, ignore_errors=True)


def load_kept_pack(kept_dir: Path, origin: str, font_chars: set[int] | None) -> PackChoice | None:
    """The kept copy when it is `origin`'s last good pack and still whole and valid, else None."""
    try:
        kept_from = msgspec.json.decode((kept_dir / KEPT_FROM_FILE).read_bytes(), type=KeptFrom)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    if kept_from.origin != origin:
        return None
    try:
        choice = load_pack_dir(kept_dir, origin, font_chars)
    except (UnitNotReadyError, ContentError) as error:
        log.error(
            "the kept copy of the last good content pack in %s is unusable: %s", kept_dir, _reason(error)
        )
        return None
    return replace(choice, directory=kept_dir)


def _kept_digest(kept_dir: Path) -> str | None:
    try:
        unit = read_unit(kept_dir, ())
    except (UnitNotReadyError, OSError):
        return None
    return pack_digest(MemorySource(unit.files)) if unit.has_manifest else None


def _reason(error: Exception) -> str:
    if isinstance(error, ContentError):
        shown = "; ".join(str(problem) for problem in error.problems[:3])
        more = f" (and {len(error.problems) - 3} more)" if len(error.problems) > 3 else ""
        return f"invalid: {shown}{more}"
    return str(error)
