"""A touch file picker for pictures on a USB stick: the mounted sticks, their folders, and every
picture as a thumbnail. Made for a finger: big tiles, drag to scroll, one level up at a time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.i18n.keys import ImportRefusal, StaffKey
from kiosk.i18n.languages import StaffLanguage
from kiosk.playlist.picture_source import (
    UNSUPPORTED_SUFFIXES,
    ImportRefusedError,
    picture_files,
    removable_roots,
)
from kiosk.ui.authoring.image_import import thumbnail
from kiosk.ui.showcase.kinds import importable_suffixes
from kiosk.ui.staff.widgets import label, touch_button, touch_list
from kiosk.ui.style import icons, theme

TILE = QSize(200, 150)
PATH_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
REFUSAL_ROLE = Qt.ItemDataRole.UserRole + 2
# Under a tile the picker cannot use: why, in a few words (tapping it says the whole sentence).
UNUSABLE_LABELS: dict[ImportRefusal, StaffKey] = {"heic": "picker_heic", "gif": "picker_gif"}


class PicturePicker(QWidget):
    """`picked` carries the chosen picture; `closed` means staff went back without one."""

    picked = Signal(Path)
    closed = Signal()

    def __init__(
        self,
        roots: Callable[[], list[str]],
        text: Callable[[StaffKey], str],
        language: Callable[[], StaffLanguage],
    ) -> None:
        super().__init__()
        self._language = language
        self.setObjectName("staff-picker")
        self._roots = roots
        self._text = text
        self.folder: Path | None = None
        self.top_folders: list[Path] = []
        self.title = label("section", wrap=True)
        self.message = label("message", wrap=True)
        self.message.setObjectName("staff-picker-message")
        self.tiles = touch_list("staff-picker-list")
        self.tiles.setViewMode(QListWidget.ViewMode.IconMode)
        self.tiles.setIconSize(TILE)
        # Room under each picture for its whole name and, for one it cannot use, the reason.
        self.tiles.setGridSize(QSize(TILE.width() + 40, TILE.height() + 170))
        self.tiles.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tiles.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.tiles.setMovement(QListWidget.Movement.Static)
        self.tiles.setWordWrap(True)
        self.tiles.itemClicked.connect(self._tapped)
        self.up_button = touch_button("staff-picker-up")
        self.back_button = touch_button("staff-picker-close")
        self.up_button.clicked.connect(self.up)
        self.back_button.clicked.connect(self.closed.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tiles, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._pending: list[QListWidgetItem] = []

    def open(self) -> None:
        """Start at the mounted sticks (or inside the only one)."""
        self.top_folders = removable_roots(self._roots())
        self.message.setText("")
        self.show_folder(self.top_folders[0] if len(self.top_folders) == 1 else None)

    def show_folder(self, folder: Path | None) -> None:
        self.folder = folder
        self.tiles.clear()
        self._pending = []
        self.up_button.setText(self._text("picker_up"))
        self.back_button.setText(self._text("picker_close"))
        self.up_button.setEnabled(
            folder is not None and (folder not in self.top_folders or len(self.top_folders) > 1)
        )
        if folder is None:
            self.title.setText(self._text("picker_sticks"))
            if not self.top_folders:
                self.message.setText(self._text("picker_no_stick").format(roots="、".join(self._roots())))
            for root in self.top_folders:
                self._add(root, "folder", root.name or str(root))
            return
        self.title.setText(self._text("picker_in").format(folder=self._where(folder)))
        try:
            folders = sorted(
                (entry for entry in folder.iterdir() if entry.is_dir() and not entry.name.startswith(".")),
                key=lambda entry: entry.name.lower(),
            )
        except OSError:
            self.message.setText(self._text("picker_gone").format(folder=folder.name))
            folders = []
        for sub in folders:
            self._add(sub, "folder", sub.name)
        # Pictures it cannot use are listed too, each saying why.
        pictures = picture_files(folder, (*importable_suffixes(), *UNSUPPORTED_SUFFIXES))
        for picture in pictures:
            self._pending.append(self._add(picture, "picture", picture.name))
        if not folders and not pictures:
            self.message.setText(self._text("picker_empty"))
        QTimer.singleShot(0, self, self._next_thumbnail)

    def _where(self, folder: Path) -> str:
        """The folder as staff see it: the stick's name and the folders in it, not the mount path."""
        for root in self.top_folders:
            if folder == root or root in folder.parents:
                return " › ".join((root.name or str(root), *folder.relative_to(root).parts))
        return folder.name

    def _add(self, path: Path, kind: str, name: str) -> QListWidgetItem:
        entry = QListWidgetItem(name)
        entry.setData(PATH_ROLE, str(path))
        entry.setData(KIND_ROLE, kind)
        if kind == "folder":
            entry.setIcon(icons.icon("folder", theme.ACCENT))
        self.tiles.addItem(entry)
        return entry

    def _next_thumbnail(self) -> None:
        """One thumbnail per turn of the event loop, so a stick of big photos never freezes the page."""
        if not self._pending:
            return
        entry = self._pending.pop(0)
        try:
            path = Path(entry.data(PATH_ROLE))
            try:
                entry.setIcon(QIcon(QPixmap.fromImage(thumbnail(path))))
            except ImportRefusedError as refusal:
                entry.setIcon(icons.icon("broken_picture", theme.TEXT_MUTED))
                reason = self._text(UNUSABLE_LABELS.get(refusal.key, "picker_unusable"))
                entry.setText(f"{entry.text()}\n{reason}")
                entry.setData(REFUSAL_ROLE, refusal)
        except RuntimeError:
            return  # the list was rebuilt meanwhile
        QTimer.singleShot(0, self, self._next_thumbnail)

    def _tapped(self, entry: QListWidgetItem) -> None:
        path = Path(entry.data(PATH_ROLE))
        refusal = entry.data(REFUSAL_ROLE)
        if entry.data(KIND_ROLE) == "folder":
            self.show_folder(path)
        elif isinstance(refusal, ImportRefusedError):
            self.say(refusal.text(self._language()))  # the whole sentence: why, and what to do
        else:
            self.picked.emit(path)

    def up(self) -> None:
        if self.folder is None:
            return
        self.show_folder(None if self.folder in self.top_folders else self.folder.parent)

    def say(self, message: str) -> None:
        self.message.setText(message)
