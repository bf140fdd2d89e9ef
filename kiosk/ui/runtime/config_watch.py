"""Watches the config dir so a playlist, schedule or settings file copied in by a technician
applies without a restart. Editors save by writing a new file and renaming it over the old one,
which drops a file watch, so every change re-arms the watch on whatever is there now."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.fleet.layout import CONTENT_DIR, KIOSKS_DIR, MEDIA_DIR, SLIDES_DIR, resolve_fleet
from kiosk.playlist.store import PLAYLISTS_DIR

SETTLE_MS = 300


class ConfigWatcher(QObject):
    """Emits `changed` once a burst of file events in the config dir has settled."""

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
        self._arm()

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
        wanted = [str(folder) for folder in folders]
        wanted += [str(path) for folder in folders for path in sorted(folder.glob("*.json"))]
        missing = [path for path in wanted if path not in self.watcher.files() + self.watcher.directories()]
        if missing:
            self.watcher.addPaths(missing)

    def _settled(self) -> None:
        self._arm()
        self.changed.emit()
