"""Figure tiles that hold together: units stay with their numbers, a row stays balanced in both
languages, and a count-up never shows something untrue (a qualifier adrift, a passing rank)."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterator

import pytest
from kiosk_harness import discard
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from PySide6.QtWidgets import QWidget

from kiosk.clock import ManualClock
from kiosk.content.linebreak import violations
from kiosk.content.models import Language
from kiosk.ui.runtime.render import grab
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase.kinds import build_slide
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.style import theme
from kiosk.ui.style.contrast import contrast_ratio
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.widgets.charts import BarChart, RankChart, build_chart
from kiosk.ui.widgets.figure_tile import INLINE_SHRINK_LIMIT, FigureTile
from kiosk.ui.widgets.text import BrokenLabel

LANDSCAPE = QSize(1920, 1080)
PORTRAIT = QSize(1080, 1920)


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


# Until 27 Nov 2026 this selection named a kind that does not exist ("wall"), so the fit checks saw the
# story slides only. The figures walls fail them in English: the 12-figure wall (wall_box_2023) clips
# the emerging-industries tile into its bottom padding and sets its numbers at 83 px against 120 in
# Chinese. A known defect, reported in the closing note of that day; strict, so a fix turns it red.
WALL_DEFECT = pytest.mark.xfail(
    strict=True, reason="figures walls in English: a tile clipped, numbers 30% smaller than in Chinese"
)


@pytest.fixture(params=[("spotlight", "story"), ("figures_wall",)], ids=["spotlights-stories", "walls"])
def fitted_slides(runtime: Runtime, request: pytest.FixtureRequest) -> list[str]:
    kinds: tuple[str, ...] = request.param
    language = request.node.callspec.params.get("language", "en")
    if kinds == ("figures_wall",) and language in ("en", "pseudo"):
        request.applymarker(WALL_DEFECT)
    return [slide.id for slide in runtime.pack.slides if slide.kind in kinds]


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh", "en", "pseudo"])
def test_a_unit_never_leaves_its_number(
    runtime: Runtime, fitted_slides: list[str], size: QSize, language: Language
) -> None:
    separated = []
    for slide_id in fitted_slides:
        view = settled_slide(runtime, slide_id, language, size)
        for tile in view.findChildren(FigureTile):
            suffix = tile.display().suffix.strip()
            layout = tile.compute_layout()
            assert tile.fits(), f"{slide_id}: {tile.figure.id} is clipped"
            # A unit symbol (亿元, km², %, 个) stays on the number's line; only a unit of words may wrap.
            if suffix and " " not in suffix and layout.unit_on_own_line:
                separated.append(f"{slide_id}: {tile.value_text()}")
        discard(view)
    assert separated == []


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_one_long_figure_does_not_shrink_its_row(
    runtime: Runtime, fitted_slides: list[str], size: QSize
) -> None:
    for slide_id in fitted_slides:
        sizes: dict[str, list[int]] = {}
        for language in ("zh", "en"):
            view = settled_slide(runtime, slide_id, language, size)
            sizes[language] = [
                tile.compute_layout().number_font.pixelSize() for tile in view.findChildren(FigureTile)
            ]
            discard(view)
        for language, row in sizes.items():
            if not row:
                continue
            largest = max(row)
            # Most tiles share the row's size; a long one shrinks alone, and not past the inline limit.
            assert sum(1 for px in row if px >= largest * 0.97) >= len(row) / 2, (
                f"{slide_id} {language}: {row}"
            )
            assert min(row) >= largest * INLINE_SHRINK_LIMIT, f"{slide_id} {language}: {row}"
        if sizes["zh"]:
            zh, en = statistics.median(sizes["zh"]), statistics.median(sizes["en"])
            assert en >= zh * 0.85, f"{slide_id}: numbers jump from {zh} to {en} px on a language switch"


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


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh", "en", "pseudo"])
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
