"""Charts drawn from pack figures: bars and rank tracks in pyqtgraph, a share ring, a partner network.

Every number on a chart comes from a figure through the one formatter; `progress` (0 to 1, eased)
lets a chart grow in, and at 1 it shows exactly the figure's value.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.formatting import format_figure, ordinal
from kiosk.content.models import ContentPack, Figure, Language, NetworkFile
from kiosk.content.strings import (
    CHART_RING_OF,
    NETWORK_ALLIANCE,
    NETWORK_ENCLAVE,
    NETWORK_HUB,
    NETWORK_PARTNER,
)
from kiosk.ui import theme

pg.setConfigOptions(antialias=True, background=None, foreground=theme.TEXT)

_WRAP_CENTRE = (
    int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.AlignmentFlag.AlignTop)
)


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


class BarChart(ChartView):
    """Vertical bars that grow from zero; each labelled with its formatted value and its label."""

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
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setFrameShape(pg.QtWidgets.QFrame.Shape.NoFrame)
        self.plot.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
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
        self.label_items = [pg.TextItem(anchor=(0.5, 0.0), color=theme.TEXT) for _ in figures]
        for item in [*self.value_items, *self.label_items]:
            self.plot.addItem(item)
        self.plot.setXRange(-0.6, count - 0.4, padding=0)
        self.plot.setYRange(-self._max * 0.32, self._max * 1.22, padding=0)

    def value_texts(self) -> list[str]:
        texts = []
        for figure in self.figures:
            display = format_figure(figure, self.language)
            texts.append(
                display.text
                if self.progress >= 1.0
                else display.text_at(float(display.target) * self.progress)
            )
        return texts

    def refresh(self) -> None:
        heights = [float(figure.value) * self.progress for figure in self.figures]
        self.bars.setOpts(height=heights)
        value_font = self.font(theme.SECTION_PX, bold=True)
        label_font = self.font(theme.BODY_PX)
        column_px = max(1.0, self.width() / max(1, len(self.figures)) * 0.9)
        for index, (figure, text) in enumerate(zip(self.figures, self.value_texts(), strict=True)):
            value_item = self.value_items[index]
            value_item.setFont(value_font)
            value_item.setText(text)
            value_item.setPos(self._x[index], heights[index] + self._max * 0.02)
            label_item = self.label_items[index]
            label_item.setFont(label_font)
            label_item.setTextWidth(column_px)
            label_item.setHtml(
                f"<div style='text-align:center'>{_escape(figure.label.get(self.language))}</div>"
            )
            label_item.setPos(self._x[index], -self._max * 0.03)


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
        self.out_of = max(figure.ranking.out_of for figure in figures if figure.ranking is not None)
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setFrameShape(pg.QtWidgets.QFrame.Shape.NoFrame)
        self.plot.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
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
        for item in [*self.label_items, *self.rank_items]:
            self.plot.addItem(item)
        self.plot.setXRange(0.3, self.out_of + 4.2, padding=0)
        self.plot.setYRange(-0.5, rows - 0.1, padding=0)

    def _rows(self) -> list[tuple[Figure, int, float]]:
        rows = []
        count = len(self.figures)
        for index, figure in enumerate(self.figures):
            assert figure.ranking is not None
            y = float(count - 1 - index)
            rows.append((figure, figure.ranking.position, y))
        return rows

    def value_texts(self) -> list[str]:
        return [
            self._rank_text(figure, self._shown_position(position)) for figure, position, _ in self._rows()
        ]

    def _shown_position(self, position: int) -> int:
        return round(self.out_of - (self.out_of - position) * self.progress)

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
        for index, (figure, position, y) in enumerate(self._rows()):
            label = self.label_items[index]
            label.setFont(label_font)
            label.setText(figure.label.get(self.language))
            label.setPos(0.55, y + 0.36)
            rank = self.rank_items[index]
            rank.setFont(rank_font)
            rank.setText(self._rank_text(figure, self._shown_position(position)))
            rank.setPos(self.out_of + 0.9, y)


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
        display = format_figure(self.part, self.language)
        shown = (
            display.text if self.progress >= 1.0 else display.text_at(float(display.target) * self.progress)
        )
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
    """The New Area at the centre; partner parks near, partner regions further out."""

    def __init__(
        self,
        pack: ContentPack,
        network: NetworkFile,
        family: str,
        accent: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(pack, family, accent, parent)
        self.network = network

    def node_positions(self) -> dict[str, QPointF]:
        centre = QPointF(self.width() / 2, self.height() * 0.47)
        radius_x = self.width() * 0.36
        radius_y = self.height() * 0.36
        others = [node for node in self.network.nodes if node.kind != "hub"]
        positions = {node.id: centre for node in self.network.nodes if node.kind == "hub"}
        for index, node in enumerate(others):
            # Offset by half a step so no partner sits straight below the hub, over its label.
            angle = -math.pi / 2 + math.pi / max(1, len(others)) + 2 * math.pi * index / max(1, len(others))
            positions[node.id] = QPointF(
                centre.x() + radius_x * math.cos(angle), centre.y() + radius_y * math.sin(angle)
            )
        return positions

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        positions = self.node_positions()
        grown = self.progress
        for link in self.network.links:
            start, end = positions[link.source], positions[link.target]
            pen = QPen(theme.colour(theme.HAIRLINE), self.px(4))
            painter.setPen(pen)
            painter.drawLine(start, start + (end - start) * grown)
        name_font = self.font(theme.BODY_PX, bold=True)
        role_font = self.font(theme.CAPTION_PX)
        box_width = self.width() * 0.26
        for node in self.network.nodes:
            point = positions[node.id]
            radius = self.px(34 if node.kind == "hub" else 18) * (1.0 if node.kind == "hub" else grown)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.colour(_KIND_COLOURS[node.kind]))
            painter.drawEllipse(point, radius, radius)
            if node.kind != "hub" and grown < 1.0:
                continue
            name_rect = QRectF(
                point.x() - box_width / 2, point.y() + radius + self.px(8), box_width, self.px(90)
            )
            painter.setPen(theme.colour(theme.TEXT))
            painter.setFont(name_font)
            painter.drawText(name_rect, _WRAP_CENTRE, node.name.get(self.language))
            name_height = (
                QFontMetricsF(name_font)
                .boundingRect(name_rect, _WRAP_CENTRE, node.name.get(self.language))
                .height()
            )
            role_rect = QRectF(name_rect.left(), name_rect.top() + name_height, box_width, self.px(70))
            painter.setPen(theme.colour(theme.TEXT_MUTED))
            painter.setFont(role_font)
            painter.drawText(role_rect, _WRAP_CENTRE, node.role.get(self.language))
        self._paint_legend(painter)
        painter.end()

    def _paint_legend(self, painter: QPainter) -> None:
        legend_font = self.font(theme.CAPTION_PX)
        painter.setFont(legend_font)
        metrics = QFontMetricsF(legend_font)
        x = 0.0
        y = self.height() - metrics.height()
        for kind, key in _KIND_STRINGS.items():
            label = self.pack.text(key, self.language)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.colour(_KIND_COLOURS[kind]))
            dot = self.px(10)
            painter.drawEllipse(QPointF(x + dot, y + metrics.height() / 2), dot, dot)
            painter.setPen(theme.colour(theme.TEXT_MUTED))
            painter.drawText(QPointF(x + dot * 3, y + metrics.ascent()), label)
            x += dot * 3 + metrics.horizontalAdvance(label) + self.px(40)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_chart(pack: ContentPack, chart_id: str, family: str, accent: str) -> ChartView:
    chart = next(item for item in pack.charts if item.id == chart_id)
    figures = [pack.figure(figure_id) for figure_id in chart.figures]
    if chart.kind == "bars":
        return BarChart(pack, figures, family, accent)
    if chart.kind == "ranks":
        return RankChart(pack, figures, family, accent)
    if chart.kind == "ring":
        whole = pack.figure(chart.whole) if chart.whole is not None else None
        return RingChart(pack, figures[0], whole, family, accent)
    return NetworkDiagram(pack, pack.network, family, accent)
