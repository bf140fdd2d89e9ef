"""The touch PIN pad that guards staff mode."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.content.models import ContentPack, Language
from kiosk.i18n.catalogue import staff_text
from kiosk.i18n.keys import StaffKey
from kiosk.i18n.languages import OFFERED_TO_STAFF, endonym, next_language
from kiosk.system.pin import MAX_PIN_DIGITS, PinStore
from kiosk.ui.style import theme


class PinPad(QWidget):
    """Digits, clear, OK and cancel; what was typed shows only as dots."""

    accepted = Signal()
    cancelled = Signal()

    def __init__(self, current_pack: Callable[[], ContentPack], store: PinStore, parent: QWidget) -> None:
        super().__init__(parent)
        # Read on every use: the strings follow a hall's pack switch.
        self.current_pack = current_pack
        self.store = store
        self.language: Language = "zh"
        self.entered = ""
        self._locked_shown = False
        self.title = QLabel()
        self.dots = QLabel()
        self.message = QLabel()
        for label in (self.title, self.dots, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout()
        layout_keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
        for index, key in enumerate(layout_keys):
            button = QPushButton()
            button.setObjectName(f"pin-{key}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, pressed=key: self.press(pressed))
            grid.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("pin-cancel")
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.clicked.connect(self.cancel)
        self.language_button = QPushButton()
        self.language_button.setObjectName("pin-language")
        self.language_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.language_button.clicked.connect(self.toggle_language)
        box = QVBoxLayout()
        box.addWidget(self.title)
        box.addWidget(self.dots)
        box.addWidget(self.message)
        box.addLayout(grid)
        bottom = QHBoxLayout()
        bottom.addWidget(self.language_button)
        bottom.addWidget(self.cancel_button, 1)
        box.addLayout(bottom)
        self.card = QWidget()
        self.card.setLayout(box)
        self.card.setFixedWidth(560)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.card)
        outer.addStretch(1)
        self.hide()

    def text(self, key: StaffKey) -> str:
        return staff_text(key, self.language)

    def toggle_language(self) -> None:
        self.language = next_language(self.language, OFFERED_TO_STAFF)
        self._refresh()
        self.tick()

    def open(self, language: Language, scale: float) -> None:
        self.language = language
        self.entered = ""
        self.message.setText("")
        self._apply(scale)
        self._refresh()
        parent = self.parentWidget()
        assert parent is not None, "the PIN pad covers the window it is made on"
        self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.tick()

    def tick(self) -> None:
        """While locked: the keypad is off and the wait counts down; then it comes back."""
        locked = self.store.locked_for_s()
        for button in self.keys.values():
            button.setEnabled(locked <= 0)
        if locked > 0:
            self._show_locked(locked)
        elif self._locked_shown:
            self._locked_shown = False
            self.message.setText("")

    def press(self, key: str) -> None:
        if key == "clear":
            self.entered = ""
        elif key == "ok":
            self.submit()
            return
        elif len(self.entered) < MAX_PIN_DIGITS:
            self.entered += key
        self._refresh()

    def submit(self) -> None:
        if not self.entered:
            self.message.setText(self.text("pin_empty"))
            return
        result = self.store.check(self.entered)
        self.entered = ""
        self._refresh()
        if result.outcome == "accepted":
            self.hide()
            self.accepted.emit()
        elif result.outcome == "wrong":
            self.message.setText(self.text("pin_wrong").format(tries=result.tries_left))
        elif result.outcome == "locked":
            self.tick()
        else:
            self.message.setText(self.text("not_set_up"))

    def cancel(self) -> None:
        self.entered = ""
        self.hide()
        self.cancelled.emit()

    def _show_locked(self, seconds: float) -> None:
        whole = int(seconds + 0.999)
        self._locked_shown = True
        self.message.setText(self.text("pin_locked").format(minutes=whole // 60, seconds=whole % 60))

    def _refresh(self) -> None:
        self.title.setText(self.text("pin_prompt"))
        self.dots.setText("●" * len(self.entered) or " ")
        self.keys["clear"].setText(self.text("clear"))
        self.keys["ok"].setText(self.text("ok"))
        for digit in "0123456789":
            self.keys[digit].setText(digit)
        self.cancel_button.setText(self.text("cancel"))
        self.language_button.setText(endonym(next_language(self.language, OFFERED_TO_STAFF)))

    def _apply(self, scale: float) -> None:
        def px(value: float) -> int:
            return max(1, round(value * scale))

        self.card.setFixedWidth(px(600))
        self.title.setStyleSheet(f"font-size: {px(theme.SECTION_PX)}px; font-weight: bold;")
        self.dots.setStyleSheet(f"font-size: {px(theme.SECTION_PX)}px; color: {theme.ACCENT};")
        self.message.setStyleSheet(f"font-size: {px(theme.BODY_PX)}px; color: {theme.ACCENT};")
        for button in [*self.keys.values(), self.cancel_button, self.language_button]:
            # In its own style sheet: the application's, made for the first window size, would hold a
            # 4K key to the height of a 1080p one.
            target = px(theme.TOUCH_TARGET_PX + 8)
            button.setMinimumHeight(target)
            button.setStyleSheet(f"font-size: {px(theme.SECTION_PX - 4)}px; min-height: {target}px;")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(QRectF(self.rect()), theme.colour(theme.GROUND_DEEP, 0.94))
        painter.end()
