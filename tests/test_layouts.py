"""Charts and page layouts an exhibition designer signs off: network labels that never collide, a
hub on one screen, a topic page's first screen complete, lone stories and events shown plainly."""

from __future__ import annotations

from collections.abc import Iterator

import pyqtgraph as pg
import pytest
from kiosk_harness import discard
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QApplication

from kiosk.clock import ManualClock
from kiosk.content.formatting import format_figure
from kiosk.content.linebreak import break_lines, violations
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.style import theme
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.visitor.pages.hub import HubPage
from kiosk.ui.visitor.pages.stories import StoryCarousel
from kiosk.ui.visitor.pages.timeline import Timeline
from kiosk.ui.visitor.pages.topic import TopicPage
from kiosk.ui.visitor.view import VisitorView
from kiosk.ui.widgets.charts import BarChart, build_chart
from kiosk.ui.widgets.network_diagram import NetworkDiagram


@pytest.mark.parametrize(
    "size", [(1792, 560), (952, 720), (1600, 700), (1100, 500), (700, 900), (3584, 1120)], ids=str
)
@pytest.mark.parametrize("language", ["zh", "en", "pseudo"])
def test_network_labels_never_overlap(runtime: Runtime, size: tuple[int, int], language: str) -> None:
    chart = build_chart(runtime.pack, "regional_network", runtime.family, theme.TOPIC_COLOURS["regional"])
    assert isinstance(chart, NetworkDiagram)
    chart.set_scale(size[1] / 560 if size[0] > 3000 else 1.0)
    chart.set_language(language)  # type: ignore[arg-type]
    chart.resize(QSize(*size))
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.show()
    QApplication.processEvents()
    chart.set_progress(1.0)
    rects = chart.label_rects()
    overlapping = [
        (chart.network.nodes[i].id, chart.network.nodes[j].id)
        for i, a in enumerate(rects)
        for j, b in enumerate(rects)
        if i < j and a.intersects(b)
    ]
    assert overlapping == [], f"{size} {language}"
    discard(chart)


@pytest.fixture
def visitor(runtime: Runtime) -> Iterator[VisitorView]:
    clock = ManualClock()
    driver = FrameDriver(clock)
    view = VisitorView(runtime.pack, runtime.family, driver, idle_timeout_s=60, idle_countdown_s=20)
    driver.setParent(view)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.show()
    yield view
    view.end()
    discard(view)


def settle(view: VisitorView, size: QSize, language: str, larger_text: bool = False) -> None:
    view.resize(size)
    view.begin(language)  # type: ignore[arg-type]
    view.set_larger_text(larger_text)
    QApplication.processEvents()


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920), QSize(3840, 2160)], ids=str)
@pytest.mark.parametrize("language", ["zh", "en", "pseudo"])
def test_the_hub_is_one_screen(visitor: VisitorView, size: QSize, language: str) -> None:
    settle(visitor, size, language)
    hub = visitor.page("hub")
    assert isinstance(hub, HubPage)
    scroll = hub.scroll_area
    assert scroll.verticalScrollBar().maximum() == 0, (
        f"the hub scrolls by {scroll.verticalScrollBar().maximum()} px"
    )
    viewport = scroll.viewport().rect()
    for tile in hub.tiles.values():
        box = QRect(tile.mapTo(scroll.viewport(), QPoint(0, 0)), tile.size())
        assert viewport.contains(box), f"{tile.info.id} leaves the screen"


