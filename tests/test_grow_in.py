"""A chart slide grows in on the injected clock: what a visitor reads at its start, middle and end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from kiosk_harness import discard
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from kiosk.clock import ManualClock
from kiosk.content.formatting import format_figure
from kiosk.content.models import Figure
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase.chart_slide import ChartSlide
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.style import theme
from kiosk.ui.style.motion import FrameDriver

CHART_SLIDE = "chart_industry_investment"


@pytest.fixture
def slides(qapp: QApplication) -> Iterator[list[ChartSlide]]:
    made: list[ChartSlide] = []
    yield made
    discard(*made)


def investment_slide(
    runtime: Runtime, slides: list[ChartSlide], reduced_motion: bool
) -> tuple[ChartSlide, ManualClock, FrameDriver]:
    clock = ManualClock()
    driver = FrameDriver(clock)
    slide = ChartSlide(
        runtime.pack.slide(CHART_SLIDE),
        SlideContext(runtime.pack, runtime.family, driver, reduced_motion),
    )
    slides.append(slide)
    slide.resize(QSize(1920, 1080))
    slide.set_language("zh")
    slide.show()
    return slide, clock, driver


def frame(clock: ManualClock, driver: FrameDriver, seconds: float) -> None:
    clock.advance(seconds)
    driver.tick()


def chart_figures(runtime: Runtime) -> list[Figure]:
    chart = runtime.pack.chart("industry_investment")
    return [runtime.pack.figure(figure) for figure in chart.figures]


def final_texts(runtime: Runtime) -> list[str]:
    """The chart's values as the one formatter writes them: what a grown chart must show."""
    return [format_figure(figure, "zh").text for figure in chart_figures(runtime)]


def amounts(texts: list[str]) -> list[float]:
    """The numbers in values shown while growing (no qualifier yet, unit 亿元)."""
    return [float(text.removesuffix("亿元").replace(",", "")) for text in texts]


def test_a_chart_grows_from_zero_through_the_middle_to_its_exact_values(
    runtime: Runtime, slides: list[ChartSlide]
) -> None:
    slide, clock, driver = investment_slide(runtime, slides, reduced_motion=False)
    slide.enter(clock.monotonic())
    assert amounts(slide.chart.value_texts()) == [0.0, 0.0, 0.0]
    assert driver.running, "a growing chart keeps the frames coming"

    frame(clock, driver, theme.COUNT_UP_S / 2)
    middle = amounts(slide.chart.value_texts())
    final = [float(figure.value) for figure in chart_figures(runtime)]
    for shown, target in zip(middle, final, strict=True):
        # Eased out: past halfway at half time, and not there yet.
        assert target / 2 < shown < target
    assert slide.moving_parts() == [slide.chart]

    frame(clock, driver, theme.COUNT_UP_S / 2)
    assert slide.chart.value_texts() == final_texts(runtime)
    assert slide.moving_parts() == []
    assert not driver.running, "a grown chart costs no frames"


def test_with_reduced_motion_the_chart_is_whole_at_once(runtime: Runtime, slides: list[ChartSlide]) -> None:
    slide, clock, driver = investment_slide(runtime, slides, reduced_motion=True)
    slide.enter(clock.monotonic())
    assert slide.chart.value_texts() == final_texts(runtime)
    assert slide.moving_parts() == []
    assert not driver.running, "nothing moves, so no timer runs"
