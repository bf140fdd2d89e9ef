"""The partner network: the New Area at the centre, its partner parks and regions around it."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPen, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.content.models import ContentPack, NetworkFile
from kiosk.content.strings import (
    NETWORK_ALLIANCE,
    NETWORK_ENCLAVE,
    NETWORK_HUB,
    NETWORK_PARTNER,
)
from kiosk.ui.style import theme
from kiosk.ui.widgets.chart_view import ChartView, bare_plot, escape_html, html_lines
from kiosk.ui.widgets.text import broken_text

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
        self.plot = bare_plot()
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
        # pyqtgraph keeps a picture of every symbol in an atlas keyed by the pen and brush objects:
        # new ones on every frame of the links growing added pictures without end (at 4K, half a
        # MiB a frame), so the same objects are given each time.
        self._symbol_brushes = [pg.mkBrush(_KIND_COLOURS[node.kind]) for node in network.nodes]
        self._symbol_pen: QPen = pg.mkPen(theme.GROUND, width=1)

    def symbol_pen(self) -> QPen:
        """The outline of the nodes, the same object for as long as its width does not change."""
        width = self.px(3)
        if self._symbol_pen.width() != width:
            pen: QPen = pg.mkPen(theme.GROUND, width=width)
            self._symbol_pen = pen
        return self._symbol_pen

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.refresh()

    def label_width(self) -> float:
        plot_width: int = self.plot.width()
        return min(plot_width * 0.3, self.px(420))

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
            # Broken by the kiosk's breaker, each line narrower than the label, so Qt never breaks
            # one again ("Hainan Free Trade / Port").
            width = self.label_width() - 2 * label.textItem.document().documentMargin() - 1
            name = broken_text(
                node.name.get(self.language), theme.font(self.family, name_px, bold=True), width
            )
            role = broken_text(node.role.get(self.language), theme.font(self.family, role_px), width)
            label.setTextWidth(-1)
            label.setHtml(
                f"<div style='text-align:center; font-family:\"{self.family}\";'>"
                f"<span style='color:{theme.TEXT}; font-size:{name_px}px; font-weight:bold;'>"
                f"{html_lines(name)}</span><br>"
                f"<span style='color:{theme.TEXT_MUTED}; font-size:{role_px}px;'>"
                f"{html_lines(role)}</span></div>"
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
            symbolBrush=self._symbol_brushes,
            symbolPen=self.symbol_pen(),
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
                f"{escape_html(self.pack.text(key, self.language))}"
                for kind, key in _KIND_STRINGS.items()
            )
        )
        self.legend.setStyleSheet(f"color: {theme.TEXT_MUTED}; font-size: {self.px(theme.CAPTION_PX)}px;")


def _no_overlap(rects: list[QRectF]) -> bool:
    return not any(a.intersects(b) for index, a in enumerate(rects) for b in rects[index + 1 :])
