"""The one save path for every file staff, technicians or the hall change, and its version history.

`save_file` is how playlists, the schedule, settings (opening hours included) and staff slides are
written: atomically, and with an editor's `loaded_digest` only over the version that editor loaded.
Each save keeps the version it writes in `<config dir>/.history/<file>/<number>.json`, with who
saved it and when; a version someone else put there meanwhile (a technician's copy) is kept first,
as "copied". The last `KEPT_VERSIONS` of each file are kept, each at most `MAX_VERSION_BYTES`:
(256 KiB, base64 in the record: about 350 KiB on disk), so under 3.5 MiB for one file's history (the files
are a few kilobytes: a schedule of 20 windows keeps its ten versions in 22 KB).

Crash safety: the version is written (atomically) before the file, and old versions are pruned
only after it: a process killed at any moment, or a full disk, leaves the current file and every
recorded version whole. A version that was recorded but never became current is harmless: it can
be restored like any other.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import msgspec

from kiosk.storage import ConflictError, atomic_write, content_digest, write_if_unchanged

log = logging.getLogger(__name__)

Who = Literal["glass", "cli", "hall", "copied"]
HISTORY_DIR = ".history"
KEPT_VERSIONS = 10
MAX_VERSION_BYTES = 256 * 1024
# Syncthing's marker in a folder it shares: on the staff PC the hall folder has one (packaging/README.md,
# section 6), a kiosk's own config dir never does. A command saving into it saves for the hall.
SYNC_FOLDER_MARKER = ".stfolder"
# The folders of the config dir whose files are versioned, besides its own top-level files.
_VERSIONED_FOLDERS = ("playlists", "slides")

# The `loaded_digest` of a save that is no editor's (a command, play-now): whatever is on disk goes.
ANY_VERSION = "any"


class Version(msgspec.Struct, frozen=True):
    """One saved version of a file: its number (counting up per file), when and by whom, its bytes."""

    number: int
    saved_at: str
    who: str
    sha256: str
    data: bytes


@dataclass(frozen=True)
class _Saver:
    who: Who = "cli"


_saver = _Saver()


def set_saver(who: Who) -> None:
    """Who saves in this process from now on: the kiosk with staff mode is the glass, commands the CLI."""
    global _saver
    _saver = _Saver(who)


def saver() -> Who:
    return _saver.who


def versioned_name(path: Path) -> tuple[Path, str]:
    """The config dir a file belongs to and its name there (`schedule.json`, `playlists/x.json`)."""
    if path.parent.name in _VERSIONED_FOLDERS:
        return path.parent.parent, f"{path.parent.name}/{path.name}"
    return path.parent, path.name


def _history_dir(config_dir: Path, name: str) -> Path:
    return config_dir / HISTORY_DIR / name


def versions(config_dir: Path, name: str) -> list[Version]:
    """The kept versions of `name` (as `versioned_name` gives it), oldest first; unreadable ones left out."""
    folder = _history_dir(config_dir, name)
    found: list[Version] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            found.append(msgspec.json.decode(path.read_bytes(), type=Version))
        except (OSError, msgspec.DecodeError) as error:
            log.warning("history: %s cannot be read: %s", path, error)
    return sorted(found, key=lambda version: version.number)


def versioned_files(config_dir: Path) -> list[str]:
    """Every file with a history, by its name in the config dir, sorted."""
    root = config_dir / HISTORY_DIR
    if not root.is_dir():
        return []
    names = [path.parent.relative_to(root).as_posix() for path in root.glob("**/*.json") if path.is_file()]
    return sorted(set(names))


def record(path: Path, data: bytes, who: Who, now: dt.datetime | None = None) -> Version | None:
    """Keep `data` as the newest version of `path` (atomically); None when it is too big to keep."""
    if len(data) > MAX_VERSION_BYTES:
        log.warning(
            "history: %s is %d bytes, over %d: this version is not kept", path, len(data), MAX_VERSION_BYTES
        )
        return None
    config_dir, name = versioned_name(path)
    kept = versions(config_dir, name)
    version = Version(
        number=(kept[-1].number + 1) if kept else 1,
        saved_at=(now or dt.datetime.now()).isoformat(timespec="seconds"),
        who=who,
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )
    folder = _history_dir(config_dir, name)
    atomic_write(folder / f"{version.number:06d}.json", msgspec.json.encode(version), keep_backup=False)
    return version


def _prune(path: Path) -> None:
    config_dir, name = versioned_name(path)
    kept = versions(config_dir, name)
    folder = _history_dir(config_dir, name)
    for old in kept[:-KEPT_VERSIONS]:
        with contextlib.suppress(FileNotFoundError):
            (folder / f"{old.number:06d}.json").unlink()


def _record_outside_change(path: Path) -> None:
    """The file as it is before a save, when no kept version has its bytes: someone copied it in."""
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        return
    config_dir, name = versioned_name(path)
    kept = versions(config_dir, name)
    if not kept or kept[-1].sha256 != hashlib.sha256(current).hexdigest():
        record(path, current, "copied")


def save_file(path: Path, data: bytes, loaded_digest: str | None = ANY_VERSION) -> None:
    """How every versioned file is saved: atomically, and with an editor's `loaded_digest` (None
    for no file) only over the version that editor loaded, else `ConflictError`. The version is
    kept in the history first (see the module's note), then the file is replaced."""
    if loaded_digest != ANY_VERSION and content_digest(path) != loaded_digest:
        raise ConflictError(path)
    _record_outside_change(path)
    config_dir, _name = versioned_name(path)
    hall = _saver.who == "cli" and (config_dir / SYNC_FOLDER_MARKER).is_dir()
    record(path, data, "hall" if hall else _saver.who)
    if loaded_digest == ANY_VERSION:
        atomic_write(path, data)
    else:
        write_if_unchanged(path, data, loaded_digest)
    try:
        _prune(path)
    except OSError as error:
        log.warning("history: old versions of %s could not be removed: %s", path, error)


def restore(path: Path, number: int, loaded_digest: str | None = ANY_VERSION) -> Version:
    """Save version `number` of `path` again, as its newest version; KeyError when it is not kept."""
    config_dir, name = versioned_name(path)
    chosen = next((version for version in versions(config_dir, name) if version.number == number), None)
    if chosen is None:
        raise KeyError(number)
    save_file(path, chosen.data, loaded_digest)
    return chosen
