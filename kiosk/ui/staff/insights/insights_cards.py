"""The cards of the Insights page: a rounded surface, a headline figure, a pyqtgraph bar chart."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.formatting import format_count
from kiosk.ui.style import theme


class Card(QWidget):
    """A rounded surface with a title line and a body."""

    def __init__(self) -> None:
        super().__init__()
        self.radius = 24
        self.title = QLabel()
        self.title.setObjectName("InsightsCardTitle")
        self.header = QHBoxLayout()
        self.header.addWidget(self.title)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.header)
        self.header.addStretch(1)

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.radius = metrics.px(theme.RADIUS_PX)
        pad = metrics.px(28)
        self.body.setContentsMargins(pad, metrics.px(20), pad, pad)
        self.body.setSpacing(metrics.px(12))
        self.title.setStyleSheet(f"font-size: {metrics.px(theme.BODY_PX)}px; font-weight: bold;")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.colour(theme.SURFACE))
        painter.drawRoundedRect(QRectF(self.rect()), self.radius, self.radius)
        painter.end()


class KpiCard(Card):
    """One headline figure: a caption, the value in gold, an optional line under it."""

    def __init__(self) -> None:
        super().__init__()
        self.value = QLabel()
        self.detail = QLabel()
        self.body.addWidget(self.value)
        self.body.addWidget(self.detail)
        self.body.addStretch(1)

    def set_metrics(self, metrics: theme.Metrics) -> None:
        super().set_metrics(metrics)
        pad = metrics.px(24)
        self.body.setContentsMargins(pad, metrics.px(16), pad, metrics.px(18))
        self.body.setSpacing(metrics.px(4))
        self.title.setStyleSheet(f"font-size: {metrics.px(theme.CAPTION_PX)}px; color: {theme.TEXT_MUTED};")
        self.value.setStyleSheet(
            f"font-size: {metrics.px(theme.SECTION_PX + 4)}px; font-weight: bold; color: {theme.ACCENT};"
        )
        self.detail.setStyleSheet(f"font-size: {metrics.px(theme.CAPTION_PX)}px; color: {theme.TEXT_MUTED};")


class ChartCard(Card):
    """A card holding one pyqtgraph plot, styled as the rest of staff mode, with an empty state."""

    def __init__(self, family: str, horizontal: bool = False) -> None:
        super().__init__()
        self.family = family
        self.horizontal = horizontal
        self.plot = pg.PlotWidget(background=theme.SURFACE)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setFrameShape(pg.QtWidgets.QFrame.Shape.NoFrame)
        self.plot.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plot.showGrid(x=horizontal, y=not horizontal, alpha=0.12)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(theme.HAIRLINE))
            axis.setTextPen(pg.mkPen(theme.TEXT_MUTED))
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.plot, 1)
        self.body.addWidget(self.empty, 1)
        self.empty.hide()
        self.labels: list[pg.TextItem] = []
        self.font_px = 20

    def set_metrics(self, metrics: theme.Metrics) -> None:
        super().set_metrics(metrics)
        self.font_px = metrics.px(theme.CAPTION_PX)
        font = theme.font(self.family, self.font_px, tabular=True)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setStyle(tickFont=font, tickLength=0, tickTextOffset=metrics.px(10))
        self.empty.setStyleSheet(f"font-size: {metrics.px(theme.BODY_PX)}px; color: {theme.TEXT_MUTED};")

    def show_empty(self, text: str) -> None:
        self.plot.hide()
        self.empty.setText(text)
        self.empty.show()

    def bars(
        self, values: list[int], ticks: list[tuple[int, str]], colours: list[str], left_width: int = 0
    ) -> None:
        """Vertical bars (or horizontal, top to bottom, with their counts beside them)."""
        self.empty.hide()
        self.plot.show()
        self.plot.clear()
        self.labels = []
        positions = list(range(len(values)))
        brushes = [pg.mkBrush(colour) for colour in colours]
        top = max(values, default=0) or 1
        if self.horizontal:
            rows = [len(values) - 1 - index for index in positions]
            item = pg.BarGraphItem(
                x0=0, y=rows, height=0.62, width=values, brushes=brushes, pen=pg.mkPen(None)
            )
            self.plot.addItem(item)
            for row, value in zip(rows, values, strict=True):
                label = pg.TextItem(format_count(value), color=theme.TEXT, anchor=(0, 0.5))
                label.setFont(theme.font(self.family, self.font_px, tabular=True))
                label.setPos(value + top * 0.02, row)
                self.plot.addItem(label)
                self.labels.append(label)
            left = self.plot.getAxis("left")
            # An axis drops a label wider than itself: long slide names are shortened instead.
            metrics = QFontMetrics(theme.font(self.family, self.font_px))
            room = (left_width or metrics.horizontalAdvance("M" * 12)) - self.font_px
            left.setTicks(
                [
                    [
                        (len(values) - 1 - index, metrics.elidedText(text, Qt.TextElideMode.ElideRight, room))
                        for index, text in ticks
                    ]
                ]
            )
            left.setWidth(left_width or None)
            self.plot.getAxis("bottom").setTicks(None)
            self.plot.hideAxis("bottom")
            self.plot.setXRange(0, top * 1.3, padding=0)
            self.plot.setYRange(-0.6, len(values) - 0.4, padding=0)
        else:
            item = pg.BarGraphItem(
                x=positions, height=values, width=0.66, brushes=brushes, pen=pg.mkPen(None)
            )
            self.plot.addItem(item)
            self.plot.getAxis("bottom").setTicks([ticks])
            self.plot.showAxis("bottom")
            self.plot.setXRange(-0.7, len(values) - 0.3, padding=0)
            self.plot.setYRange(0, top * 1.1, padding=0)

    def overlay(self, values: list[int], colour: str) -> None:
        """Horizontal bars drawn over the main ones (the completed part of each slide's plays)."""
        rows = [len(values) - 1 - index for index in range(len(values))]
        self.plot.addItem(
            pg.BarGraphItem(
                x0=0, y=rows, height=0.62, width=values, brush=pg.mkBrush(colour), pen=pg.mkPen(None)
            )
        )
