"""Every control answers a finger: real touch sequences (begin, end) sent to the window, as the glass does."""

from __future__ import annotations

import pytest
from kiosk_factory import VISITOR_PACE_S, KioskUnderTest, MakeKiosk
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QScroller, QScrollerProperties, QWidget

from kiosk.content.models import Topic
from kiosk.settings import Settings
from kiosk.ui.style import theme
from kiosk.ui.style.contrast import contrast_ratio
from kiosk.ui.visitor.pages.hub import HubPage
from kiosk.ui.visitor.pages.page import Page
from kiosk.ui.visitor.pages.topic import TopicPage


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk) -> KioskUnderTest:
    return make_kiosk(playlist="short")


def current_page(kiosk: KioskUnderTest) -> Page:
    page = kiosk.shell.visitor.stack.currentWidget()
    assert isinstance(page, Page)
    return page


def enter_hub(kiosk: KioskUnderTest) -> HubPage:
    kiosk.tap(kiosk.shell.player, VISITOR_PACE_S)
    hub = current_page(kiosk)
    assert isinstance(hub, HubPage)
    return hub


def open_topic(kiosk: KioskUnderTest, topic: Topic) -> TopicPage:
    hub = enter_hub(kiosk)
    kiosk.tap(hub.tiles[topic], VISITOR_PACE_S)
    page = current_page(kiosk)
    assert isinstance(page, TopicPage) and page.page_id == topic
    return page


def test_a_finger_tap_on_the_story_arrows_turns_the_card(kiosk: KioskUnderTest) -> None:
    page = open_topic(kiosk, "industry")
    carousel = page.carousel
    assert carousel is not None
    page.scroll_area.ensureWidgetVisible(carousel)
    QApplication.processEvents()
    first = carousel.current_story()
    kiosk.tap(carousel.next_button, after_s=1.0)
    assert carousel.index == 1 and carousel.current_story() != first
    kiosk.tap(carousel.previous_button, after_s=1.0)
    assert carousel.index == 0 and carousel.current_story() == first


def test_the_touch_that_dismisses_still_there_does_not_press_what_is_under_it(kiosk: KioskUnderTest) -> None:
    visitor = kiosk.shell.visitor
    hub = enter_hub(kiosk)
    kiosk.advance(visitor.idle.timer.timeout_s + 1.0)
    assert visitor.overlay.isVisible()
    opened: list[str] = []
    visitor.page_shown.connect(opened.append)
    language = visitor.language

    kiosk.tap(visitor.nav.topic_buttons["industry"], VISITOR_PACE_S)
    assert not visitor.overlay.isVisible(), "the touch dismissed the countdown"
    assert opened == [] and current_page(kiosk) is hub, "and did not switch page"

    kiosk.advance(visitor.idle.timer.timeout_s + 1.0)
    assert visitor.overlay.isVisible()
    kiosk.tap(hub.tiles["innovation"], VISITOR_PACE_S)
    assert opened == [] and current_page(kiosk) is hub

    kiosk.advance(visitor.idle.timer.timeout_s + 1.0)
    kiosk.tap(visitor.nav.language_button, VISITOR_PACE_S)
    assert visitor.language == language, "nor switched the language"

    kiosk.tap(hub.tiles["innovation"], VISITOR_PACE_S)
    assert opened == ["innovation"], "once dismissed, the next touch works as always"


def test_keep_exploring_is_a_button_that_keeps_the_visit(kiosk: KioskUnderTest) -> None:
    visitor = kiosk.shell.visitor
    enter_hub(kiosk)
    kiosk.advance(visitor.idle.timer.timeout_s + 1.0)
    overlay = visitor.overlay
    assert overlay.isVisible()
    assert overlay.keep_button.text() == "继续浏览"
    assert overlay.keep_button.height() >= theme.TOUCH_TARGET_PX
    assert visitor.idle.timer.countdown_s >= 20, "WCAG 2.2.1: at least 20 s to answer"
    kiosk.tap(overlay.keep_button, VISITOR_PACE_S)
    assert not overlay.isVisible()
    kiosk.advance(visitor.idle.timer.countdown_s)
    assert kiosk.shell.showing_visitor_pages()


