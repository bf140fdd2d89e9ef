"""The controls for the playlist item staff selected: order, time, transition, on/off, remove."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.content.models import Language
from kiosk.i18n.catalogue import staff_text, transition_name
from kiosk.playlist.models import MAX_DURATION_S, MIN_DURATION_S, Playlist
from kiosk.ui.staff.widgets import Stepper, touch_button


class ItemControls(QWidget):
    """Buttons call `act(action, argument)`: move ±1, duration ±1, transition, toggle, remove."""

    def __init__(self, act: Callable[[str, int], None]) -> None:
        super().__init__()
        self.up_button = touch_button("staff-up")
        self.down_button = touch_button("staff-down")
        self.duration = Stepper("staff-duration", lambda step: act("duration", step))
        self.transition_button = touch_button("staff-transition")
        self.enabled_button = touch_button("staff-enabled")
        self.remove_button = touch_button("staff-remove")
        self.up_button.clicked.connect(lambda: act("move", -1))
        self.down_button.clicked.connect(lambda: act("move", 1))
        self.transition_button.clicked.connect(lambda: act("transition", 0))
        self.enabled_button.clicked.connect(lambda: act("toggle", 0))
        self.remove_button.clicked.connect(lambda: act("remove", 0))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.up_button, 0, 0)
        grid.addWidget(self.down_button, 0, 1)
        grid.addWidget(self.duration, 0, 2, 1, 2)
        grid.addWidget(self.transition_button, 1, 0)
        grid.addWidget(self.enabled_button, 1, 1)
        grid.addWidget(self.remove_button, 1, 2, 1, 2)

    def show_item(self, playlist: Playlist | None, row: int, language: Language) -> None:
        self.up_button.setText(staff_text("move_up", language))
        self.down_button.setText(staff_text("move_down", language))
        self.remove_button.setText(staff_text("remove", language))
        has_item = playlist is not None and 0 <= row < len(playlist.items)
        for button in (self.transition_button, self.enabled_button, self.remove_button):
            button.setEnabled(has_item)
        if playlist is None or not has_item:
            self.up_button.setEnabled(False)
            self.down_button.setEnabled(False)
            self.duration.show_value("", False, False)
            self.transition_button.setText(transition_name("fade", language))
            self.enabled_button.setText(staff_text("enabled", language))
            return
        item = playlist.items[row]
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(row < len(playlist.items) - 1)
        self.duration.show_value(
            staff_text("seconds", language).format(seconds=f"{item.duration_s:g}"),
            item.duration_s > MIN_DURATION_S,
            item.duration_s < MAX_DURATION_S,
        )
        self.transition_button.setText(transition_name(item.transition, language))
        self.enabled_button.setText(staff_text("enabled" if item.enabled else "disabled", language))
