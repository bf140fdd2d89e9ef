"""The charts drawn from pack figures: bars and rank tracks in pyqtgraph, a share ring, and the
one place a chart is built from its id (the partner network has its own module)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content.formatting import format_figure
from kiosk.content.models import ContentPack, Figure
from kiosk.content.strings import (
    CHART_RING_OF,
)
from kiosk.i18n.languages import ordinal
from kiosk.ui.style import theme
from kiosk.ui.widgets.chart_view import ChartView, TextAlternative, bare_plot, growing_text, unbroken_html
from kiosk.ui.widgets.network_diagram import NetworkDiagram
from kiosk.ui.widgets.text import BrokenLabel


class BarChart(ChartView):
    """Vertical bars that grow from zero, each with its formatted value above it and its label
    in a row of word-wrapped labels below, one equal column per bar."""

    def __init__(
        self,
        pack: ContentPack,
        figures: list[Figure],
        family: str,
        accent: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(pack, family, accent, parent)
        self.figures = figures
        self.plot = bare_plot()
        self.labels = [BrokenLabel() for _ in figures]
        label_row = QHBoxLayout()
        label_row.setContentsMargins(0, 0, 0, 0)
        for label in self.labels:
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            label_row.addWidget(label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addLayout(label_row)
        count = len(figures)
        self._x = [float(index) for index in range(count)]
        self._max = max(float(figure.value) for figure in figures) or 1.0
        self.bars = pg.BarGraphItem(
            x=self._x,
            height=[0.0] * count,
            width=0.56,
            brush=pg.mkBrush(accent),
            pen=pg.mkPen(None),
        )
        self.plot.addItem(self.bars)
        self.value_items = [pg.TextItem(anchor=(0.5, 1.0), color=theme.ACCENT) for _ in figures]
        for item in self.value_items:
            self.plot.addItem(item)
        # Equal columns: bar i is centred in the i-th of `count` columns, as its label is below.
        self.plot.setXRange(-0.5, count - 0.5, padding=0)

    def value_texts(self) -> list[str]:
        return [growing_text(format_figure(figure, self.language), self.progress) for figure in self.figures]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.refresh()

    def refresh(self) -> None:
        heights = [float(figure.value) * self.progress for figure in self.figures]
        self.bars.setOpts(height=heights)
        value_px = self.px(theme.SECTION_PX)
        column_px = max(1.0, self.plot.width() / max(1, len(self.figures)) * 0.94)
        # Room above the tallest bar for its value label: one line when every value fits its
        # column, two otherwise (a squat chart should spend its height on bars, not on air).
        value_metrics = QFontMetricsF(theme.font(self.family, value_px, bold=True))
        displays = [format_figure(figure, self.language) for figure in self.figures]
        # A value breaks only between its number and its unit; where even those are wider than a
        # column, the values shrink rather than Qt cutting "billion yuan" inside a word.
        parts = [part for d in displays for part in (d.text[: len(d.text) - len(d.suffix)], d.suffix.strip())]
        # The text's room is the column less the document's margins on either side.
        room = column_px - 2 * self.value_items[0].textItem.document().documentMargin() - 1
        widest = max(value_metrics.horizontalAdvance(part) for part in parts)
        if widest > room:
            value_px = max(1, int(value_px * room / widest))
            value_metrics = QFontMetricsF(theme.font(self.family, value_px, bold=True))
        final_texts = [d.text for d in displays]
        one_line = all(value_metrics.horizontalAdvance(text) <= column_px for text in final_texts)
        reserve_px = value_px * (1.8 if one_line else 3.2)
        plot_px = max(1.0, self.plot.height())
        top = self._max / max(0.2, 1.0 - reserve_px / plot_px)
        self.plot.setYRange(0, top, padding=0)
        for index, text in enumerate(self.value_texts()):
            value_item = self.value_items[index]
            value_item.setTextWidth(column_px)
            value_item.setHtml(
                f'<div style=\'text-align:center; font-family:"{self.family}"; font-size:{value_px}px;'
                f" font-weight:bold; color:{theme.ACCENT};'>"
                f"{unbroken_html(text, format_figure(self.figures[index], self.language))}</div>"
            )
            value_item.setPos(self._x[index], heights[index] + self._max * 0.02)
        style = f"font-size: {self.px(theme.BODY_PX)}px; color: {theme.TEXT};"
        for figure, label in zip(self.figures, self.labels, strict=True):
            # Refreshed on every frame of growth: only a change of text or size re-breaks a label.
            if label.source_text() != figure.label.get(self.language):
                label.set_source_text(figure.label.get(self.language))
            if label.styleSheet() != style:
                label.setStyleSheet(style)


class RankChart(ChartView):
    """One track of 19 slots per ranking; the New Area's slot lights up, sliding in from the back."""

    def __init__(
        self,
        pack: ContentPack,
        figures: list[Figure],
        family: str,
        accent: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(pack, family, accent, parent)
        self.figures = figures
        # A track as long as the largest field the source states, or as the lowest position shown.
        self.out_of = max(
            figure.ranking.out_of or figure.ranking.position
            for figure in figures
            if figure.ranking is not None
        )
        self.plot = bare_plot()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        rows = len(figures)
        self.track = pg.ScatterPlotItem(pen=pg.mkPen(None), brush=pg.mkBrush(theme.HAIRLINE))
        self.marks = pg.ScatterPlotItem(pen=pg.mkPen(theme.GROUND, width=3), brush=pg.mkBrush(accent))
        self.plot.addItem(self.track)
        self.plot.addItem(self.marks)
        self.label_items = [pg.TextItem(anchor=(0.0, 1.0), color=theme.TEXT) for _ in figures]
        self.rank_items = [pg.TextItem(anchor=(0.0, 0.5), color=theme.ACCENT) for _ in figures]
        # The scale's two ends under the last track, so "2nd of 19" can be read off the dots.
        self.end_marks = [pg.TextItem(anchor=(0.5, 0.0), color=theme.TEXT_MUTED) for _ in range(2)]
        for item in [*self.label_items, *self.rank_items, *self.end_marks]:
            self.plot.addItem(item)
        self.plot.setXRange(0.3, self.out_of + 4.2, padding=0)
        self.plot.setYRange(-0.85, rows - 0.3, padding=0)

    def _rows(self) -> list[tuple[Figure, int, float]]:
        rows = []
        count = len(self.figures)
        for index, figure in enumerate(self.figures):
            assert figure.ranking is not None
            y = float(count - 1 - index)
            rows.append((figure, figure.ranking.position, y))
        return rows

    def value_texts(self) -> list[str]:
        """The ranks, once the marks have landed: a rank passing through 12th on its way is not true."""
        if self.progress < 1.0:
            return ["" for _ in self.figures]
        return [self._rank_text(figure, position) for figure, position, _ in self._rows()]

    def _rank_text(self, figure: Figure, position: int) -> str:
        return ordinal(position, self.language)

    def refresh(self) -> None:
        track_x, track_y, mark_x, mark_y = [], [], [], []
        for _figure, position, y in self._rows():
            for slot in range(1, self.out_of + 1):
                track_x.append(float(slot))
                track_y.append(y)
            mark_x.append(float(self.out_of) - (self.out_of - position) * self.progress)
            mark_y.append(y)
        self.track.setData(x=track_x, y=track_y, size=self.px(14))
        self.marks.setData(x=mark_x, y=mark_y, size=self.px(40))
        label_font = self.chart_font(theme.BODY_PX - 2)
        rank_font = self.chart_font(theme.SECTION_PX, bold=True)
        ranks = self.value_texts()
        for index, (figure, _position, y) in enumerate(self._rows()):
            label = self.label_items[index]
            label.setFont(label_font)
            label.setText(figure.label.get(self.language))
            # Just above its own track, well clear of the track above.
            label.setPos(0.55, y + 0.2)
            rank = self.rank_items[index]
            rank.setFont(rank_font)
            rank.setText(ranks[index])
            rank.setPos(self.out_of + 0.9, y)
        for mark, slot in zip(self.end_marks, (1, self.out_of), strict=True):
            mark.setFont(self.chart_font(theme.CAPTION_PX))
            mark.setText(str(slot))
            mark.setPos(float(slot), -0.22)


class RingChart(ChartView):
    """A share as a ring that sweeps to its value, with the value in the middle."""

    def __init__(
        self,
        pack: ContentPack,
        part: Figure,
        whole: Figure | None,
        family: str,
        accent: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(pack, family, accent, parent)
        self.part = part
        self.whole = whole

    def share(self) -> float:
        if self.whole is None:
            return float(self.part.value) / 100.0
        return float(self.part.value) / float(self.whole.value)

    def value_texts(self) -> list[str]:
        shown = growing_text(format_figure(self.part, self.language), self.progress)
        if self.whole is None:
            return [shown]
        whole_text = format_figure(self.whole, self.language).text
        template = self.pack.text(CHART_RING_OF, self.language)
        return [template.format(part=shown, whole=whole_text)]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) * 0.86
        thickness = side * 0.1
        ring = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side).adjusted(
            thickness / 2, thickness / 2, -thickness / 2, -thickness / 2
        )
        pen = QPen(theme.colour(theme.HAIRLINE), thickness)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawArc(ring, 0, 360 * 16)
        pen.setColor(theme.colour(self.accent))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        span = -round(360 * 16 * self.share() * self.progress)
        if span:
            painter.drawArc(ring, 90 * 16, span)
        painter.setPen(theme.colour(theme.ACCENT))
        text = self.value_texts()[0]
        size = side * (0.2 if self.whole is None else 0.12)
        text_font = theme.font(self.family, max(1, round(size)), bold=True, tabular=True)
        metrics = QFontMetricsF(text_font)
        while metrics.horizontalAdvance(text) > ring.width() * 0.8 and text_font.pixelSize() > 8:
            text_font.setPixelSize(text_font.pixelSize() - 2)
            metrics = QFontMetricsF(text_font)
        painter.setFont(text_font)
        painter.drawText(ring, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.end()


def build_chart(pack: ContentPack, chart_id: str, family: str, accent: str) -> ChartView:
    chart = pack.chart(chart_id)
    figures = [pack.figure(figure_id) for figure_id in chart.figures]
    view: ChartView
    if chart.kind == "bars":
        view = BarChart(pack, figures, family, accent)
    elif chart.kind == "ranks":
        view = RankChart(pack, figures, family, accent)
    elif chart.kind == "ring":
        whole = pack.figure(chart.whole) if chart.whole is not None else None
        view = RingChart(pack, figures[0], whole, family, accent)
    else:
        view = NetworkDiagram(pack, pack.network, family, accent)
    # What a screen reader says for the chart: its title, then each figure it draws, as text.
    view.text_alternative = TextAlternative(chart.title, figures)
    return view
