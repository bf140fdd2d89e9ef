"""The staff time-out's last 20 seconds: a bar over the panel counts down and offers to keep editing.

The gate decides when it shows (its idle timer is counting down); any staff touch anywhere keeps
editing, the bar's button only makes that plain."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.i18n.catalogue import staff_text
from kiosk.i18n.keys import StaffKey
from kiosk.i18n.languages import StaffLanguage as Language
from kiosk.ui.staff.widgets import label, touch_button
from kiosk.ui.style import theme

BAR_WIDTH_PX = 1400  # reference px; never wider than the panel's margins allow


class TimeoutBar(QWidget):
    """ "Keep editing?" with the seconds left; a child of the panel, floating at its foot."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("staff-timeout")
        self.setProperty("staffRole", "question")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.message = label("unsaved", wrap=True)
        self.message.setObjectName("staff-timeout-message")
        self.keep = touch_button("staff-timeout-keep")
        self.keep.setProperty("staffRole", "primary")
        self.row = QHBoxLayout(self)
        self.row.addWidget(self.message, 1)
        self.row.addWidget(self.keep)
        self.hide()

    def show_left(self, seconds: int, unsaved: bool, language: Language) -> None:
        key: StaffKey = "timeout_unsaved" if unsaved else "timeout_saved"
        self.message.setText(staff_text(key, language).format(seconds=seconds))
        self.keep.setText(staff_text("keep_editing", language))
        parent = self.parentWidget()
        assert parent is not None, "the bar floats over the panel"
        metrics = theme.Metrics.for_size(parent.size())
        margin = metrics.px(theme.GAP_PX)
        padding = metrics.px(theme.GAP_PX / 2)
        self.row.setContentsMargins(padding, padding, padding, padding)
        width = min(metrics.px(BAR_WIDTH_PX), parent.width() - 2 * margin)
        self.setFixedWidth(width)
        self.adjustSize()
        self.move((parent.width() - width) // 2, parent.height() - self.height() - margin)
        self.show()
        self.raise_()
