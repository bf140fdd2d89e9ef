"""Charts drawn from pack figures: bars and rank tracks in pyqtgraph, a share ring, a partner network.

Every number on a chart comes from a figure through the one formatter; `progress` (0 to 1, eased)
lets a chart grow in, and at 1 it shows exactly the figure's value.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.formatting import NumberDisplay, format_figure, ordinal
from kiosk.content.models import ContentPack, Figure, Language, NetworkFile
from kiosk.content.strings import (
    CHART_RING_OF,
    NETWORK_ALLIANCE,
    NETWORK_ENCLAVE,
    NETWORK_HUB,
    NETWORK_PARTNER,
)
from kiosk.ui.style import theme

pg.setConfigOptions(antialias=True, background=None, foreground=theme.TEXT)


def _growing_text(display: NumberDisplay, progress: float) -> str:
    """A value while its chart grows: the number so far, without its qualifier. "Over 182.4 billion"
    would be false; the qualifier (超, over, 约, about) appears when the value lands."""
    if progress >= 1.0:
        return display.text
    return display.text_at(float(display.target) * progress)[len(display.prefix) :]


class ChartView(QWidget):
    """Common shape of a chart: language, scale and growth progress."""

    def __init__(self, pack: ContentPack, family: str, accent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.family = family
        self.accent = accent
        self.language: Language = "zh"
        self.scale = 1.0
        self.progress = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def px(self, reference: float) -> int:
        return max(1, round(reference * self.scale))

    def font(self, reference_px: float, bold: bool = False) -> QFont:  # type: ignore[override]
        return theme.font(self.family, self.px(reference_px), bold=bold, tabular=True)

    def set_language(self, language: Language) -> None:
        self.language = language
        self.refresh()

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self.refresh()

    def set_progress(self, progress: float) -> None:
        self.progress = min(max(progress, 0.0), 1.0)
        self.refresh()

    def refresh(self) -> None:
        self.update()

    def value_texts(self) -> list[str]:
        """The numbers a visitor reads on the chart right now."""
        return []


def _bare_plot() -> pg.PlotWidget:
    """A plot with no axes, menu, buttons or mouse interaction: an infographic, not a tool."""
    plot = pg.PlotWidget()
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.hideAxis("left")
    plot.hideAxis("bottom")
    plot.setFrameShape(pg.QtWidgets.QFrame.Shape.NoFrame)
    plot.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
    return plot


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
        self.plot = _bare_plot()
        self.labels = [QLabel() for _ in figures]
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
        return [_growing_text(format_figure(figure, self.language), self.progress) for figure in self.figures]

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
        final_texts = [format_figure(figure, self.language).text for figure in self.figures]
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
                f" font-weight:bold; color:{theme.ACCENT};'>{_escape(text)}</div>"
            )
            value_item.setPos(self._x[index], heights[index] + self._max * 0.02)
        for figure, label in zip(self.figures, self.labels, strict=True):
            label.setText(figure.label.get(self.language))
            label.setStyleSheet(f"font-size: {self.px(theme.BODY_PX)}px; color: {theme.TEXT};")


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
        self.plot = _bare_plot()
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
        return f"第{position}" if self.language == "zh" else ordinal(position)

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
        label_font = self.font(theme.BODY_PX - 2)
        rank_font = self.font(theme.SECTION_PX, bold=True)
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
            mark.setFont(self.font(theme.CAPTION_PX))
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
        shown = _growing_text(format_figure(self.part, self.language), self.progress)
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


_KIND_COLOURS: dict[str, str] = {
    "hub": theme.ACCENT,
    "enclave": "#b49bfa",
    "alliance": "#35d0ea",
    "partner": "#4fd69c",
}
_KIND_STRINGS: dict[str, str] = {
    "hub": NETWORK_HUB,
    "enclave": NETWORK_ENCLAVE,
    "alliance": NETWORK_ALLIANCE,
    "partner": NETWORK_PARTNER,
}


class NetworkDiagram(ChartView):
    """The New Area at the centre, its partner parks and regions around it, drawn as a pyqtgraph
    graph in pixel coordinates so labels wrap to fit in landscape and portrait alike; the links
    grow out from the centre."""

    def __init__(
        self, pack: ContentPack, network: NetworkFile, family: str, accent: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(pack, family, accent, parent)
        self.network = network
        self.plot = _bare_plot()
        self.legend = QLabel()
        self.legend.setObjectName("Caption")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        self.graph = pg.GraphItem()
        self.plot.addItem(self.graph)
        self.index = {node.id: position for position, node in enumerate(network.nodes)}
        # The label box is filled with the ground colour so links pass behind the text, not through it.
        self.labels = [pg.TextItem(anchor=(0.5, 0.0), fill=pg.mkBrush(theme.GROUND)) for _ in network.nodes]
        for item in self.labels:
            self.plot.addItem(item)
        self._label_scale_key: tuple[object, ...] = ()
        self._label_fit = (1.0, False)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.refresh()

    def label_width(self) -> float:
        return min(self.plot.width() * 0.3, self.px(420))

    def node_positions(self) -> dict[str, tuple[float, float]]:
        """Pixel offsets from the centre; partners on an ellipse that leaves room for labels."""
        width, height = max(1, self.plot.width()), max(1, self.plot.height())
        radius_x = max(1.0, width / 2 - self.label_width() / 2 - self.px(8))
        radius_y = max(1.0, height / 2 - self.px(120))
        others = [node for node in self.network.nodes if node.kind != "hub"]
        positions = {node.id: (0.0, 0.0) for node in self.network.nodes if node.kind == "hub"}
        step = 2 * math.pi / max(1, len(others))
        for position, node in enumerate(others):
            # Offset by half a step so no partner sits straight below the hub, over its label.
            angle = math.pi / 2 - step / 2 - step * position
            positions[node.id] = (radius_x * math.cos(angle), radius_y * math.sin(angle))
        return positions

    def _place_labels(self, points: list[tuple[float, float]], scale: float, hub_above: bool = False) -> None:
        """Each label on the far side of its node from the hub (above a node in the upper half,
        below one in the lower half), so labels spread out with the nodes instead of meeting."""
        name_px = max(1, round(self.px(theme.BODY_PX) * scale))
        role_px = max(1, round(self.px(theme.CAPTION_PX) * scale))
        for position, node in enumerate(self.network.nodes):
            x, y = points[position]
            label = self.labels[position]
            label.setTextWidth(-1)
            label.setHtml(
                f"<div style='text-align:center; font-family:\"{self.family}\";'>"
                f"<span style='color:{theme.TEXT}; font-size:{name_px}px; font-weight:bold;'>"
                f"{_escape(node.name.get(self.language))}</span><br>"
                f"<span style='color:{theme.TEXT_MUTED}; font-size:{role_px}px;'>"
                f"{_escape(node.role.get(self.language))}</span></div>"
            )
            # Wrapped only when longer than the label width: a short name keeps a tight box.
            label.setTextWidth(min(self.label_width(), label.textItem.boundingRect().width()))
            above = hub_above if node.kind == "hub" else y > self.px(60)
            label.setAnchor((0.5, 1.0) if above else (0.5, 0.0))
            gap = self.px(40 if node.kind == "hub" else 24)
            label.setPos(x, y + gap if above else y - gap)

    def _fitting_label_scale(self, positions: dict[str, tuple[float, float]]) -> tuple[float, bool]:
        """The largest label size (down to half), and the side of the hub its label takes, at which
        no label overlaps another or leaves the plot."""
        points = [positions[node.id] for node in self.network.nodes]
        plot = QRectF(0, 0, self.plot.width(), self.plot.height()).adjusted(-1, -1, 1, 1)
        scale = 1.0
        while scale > 0.5:
            for hub_above in (False, True):
                self._place_labels(points, scale, hub_above)
                rects = self.label_rects()
                if all(plot.contains(rect) for rect in rects) and _no_overlap(rects):
                    return scale, hub_above
            scale *= 0.92
        return scale, False

    def label_rects(self) -> list[QRectF]:
        """Where each label is drawn, in the plot's pixels (y down), as a visitor sees it."""
        width, height = max(1, self.plot.width()), max(1, self.plot.height())
        rects = []
        for label in self.labels:
            box = label.textItem.boundingRect()
            anchor_x, anchor_y = label.anchor.x(), label.anchor.y()
            x = width / 2 + label.pos().x()
            y = height / 2 - label.pos().y()
            rects.append(
                QRectF(x - anchor_x * box.width(), y - anchor_y * box.height(), box.width(), box.height())
            )
        return rects

    def refresh(self) -> None:
        width, height = max(1, self.plot.width()), max(1, self.plot.height())
        self.plot.setXRange(-width / 2, width / 2, padding=0)
        self.plot.setYRange(-height / 2, height / 2, padding=0)
        positions = self.node_positions()
        grown = self.progress
        points = []
        for node in self.network.nodes:
            x, y = positions[node.id]
            points.append((x, y) if node.kind == "hub" else (x * grown, y * grown))
        adjacency = [(self.index[link.source], self.index[link.target]) for link in self.network.links]
        self.graph.setData(
            pos=np.array(points, dtype=float),
            adj=np.array(adjacency, dtype=int) if adjacency else None,
            size=[self.px(64 if node.kind == "hub" else 34) for node in self.network.nodes],
            symbolBrush=[pg.mkBrush(_KIND_COLOURS[node.kind]) for node in self.network.nodes],
            symbolPen=pg.mkPen(theme.GROUND, width=self.px(3)),
            pen=pg.mkPen(theme.HAIRLINE, width=self.px(4)),
            pxMode=True,
        )
        key = (width, height, self.language, self.scale)
        if key != self._label_scale_key:
            self._label_scale_key = key
            self._label_fit = self._fitting_label_scale(positions)
        self._place_labels(points, *self._label_fit)
        for label, node in zip(self.labels, self.network.nodes, strict=True):
            label.setVisible(grown >= 1.0 or node.kind == "hub")
        self.legend.setText(
            "&nbsp;&nbsp;&nbsp;&nbsp;".join(
                f"<span style='color:{_KIND_COLOURS[kind]}'>●</span>&nbsp;"
                f"{_escape(self.pack.text(key, self.language))}"
                for kind, key in _KIND_STRINGS.items()
            )
        )
        self.legend.setStyleSheet(f"color: {theme.TEXT_MUTED}; font-size: {self.px(theme.CAPTION_PX)}px;")


def _no_overlap(rects: list[QRectF]) -> bool:
    return not any(a.intersects(b) for index, a in enumerate(rects) for b in rects[index + 1 :])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_chart(pack: ContentPack, chart_id: str, family: str, accent: str) -> ChartView:
    chart = pack.chart(chart_id)
    figures = [pack.figure(figure_id) for figure_id in chart.figures]
    if chart.kind == "bars":
        return BarChart(pack, figures, family, accent)
    if chart.kind == "ranks":
        return RankChart(pack, figures, family, accent)
    if chart.kind == "ring":
        whole = pack.figure(chart.whole) if chart.whole is not None else None
        return RingChart(pack, figures[0], whole, family, accent)
    return NetworkDiagram(pack, pack.network, family, accent)
