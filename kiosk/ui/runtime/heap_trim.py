"""Freed memory handed back to the kernel whenever the screen comes to rest.

Transitions, page visits and count-ups allocate and free full-screen images and glyph caches;
glibc keeps what they freed (80 MiB at 4K after a few slides, see benchmarks/README.md and
`kiosk.system.allocator`). Once an animation has ended and the screen is still, the free heap is
returned: a few milliseconds with nothing moving, never inside a frame.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from kiosk.system.allocator import release_free_heap
from kiosk.ui.style.motion import FrameDriver

# After the last frame of an animation: a slide deleted with `deleteLater()` has gone by then.
SETTLE_MS = 150


class HeapTrimmer(QObject):
    """Releases the allocator's free heap after every animation the driver plays, once it rests."""

    def __init__(self, driver: FrameDriver, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.driver = driver
        self.releases = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.release_if_still)
        driver.rested.connect(lambda: self._timer.start(SETTLE_MS))

    def release_if_still(self) -> None:
        # Something started moving again: its own rest comes soon enough.
        if self.driver.running:
            return
        release_free_heap()
        self.releases += 1
