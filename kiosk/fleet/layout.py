"""Where a kiosk's configuration comes from: the hall folder, its own overrides, the glass.

A kiosk reads up to three layers, lowest first; a file in a higher layer replaces the same file
below it (playlists by id, settings field by field, the schedule and the content pack whole):

    <hall>/                      shared by every kiosk of the hall (Syncthing, receive-only)
    <hall>/kiosks/<kiosk-id>/    this kiosk's own files, e.g. the portrait kiosk's playlist
    <config dir>/                what staff save on the glass: it wins on this kiosk

The kiosk never writes into the hall folder. Who this kiosk is and where the hall is comes from
`fleet.json` in the local config dir, or from KIOSK_ID and KIOSK_HALL_DIR.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from kiosk.documents.decoding import ContentError, Problem, decode_document

FLEET_FILE = "fleet.json"
HALL_DIR_NAME = "hall"
KIOSKS_DIR = "kiosks"
CONTENT_DIR = "content"
PLAYLISTS_DIR = "playlists"
# Staff's own slides and their pictures (kiosk.playlist.staff_slides).
SLIDES_DIR = "slides"
MEDIA_DIR = "media"
CONFIG_FILES = ("settings.json", "schedule.json")

_KIOSK_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")
_TEMPORARY_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".swp", ".crdownload", "~")


class FleetFile(msgspec.Struct, forbid_unknown_fields=True):
    """`fleet.json` in the local config dir: this kiosk's identity and its hall."""

    kiosk_id: str | None = None
    kiosk_name: str | None = None
    hall_dir: str | None = None
    status_dir: str | None = None


@dataclass(frozen=True)
class Layer:
    """One directory of configuration, with a label that is the same on every machine."""

    label: str
    directory: Path


@dataclass(frozen=True)
class Fleet:
    """This kiosk in its hall; `hall_dir` is None for a kiosk on its own."""

    config_dir: Path
    kiosk_id: str
    kiosk_name: str
    hall_dir: Path | None
    status_dir: Path | None
    problems: list[Problem] = field(default_factory=list)

    def layers(self) -> list[Layer]:
        """Lowest first: the hall, this kiosk's overrides in the hall, the local config dir."""
        layers = []
        if self.hall_dir is not None:
            layers.append(Layer("hall", self.hall_dir))
            layers.append(
                Layer(f"hall/{KIOSKS_DIR}/{self.kiosk_id}", kiosk_override_dir(self.hall_dir, self.kiosk_id))
            )
        layers.append(Layer("local", self.config_dir))
        return layers

    def hall_layers(self) -> list[Layer]:
        return [layer for layer in self.layers() if layer.label != "local"]


def kiosk_override_dir(hall_dir: Path, kiosk_id: str) -> Path:
    return hall_dir / KIOSKS_DIR / kiosk_id


def is_temporary(name: str) -> bool:
    """A file a copy or a sync is still writing, or an editor's scratch: never read as configuration.

    Syncthing writes `.syncthing.<name>.tmp` and renames it into place; editors and file managers
    leave `.#name`, `~$name`, `name~`, `.name.swp`, `name.part`.
    """
    return name.startswith((".", "~")) or name.lower().endswith(_TEMPORARY_SUFFIXES)


def valid_kiosk_id(text: str) -> bool:
    return bool(_KIOSK_ID.match(text))


def resolve_fleet(config_dir: Path) -> Fleet:
    """This kiosk's identity and hall: environment first, then `fleet.json`, then the defaults
    (the host name as id; `<config dir>/hall` when that folder exists)."""
    problems: list[Problem] = []
    fleet_file = FleetFile()
    path = config_dir / FLEET_FILE
    if path.exists():
        try:
            fleet_file = decode_document(path.read_bytes(), FleetFile, FLEET_FILE)
        except ContentError as error:
            problems.extend(error.problems)
        except OSError as error:
            problems.append(Problem(FLEET_FILE, "", f"cannot be read: {error.strerror}."))
    kiosk_id = os.environ.get("KIOSK_ID") or fleet_file.kiosk_id or _host_name()
    if not valid_kiosk_id(kiosk_id):
        problems.append(
            Problem(
                FLEET_FILE,
                "$.kiosk_id",
                f"{kiosk_id!r} is not a kiosk id: use lower-case letters, digits, '.', '-' and '_'.",
            )
        )
        kiosk_id = _safe_id(kiosk_id)
    hall_text = os.environ.get("KIOSK_HALL_DIR") or fleet_file.hall_dir
    hall_path = Path(hall_text).expanduser() if hall_text else config_dir / HALL_DIR_NAME
    hall_dir = hall_path if hall_path.is_dir() else None
    if hall_dir is None and hall_text:
        problems.append(Problem(FLEET_FILE, "$.hall_dir", f"the hall folder {hall_path} does not exist."))
    status_dir = Path(fleet_file.status_dir).expanduser() if fleet_file.status_dir else None
    return Fleet(
        config_dir=config_dir,
        kiosk_id=kiosk_id,
        kiosk_name=fleet_file.kiosk_name or kiosk_id,
        hall_dir=hall_dir,
        status_dir=status_dir,
        problems=problems,
    )


def _host_name() -> str:
    return os.uname().nodename.split(".")[0].lower() or "kiosk"


def _safe_id(text: str) -> str:
    cleaned = re.sub(r"[^a-z0-9._-]", "-", text.lower()).strip(".-_")[:63]
    return cleaned or "kiosk"


def layer_files(directory: Path) -> list[str]:
    """The configuration files of one layer, relative and sorted; temporary files left out."""
    names = [name for name in CONFIG_FILES if (directory / name).is_file()]
    for sub in (PLAYLISTS_DIR, CONTENT_DIR, SLIDES_DIR, MEDIA_DIR):
        folder = directory / sub
        if folder.is_dir():
            names += [
                f"{sub}/{path.name}"
                for path in sorted(folder.iterdir())
                if path.is_file() and not is_temporary(path.name)
            ]
    return names


def layers_hash(layers: list[Layer]) -> str:
    """A short hash of every configuration file in `layers`, the same on every machine that holds
    the same files: how `kiosk fleet status` tells whether a kiosk has what the hall has."""
    digest = hashlib.sha256()
    for layer in layers:
        for name in layer_files(layer.directory):
            try:
                data = (layer.directory / name).read_bytes()
            except OSError:
                data = b"<unreadable>"
            digest.update(f"{layer.label}/{name}\0".encode())
            digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:12]


def hall_config_hash(hall_dir: Path, kiosk_id: str) -> str:
    """What kiosk `kiosk_id` should hold of the hall: the shared files and its own overrides."""
    return layers_hash(
        [
            Layer("hall", hall_dir),
            Layer(f"hall/{KIOSKS_DIR}/{kiosk_id}", kiosk_override_dir(hall_dir, kiosk_id)),
        ]
    )


def config_files_by_layer(fleet: Fleet, relative: str) -> list[Path]:
    """Every layer's copy of one file (e.g. `settings.json`), lowest layer first."""
    return [layer.directory / relative for layer in fleet.layers() if (layer.directory / relative).exists()]


def playlist_files(fleet: Fleet) -> list[Path]:
    """Every playlist file of every layer, lowest layer first; a later one replaces an earlier one by id."""
    files: list[Path] = []
    for layer in fleet.layers():
        folder = layer.directory / PLAYLISTS_DIR
        if folder.is_dir():
            files += [path for path in sorted(folder.glob("*.json")) if not is_temporary(path.name)]
    return files