def test_a_lone_story_is_a_card_without_arrows_or_dots(runtime: Runtime) -> None:
    driver = FrameDriver(ManualClock())
    story = runtime.pack.stories[0]
    lone = StoryCarousel([story], theme.ACCENT, driver)
    pair = StoryCarousel(runtime.pack.stories[:2], theme.ACCENT, driver)
    for carousel in (lone, pair):
        carousel.set_metrics(theme.Metrics.for_size(QSize(1920, 1080)))
        carousel.set_language("en")
        carousel.resize(1600, 700)
    assert not lone.previous_button.isVisibleTo(lone) and not lone.next_button.isVisibleTo(lone)
    assert not lone.dots.isVisibleTo(lone)
    assert pair.previous_button.isVisibleTo(pair) and pair.dots.isVisibleTo(pair)
    discard(lone)
    discard(pair)


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"])
def test_a_lone_event_draws_no_timeline_line(runtime: Runtime, size: QSize) -> None:
    events = runtime.pack.events
    lone = Timeline(events[:1], runtime.family, theme.ACCENT)
    several = Timeline(events[:3], runtime.family, theme.ACCENT)
    metrics = theme.Metrics.for_size(size)
    hairline = QColor(theme.HAIRLINE)
    for timeline, expected in ((lone, False), (several, True)):
        timeline.set_metrics(metrics)
        timeline.set_language("zh")
        timeline.resize(1700 if not metrics.portrait else 950, timeline.height())
        image = timeline.grab().toImage()
        dot = metrics.px(12)
        # Far from any dot or text: the line, if drawn, runs through this point.
        probe = (
            QPoint(image.width() - 3, dot * 2)
            if not metrics.portrait
            else QPoint(dot * 2, image.height() - 3)
        )
        assert (image.pixelColor(probe) == hairline) is expected, (len(timeline.events), probe)
        discard(timeline)


@pytest.mark.parametrize("language", ["zh", "en", "pseudo"])
def test_a_landscape_topic_page_opens_on_a_complete_first_screen(visitor: VisitorView, language: str) -> None:
    settle(visitor, QSize(1920, 1080), language)
    for topic in ("industry", "innovation", "livelihood", "intro"):
        page = visitor.page(topic)
        assert isinstance(page, TopicPage)
        visitor.navigate(topic)
        visitor.driver.clock.advance(1.0)  # type: ignore[attr-defined]
        QApplication.processEvents()
        viewport = page.scroll_area.viewport()
        hint = page.more_below
        assert hint.isVisible(), f"{topic}: nothing says the page goes on"
        fold = hint.label.mapTo(page, QPoint(0, 0)).y()
        # Nothing on the first screen is cut by the fold: each figure and the first chart ends
        # above the "more" text, or begins under it (the next row fading out says: more below).
        for part in [*page.hero.tiles, page.charts[0]]:
            top = part.mapTo(viewport, QPoint(0, 0)).y()
            bottom = top + part.height()
            assert bottom <= fold or top >= fold, f"{topic}: {part} is cut by the fold"
        if language != "pseudo" and page.hero.rows() == 1:
            # In the languages visitors read, under one row of figures, the first chart is on the first
            # screen, whole: not pushed below the fold behind an empty band (the tiles give back room).
            chart_bottom = page.charts[0].mapTo(viewport, QPoint(0, 0)).y() + page.charts[0].height()
            assert chart_bottom <= fold, f"{topic} ({language}): the first chart is not on the first screen"
        page.scroll_area.verticalScrollBar().setValue(page.scroll_area.verticalScrollBar().maximum())
        assert not hint.isVisible(), f"{topic}: the hint stays once the visitor scrolls"
        page.reset()


