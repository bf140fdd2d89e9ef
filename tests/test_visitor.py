"""A visitor's journey: showcase, hub, topics, stories, language, home, and the idle return."""

from __future__ import annotations

import functools

import pytest
from kiosk_factory import MakeKiosk
from pseudo_locale import unlocalized_texts
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from kiosk.clock import ManualClock
from kiosk.content.models import VISITOR_TOPICS, Language
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.style.resources import bundled_font_chars
from kiosk.ui.visitor.pages.hub import HubPage, TopicTile
from kiosk.ui.visitor.pages.page import Page
from kiosk.ui.visitor.pages.stories import StoryCarousel
from kiosk.ui.visitor.pages.timeline import Timeline
from kiosk.ui.visitor.pages.topic import TopicPage
from kiosk.ui.widgets.figure_tile import FigureTile

LANDSCAPE = QSize(1920, 1080)
PORTRAIT = QSize(1080, 1920)
UHD = QSize(3840, 2160)


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk) -> tuple[ShellWindow, ManualClock]:
    made = make_kiosk(playlist="short")
    return made.shell, made.clock


DEVICE = QTest.createTouchDevice()


def touch_path(widget: QWidget, points: list[QPoint]) -> None:
    """A finger on the touchscreen: the window receives it where `widget` is, as on real glass."""
    window = widget.window()
    mapped = [widget.mapTo(window, point) for point in points]
    QTest.touchEvent(window, DEVICE).press(0, mapped[0], window).commit()
    for point in mapped[1:]:
        QTest.touchEvent(window, DEVICE).move(0, point, window).commit()
    QTest.touchEvent(window, DEVICE).release(0, mapped[-1], window).commit()
    QApplication.processEvents()


def tap(widget: QWidget, clock: ManualClock, position: QPoint | None = None) -> None:
    """A finger tap, then a moment passes as it would for a person."""
    touch_path(widget, [position or widget.rect().center()])
    clock.advance(0.5)


