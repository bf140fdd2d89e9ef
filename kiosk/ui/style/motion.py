"""The frame driver and the grow-in tween: every animation reads the one clock and ticks only while
needed. The curves they follow are Qt-free, in `kiosk.timing.easing`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QWidget

from kiosk.clock import Clock
from kiosk.timing.easing import ease_out_cubic, progress_between

FRAME_INTERVAL_MS = 16


class FrameDriver(QObject):
    """Repaints animating widgets from one timer, stopped whenever nothing moves.

    A resting slide therefore costs no CPU: there is no timer running at all.
    """

    # Every animation moves to the clock's time...
    ticked = Signal(float)
    # ...then the screens repaint what moved. One signal after the other, so a frame never paints
    # an animation where it was the frame before (a chart's tween, connected after the player,
    # moved it only once the player had repainted it).
    frame_due = Signal(float)
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
        self.frame_due.emit(now)
        if now >= self._until and self._timer.isActive():
            self._timer.stop()
            self.rested.emit()


@runtime_checkable
class MovesInPart(Protocol):
    """A widget whose animation changes only part of it (a count-up: its digits)."""

    def moving_rect(self) -> QRect:
        """What the animation changes, in the widget's own coordinates."""
        ...


def moving_region(parts: Iterable[QWidget], target: QWidget) -> QRegion:
    """What a frame repaints, in `target`'s coordinates: of each moving part, the rectangle its
    animation changes, or the whole part. Repainting a whole tile repaints the backgrounds under
    it as well; at 4K that was most of a count-up frame."""
    region = QRegion()
    for part in parts:
        rect = part.moving_rect() if isinstance(part, MovesInPart) else part.rect()
        region += QRect(part.mapTo(target, rect.topLeft()), rect.size())
    return region


class Tween(QObject):
    """A grow-in: progress from 0 to 1 over `duration`, eased, timed by the driver's clock.

    `on_frame` gets the eased progress at the start, on every frame while it grows, and 1.0 at
    the end. With reduced motion it gets 1.0 at once: the final state, nothing moving. Owned by
    the widget it animates (the `parent`), so its frames stop when that widget is gone.
    """

    def __init__(
        self,
        driver: FrameDriver,
        duration: float,
        on_frame: Callable[[float], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.driver = driver
        self.duration = duration
        self._on_frame = on_frame
        self._start: float | None = None
        driver.ticked.connect(self._frame)

    @property
    def running(self) -> bool:
        return self._start is not None

    def start(self, at: float, reduced_motion: bool = False) -> None:
        """Grow from clock time `at` (now, or later for a stagger); at once when motion is reduced."""
        if reduced_motion:
            self.finish()
            return
        self._start = at
        self.driver.animate_until(at + self.duration)
        self._on_frame(self.value())

    def finish(self) -> None:
        """Show the final state now."""
        self._start = None
        self._on_frame(1.0)

    def stop(self) -> None:
        """Forget the growth without drawing anything: the widget is being reset."""
        self._start = None

    def value(self) -> float:
        """The eased progress at this moment on the clock; 1.0 once grown (and the tween rests)."""
        return self._value_at(self.driver.clock.monotonic())

    def _value_at(self, now: float) -> float:
        if self._start is None:
            return 1.0
        # The same test the driver stops its frames by: the last frame always lands the end state.
        if now >= self._start + self.duration:
            self._start = None
            return 1.0
        return ease_out_cubic(progress_between(self._start, self.duration, now))

    def _frame(self, now: float) -> None:
        if self._start is not None:
            self._on_frame(self._value_at(now))
