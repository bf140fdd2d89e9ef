"""Kiosk-mode lockdown, app-wide: no context menus, and no mouse cursor over a touchscreen.

Attached to the shell window's input router in kiosk mode only; `kiosk run --windowed` keeps a
desktop's normal behaviour. Escape, Alt+F4 and close requests are refused by the window itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QInputDevice, QMouseEvent

from kiosk.clock import Clock

CURSOR_HIDE_AFTER_S = 3.0
CURSOR_POLL_MS = 500


class CursorHider(QObject):
    """Hides the mouse cursor after 3 s without mouse movement, and shows it again when a mouse moves.

    A touchscreen moves no cursor, so after start-up (and after a technician's mouse rests) the arrow
    disappears from the exhibit. Mouse events Qt synthesises from touches do not bring it back. The
    poll timer runs only while the cursor is visible: a resting kiosk wakes for nothing.
    """

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        # Shared with the `destroyed` handler, which must not touch this object: a window torn down
        # without an orderly close still gives the cursor back.
        self._state = {"hidden": False}
        self.destroyed.connect(lambda _object=None, state=self._state: _restore_if_hidden(state))
        self.last_movement = clock.monotonic()
        self._last_position: QPointF | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CURSOR_POLL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def hidden(self) -> bool:
        return self._state["hidden"]

    def check(self) -> None:
        """Called by the timer, and by tests after moving the clock."""
        if self.hidden or self.clock.monotonic() - self.last_movement < CURSOR_HIDE_AFTER_S:
            return
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        self._state["hidden"] = True
        self._timer.stop()

    def moved(self) -> None:
        self.last_movement = self.clock.monotonic()
        _restore_if_hidden(self._state)
        if not self._timer.isActive():
            self._timer.start()

    def release(self) -> None:
        """Stop, and give the cursor back."""
        self._timer.stop()
        _restore_if_hidden(self._state)

    def mouse_event(self, event: QMouseEvent) -> None:
        if event.device().type() != QInputDevice.DeviceType.Mouse:
            return  # synthesised from a touch: a finger, not a mouse
        position = event.globalPosition()
        if position == self._last_position:
            return  # Qt repeats the last position on enter and show; only a real move counts
        self._last_position = position
        self.moved()


def _restore_if_hidden(state: dict[str, bool]) -> None:
    if state["hidden"]:
        state["hidden"] = False
        if QGuiApplication.instance() is not None:
            QGuiApplication.restoreOverrideCursor()


class Lockdown(QObject):
    """Kiosk mode's input handler: eats context menus, watches the mouse for the cursor."""

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cursor = CursorHider(clock, self)

    def handle_input(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            event.accept()
            return True
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self.cursor.mouse_event(event)
        return False
