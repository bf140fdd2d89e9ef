"""The chart slide: a title and one chart that grows in. Imports pyqtgraph, so it is built lazily."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.content.models import Slide
from kiosk.ui.showcase.slide_base import SlideContext, SlideView, heading_label
from kiosk.ui.style import theme
from kiosk.ui.style.motion import Tween
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
        self.grow = Tween(context.driver, theme.COUNT_UP_S, self.chart.set_progress, self)

    def apply_metrics(self) -> None:
        self.chart.set_scale(self.metrics.scale)

    def retranslate(self) -> None:
        self.title.setText(self.chart_model.title.get(self.language))
        self.chart.set_language(self.language)

    def enter(self, start: float) -> None:
        self.grow.start(start, self.context.reduced_motion)

    def finish(self) -> None:
        self.grow.finish()

    def moving_parts(self) -> list[QWidget]:
        return [self.chart] if self.grow.running else []
