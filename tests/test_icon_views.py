"""Icon views and emblems leave nothing behind when they go: the showcase makes them with every slide
it builds, for weeks on end (tests/test_soak.py's long soak found the heap growing by them)."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.showcase.slides import Emblem
from kiosk.ui.style.icons import IconView, registry

VIEWS = 2000
# Each view's connection to the icon registry left about 67 bytes of Python memory behind (and as much
# again of C++ heap). PySide6's own handling of the size-policy enums still keeps up to about 15 bytes
# a view in a test process, falling towards nothing as it is used.
KEPT_BYTES_PER_VIEW = 30


def make_and_destroy(make: Callable[[], QWidget], count: int) -> None:
    for _ in range(count):
        view = make()
        view.deleteLater()
        del view
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.mark.parametrize(
    "make",
    [lambda: IconView("home", "#ffffff"), lambda: Emblem("industry", "#ffffff")],
    ids=["icon view", "emblem"],
)
def test_icon_widgets_made_after_the_icon_font_leave_nothing_behind(
    qapp: QApplication, make: Callable[[], QWidget]
) -> None:
    registry().load()
    make_and_destroy(make, VIEWS)  # what the first views create once (PySide6 fills caches of its own)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        make_and_destroy(make, VIEWS)
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept / VIEWS < KEPT_BYTES_PER_VIEW, f"{kept / VIEWS:.0f} bytes kept per widget gone"