def swipe(widget: QWidget, clock: ManualClock, dx: int) -> None:
    start = widget.rect().center()
    touch_path(widget, [start, start + QPoint(dx // 2, 0), start + QPoint(dx, 0)])
    clock.advance(0.5)


def current_page(shell: ShellWindow) -> Page:
    page = shell.visitor.stack.currentWidget()
    assert isinstance(page, Page)
    return page


def visible_texts(widget: QWidget) -> list[str]:
    return [
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget) and label.text()
    ]


def enter_hub(shell: ShellWindow, clock: ManualClock) -> HubPage:
    tap(shell.player, clock)
    assert shell.showing_visitor_pages()
    hub = current_page(shell)
    assert isinstance(hub, HubPage)
    return hub


def test_a_visitor_explores_every_topic_and_switches_language(kiosk: tuple[ShellWindow, ManualClock]) -> None:
    shell, clock = kiosk
    hub = enter_hub(shell, clock)
    assert "走进湘江新区" in visible_texts(hub)

    for topic in VISITOR_TOPICS:
        tap(hub.tiles[topic], clock)
        page = current_page(shell)
        assert isinstance(page, TopicPage) and page.page_id == topic
        assert page.info.title.zh in visible_texts(page)
        assert page.hero.tiles, "every topic page leads with figures"
        assert page.charts, "every topic page has a chart"
        tap(shell.visitor.nav.home_button, clock)
        assert current_page(shell) is hub

    tap(hub.tiles["industry"], clock)
    page = current_page(shell)
    assert isinstance(page, TopicPage) and page.carousel is not None
    first_title = page.carousel.current_story().title.zh
    page.scroll_area.ensureWidgetVisible(page.carousel)
    QApplication.processEvents()
    swipe(page.carousel, clock, -400)
    clock.advance(1.0)
    shell.player.context.driver.tick()
    assert page.carousel.index == 1
    assert page.carousel.current_story().title.zh != first_title
    swipe(page.carousel, clock, 400)
    assert page.carousel.index == 0

    tap(shell.visitor.nav.language_button, clock)
    assert "Industry on the Rise" in visible_texts(page)
    assert shell.visitor.nav.home_button.text() == "Home"
    assert page.carousel.cards[0].title.text() == page.carousel.cards[0].story.title.en
    tap(shell.visitor.nav.home_button, clock)
    assert "Explore the New Area" in visible_texts(hub)
    tap(shell.visitor.nav.language_button, clock)
    assert "走进湘江新区" in visible_texts(hub)


def test_back_returns_to_the_previous_page(kiosk: tuple[ShellWindow, ManualClock]) -> None:
    shell, clock = kiosk
    hub = enter_hub(shell, clock)
    tap(hub.tiles["innovation"], clock)
    tap(shell.visitor.nav.topic_buttons["regional"], clock)
    assert current_page(shell).page_id == "regional"
    tap(shell.visitor.nav.back_button, clock)
    assert current_page(shell).page_id == "innovation"
    tap(shell.visitor.nav.back_button, clock)
    assert current_page(shell) is hub


def test_hero_figures_count_up_when_a_page_opens(kiosk: tuple[ShellWindow, ManualClock]) -> None:
    shell, clock = kiosk
    hub = enter_hub(shell, clock)
    tap(hub.tiles["industry"], clock)
    tile = current_page(shell).findChildren(FigureTile)[0]
    assert tile.figure.id == "industry_investment_completed"
    assert tile.value_text() != "1030亿元", "half a second in, still counting"
    clock.advance(3.0)
    assert tile.value_text() == "1030亿元"


def test_twenty_taps_in_one_second_open_one_page(kiosk: tuple[ShellWindow, ManualClock]) -> None:
    shell, clock = kiosk
    hub = enter_hub(shell, clock)
    clock.advance(1.0)
    opened: list[str] = []
    shell.visitor.page_shown.connect(opened.append)
    targets = [hub.tiles["industry"], hub.tiles["innovation"]]
    for index in range(20):
        touch_path(targets[index % 2], [targets[index % 2].rect().center()])
        clock.advance(0.05)
    assert opened == ["industry"]
    assert len([page for page in shell.visitor.pages.values() if isinstance(page, TopicPage)]) == 1


def test_two_fingers_at_once_open_one_page(kiosk: tuple[ShellWindow, ManualClock]) -> None:
    shell, clock = kiosk
    hub = enter_hub(shell, clock)
    clock.advance(1.0)
    opened: list[str] = []
    shell.visitor.page_shown.connect(opened.append)
    industry, innovation = hub.tiles["industry"], hub.tiles["innovation"]
    a = industry.mapTo(shell, industry.rect().center())
    b = innovation.mapTo(shell, innovation.rect().center())
    QTest.touchEvent(shell, DEVICE).press(0, a, shell).press(1, b, shell).commit()
    QTest.touchEvent(shell, DEVICE).release(0, a, shell).release(1, b, shell).commit()
    QApplication.processEvents()
    assert opened == ["industry"], "the first finger's tile opens, the second finger's does not"
    assert current_page(shell).page_id == "industry"


def test_idle_countdown_then_back_to_the_showcase(make_kiosk: MakeKiosk) -> None:
    made = make_kiosk(playlist="short")
    shell, clock = made.shell, made.clock
    hub = enter_hub(shell, clock)
    tap(hub.tiles["livelihood"], clock)
    page = current_page(shell)
    tap(shell.visitor.nav.language_button, clock)
    page.scroll_area.verticalScrollBar().setValue(400)
    overlay = shell.visitor.overlay

    made.advance(59.0)  # 59.5 s since the last tap
    assert not overlay.isVisible()
    made.advance(0.6)
    assert overlay.isVisible()
    assert overlay.title.text() == "Still there?"
    assert "20" in overlay.countdown.text(), "WCAG 2.2.1: at least 20 s to answer"
    made.advance(6.0)
    assert "14" in overlay.countdown.text()
    made.advance(14.0)

    assert not shell.showing_visitor_pages(), "the kiosk is back on the showcase"
    assert shell.player.language == "zh"
    assert page.scroll_area.verticalScrollBar().value() == 0
    assert not shell.visitor.idle.running, "no idle timer runs during the showcase"
    tap(shell.player, clock)
    assert shell.visitor.language == "zh"
    assert "走进湘江新区" in visible_texts(current_page(shell))


def test_a_touch_during_the_countdown_keeps_the_visit(make_kiosk: MakeKiosk) -> None:
    made = make_kiosk(playlist="short")
    shell, clock = made.shell, made.clock
    hub = enter_hub(shell, clock)
    made.advance(61.0)
    assert shell.visitor.overlay.isVisible()
    QTest.mouseClick(hub, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert not shell.visitor.overlay.isVisible()
    made.advance(19.0)
    assert shell.showing_visitor_pages()
    assert not shell.visitor.overlay.isVisible()


def labels_that_do_not_fit(root: QWidget) -> list[str]:
    problems = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text():
            continue
        area = label.contentsRect()
        if label.wordWrap():
            needed_height = label.heightForWidth(area.width())
            if needed_height > area.height() + 1:
                problems.append(f"{label.text()!r} needs {needed_height}px, has {area.height()}px")
        elif label.sizeHint().width() > label.width() + 1:
            problems.append(f"{label.text()!r} needs {label.sizeHint().width()}px, has {label.width()}px")
    for button in root.findChildren(QPushButton):
        if button.isVisibleTo(root) and button.text():
            # Every state the label is drawn in: at rest, pressed (same font) and checked (bold).
            fonts = [button.font()]
            if button.isCheckable():
                bold = QFont(button.font())
                bold.setBold(True)
                fonts.append(bold)
            width = max(QFontMetrics(font).horizontalAdvance(button.text()) for font in fonts)
            if width > button.contentsRect().width():
                problems.append(
                    f"button {button.text()!r} needs {width}px, has {button.contentsRect().width()}px"
                )
    for tile in root.findChildren(FigureTile):
        if tile.isVisibleTo(root) and not tile.fits():
            problems.append(f"figure {tile.figure.id} is clipped at {tile.size().toTuple()}")
    for timeline in root.findChildren(Timeline):
        if timeline.isVisibleTo(root) and timeline.needed_height(timeline.width()) > timeline.height() + 1:
            problems.append(f"timeline needs {timeline.needed_height(timeline.width()):.0f}px")
    for topic_tile in root.findChildren(TopicTile):
        if topic_tile.isVisibleTo(root):
            for rect in topic_tile.text_rects():
                if not QRectF_contains(topic_tile, rect):
                    problems.append(f"topic tile {topic_tile.info.id} text leaves the tile")
            if topic_tile.text_rects()[0].intersects(topic_tile.icon_rect()):
                problems.append(f"topic tile {topic_tile.info.id}: the title is drawn over the icon")
            if not topic_tile.words_fit():
                problems.append(f"topic tile {topic_tile.info.id}: a word of the title is cut")
    return problems


def QRectF_contains(widget: QWidget, rect: object) -> bool:  # noqa: N802 - mirrors Qt's naming
    from PySide6.QtCore import QRectF

    assert isinstance(rect, QRectF)
    return QRectF(widget.rect()).adjusted(-0.5, -0.5, 0.5, 0.5).contains(rect)


@functools.cache
def font_chars() -> set[int]:
    return bundled_font_chars()


def glyphs_missing(root: QWidget, family: str) -> list[str]:
    """Characters shown that their font lacks. For the bundled font, its own character set: Qt's
    QFontMetrics.inFontUcs4 also counts the machine's fallback fonts, and a kiosk has none for Chinese."""
    missing = []
    for label in root.findChildren(QLabel):
        if label.font().family() == family:
            missing += [char for char in label.text() if not char.isspace() and ord(char) not in font_chars()]
        else:  # an icon, in its own font
            metrics = QFontMetrics(label.font())
            missing += [char for char in label.text() if not metrics.inFontUcs4(ord(char))]
    for timeline in root.findChildren(Timeline):  # it paints its dates and titles itself
        assert {font.family() for font in timeline.fonts()} == {family}
        for date, title in timeline.entries():
            missing += [char for char in date + title if not char.isspace() and ord(char) not in font_chars()]
    return missing


@pytest.mark.parametrize(
    ("size", "larger_text"),
    [(LANDSCAPE, False), (PORTRAIT, False), (LANDSCAPE, True), (PORTRAIT, True), (UHD, False), (UHD, True)],
    ids=["landscape", "portrait", "landscape-larger-text", "portrait-larger-text", "4k", "4k-larger-text"],
)
@pytest.mark.parametrize("language", ["zh", "en", "pseudo"])
def test_every_page_fits_in_every_language_and_orientation(
    runtime: Runtime,
    kiosk: tuple[ShellWindow, ManualClock],
    size: QSize,
    larger_text: bool,
    language: Language,
) -> None:
    shell, clock = kiosk
    shell.resize(size)
    enter_hub(shell, clock)
    if language == "en":
        tap(shell.visitor.nav.language_button, clock)
    elif language == "pseudo":
        shell.visitor.set_language(language)
    if larger_text:
        tap(shell.visitor.nav.larger_text_button, clock)
        assert shell.visitor.larger_text
    for page_id in ("hub", *VISITOR_TOPICS, "intro"):
        if current_page(shell).page_id != page_id:
            assert shell.visitor.navigate(page_id)
        clock.advance(3.0)
        shell.player.context.driver.tick()
        page = current_page(shell)
        QApplication.processEvents()
        problems = labels_that_do_not_fit(page) + labels_that_do_not_fit(shell.visitor.nav)
        if language == "pseudo":
            problems += [f"{text!r} is not from a catalogue" for text in unlocalized_texts(shell.visitor)]
        assert problems == [], f"{page_id} ({language}, {size.toTuple()}): {problems}"
        assert glyphs_missing(page, runtime.family) == []
        for button in shell.visitor.nav.buttons():
            assert button.height() >= 80 * min(size.width(), size.height()) / 1080, (
                "touch targets 80 px at 1080p"
            )


def test_the_regional_page_draws_the_partner_network(kiosk: tuple[ShellWindow, ManualClock]) -> None:
    shell, clock = kiosk
    hub = enter_hub(shell, clock)
    tap(hub.tiles["regional"], clock)
    page = current_page(shell)
    assert isinstance(page, TopicPage)
    from kiosk.ui.widgets.network_diagram import NetworkDiagram

    diagrams = [chart for chart in page.charts if isinstance(chart, NetworkDiagram)]
    assert diagrams, "regional coordination shows its partner network"
    names = {node.name.zh for node in diagrams[0].network.nodes}
    assert {"湘潭九华片区", "湘阴高新区", "粤港澳大湾区"} <= names


def test_story_cards_have_a_point_to_swipe(kiosk: tuple[ShellWindow, ManualClock]) -> None:
    shell, clock = kiosk
    hub = enter_hub(shell, clock)
    for topic in VISITOR_TOPICS:
        tap(hub.tiles[topic], clock)
        page = current_page(shell)
        carousel = page.findChild(StoryCarousel)
        assert carousel is not None and len(carousel.cards) >= 2, topic
        first_title = carousel.current_story().title.zh
        page.scroll_area.ensureWidgetVisible(carousel)
        QApplication.processEvents()
        swipe(carousel, clock, -400)
        clock.advance(1.0)
        shell.player.context.driver.tick()
        assert carousel.current_story().title.zh != first_title, f"{topic}: a swipe brings the next story"
        tap(shell.visitor.nav.home_button, clock)


def test_every_topic_page_carries_the_source_credit(kiosk: tuple[ShellWindow, ManualClock]) -> None:
    shell, _ = kiosk
    for topic in VISITOR_TOPICS:
        page = shell.visitor.page(topic)
        assert isinstance(page, TopicPage)
        assert "胡益虎" in page.credit.text() or "Hu Yihu" in page.credit.text(), topic