def test_back_is_not_offered_on_the_hub(kiosk: KioskUnderTest) -> None:
    visitor = kiosk.shell.visitor
    hub = enter_hub(kiosk)
    assert not visitor.nav.back_button.isEnabled(), "nowhere to go back to from the hub"
    kiosk.tap(hub.tiles["regional"], VISITOR_PACE_S)
    assert visitor.nav.back_button.isEnabled()
    kiosk.tap(visitor.nav.back_button, VISITOR_PACE_S)
    assert current_page(kiosk) is hub
    assert not visitor.nav.back_button.isEnabled()


def background_at(image: QImage, point: QPoint) -> QColor:
    return image.pixelColor(point)


def pressed_contrast(kiosk: KioskUnderTest, widget: QWidget, probe: QPoint) -> float:
    """Contrast between the widget's colour at `probe` at rest and while a finger is on it."""
    rest = widget.grab().toImage()
    point = kiosk.at(widget)
    kiosk.press(point)
    try:
        pressed = widget.grab().toImage()
    finally:
        kiosk.release(point)
    scale = rest.width() / widget.width()
    at = QPoint(round(probe.x() * scale), round(probe.y() * scale))
    return contrast_ratio(background_at(rest, at), background_at(pressed, at))


def test_a_pressed_control_changes_at_once_and_clearly(kiosk: KioskUnderTest) -> None:
    visitor = kiosk.shell.visitor
    hub = enter_hub(kiosk)
    kiosk.advance(1.0)
    tile = hub.tiles["industry"]
    # A point of the card's own ground, clear of the icon and the text.
    probe = QPoint(tile.width() * 3 // 4, tile.height() // 10)
    assert pressed_contrast(kiosk, tile, probe) >= 3.0
    kiosk.advance(1.0)
    button = visitor.nav.topic_buttons["livelihood"]
    assert pressed_contrast(kiosk, button, QPoint(button.width() // 2, 6)) >= 3.0


def test_reduced_motion_stops_the_card_slide_and_the_scroll_overshoot(kiosk: KioskUnderTest) -> None:
    kiosk.shell.state.use_settings(Settings(reduced_motion=True))
    page = open_topic(kiosk, "innovation")
    carousel = page.carousel
    assert carousel is not None
    page.scroll_area.ensureWidgetVisible(carousel)
    QApplication.processEvents()
    kiosk.touch([kiosk.at(carousel.next_button)])
    # No time has passed: the new card is already in place, the old one gone, nothing animates.
    assert carousel.index == 1
    assert carousel.cards[1].x() == 0 and carousel.cards[0].geometry().right() < 0
    assert not carousel.sliding()
    properties = QScroller.scroller(page.scroll_area.viewport()).scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    assert properties.scrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy) == off


def test_without_reduced_motion_the_card_slides(kiosk: KioskUnderTest) -> None:
    page = open_topic(kiosk, "innovation")
    carousel = page.carousel
    assert carousel is not None
    page.scroll_area.ensureWidgetVisible(carousel)
    QApplication.processEvents()
    kiosk.touch([kiosk.at(carousel.next_button)])
    assert carousel.sliding() and carousel.cards[1].x() > 0


def test_larger_text_grows_the_reading_text_and_resets_when_the_visit_ends(kiosk: KioskUnderTest) -> None:
    visitor = kiosk.shell.visitor
    page = open_topic(kiosk, "livelihood")
    carousel = page.carousel
    assert carousel is not None
    normal_title = page.title.fontInfo().pixelSize()
    normal_story = carousel.cards[0].body.fontInfo().pixelSize()
    kiosk.tap(visitor.nav.larger_text_button, VISITOR_PACE_S)
    assert visitor.nav.larger_text_button.isChecked()
    assert page.title.fontInfo().pixelSize() == pytest.approx(normal_title * 1.25, abs=2)
    assert carousel.cards[0].body.fontInfo().pixelSize() == pytest.approx(normal_story * 1.25, abs=2)
    assert carousel.cards[0].height() >= carousel.cards[0].heightForWidth(carousel.cards[0].width())

    kiosk.advance(visitor.idle.timer.timeout_s + visitor.idle.timer.countdown_s + 1.0)
    assert not kiosk.shell.showing_visitor_pages()
    enter_hub(kiosk)
    assert not visitor.nav.larger_text_button.isChecked()
    assert page.title.fontInfo().pixelSize() == normal_title
