"""The chart slide: a title and one chart that grows in. Imports pyqtgraph, so it is built lazily."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.content.models import Slide
from kiosk.timing.easing import ease_out_cubic, progress_between
from kiosk.ui.showcase.slide_base import SlideContext, SlideView, heading_label
from kiosk.ui.style import theme
from kiosk.ui.widgets.charts import build_chart


class ChartSlide(SlideView):
    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        assert slide.chart is not None
        self.chart_model = context.pack.chart(slide.chart)
        self.title = heading_label()
        self.body.addWidget(self.title)
        self.chart = build_chart(context.pack, slide.chart, context.family, self.topic_colour)
        self.body.addWidget(self.chart, 1)
        self._start: float | None = None
        context.driver.ticked.connect(self._on_tick)

    def apply_metrics(self) -> None:
        self.chart.set_scale(self.metrics.scale)

    def retranslate(self) -> None:
        self.title.setText(self.chart_model.title.get(self.language))
        self.chart.set_language(self.language)

    def enter(self, start: float) -> None:
        if self.context.reduced_motion:
            self.finish()
            return
        self._start = start
        self.chart.set_progress(0.0)
        self.context.driver.animate_until(start + theme.COUNT_UP_S)

    def finish(self) -> None:
        self._start = None
        self.chart.set_progress(1.0)

    def moving_parts(self) -> list[QWidget]:
        return [self.chart] if self._start is not None else []

    def _on_tick(self, now: float) -> None:
        if self._start is None:
            return
        progress = progress_between(self._start, theme.COUNT_UP_S, now)
        self.chart.set_progress(ease_out_cubic(progress))
        if progress >= 1.0:
            self._start = None