def test_the_network_growing_draws_its_nodes_from_the_same_pictures(runtime: Runtime) -> None:
    """Every frame of the links growing redraws the nodes; pyqtgraph keeps a picture of each node
    style it is given, so each frame must give the same styles, not new ones (at 4K each new set
    was half a MiB that was never freed)."""
    chart = build_chart(runtime.pack, "regional_network", runtime.family, theme.TOPIC_COLOURS["regional"])
    assert isinstance(chart, NetworkDiagram)
    chart.resize(QSize(3584, 1120))
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.show()
    QApplication.processEvents()
    chart.set_progress(0.0)
    pictures = len(chart.graph.scatter.fragmentAtlas)
    for frame in range(1, 61):
        chart.set_progress(frame / 60)
    assert len(chart.graph.scatter.fragmentAtlas) == pictures
    discard(chart)


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920), QSize(3840, 2160)], ids=str)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_story_cards_are_as_tall_as_their_longest_text(
    visitor: VisitorView, size: QSize, language: str
) -> None:
    settle(visitor, size, language)
    metrics = theme.Metrics.for_size(size)
    for topic in ("industry", "innovation", "livelihood", "regional"):
        visitor.navigate(topic)
        visitor.driver.clock.advance(1.0)  # type: ignore[attr-defined]
        QApplication.processEvents()
        page = visitor.page(topic)
        assert isinstance(page, TopicPage) and page.carousel is not None
        needed = []
        for card in page.carousel.cards:
            margins = card.column.contentsMargins()
            body_metrics = QFontMetricsF(card.body.font())
            width = card.body.contentsRect().width()
            lines = break_lines(card.body.source_text(), width - 1, body_metrics.horizontalAdvance)
            needed.append(
                margins.top()
                + margins.bottom()
                + card.icon.height()
                + card.title.heightForWidth(card.title.width())
                + 2 * card.column.spacing()
                + round(len(lines) * body_metrics.lineSpacing())
            )
            assert card.height() >= needed[-1] - 2, f"{topic}: {card.story.id} clips its text"
        tallest = max(metrics.px(420), *needed)
        # No taller than the longest story: at 4K a card once filled the screen around four lines.
        assert page.carousel.strip.height() <= tallest + metrics.px(12), (topic, needed)


def document_lines(item: pg.TextItem) -> list[str]:
    """The lines Qt laid out in a pyqtgraph text item, as shown."""
    lines = []
    block = item.textItem.document().begin()
    while block.isValid():
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            lines.append(block.text()[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return lines


@pytest.mark.parametrize("width", [1700, 950, 700, 3400])
@pytest.mark.parametrize("chart_id", ["industry_investment", "livelihood_places", "innovation_campus"])
def test_a_bar_value_breaks_only_between_its_number_and_its_unit(
    runtime: Runtime, chart_id: str, width: int
) -> None:
    chart = build_chart(runtime.pack, chart_id, runtime.family, theme.ACCENT)
    assert isinstance(chart, BarChart)
    chart.set_scale(2.0 if width > 3000 else 1.0)
    chart.set_language("en")
    chart.resize(QSize(width, 560 * (2 if width > 3000 else 1)))
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.show()
    QApplication.processEvents()
    chart.set_progress(1.0)
    for figure, item in zip(chart.figures, chart.value_items, strict=True):
        display = format_figure(figure, "en")
        lines = [line.strip().replace("\u00a0", " ") for line in document_lines(item)]
        # Whole, or number and unit apart: never "billion" on one line and "yuan" on the next.
        assert lines in ([display.text], [display.text[: -len(display.suffix)], display.suffix.strip()]), (
            lines
        )
    for label in chart.labels:
        assert violations(label.text().split("\n")) == []
    discard(chart)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_network_labels_are_broken_once_by_the_kiosk_breaker(runtime: Runtime, language: str) -> None:
    chart = build_chart(runtime.pack, "regional_network", runtime.family, theme.TOPIC_COLOURS["regional"])
    assert isinstance(chart, NetworkDiagram)
    chart.set_language(language)  # type: ignore[arg-type]
    chart.resize(QSize(952, 720))
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.show()
    QApplication.processEvents()
    chart.set_progress(1.0)
    for node, label in zip(chart.network.nodes, chart.labels, strict=True):
        shown = document_lines(label)
        # Qt lays out exactly the lines the breaker made (each <br> a line separator): it never
        # breaks one of them again ("Hainan Free Trade / Port").
        made = "".join(shown).count("\u2028") + 1
        assert len(shown) == made, (node.id, shown)
    discard(chart)
