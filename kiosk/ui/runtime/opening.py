"""Opening hours on screen: black and switched off while the hall is closed, a touch wakes it.

While closed nothing moves: the showcase and its frame driver stop, the visit (if any) ends, a
black page covers the window and paints once, and the display-off command runs once. The only
timer left is the one that wakes the guard at the next opening (re-checked at least hourly, in
case the wall clock is set). A touch on the black screen wakes the kiosk for `wake_minutes`
after the last touch, with a small "闭馆时间 · Closed" note; the staff gesture works as always. The
systemd watchdog is not touched: its pings go on while the screen is dark.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.clock import Clock
from kiosk.opening_hours import OpeningHours, is_open, next_change
from kiosk.system.display import DisplaySwitch
from kiosk.ui.runtime.input_router import Route
from kiosk.ui.runtime.screen import Screen
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.style import theme

log = logging.getLogger(__name__)

# Both languages at once: a visitor waking a closed kiosk has not chosen one.
CLOSED_NOTE = "闭馆时间 · Closed"
RECHECK_S = 3600.0
State = Literal["open", "dark", "woken"]

_WAKING_EVENTS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})


class DarkScreen(QWidget):
    """Black, with no animation; counts its paints so a test can see that none happen."""

    touched = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("DarkScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        self.paints += 1
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() in _WAKING_EVENTS:
            event.accept()
            self.touched.emit()
            return True
        return super().event(event)


class ClosedNote(QLabel):
    """The small pill at the top of a woken kiosk."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(CLOSED_NOTE, parent)
        self.setObjectName("ClosedNote")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hide()

    def place(self) -> None:
        parent = self.parentWidget()
        assert parent is not None, "made with the shell as its parent"
        metrics = theme.Metrics.for_size(parent.size())
        self.setStyleSheet(
            f"background: {theme.SURFACE_RAISED}; color: {theme.TEXT};"
            f" border: 1px solid {theme.HAIRLINE}; border-radius: {metrics.px(28)}px;"
            f" font-size: {metrics.px(theme.CAPTION_PX + 4)}px;"
            f" padding: {metrics.px(10)}px {metrics.px(32)}px;"
        )
        self.adjustSize()
        self.move((parent.width() - self.width()) // 2, metrics.px(theme.GAP_PX))
        self.raise_()


class OpeningHoursGuard(QObject):
    """Keeps the kiosk to the hall's opening hours."""

    state_changed = Signal(str)
    # Emitted just before the screen goes dark, while the visit and the slide are still on.
    closing = Signal()

    def __init__(
        self,
        shell: ShellWindow,
        hours: OpeningHours,
        clock: Clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or shell)
        self.shell = shell
        self.clock = clock
        self.hours = hours
        self.display = DisplaySwitch(hours.display_off_command, hours.display_on_command)
        self.display.check()
        self.state: State = "open"
        self.last_touch = clock.monotonic()
        self.dark = DarkScreen()
        self.dark.touched.connect(self.wake)
        shell.screens.use_dark_screen(self.dark)
        self.note = ClosedNote(shell)
        shell.input.attach(Route.OPENING_HOURS, self.touch_input)
        shell.screens.layers_above.append(self.note)
        shell.screens.changed.connect(self._screen_changed)
        # Whether staff are in staff mode, the panel aside included (set when staff mode is attached):
        # the hall goes dark only after they leave, never over the panel with their unsaved edits.
        self.staff_in: Callable[[], bool] = lambda: False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)

    # State ---------------------------------------------------------------------------------

    def set_hours(self, hours: OpeningHours) -> None:
        """New settings (staff save, SIGHUP): take effect now."""
        self.hours = hours
        display = DisplaySwitch(hours.display_off_command, hours.display_on_command)
        if (display.off_command, display.on_command) != (self.display.off_command, self.display.on_command):
            self.display.wait()
            self.display = display
            self.display.check()
        self.check()

    def check(self) -> None:
        """Look at the clock; called by the timer, at start, and by tests after moving the clock."""
        now = self.clock.now()
        if is_open(self.hours, now):
            if self.state != "open":
                self._open()
        elif self.staff_in() or not self.shell.screens.may_go_dark():
            pass  # checked again when staff leave
        elif self.state == "open":
            self._go_dark("the hall is closed")
        elif self.state == "woken" and self._wake_left_s() <= 0:
            self._go_dark("no touch for a while after hours")
        self._schedule(now)

    def wake(self) -> None:
        """A touch on the black screen: the show for `wake_minutes`, with the closed note."""
        if self.state != "dark":
            return
        self.last_touch = self.clock.monotonic()
        self._set_state("woken", f"woken by a touch for {self.hours.wake_minutes} min")
        self.display.switch(on=True)
        self.shell.screens.wake()
        self.note.place()
        self.note.show()
        self._schedule(self.clock.now())

    def _screen_changed(self, old: str, new: str) -> None:
        """The hall's emergency message lights a dark screen; when it ends, the hours apply again."""
        if new == Screen.EMERGENCY and self.state == "dark":
            self.display.switch(on=True)
        elif old == Screen.EMERGENCY and new == Screen.DARK:
            self.display.switch(on=False)
        elif old == Screen.EMERGENCY:
            self.check()

    def _open(self) -> None:
        was_dark = self.state == "dark"
        self.note.hide()
        self._set_state("open", "the hall is open")
        self.shell.screens.hall_opened()
        if was_dark:
            self.display.switch(on=True)

    def _go_dark(self, reason: str) -> None:
        self.closing.emit()
        self.note.hide()
        self.shell.screens.go_dark()
        self._set_state("dark", reason)
        self.display.switch(on=False)

    def _set_state(self, state: State, reason: str) -> None:
        self.state = state
        log.info("opening hours: %s (%s)", state, reason)
        self.state_changed.emit(state)

    def _wake_left_s(self) -> float:
        return self.hours.wake_minutes * 60.0 - (self.clock.monotonic() - self.last_touch)

    def _schedule(self, now: dt.datetime) -> None:
        wait_s = RECHECK_S
        change = next_change(self.hours, now)
        if change is not None:
            wait_s = min(wait_s, (change - now).total_seconds())
        if self.state == "woken":
            wait_s = min(wait_s, self._wake_left_s())
        self._timer.start(max(0, round(wait_s * 1000)))

    # Touches while woken --------------------------------------------------------------------

    def touch_input(self, watched: QObject, event: QEvent) -> bool:
        """From the shell's input router: any touch keeps a woken kiosk awake; it goes on as usual."""
        if self.state == "woken" and event.type() in _WAKING_EVENTS:
            self.last_touch = self.clock.monotonic()
        return False
