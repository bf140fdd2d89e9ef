"""Headings on a visitor page: labels styled by role, and section titles with a rule in the
topic colour."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import (
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QWidget,
)

from kiosk.ui.style import theme


def styled_label(role: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(role)
    label.setWordWrap(wrap)
    return label


class SectionTitle(QWidget):
    """A section heading with a short rule in the topic colour."""

    def __init__(self, colour: str) -> None:
        super().__init__()
        self.colour = colour
        self.rule = 6
        self.label = styled_label("SectionTitle")
        self.row = layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)

    def set_text(self, text: str) -> None:
        if text != self.label.text():
            self.label.setText(text)
            self.setAccessibleName(text)

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.rule = metrics.px(6)
        self.row.setContentsMargins(metrics.px(22), metrics.px(24), 0, 0)
        self.label.setStyleSheet(f"font-size: {metrics.text_px(theme.SECTION_PX)}px; font-weight: bold;")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(
            QRectF(0, self.height() * 0.3, self.rule, self.height() * 0.55), theme.colour(self.colour)
        )
        painter.end()
