"""Visitor pages built ahead while the showcase rests: never before the first frame, never while
something moves or a visitor is there, one page at a time; a first visit then opens the page built."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from kiosk_factory import VISITOR_PACE_S, KioskUnderTest, MakeKiosk
from kiosk_harness import playing
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.clock import ManualClock
from kiosk.content.models import VISITOR_TOPICS
from kiosk.settings import Settings
from kiosk.ui.runtime.prebuild import PagePrebuilder
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.visitor.pages.hub import HubPage
from kiosk.ui.visitor.view import PAGE_IDS

MakePrebuilt = Callable[..., tuple[KioskUnderTest, PagePrebuilder]]


@pytest.fixture
def make_prebuilt(make_kiosk: MakeKiosk) -> MakePrebuilt:
    """A kiosk built but not yet on screen, and the page prebuilder watching it."""

    def make(display_only: bool = False) -> tuple[KioskUnderTest, PagePrebuilder]:
        kiosk = make_kiosk(playlist="short", settings=Settings(display_only=display_only), started=False)
        return kiosk, PagePrebuilder(kiosk.shell)

    return make


@pytest.fixture
def kiosk(make_prebuilt: MakePrebuilt) -> tuple[KioskUnderTest, PagePrebuilder]:
    return make_prebuilt()


def show_first_frame(shell: ShellWindow) -> None:
    shell.show()
    shell.player.start()
    shell.repaint()
    # The first-frame signal is queued behind the paint.
    QApplication.processEvents()


def settle(kiosk: KioskUnderTest) -> None:
    """Time passes until the slide on screen has landed: nothing moves. No longer: the showcase's
    timer then says how long until the next slide, and the builds must fit before it."""
    driver = kiosk.shell.player.context.driver
    for _ in range(16):
        kiosk.advance(0.25)
        if not driver.running:
            return
    raise AssertionError("the slide on screen is still moving after 4 s")


def test_pages_are_built_one_at_a_time_while_the_showcase_rests_and_a_first_visit_opens_them(
    kiosk: tuple[KioskUnderTest, PagePrebuilder],
) -> None:
    made, prebuilder = kiosk
    shell, clock = made.shell, made.clock
    assert prebuilder.build_next() is False, "nothing is built before the showcase's first frame"
    assert shell.visitor.pages == {}

    show_first_frame(shell)
    assert shell.player.stats.first_frame_at is not None
    shell.player.context.driver.animate_until(clock.monotonic() + 1.0)
    assert prebuilder.build_next() is False, "nothing is built while something moves"

    settle(made)
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
    made.touch([QPoint(960, 540)])
    made.advance(VISITOR_PACE_S)
    assert shell.showing_visitor_pages()
    hub = shell.visitor.page("hub")
    assert isinstance(hub, HubPage)
    for topic in VISITOR_TOPICS:
        shell.visitor.navigate("hub")
        made.advance(1.0)
        made.tap(hub.tiles[topic], VISITOR_PACE_S)
        page = shell.visitor.stack.currentWidget()
        assert page is prebuilt_pages[topic]
        assert any(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))
    assert shell.visitor.pages == prebuilt_pages, "no page was built twice"


def test_nothing_is_built_while_a_visitor_is_there_or_when_the_next_slide_is_due(
    kiosk: tuple[KioskUnderTest, PagePrebuilder],
) -> None:
    made, prebuilder = kiosk
    shell = made.shell
    show_first_frame(shell)
    settle(made)
    made.touch([QPoint(960, 540)])
    made.advance(VISITOR_PACE_S)
    assert shell.showing_visitor_pages()
    built_by_the_visit = set(shell.visitor.pages)
    assert prebuilder.build_next() is False
    assert set(shell.visitor.pages) == built_by_the_visit

    shell.screens.end_visit()
    # The first slide again; its fade lands, and half a second before the next slide is due:
    made.advance(playing(shell.player).duration_s - 0.5)
    assert not shell.player.context.driver.running
    assert 0 <= shell.player.ms_to_next_cue() < 1000
    assert prebuilder.build_next() is False, "a build never runs into the next slide"
    made.advance(0.6)
    settle(made)
    assert prebuilder.build_next() is True, "the next quiet moment is used"


def test_a_display_only_screen_builds_no_visitor_pages(make_prebuilt: MakePrebuilt) -> None:
    made, prebuilder = make_prebuilt(display_only=True)
    show_first_frame(made.shell)
    settle(made)
    assert prebuilder.build_next() is False
    assert made.shell.visitor.pages == {}


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
