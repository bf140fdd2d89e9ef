"""Figure tiles that hold together: units stay with their numbers, a row stays balanced in both
languages, and a count-up never shows something untrue (a qualifier adrift, a passing rank)."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from kiosk_harness import discard
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.clock import ManualClock
from kiosk.content.linebreak import violations
from kiosk.content.models import Language, Topic
from kiosk.ui.runtime.render import grab
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase.kinds import build_slide
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.style import theme
from kiosk.ui.style.contrast import contrast_ratio
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.visitor.pages.topic import TopicPage
from kiosk.ui.visitor.view import VisitorView
from kiosk.ui.widgets.charts import BarChart, RankChart, build_chart
from kiosk.ui.widgets.figure_tile import INLINE_SHRINK_LIMIT, FigureTile
from kiosk.ui.widgets.text import BrokenLabel

LANDSCAPE = QSize(1920, 1080)
PORTRAIT = QSize(1080, 1920)
UHD = QSize(3840, 2160)
SIZES = pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT, UHD], ids=["landscape", "portrait", "4k"])
# English numbers stand as large as Chinese: a row's size within this share of its Chinese size, and
# no figure smaller than this share of itself in Chinese (a longer unit, "billion yuan", may cost a little).
ROW_PARITY = 0.9
TILE_PARITY = 0.8


def settled_slide(runtime: Runtime, slide_id: str, language: Language, size: QSize) -> QWidget:
    driver = FrameDriver(ManualClock())
    slide = runtime.pack.slide(slide_id)
    view = build_slide(slide, SlideContext(runtime.pack, runtime.family, driver))
    view.set_language(language)
    view.finish()
    grab(view.as_widget(), size)
    return view.as_widget()


TILE_KINDS = ("figures_wall", "spotlight", "story")


@pytest.fixture
def tile_slides(runtime: Runtime) -> Iterator[list[str]]:
    yield [slide.id for slide in runtime.pack.slides if slide.kind in TILE_KINDS]


@pytest.fixture
def visitor(runtime: Runtime) -> Iterator[VisitorView]:
    driver = FrameDriver(ManualClock())
    view = VisitorView(runtime.pack, runtime.family, driver, idle_timeout_s=60, idle_countdown_s=20)
    driver.setParent(view)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.show()
    yield view
    view.end()
    discard(view)


def hero_tiles(visitor: VisitorView, topic: Topic, language: Language, size: QSize) -> list[FigureTile]:
    """A topic page's hero row as a visitor opens it."""
    visitor.resize(size)
    visitor.begin(language)
    QApplication.processEvents()
    visitor.navigate(topic)
    visitor.driver.clock.advance(3.0)  # type: ignore[attr-defined]
    QApplication.processEvents()
    page = visitor.page(topic)
    assert isinstance(page, TopicPage)
    return page.hero.tiles


@dataclass(frozen=True)
class Reading:
    """One figure tile as laid out for a visitor."""

    figure_id: str
    number_px: int
    fits: bool
    # A unit symbol (亿元, km², %, 个) on a line of its own, apart from its number.
    symbol_adrift: bool
    # A unit of words on its own line wider than the tile, so that it wraps: "billion / yuan".
    unit_split: bool


def read(tile: FigureTile) -> Reading:
    layout = tile.compute_layout()
    suffix = tile.display().suffix.strip()
    adrift = bool(suffix) and " " not in suffix and layout.unit_on_own_line
    unit_w = QFontMetricsF(layout.suffix_font).horizontalAdvance(suffix)
    split = layout.unit_on_own_line and unit_w > layout.content_rect.width()
    return Reading(tile.figure.id, layout.number_font.pixelSize(), tile.fits(), adrift, split)


def rows_at(
    runtime: Runtime, visitor: VisitorView, size: QSize, language: Language
) -> dict[str, list[Reading]]:
    """Every row of figure tiles a visitor meets, by where it is: each tile slide, each topic's heroes."""
    rows: dict[str, list[Reading]] = {}
    for slide in runtime.pack.slides:
        if slide.kind in TILE_KINDS:
            view = settled_slide(runtime, slide.id, language, size)
            rows[slide.id] = [read(tile) for tile in view.findChildren(FigureTile)]
            discard(view)
    for topic in runtime.pack.meta.topics:
        rows[f"hero:{topic.id}"] = [read(tile) for tile in hero_tiles(visitor, topic.id, language, size)]
    return rows


@SIZES
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_unit_never_leaves_its_number(
    runtime: Runtime, visitor: VisitorView, size: QSize, language: Language
) -> None:
    rows = rows_at(runtime, visitor, size, language)
    assert [f"{place}: {r.figure_id}" for place, row in rows.items() for r in row if not r.fits] == []
    assert [f"{place}: {r.figure_id}" for place, row in rows.items() for r in row if r.symbol_adrift] == []
    assert [f"{place}: {r.figure_id}" for place, row in rows.items() for r in row if r.unit_split] == []


