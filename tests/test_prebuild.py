"""Visitor pages built ahead while the showcase rests: never before the first frame, never while
something moves or a visitor is there, one page at a time; a first visit then opens the page built."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from kiosk_harness import close_shell
from PySide6.QtCore import QPoint, QSize
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.clock import ManualClock
from kiosk.content.models import VISITOR_TOPICS
from kiosk.settings import Settings
from kiosk.ui.runtime.prebuild import PagePrebuilder
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.runtime.startup import Runtime, build_kiosk
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.visitor.pages.hub import HubPage
from kiosk.ui.visitor.view import PAGE_IDS

DEVICE = QTest.createTouchDevice()


def build(runtime: Runtime, display_only: bool = False) -> tuple[ShellWindow, ManualClock, PagePrebuilder]:
    clock = ManualClock(start=dt.datetime(2024, 3, 1, 12, 0))
    settings = Settings(display_only=display_only)
    shell = build_kiosk(runtime, clock, None, settings, kiosk_mode=False, forced_playlist="short")
    prebuilder = PagePrebuilder(shell)
    shell.resize(QSize(1920, 1080))
    return shell, clock, prebuilder


@pytest.fixture
def kiosk(qapp: QApplication, runtime: Runtime) -> Iterator[tuple[ShellWindow, ManualClock, PagePrebuilder]]:
    shell, clock, prebuilder = build(runtime)
    yield shell, clock, prebuilder
    close_shell(shell)


def show_first_frame(shell: ShellWindow) -> None:
    shell.show()
    shell.player.start()
    shell.repaint()
    # The first-frame signal is queued behind the paint.
    QApplication.processEvents()


def settle(shell: ShellWindow, clock: ManualClock) -> None:
    """Time passes until the slide on screen has landed: nothing moves."""
    for _ in range(8):
        clock.advance(0.5)
        shell.player.context.driver.tick()
        QApplication.processEvents()
    assert not shell.player.context.driver.running


def tap(shell: ShellWindow, clock: ManualClock, widget_point: QPoint) -> None:
    QTest.touchEvent(shell, DEVICE).press(0, widget_point, shell).commit()
    QTest.touchEvent(shell, DEVICE).release(0, widget_point, shell).commit()
    QApplication.processEvents()
    clock.advance(0.5)


def test_pages_are_built_one_at_a_time_while_the_showcase_rests_and_a_first_visit_opens_them(
    kiosk: tuple[ShellWindow, ManualClock, PagePrebuilder],
) -> None:
    shell, clock, prebuilder = kiosk
    assert prebuilder.build_next() is False, "nothing is built before the showcase's first frame"
    assert shell.visitor.pages == {}

    show_first_frame(shell)
    assert shell.player.stats.first_frame_at is not None
    shell.player.context.driver.animate_until(clock.monotonic() + 1.0)
    assert prebuilder.build_next() is False, "nothing is built while something moves"

    settle(shell, clock)
    for built, page_id in enumerate(PAGE_IDS, start=1):
        assert prebuilder.build_next() is True
        assert len(shell.visitor.pages) == built, "one page per quiet moment"
        assert page_id in shell.visitor.pages
    assert prebuilder.build_next() is False
    assert [item.page_id for item in prebuilder.prebuilt] == list(PAGE_IDS)
    assert all(item.build_ms > 0 for item in prebuilder.prebuilt)
    assert shell.player.current is not None and shell.player.current.as_widget().isVisible(), (
        "the showcase played on"
    )
    assert not shell.showing_visitor_pages()

    # A visitor arrives; the hub and every topic page they open are the ones built ahead, filled in.
    prebuilt_pages = dict(shell.visitor.pages)
    tap(shell, clock, QPoint(960, 540))
    assert shell.showing_visitor_pages()
    hub = shell.visitor.page("hub")
    assert isinstance(hub, HubPage)
    for topic in VISITOR_TOPICS:
        shell.visitor.navigate("hub")
        clock.advance(1.0)
        tile = hub.tiles[topic]
        tap(shell, clock, tile.mapTo(shell, tile.rect().center()))
        page = shell.visitor.stack.currentWidget()
        assert page is prebuilt_pages[topic]
        assert any(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))
    assert shell.visitor.pages == prebuilt_pages, "no page was built twice"


def test_nothing_is_built_while_a_visitor_is_there_or_when_the_next_slide_is_due(
    kiosk: tuple[ShellWindow, ManualClock, PagePrebuilder],
) -> None:
    shell, clock, prebuilder = kiosk
    show_first_frame(shell)
    settle(shell, clock)
    tap(shell, clock, QPoint(960, 540))
    assert shell.showing_visitor_pages()
    built_by_the_visit = set(shell.visitor.pages)
    assert prebuilder.build_next() is False
    assert set(shell.visitor.pages) == built_by_the_visit

    shell.screens.end_visit()
    # The first slide again (6 s); its fade lands, and half a second before the next slide is due:
    clock.advance(5.5)
    shell.player.context.driver.tick()
    shell.player.poll()
    QApplication.processEvents()
    assert not shell.player.context.driver.running
    assert 0 <= shell.player.ms_to_next_cue() < 1000
    assert prebuilder.build_next() is False, "a build never runs into the next slide"
    clock.advance(0.6)
    shell.player.poll()
    settle(shell, clock)
    assert prebuilder.build_next() is True, "the next quiet moment is used"


def test_a_display_only_screen_builds_no_visitor_pages(qapp: QApplication, runtime: Runtime) -> None:
    shell, clock, prebuilder = build(runtime, display_only=True)
    show_first_frame(shell)
    settle(shell, clock)
    assert prebuilder.build_next() is False
    assert shell.visitor.pages == {}
    close_shell(shell)


def test_the_frame_driver_says_when_an_animation_has_ended(qapp: QApplication) -> None:
    clock = ManualClock()
    driver = FrameDriver(clock)
    rests: list[bool] = []
    driver.rested.connect(lambda: rests.append(True))
    driver.animate_until(clock.monotonic() + 1.0)
    clock.advance(0.5)
    driver.tick()
    assert rests == []
    clock.advance(0.6)
    driver.tick()
    assert rests == [True]
    driver.tick()
    assert rests == [True], "a tick with nothing animating is not a new rest"
