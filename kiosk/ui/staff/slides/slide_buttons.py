"""The ways to make a staff slide: from a template, from a picture, as a copy; and to delete one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.i18n.keys import StaffKey
from kiosk.playlist.slide_models import TEMPLATES, Template
from kiosk.ui.staff.widgets import touch_button

# What each template's "new" button says.
NEW_BUTTONS: dict[Template, StaffKey] = {
    "welcome": "new_welcome",
    "notice": "new_notice",
    "closing": "new_closing",
}


class SlideMakingButtons(QWidget):
    """Two columns of buttons under the list of slides. `new_text` carries the template chosen."""

    new_text = Signal(str)
    import_picture = Signal()
    duplicate = Signal()
    delete = Signal()

    def __init__(self, text: Callable[[StaffKey], str]) -> None:
        super().__init__()
        self._text = text
        self.new_buttons = {template: touch_button(f"staff-slide-new-{template}") for template in TEMPLATES}
        for template, button in self.new_buttons.items():
            button.clicked.connect(lambda _checked=False, chosen=template: self.new_text.emit(chosen))
        self.import_button = touch_button("staff-slide-import")
        self.import_button.clicked.connect(self.import_picture.emit)
        self.duplicate_button = touch_button("staff-slide-duplicate")
        self.delete_button = touch_button("staff-slide-delete")
        self.duplicate_button.clicked.connect(self.duplicate.emit)
        self.delete_button.clicked.connect(self.delete.emit)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, button in enumerate([*self.new_buttons.values(), self.import_button]):
            grid.addWidget(button, index // 2, index % 2)
        grid.addWidget(self.duplicate_button, 2, 0)
        grid.addWidget(self.delete_button, 2, 1)

    def retranslate(self) -> None:
        for template, button in self.new_buttons.items():
            button.setText(self._text(NEW_BUTTONS[template]))
        self.import_button.setText(self._text("import"))
        self.duplicate_button.setText(self._text("duplicate"))
        self.delete_button.setText(self._text("delete"))

    def allow(self, duplicate: bool, delete: bool) -> None:
        self.duplicate_button.setEnabled(duplicate)
        self.delete_button.setEnabled(delete)