@SIZES
def test_english_numbers_stand_as_large_as_chinese(
    runtime: Runtime, visitor: VisitorView, size: QSize
) -> None:
    sizes = {
        language: {
            place: [reading.number_px for reading in row]
            for place, row in rows_at(runtime, visitor, size, language).items()
        }
        for language in ("zh", "en")
    }
    problems = []
    for place, zh in sizes["zh"].items():
        en = sizes["en"][place]
        for language, row in (("zh", zh), ("en", en)):
            if not row:
                continue
            largest = max(row)
            # Most tiles share the row's size; a long one shrinks alone, and not past the inline limit.
            if (
                sum(1 for px in row if px >= largest * 0.97) < len(row) / 2
                or min(row) < largest * INLINE_SHRINK_LIMIT
            ):
                problems.append(f"{place} {language}: a ragged row {row}")
        if zh and statistics.median(en) < statistics.median(zh) * ROW_PARITY:
            problems.append(f"{place}: numbers go from {zh} to {en} px in English")
        elif any(e < z * TILE_PARITY for z, e in zip(zh, en, strict=True)):
            problems.append(f"{place}: a figure shrinks from {zh} to {en} px in English")
    assert problems == []


def accent_columns(image: QImage, top: int, bottom: int) -> list[int]:
    """Columns holding figure-gold ink between two rows of the image."""
    gold = QColor(theme.ACCENT)
    columns = []
    for x in range(image.width()):
        for y in range(top, bottom, 2):
            if contrast_ratio(image.pixelColor(x, y), gold) < 1.3:
                columns.append(x)
                break
    return columns


def test_a_qualifier_stays_with_the_digits_while_they_count(runtime: Runtime) -> None:
    clock = ManualClock()
    driver = FrameDriver(clock)
    figure = runtime.pack.figure("industry_annual_investment")
    tile = FigureTile(figure, runtime.family, theme.TOPIC_COLOURS["industry"], driver)
    tile.set_language("zh")
    tile.resize(520, 300)
    tile.count_up_from(clock.monotonic())
    clock.advance(0.25)
    assert tile.value_text() not in ("超2000亿元", ""), "still counting"
    layout = tile.compute_layout()
    image = tile.grab().toImage()
    ratio = image.width() / tile.width()
    top = round((layout.number_origin_y - layout.number_font.pixelSize() * 0.6) * ratio)
    bottom = round(layout.number_origin_y * ratio)
    left = round(layout.content_rect.left() * ratio)
    columns = [x for x in accent_columns(image, top, bottom) if x >= left]
    gaps = [after - before for before, after in itertools.pairwise(columns)]
    # Between "超" and the first digit there is a letter's space, never the width of missing digits.
    assert max(gaps) < layout.number_font.pixelSize() * 0.35 * ratio, gaps
    discard(tile)


def test_ranks_and_qualifiers_appear_when_the_value_lands(runtime: Runtime) -> None:
    ranks = build_chart(runtime.pack, "industry_rankings", runtime.family, theme.ACCENT)
    bars = build_chart(runtime.pack, "industry_investment", runtime.family, theme.ACCENT)
    assert isinstance(ranks, RankChart) and isinstance(bars, BarChart)
    for language, qualifier in (("zh", "超"), ("en", "over")):
        for chart in (ranks, bars):
            chart.set_language(language)  # type: ignore[arg-type]
            chart.set_progress(0.3)
        assert ranks.value_texts() == ["" for _ in ranks.figures], "no rank passes through 12th"
        assert not any(qualifier in text for text in bars.value_texts()), bars.value_texts()
        for chart in (ranks, bars):
            chart.set_progress(1.0)
        assert all(text for text in ranks.value_texts())
        assert any(text.startswith(qualifier) for text in bars.value_texts()), bars.value_texts()
    discard(ranks)
    discard(bars)


@SIZES
@pytest.mark.parametrize("language", ["zh", "en"])
def test_story_text_and_tile_labels_break_like_a_typesetter(
    runtime: Runtime, tile_slides: list[str], size: QSize, language: Language
) -> None:
    problems = []
    for slide_id in tile_slides:
        view = settled_slide(runtime, slide_id, language, size)
        for label in view.findChildren(BrokenLabel):
            lines = label.text().split("\n")
            problems += [f"{slide_id}: {problem}" for problem in violations(lines)]
            metrics = QFontMetricsF(label.font())
            # Each of our lines fits, so Qt's own wrapping never breaks one again.
            problems += [
                f"{slide_id}: {line!r} is wider than the label"
                for line in lines
                if metrics.horizontalAdvance(line) > label.contentsRect().width()
            ]
            assert label.text().replace("\n", "").replace(" ", "") == label.source_text().replace(" ", "")
        for tile in view.findChildren(FigureTile):
            problems += [
                f"{tile.figure.id}: {p}" for p in violations(tile.compute_layout().label_lines.split("\n"))
            ]
        discard(view)
    assert problems == []


def test_a_unit_of_words_on_its_own_line_stays_one_line(runtime: Runtime) -> None:
    figure = runtime.pack.figure("regional_infrastructure_investment")
    tile = FigureTile(figure, runtime.family, theme.ACCENT, FrameDriver(ManualClock()))
    tile.set_language("en")
    tile.resize(300, 420)  # a third of a portrait screen: the unit cannot stay beside "25.4"
    layout = tile.compute_layout()
    suffix = tile.display().suffix.strip()
    assert layout.unit_on_own_line and " " in suffix
    # Wrapped, "yuan" fell under "billion", outside the unit's line, and was never seen.
    assert QFontMetricsF(layout.suffix_font).horizontalAdvance(suffix) <= layout.content_rect.width()
    discard(tile)
