"""The slide catalogue staff add from: every slide as a real thumbnail with its title."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.content.models import Language
from kiosk.i18n.catalogue import staff_text
from kiosk.playlist.slide_models import StaffSlide
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.widgets import label, touch_list

THUMBNAIL = QSize(240, 135)
ROLE = Qt.ItemDataRole.UserRole


class Catalogue(QWidget):
    """Tap a slide to add it; `chosen` carries its id."""

    chosen = Signal(str)

    def __init__(self, context: StaffContext) -> None:
        super().__init__()
        self.context = context
        self.title = label("section")
        self.slides = touch_list("staff-catalogue")
        self.slides.setViewMode(QListWidget.ViewMode.IconMode)
        self.slides.setIconSize(THUMBNAIL)
        self.slides.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.slides.setMovement(QListWidget.Movement.Static)
        self.slides.setWordWrap(True)
        self.slides.itemClicked.connect(lambda item: self.chosen.emit(item.data(ROLE)))
        self._pending: list[QListWidgetItem] = []
        self._contents: list[tuple[str, StaffSlide | None]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.slides, 1)

    def refresh(self, title: str, language: Language) -> None:
        self.title.setText(title)
        # Staff's own slides come first, marked as theirs; the list is rebuilt when they change.
        staff = self.context.library().staff_slides.slides
        contents: list[tuple[str, StaffSlide | None]] = [
            (slide_id, staff[slide_id]) for slide_id in sorted(staff)
        ]
        contents += [(slide.id, None) for slide in self.context.pack.slides]
        if contents != self._contents:
            self._contents = contents
            self.slides.clear()
            self._pending = []
            for slide_id, _slide in contents:
                entry = QListWidgetItem()
                entry.setData(ROLE, slide_id)
                entry.setSizeHint(QSize(THUMBNAIL.width() + 24, THUMBNAIL.height() + 96))
                self.slides.addItem(entry)
                self._pending.append(entry)
            QTimer.singleShot(0, self, self._next_thumbnail)
        mark = staff_text("staff_made", language)
        for row in range(self.slides.count()):
            entry = self.slides.item(row)
            slide_id = entry.data(ROLE)
            name = self.context.slide_title(slide_id, language)
            entry.setText(f"{name}\n{mark}" if slide_id in staff else name)

    def _next_thumbnail(self) -> None:
        """Thumbnails are real renders of the slides, made one at a time so the panel stays live."""
        if not self._pending or self.context.thumbnail is None:
            return
        entry = self._pending.pop(0)
        try:
            entry.setIcon(QIcon(self.context.thumbnail(entry.data(ROLE))))
        except RuntimeError:
            return
        QTimer.singleShot(0, self, self._next_thumbnail)
