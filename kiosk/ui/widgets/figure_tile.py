"""A headline figure on a card: the number counting up, its label, and its ranking.

Painted by hand rather than with labels so the number is drawn in tabular figures, left-aligned,
and grows digit by digit without anything around it moving.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.content.formatting import (
    NumberDisplay,
    format_figure,
    format_ranking,
    format_ranking_scope,
)
from kiosk.content.models import Figure, Language
from kiosk.timing.easing import ease_out_cubic, progress_between
from kiosk.ui.style import theme
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.widgets.text import broken_text
from kiosk.ui.widgets.tile_style import WALL, TileLayout, TileStyle

_WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)
_ONE_LINE = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)
# A number may shrink to this share of its size to keep its unit on its line; only a unit of words
# ("billion yuan") that would need more goes to a line of its own. A unit symbol (亿元, km², %, 个)
# never leaves its number.
INLINE_SHRINK_LIMIT = 0.6
# A unit of words goes to its own line as soon as keeping it inline would shrink the number past this:
# "103" stands as large over "billion yuan" as "1030" does before "亿元".
WORDS_INLINE_LIMIT = 0.9
# From the digits' baseline to the label, as a share of the number's size: digits have no descenders.
NUMBER_GAP = 0.16


class RowSize(Protocol):
    """The number size a tile shares with the tiles shown beside it (`tile_group.TileGroup`)."""

    def number_px(self) -> int: ...

    def number_px_for(self, tile: FigureTile) -> int: ...


class FigureTile(QWidget):
    def __init__(
        self,
        figure: Figure,
        family: str,
        accent: str,
        driver: FrameDriver,
        style: TileStyle = WALL,
        card: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.figure = figure
        self.family = family
        self.accent = accent
        self.driver = driver
        self.tile_style = style
        self.card = card
        self.language: Language = "zh"
        self.scale = 1.0
        self._count_start: float | None = None
        self.group: RowSize | None = None
        self._layout_cache: tuple[object, TileLayout] | None = None
        self._static_cache: tuple[TileLayout, QPixmap] | None = None
        self._moving_cache: tuple[TileLayout, QRect] | None = None
        self._displays: dict[Language, NumberDisplay] = {}
        # The figure as the last paint drew it: a frame repaints the tile only when that is out of date.
        self._painted_text: str | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    # What a visitor sees -------------------------------------------------------------------

    def display(self, language: Language | None = None) -> NumberDisplay:
        """The figure formatted for `language` (the tile's own by default): asked on every frame of
        a count-up, made once per language."""
        wanted = language or self.language
        made = self._displays.get(wanted)
        if made is None:
            made = self._displays[wanted] = format_figure(self.figure, wanted)
        return made

    def value_text(self) -> str:
        """The figure as currently shown, mid-count or final."""
        display = self.display()
        # A rank is not a quantity: counting 0th, 1st, 2nd... up to 6th would be nonsense.
        if self._count_start is None or self.figure.unit == "rank":
            return display.text
        progress = progress_between(self._count_start, theme.COUNT_UP_S, self.driver.clock.monotonic())
        if progress >= 1.0:
            return display.text
        return display.text_at(float(display.target) * ease_out_cubic(progress))

    def label_text(self, language: Language | None = None) -> str:
        return self.figure.label.get(language or self.language)

    def note_text(self, language: Language | None = None) -> str:
        ranking = self.figure.ranking
        if ranking is None:
            return ""
        if self.figure.unit == "rank":
            return format_ranking_scope(ranking, language or self.language)
        return format_ranking(ranking, language or self.language)

    # Control -------------------------------------------------------------------------------

    def set_language(self, language: Language) -> None:
        self.language = language
        # Read out whole, never mid-count: the label, then the figure as it ends.
        self.setAccessibleName(f"{self.label_text()}: {self.display().text}")
        self.setAccessibleDescription(self.note_text())
        self.update()

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self.updateGeometry()
        self.update()

    def count_up_from(self, start: float) -> None:
        """Count from zero starting at clock time `start` (may be in the future, for a stagger)."""
        self._count_start = start
        self.driver.animate_until(start + theme.COUNT_UP_S)
        self.update()

    def release_picture(self) -> None:
        """Drop the cached picture of the tile (redrawn at the next paint): for a slide leaving the
        screen, whose tiles are not painted again."""
        self._static_cache = None

    def show_final(self) -> None:
        self._count_start = None
        self.update()

    def needs_frame(self) -> bool:
        """True when the figure on screen is not the one to show now: not while the tile waits for its
        turn in a stagger, nor in the ease-out's tail where the digits stop changing; always for the
        frame that lands the final figure."""
        return self._count_start is not None and self.value_text() != self._painted_text

    def moving_rect(self) -> QRect:
        """What a count-up changes (its digits and the qualifier before them), in tile coordinates."""
        layout = self.compute_layout()
        if self._moving_cache is not None and self._moving_cache[0] is layout:
            return self._moving_cache[1]
        number = QFontMetricsF(layout.number_font)
        unit = QFontMetricsF(layout.unit_font)
        top = layout.number_origin_y - max(number.ascent(), unit.ascent())
        bottom = layout.number_origin_y + max(number.descent(), unit.descent())
        right = self._number_left(layout) + number.horizontalAdvance(self.display().number_text)
        left = layout.content_rect.left()
        reach = self._px(4)  # bold digits reach a little past their advance, antialiasing further
        rect = QRectF(left, top, right - left, bottom - top).toAlignedRect()
        rect = rect.adjusted(-reach, -reach, reach, reach).intersected(self.rect())
        self._moving_cache = (layout, rect)
        return rect

    # Layout and painting -------------------------------------------------------------------

    def _px(self, reference: float) -> int:
        return max(1, round(reference * self.scale))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self._px(420), self._px(240))

    def compute_layout(self) -> TileLayout:
        """The tile's layout at its group's shared number size, so a wall's numbers match.

        Cached: a count-up repaints 60 times a second, but the layout depends only on the final
        text, the size and the language, so it is worked out once per change of those.
        """
        if self.group is not None:
            number_px, line_px = self.group.number_px_for(self), self.group.number_px()
        else:
            number_px = line_px = self.fitted_number_px()
        key = (self.size().toTuple(), self.language, self.scale, number_px, line_px)
        if self._layout_cache is not None and self._layout_cache[0] == key:
            return self._layout_cache[1]
        layout = self._fit_labels(number_px, line_px)
        self._layout_cache = (key, layout)
        return layout

    def _fit_labels(self, number_px: int, line_px: int) -> TileLayout:
        label_px = self._px(self.tile_style.label_px)
        layout = self._layout_at(number_px, label_px, line_px=line_px)
        while self._bottom(layout) > self.height() and label_px > self._px(theme.CAPTION_PX):
            label_px -= 1
            layout = self._layout_at(number_px, label_px, line_px=line_px)
        if self._bottom(layout) > self.height():
            # Too tall on the row's line: the tile keeps its own, smaller line rather than clip.
            return self._layout_at(number_px, label_px)
        return layout

    def fitted_number_px(self, language: Language | None = None) -> int:
        """The largest number size at which this tile's content fits its height, its label at the
        smallest size allowed: a label gives up a few pixels before the number does."""
        number_px = self._px(self.tile_style.number_px)
        smallest = max(1, round(number_px * 0.6))
        while True:
            layout = self._layout_at(number_px, self._px(theme.CAPTION_PX), language=language)
            if self._bottom(layout) <= self.height() or number_px <= smallest:
                break
            number_px -= max(1, number_px // 40)
        return layout.number_font.pixelSize()

    def _bottom(self, layout: TileLayout) -> float:
        padding = self._px(self.tile_style.padding_y_px)
        return max(layout.note_rect.bottom(), layout.label_rect.bottom()) + padding

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        # A bare (card-less) tile sizes itself to its content; cards fill the cell they are given.
        return not self.card

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self.natural_height(width, self.language)

    def natural_height(self, width: int, language: Language) -> int:
        """The height at which the tile shows everything at full size, `width` wide, in `language`."""
        layout = self._layout_at(
            self._px(self.tile_style.number_px),
            self._px(self.tile_style.label_px),
            QRectF(0, 0, width, 10_000),
            language=language,
        )
        return round(self._bottom(layout)) + 1

    def _layout_at(
        self,
        number_px: int,
        label_px: int,
        bounds: QRectF | None = None,
        line_px: int = 0,
        language: Language | None = None,
    ) -> TileLayout:
        """The layout with the number at `number_px`, on a line as tall as `line_px` (the row's
        number size, so a row's numbers share one baseline and its labels start level)."""
        language = language or self.language
        style = self.tile_style
        padding, padding_y = self._px(style.padding_px), self._px(style.padding_y_px)
        content = QRectF(bounds or QRectF(self.rect())).adjusted(padding, padding_y, -padding, -padding_y)
        if self.card:
            content.adjust(self._px(12), 0, 0, 0)
        display = self.display(language)
        unit_ratio = style.unit_px / style.number_px

        def fonts(size: int) -> tuple[QFont, QFont]:
            return (
                theme.font(self.family, size, bold=True, tabular=True),
                theme.font(self.family, max(1, round(size * unit_ratio)), bold=True),
            )

        number_font, unit_font = fonts(number_px)
        prefix_w = QFontMetricsF(unit_font).horizontalAdvance(display.prefix)
        number_w = QFontMetricsF(number_font).horizontalAdvance(display.number_text)
        suffix_w = QFontMetricsF(unit_font).horizontalAdvance(display.suffix)
        inline = prefix_w + number_w + suffix_w
        unit_is_words = " " in display.suffix.strip()
        unit_on_own_line = (
            unit_is_words and inline > content.width() and content.width() / inline < WORDS_INLINE_LIMIT
        )
        needed = prefix_w + number_w + (0 if unit_on_own_line else suffix_w)
        if needed > content.width():
            number_font, unit_font = fonts(max(1, int(number_px * content.width() / needed)))

        # CJK fonts carry tall line gaps; digits sit on cap height, so measure from that.
        line_font, line_unit_font = fonts(max(line_px, number_font.pixelSize()))
        number_origin_y = content.top() + QFontMetricsF(line_font).capHeight()
        y = number_origin_y + line_font.pixelSize() * NUMBER_GAP
        unit_rect = QRectF(content.left(), y, content.width(), 0)
        # A unit on its own line is set at the row's unit size, the same in every tile of the row.
        suffix_font = line_unit_font if unit_on_own_line else unit_font
        unit_w = QFontMetricsF(suffix_font).horizontalAdvance(display.suffix.strip())
        if unit_on_own_line and unit_w > content.width():
            # "billion yuan" stays one line: wrapped, "yuan" fell below the line and out of sight.
            suffix_font = theme.font(
                self.family, max(1, int(suffix_font.pixelSize() * content.width() / unit_w)), bold=True
            )
        if unit_on_own_line and display.suffix.strip():
            unit_height = QFontMetricsF(suffix_font).height()
            unit_rect = QRectF(content.left(), y, content.width(), unit_height)
            y += unit_height
        label_font = theme.font(self.family, label_px)
        label_lines = broken_text(self.label_text(language), label_font, content.width() - 1)
        label_height = (
            QFontMetricsF(label_font)
            .boundingRect(QRectF(0, 0, content.width(), 10_000), _WRAP, label_lines)
            .height()
        )
        label_rect = QRectF(content.left(), y, content.width(), label_height)
        y += label_height
        note_font = theme.font(self.family, self._px(style.note_px))
        note_height = (
            QFontMetricsF(note_font)
            .boundingRect(QRectF(0, 0, content.width(), 10_000), _WRAP, self.note_text(language))
            .height()
            if self.note_text(language)
            else 0.0
        )
        note_rect = QRectF(content.left(), y, content.width(), note_height)
        return TileLayout(
            number_font,
            unit_font,
            suffix_font,
            label_font,
            note_font,
            number_origin_y,
            unit_on_own_line,
            unit_rect,
            label_rect,
            note_rect,
            content,
            label_lines,
        )

    def fits(self) -> bool:
        """True when every part of the tile lies inside the widget: nothing is clipped."""
        layout = self.compute_layout()
        return self._bottom(layout) <= self.height() + 0.5 and layout.content_rect.width() > 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        layout = self.compute_layout()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._static_layer(layout))
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        display = self.display()
        value_text = self.value_text()
        self._painted_text = value_text
        number_text = value_text[len(display.prefix) : len(value_text) - len(display.suffix)]
        painter.setPen(theme.colour(theme.ACCENT))
        painter.setFont(layout.number_font)
        # Digits are tabular and right-aligned to the final number's width, like an odometer:
        # they grow leftwards while the unit after them stays where it will end, and a qualifier
        # (超, over, 约, about) moves with the first digit, never drifting apart from it.
        metrics = QFontMetricsF(layout.number_font)
        shift = metrics.horizontalAdvance(display.number_text) - metrics.horizontalAdvance(number_text)
        number_x = self._number_left(layout) + shift
        painter.drawText(QPointF(number_x, layout.number_origin_y), number_text)
        if display.prefix:
            painter.setFont(layout.unit_font)
            prefix_w = QFontMetricsF(layout.unit_font).horizontalAdvance(display.prefix)
            painter.drawText(QPointF(number_x - prefix_w, layout.number_origin_y), display.prefix)
        painter.end()

    def _number_left(self, layout: TileLayout) -> float:
        prefix = self.display().prefix
        return layout.content_rect.left() + QFontMetricsF(layout.unit_font).horizontalAdvance(prefix)

    def _static_layer(self, layout: TileLayout) -> QPixmap:
        """Everything but the counting digits, drawn once per layout: a count-up frame then costs
        one pixmap copy and one line of text."""
        if self._static_cache is not None and self._static_cache[0] is layout:
            return self._static_cache[1]
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if self.card:
            radius = self._px(theme.RADIUS_PX)
            path = QPainterPath()
            path.addRoundedRect(QRectF(self.rect()), radius, radius)
            painter.fillPath(path, theme.colour(theme.SURFACE))
            painter.fillRect(
                QRectF(0, radius, self._px(6), self.height() - 2 * radius),
                theme.colour(self.accent),
            )
        display = self.display()
        baseline = layout.number_origin_y
        painter.setPen(theme.colour(theme.ACCENT))
        painter.setFont(layout.unit_font)
        if display.suffix.strip():
            if layout.unit_on_own_line:
                painter.setFont(layout.suffix_font)
                painter.drawText(layout.unit_rect, _ONE_LINE, display.suffix.strip())
            else:
                # The unit sits after the final width, so it never moves while digits count up.
                final_width = QFontMetricsF(layout.number_font).horizontalAdvance(display.number_text)
                painter.drawText(QPointF(self._number_left(layout) + final_width, baseline), display.suffix)
        painter.setPen(theme.colour(theme.TEXT))
        painter.setFont(layout.label_font)
        painter.drawText(layout.label_rect, _WRAP, layout.label_lines)
        if self.note_text():
            painter.setPen(theme.colour(theme.TEXT_MUTED))
            painter.setFont(layout.note_font)
            painter.drawText(layout.note_rect, _WRAP, self.note_text())
        painter.end()
        self._static_cache = (layout, pixmap)
        return pixmap
