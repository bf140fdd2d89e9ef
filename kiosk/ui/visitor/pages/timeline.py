"""A topic's dated events on a line, at the precision the source gives."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QWidget,
)

from kiosk.content.formatting import format_date
from kiosk.content.models import Event, Language
from kiosk.ui.style import theme
from kiosk.ui.widgets.text import broken_text


class Timeline(QWidget):
    """Dated events on a line, at the precision the source gives."""

    def __init__(self, events: list[Event], family: str, colour: str) -> None:
        super().__init__()
        self.events = sorted(events, key=lambda event: event.date)
        self.family = family
        self.colour = colour
        self.language: Language = "zh"
        self.metrics = theme.Metrics.for_size(self.size())

    def set_language(self, language: Language) -> None:
        self.language = language
        self.setAccessibleName("; ".join(f"{date} {title}" for date, title in self.entries()))
        self._fit_height()

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.metrics = metrics
        self._fit_height()

    def fonts(self) -> tuple[QFont, QFont]:
        m = self.metrics
        date = theme.font(self.family, m.text_px(theme.BODY_PX), bold=True)
        return date, theme.font(self.family, m.text_px(theme.BODY_PX - 2))

    def needed_height(self, width: float) -> float:
        """The height every date and title needs at `width`, laid out as `paintEvent` lays them out."""
        m = self.metrics
        date_font, title_font = self.fonts()
        date_height = QFontMetricsF(date_font).height()
        dot = m.px(12)
        wrap = int(Qt.TextFlag.TextWordWrap)
        titles = QFontMetricsF(title_font)
        if not self.events:
            return 0.0
        box = QRectF(0, 0, self.title_width(width), 1e5)
        tallest = max(titles.boundingRect(box, wrap, title).height() for title in self.broken_titles(width))
        if m.portrait:
            return len(self.events) * (dot * 2 + date_height / 2 + tallest + m.px(24))
        return dot * 4 + date_height + tallest + m.px(16)

    def _fit_height(self) -> None:
        parent = self.parentWidget()
        width = self.width() if self.width() > 1 else parent.width() if parent is not None else 0
        self.setFixedHeight(max(self.metrics.px(120), round(self.needed_height(max(1, width)))))
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit_height()

    def entries(self) -> list[tuple[str, str]]:
        return [
            (format_date(event.date, self.language), event.title.get(self.language)) for event in self.events
        ]

    def title_width(self, width: float) -> float:
        dot = self.metrics.px(12)
        if self.metrics.portrait:
            return max(1.0, width - dot * 5)
        return max(1.0, width / max(1, len(self.events)) - dot * 3)

    def broken_titles(self, width: float) -> list[str]:
        """Each event's title with its line breaks at the width it is drawn in."""
        title_font = self.fonts()[1]
        return [broken_text(title, title_font, self.title_width(width) - 1) for _, title in self.entries()]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = self.metrics
        date_font, title_font = self.fonts()
        wrap = int(Qt.TextFlag.TextWordWrap)
        titles = self.broken_titles(self.width())
        entries = [(date, titles[index]) for index, (date, _) in enumerate(self.entries())]
        dot = m.px(12)
        line_pen = theme.colour(theme.HAIRLINE)
        # Stroke from the layout metric: a 4K screen draws the line at twice the pixels, same weight.
        stroke = m.px(4)
        # One event is a dated note, not a timeline: the line appears from two events on.
        if len(entries) < 2:
            line_pen = theme.colour(theme.GROUND, 0.0)
        date_height = QFontMetricsF(date_font).height()
        # Where each event goes: its dot's centre, its date's box and its title's box.
        places: list[tuple[QPointF, QRectF, QRectF]] = []
        if m.portrait:
            x: float = dot * 2
            painter.fillRect(QRectF(x - stroke / 2, 0, stroke, self.height()), line_pen)
            row = self.height() / max(1, len(entries))
            for index in range(len(entries)):
                y = index * row + dot * 2
                date_box = QRectF(x + dot * 3, y - date_height / 2, self.width(), date_height)
                title_box = QRectF(x + dot * 3, y + date_height / 2, self.width() - x - dot * 3, row)
                places.append((QPointF(x, y), date_box, title_box))
        else:
            y = dot * 2
            painter.fillRect(QRectF(0, y - stroke / 2, self.width(), stroke), line_pen)
            column = self.width() / max(1, len(entries))
            top = y + dot * 2 + date_height
            for index in range(len(entries)):
                x = index * column + dot
                date_box = QRectF(x - dot, y + dot * 2, column - dot * 2, date_height)
                title_box = QRectF(x - dot, top, column - dot * 3, self.height() - top)
                places.append((QPointF(x, y), date_box, title_box))
        for (date, title), (centre, date_box, title_box) in zip(entries, places, strict=True):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.colour(self.colour))
            painter.drawEllipse(centre, dot, dot)
            painter.setPen(theme.colour(self.colour))
            painter.setFont(date_font)
            painter.drawText(date_box, 0, date)
            painter.setPen(theme.colour(theme.TEXT))
            painter.setFont(title_font)
            painter.drawText(title_box, wrap, title)
        painter.end()
