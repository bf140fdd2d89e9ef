"""Staff's own slides in a touch list: by title, each with its kind, and a thumbnail of how it plays."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from kiosk.content.models import Language
from kiosk.i18n.keys import StaffKey
from kiosk.playlist.slide_models import StaffSlide
from kiosk.playlist.staff_slides import staff_slide_title
from kiosk.ui.showcase.kinds import kind_of
from kiosk.ui.staff.widgets import touch_list

ROLE = Qt.ItemDataRole.UserRole
LIST_THUMBNAIL = QSize(160, 90)


def kind_label(slide: StaffSlide, text: Callable[[StaffKey], str]) -> str:
    key = kind_of(slide).label_key(slide)
    return text(key) if key is not None else slide.id


class SlideList(QListWidget):
    """`chosen` carries the id of the slide staff tapped. Thumbnails come one per turn of the event
    loop, so a long list never holds up the page."""

    chosen = Signal(str)

    def __init__(self, thumbnail: Callable[[str], QPixmap] | None) -> None:
        super().__init__()
        touch_list("staff-slide-list", self)
        self.setIconSize(LIST_THUMBNAIL)
        # Two slides at least stay in view in portrait, where the columns stack.
        self.setMinimumHeight(2 * (LIST_THUMBNAIL.height() + 28) + 16)
        self.itemClicked.connect(self._clicked)
        self._thumbnail = thumbnail
        self._waiting: list[QListWidgetItem] = []

    def _clicked(self, item: QListWidgetItem) -> None:
        slide_id = item.data(ROLE)
        if slide_id:
            self.chosen.emit(slide_id)

    def fill(
        self,
        staff: dict[str, StaffSlide],
        current: str | None,
        language: Language,
        text: Callable[[StaffKey], str],
        unsaved: StaffSlide | None = None,
    ) -> None:
        """The saved slides by title; `unsaved`, a slide being made and not saved yet, first."""
        self.clear()
        self._waiting = []
        if unsaved is not None:
            making = QListWidgetItem(f"{kind_label(unsaved, text)}\n{text('unsaved_slide')}")
            making.setSizeHint(QSize(0, LIST_THUMBNAIL.height() + 28))
            making.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(making)
        for slide_id in sorted(staff, key=lambda key: staff_slide_title(staff[key], language)):
            slide = staff[slide_id]
            item = QListWidgetItem(f"{staff_slide_title(slide, language)}\n{kind_label(slide, text)}")
            item.setData(ROLE, slide_id)
            item.setSizeHint(QSize(0, LIST_THUMBNAIL.height() + 28))
            self.addItem(item)
            self._waiting.append(item)
            if slide_id == current:
                self.setCurrentItem(item)
        if not staff and unsaved is None:
            empty = QListWidgetItem(text("no_slides"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(empty)
        self.setWordWrap(True)
        QTimer.singleShot(0, self, self._next_thumbnail)

    def _next_thumbnail(self) -> None:
        if not self._waiting or self._thumbnail is None:
            return
        item = self._waiting.pop(0)
        try:
            item.setIcon(QIcon(self._thumbnail(item.data(ROLE)).scaled(LIST_THUMBNAIL)))
        except RuntimeError:
            return
        QTimer.singleShot(0, self, self._next_thumbnail)
