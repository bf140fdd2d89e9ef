"""Freed memory handed back to the kernel whenever the screen comes to rest.

Transitions, page visits and count-ups allocate and free full-screen images (two 31.6 MiB snapshots
per transition at 4K) and pictures of figure tiles; glibc keeps what they freed (80 MiB at 4K after
a few slides, see benchmarks/README.md and `kiosk.system.allocator`). When the last frame of an
animation has been painted and the screen is still, the free heap is returned: a few milliseconds
outside any frame.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.system.allocator import release_free_heap
from kiosk.ui.style.motion import FrameDriver


class HeapTrimmer(QObject):
    """Releases the allocator's free heap after every animation the driver plays."""

    def __init__(self, driver: FrameDriver, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.releases = 0
        driver.rested.connect(self.release)

    def release(self) -> None:
        release_free_heap()
        self.releases += 1
