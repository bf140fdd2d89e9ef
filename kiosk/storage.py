"""The one helper for writing user state: atomic, durable, with the previous version kept."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".bak"
# What `atomic_write` and `atomic_write_directory` leave behind when the process dies mid-save:
# `.<name>.<random>.tmp` (a file, or a directory) and `.<name>.old` (the directory moved aside).
_TEMP_NAME = re.compile(r"^\.(?!syncthing\.).+\.[a-z0-9_]{8}\.tmp$")
_MOVED_ASIDE_NAME = re.compile(r"^\..+\.old$")
# Another process may be saving right now (`kiosk content import` while the kiosk runs, a staff save
# in the running kiosk while `kiosk validate` starts): its temp file is seconds old. Only what no
# save could still be writing is removed.
STALE_AFTER_S = 600.0


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def atomic_write(path: Path, data: bytes, keep_backup: bool = True) -> None:
    """Replace `path` with `data` so that a crash at any moment leaves the old or the new file.

    Temp file in the same directory, fsync, `os.replace`, then fsync of the directory so the rename
    itself survives a power cut. The replaced version is kept as `<name>.bak`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp_path = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and path.exists():
            _copy_durably(path, backup_path(path))
        os.replace(temp_path, path)
        _fsync_directory(path.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp_path.unlink()
        raise


def _copy_durably(source: Path, target: Path) -> None:
    atomic_write(target, source.read_bytes(), keep_backup=False)


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def atomic_write_directory(path: Path, files: dict[str, bytes]) -> None:
    """Make `path` a directory holding exactly `files`, so that a reader sees the old or the new one.

    Everything is written and fsynced in a temp directory beside `path`, then renamed into place.
    A directory already at `path` is moved aside first and removed once the new one is in; the
    two renames are a few microseconds apart, and neither ever exposes a half-written file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    old = path.with_name(f".{path.name}.old")
    try:
        for name, data in files.items():
            with (temp / name).open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        _fsync_directory(temp)
        if path.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(path, old)
        os.replace(temp, path)
        _fsync_directory(path.parent)
    except BaseException:
        if old.exists() and not path.exists():
            os.replace(old, path)
        shutil.rmtree(temp, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def unwritable_reason(directory: Path) -> str | None:
    """Why no save into `directory` can succeed (a read-only mount, no write permission), or None.
    A folder that does not exist yet is judged by the nearest one above it, where a save makes it."""
    existing = directory
    while not existing.is_dir() and existing != existing.parent:
        existing = existing.parent
    if os.access(existing, os.W_OK | os.X_OK):
        return None
    if existing == directory:
        return f"{directory} is read-only"
    return f"{directory} cannot be made ({existing} is read-only)"


def sweep_stale_leftovers(*roots: Path, older_than_s: float = STALE_AFTER_S) -> list[Path]:
    """Remove the temp files and directories of saves that never finished, in `roots` and below.

    Only names the two atomic writers make, last changed more than `older_than_s` ago; a sync
    tool's own temp files (`.syncthing.*.tmp`) are its business. Returns what was removed.
    """
    removed: list[Path] = []
    cutoff = time.time() - older_than_s
    walks = [os.walk(root) for root in roots]
    for parent, directories, files in itertools.chain(*walks):
        for name in [*files, *directories]:
            path = Path(parent) / name
            if not _is_leftover(path) or _changed_at(path) > cutoff:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            removed.append(path)
            log.warning("removed %s, left by a save that never finished", path)
        # Never walk into what was just removed, nor into leftovers too fresh to judge.
        directories[:] = [name for name in directories if not _is_leftover(Path(parent) / name)]
    return removed


def _is_leftover(path: Path) -> bool:
    if _TEMP_NAME.match(path.name):
        return True
    return bool(_MOVED_ASIDE_NAME.match(path.name)) and path.is_dir() and not path.is_symlink()


def _changed_at(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except FileNotFoundError:
        return float("inf")


class ConflictError(Exception):
    """The file changed on disk since the editor read it; nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} changed since it was loaded")
        self.path = path


def content_digest(path: Path) -> str | None:
    """A hash of the file's bytes, or None when there is no file: what an editor loaded."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def write_if_unchanged(path: Path, data: bytes, loaded_digest: str | None) -> None:
    """`atomic_write`, but only if the file is still the one whose digest the editor loaded."""
    if content_digest(path) != loaded_digest:
        raise ConflictError(path)
    atomic_write(path, data)


def delete_keeping_backup(path: Path) -> bool:
    """Remove `path`, its last version kept as `.bak` beside it; False when there was no file."""
    if not path.exists():
        return False
    atomic_write(backup_path(path), path.read_bytes(), keep_backup=False)
    path.unlink()
    return True
