"""Watches the config dir so a playlist, schedule or settings file copied in by a technician
applies without a restart. Editors save by writing a new file and renaming it over the old one,
which drops a file watch, so every change re-arms the watch on whatever is there now."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.fleet.layout import CONTENT_DIR, KIOSKS_DIR, MEDIA_DIR, PLAYLISTS_DIR, SLIDES_DIR, resolve_fleet

SETTLE_MS = 300


Fingerprint = frozenset[tuple[str, int, int]]


class ConfigWatcher(QObject):
    """Emits `changed` once a burst of file events in the config dir has settled, unless the files
    are as they were when the kiosk last read them (its own save, already applied)."""

    changed = Signal()

    def __init__(self, config_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config_dir = config_dir
        self.watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self.watcher.directoryChanged.connect(lambda _path: self._settle.start())
        self.watcher.fileChanged.connect(lambda _path: self._settle.start())
        self._folders: list[Path] = []
        self._arm()
        self._read: Fingerprint = self._fingerprint()

    def _arm(self) -> None:
        playlists = self.config_dir / PLAYLISTS_DIR
        try:
            playlists.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        # Directories, so a file renamed into place (Syncthing, editors) is seen; files, so one
        # overwritten in place is. The hall's layers are watched too, as far as they exist.
        fleet = resolve_fleet(self.config_dir)
        folders = [self.config_dir, playlists]
        if fleet.hall_dir is not None:
            folders.append(fleet.hall_dir / KIOSKS_DIR)
        for layer in fleet.layers():
            folders += [layer.directory, layer.directory / PLAYLISTS_DIR, layer.directory / CONTENT_DIR]
            folders += [layer.directory / SLIDES_DIR, layer.directory / MEDIA_DIR]
        folders = [folder for folder in dict.fromkeys(folders) if folder.is_dir()]
        self._folders = folders
        wanted = [str(folder) for folder in folders]
        wanted += [str(path) for folder in folders for path in sorted(folder.glob("*.json"))]
        missing = [path for path in wanted if path not in self.watcher.files() + self.watcher.directories()]
        if missing:
            self.watcher.addPaths(missing)

    def _fingerprint(self) -> Fingerprint:
        """Every file in the watched folders, by name, modification time and size."""
        seen: set[tuple[str, int, int]] = set()
        for folder in self._folders:
            try:
                for path in folder.iterdir():
                    status = path.stat()
                    seen.add((str(path), status.st_mtime_ns, status.st_size))
            except OSError:
                continue  # a folder or file going away mid-look: the next event looks again
        return frozenset(seen)

    def mark_read(self) -> None:
        """The kiosk has just read the config dir (a staff save applied): these files are known."""
        self._arm()
        self._read = self._fingerprint()

    def _settled(self) -> None:
        self._arm()
        current = self._fingerprint()
        if current == self._read:
            return
        self._read = current
        self.changed.emit()
