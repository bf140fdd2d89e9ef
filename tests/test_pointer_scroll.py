"""A pointer scrolls a visitor page by dragging, as a finger does: many large infrared touch frames
report as a mouse, and "Swipe up for more" must hold for them too. A pointer's click still clicks."""

from __future__ import annotations

import pytest
from kiosk_factory import KioskUnderTest, MakeKiosk
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScroller
from pytestqt.qtbot import QtBot

from kiosk.ui.visitor.pages.page import Page
from kiosk.ui.visitor.pages.topic import TopicPage

SIZES = [QSize(1920, 1080), QSize(1080, 1920)]


def open_page(kiosk: KioskUnderTest, page_id: str) -> Page:
    kiosk.tap(kiosk.shell.player)
    assert kiosk.shell.visitor.navigate(page_id)
    kiosk.advance(1.0)
    page = kiosk.shell.visitor.page(page_id)
    assert isinstance(page, Page)
    return page


def pointer_drag(qtbot: QtBot, kiosk: KioskUnderTest, start: QPoint, dy: int, steps: int = 8) -> int:
    """A pressed pointer moves `dy` pixels up from `start` (window pixels) and lets go; returns how
    far the page scrolled while the pointer held it.

    Qt's scroller moves the content on its own frame timer, in real time: the test waits (at most
    two seconds) for that frame rather than for any animation of the kiosk's."""
    handle = kiosk.shell.windowHandle()
    assert handle is not None
    page = kiosk.shell.visitor.stack.currentWidget()
    assert isinstance(page, Page)
    bar = page.scroll_area.verticalScrollBar()
    before = bar.value()
    QTest.mouseMove(handle, start)
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QApplication.processEvents()
    for step in range(1, steps + 1):
        QTest.mouseMove(handle, start - QPoint(0, dy * step // steps))
        QApplication.processEvents()
    qtbot.waitUntil(lambda: bar.value() != before, timeout=2000)
    moved = bar.value() - before
    QTest.mouseRelease(
        handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start - QPoint(0, dy)
    )
    QApplication.processEvents()
    QScroller.scroller(page.scroll_area.viewport()).stop()  # the flick's glide ends here
    return moved


@pytest.mark.parametrize("size", SIZES, ids=["landscape", "portrait"])
def test_a_pointer_drag_scrolls_a_page_and_hides_the_more_below_hint(
    qtbot: QtBot, make_kiosk: MakeKiosk, size: QSize
) -> None:
    kiosk = make_kiosk(size=size)
    page = open_page(kiosk, "industry")
    bar = page.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0, "the page goes on below the fold"
    assert page.more_below.isVisible()
    middle = kiosk.at(page.scroll_area.viewport())
    assert pointer_drag(qtbot, kiosk, middle, dy=size.height() // 3) > 0, "the page follows the pointer"
    assert not page.more_below.isVisible(), "the hint goes once the visitor scrolls"
    assert kiosk.shell.showing_visitor_pages() and kiosk.shell.visitor.current_page_id() == "industry"


def test_a_drag_that_starts_on_a_button_does_not_click_it_and_a_click_does(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    kiosk = make_kiosk()
    page = open_page(kiosk, "innovation")
    assert isinstance(page, TopicPage)
    carousel = page.carousel
    assert carousel is not None
    page.scroll_area.ensureWidgetVisible(carousel.next_button)
    QApplication.processEvents()
    bar = page.scroll_area.verticalScrollBar()
    start = kiosk.at(carousel.next_button)
    moved = pointer_drag(qtbot, kiosk, start, dy=-200 if bar.value() > 0 else 200)
    kiosk.advance(0.5)
    assert moved != 0, "the drag scrolled the page"
    assert carousel.index == 0, "the button under the press was not clicked"
    assert not carousel.next_button.isDown()
    page.scroll_area.ensureWidgetVisible(carousel.next_button)
    kiosk.click(carousel.next_button)
    kiosk.advance(1.0)
    assert carousel.index == 1, "a pointer's click still clicks"
