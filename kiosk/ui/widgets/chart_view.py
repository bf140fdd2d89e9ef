"""What every chart shares: its language, scale and growth progress, and the bare plot it draws on.

Every number on a chart comes from a figure through the one formatter; `progress` (0 to 1, eased)
lets a chart grow in, and at 1 it shows exactly the figure's value.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.content.formatting import NumberDisplay, format_figure
from kiosk.content.models import ContentPack, Figure, Language, Text
from kiosk.ui.style import theme

pg.setConfigOptions(antialias=True, background=None, foreground=theme.TEXT)


def growing_text(display: NumberDisplay, progress: float) -> str:
    """A value while its chart grows: the number so far, without its qualifier. "Over 182.4 billion"
    would be false; the qualifier (超, over, 约, about) appears when the value lands."""
    if progress >= 1.0:
        return display.text
    return display.text_at(float(display.target) * progress)[len(display.prefix) :]


def unbroken_html(text: str, display: NumberDisplay) -> str:
    """A value as HTML that may wrap only between its number and its unit: "over 200" and
    "billion yuan" each stay on one line."""
    for part in (display.prefix, display.suffix.strip()):
        if part.strip():
            text = text.replace(part, part.replace(" ", "\u00a0"))
    return escape_html(text)


def html_lines(text: str) -> str:
    """Lines broken by `kiosk.content.linebreak` (newlines), as HTML line breaks."""
    return "<br>".join(escape_html(line) for line in text.split("\n"))


@dataclass(frozen=True)
class TextAlternative:
    """A chart for a visitor who cannot see it: its title, and each figure as a sentence."""

    title: Text
    figures: list[Figure]

    def describe(self, language: Language) -> str:
        return "; ".join(
            f"{figure.label.get(language)}: {format_figure(figure, language).text}" for figure in self.figures
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
        self.text_alternative: TextAlternative | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def px(self, reference: float) -> int:
        return max(1, round(reference * self.scale))

    def chart_font(self, reference_px: float, bold: bool = False) -> QFont:
        return theme.font(self.family, self.px(reference_px), bold=bold, tabular=True)

    def set_language(self, language: Language) -> None:
        self.language = language
        if self.text_alternative is not None:
            self.setAccessibleName(self.text_alternative.title.get(language))
            self.setAccessibleDescription(self.text_alternative.describe(language))
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


def bare_plot() -> pg.PlotWidget:
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


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
