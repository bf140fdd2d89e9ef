"""The PIN page: change the staff PIN on the device: the current PIN, then the new one twice."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout

from kiosk.i18n.keys import StaffKey
from kiosk.system.pin import MAX_PIN_DIGITS, MIN_PIN_DIGITS, PinError
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.widgets import StaffPage, label, touch_button

log = logging.getLogger(__name__)

STAGES: tuple[StaffKey, ...] = ("pin_old", "pin_new", "pin_again")


class PinPage(StaffPage):
    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.entries: list[str] = []
        self.typed = ""
        self.prompt = label("section")
        self.dots = label("dots")
        self.message = label("message", wrap=True)
        self.message.setObjectName("staff-pin-message")
        for widget in (self.prompt, self.dots, self.message):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for index, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]):
            button = touch_button(f"staff-pin-{key}")
            button.clicked.connect(lambda _c=False, pressed=key: self.press(pressed))
            grid.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        column = QVBoxLayout()
        column.addWidget(self.prompt)
        column.addWidget(self.dots)
        column.addWidget(self.message)
        column.addLayout(grid)
        column.addStretch(1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addLayout(column, 2)
        centred.addStretch(1)
        self.body.addLayout(centred, 1)

    def title_text(self) -> str:
        return self.text("change_pin")

    def dirty(self) -> bool:
        return bool(self.entries or self.typed)

    def discard(self) -> None:
        self.entries, self.typed = [], ""
        self.refresh()

    def press(self, key: str) -> None:
        if key == "clear":
            self.typed = ""
        elif key == "ok":
            self.submit()
            return
        elif len(self.typed) < MAX_PIN_DIGITS:
            self.typed += key
        self.refresh()

    def submit(self) -> None:
        if not self.typed:
            self.message.setText(self.text("pin_empty"))
            return
        if len(self.entries) >= 1 and not MIN_PIN_DIGITS <= len(self.typed) <= MAX_PIN_DIGITS:
            self.message.setText(self.text("pin_format"))
            self.typed = ""
            self.refresh()
            return
        self.entries.append(self.typed)
        self.typed = ""
        self.message.setText("")
        if len(self.entries) == len(STAGES):
            self._finish(*self.entries)
        self.refresh()

    def _finish(self, old: str, new: str, again: str) -> None:
        self.entries = []
        if new != again:
            self.entries = [old]
            self.message.setText(self.text("pin_mismatch"))
            return
        store = self.context.pins
        if store is None:
            return
        try:
            result = store.change_pin(old, new)
        except PinError:
            self.message.setText(self.text("pin_format"))
            return
        if result.outcome == "accepted":
            self.message.setText(self.text("pin_changed"))
        elif result.outcome == "locked":
            whole = int(result.locked_for_s + 0.999)
            self.message.setText(self.text("pin_locked").format(minutes=whole // 60, seconds=whole % 60))
        else:
            self.message.setText(self.text("pin_bad_old"))

    def refresh(self) -> None:
        super().refresh()
        self.prompt.setText(self.text(STAGES[min(len(self.entries), len(STAGES) - 1)]))
        self.dots.setText("●" * len(self.typed) or " ")
        self.keys["clear"].setText(self.text("clear"))
        self.keys["ok"].setText(self.text("ok"))
        for digit in "0123456789":
            self.keys[digit].setText(digit)
