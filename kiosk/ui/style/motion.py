"""The frame driver: every animation reads the one clock and ticks only while needed.

The curves animations follow are Qt-free, in `kiosk.timing.easing`."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.clock import Clock

FRAME_INTERVAL_MS = 16


class FrameDriver(QObject):
    """Repaints animating widgets from one timer, stopped whenever nothing moves.

    A resting slide therefore costs no CPU: there is no timer running at all.
    """

    ticked = Signal(float)
    # After the last frame of an animation: the screen is still until something starts again.
    rested = Signal()

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._until = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self._timer.timeout.connect(self.tick)

    def animate_until(self, moment: float) -> None:
        """Keep ticking until the clock reaches `moment`."""
        self._until = max(self._until, moment)
        if not self._timer.isActive():
            self._timer.start()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        """No more frames, whatever was animating: the screen has gone dark."""
        self._until = 0.0
        self._timer.stop()

    def tick(self) -> None:
        now = self.clock.monotonic()
        self.ticked.emit(now)
        if now >= self._until and self._timer.isActive():
            self._timer.stop()
            self.rested.emit()
