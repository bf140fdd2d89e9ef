"""Fitting staff text to the screen: blocks of text broken into lines by `kiosk.content.linebreak`,
balanced, shrunk step by step down to a minimum size, and painted centred; a text that does not fit
even then is refused by the editor (`text_fits`, `caption_fits`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPen

from kiosk.content.linebreak import break_lines, manual_breaks
from kiosk.playlist.slide_models import ImageSlide, TextSlide
from kiosk.ui.style import theme

# The sizes a slide must fit at: a landscape and a portrait screen (4K is the same layout, doubled).
FIT_SIZES = (QSize(1920, 1080), QSize(1080, 1920))
_SHRINK_STEP = 0.04


@dataclass(frozen=True)
class Block:
    """One text of a slide: what it says, its size at 1080p at most and at least, its look."""

    text: str
    largest_px: float
    smallest_px: float
    bold: bool
    colour: str
    gap_before: float = 0.0  # in multiples of this block's own size
    rule_before: bool = False


@dataclass(frozen=True)
class PlacedBlock:
    block: Block
    font: QFont
    lines: list[str]
    top: float
    line_height: float


def _font(family: str, pixel_size: int, bold: bool) -> QFont:
    font = theme.font(family, max(1, pixel_size), bold)
    # Grey antialiasing whatever the screen: the same pixels in the preview and on the showcase.
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias | QFont.StyleStrategy.NoSubpixelAntialias)
    return font


def fit_blocks(
    blocks: list[Block], width: float, height: float, family: str, metrics: theme.Metrics
) -> list[PlacedBlock] | None:
    """Blocks broken into lines and stacked, as large as fits `width`×`height`; None when they do
    not fit even at their smallest sizes. Staff's `|` starts a new line."""
    blocks = [replace(block, text=manual_breaks(block.text)) for block in blocks]
    factor = 1.0
    while True:
        placed: list[PlacedBlock] = []
        top = 0.0
        fits = True
        at_minimum = True
        for block in blocks:
            reference = max(block.smallest_px, block.largest_px * factor)
            at_minimum = at_minimum and reference <= block.smallest_px
            pixel_size = metrics.px(reference)
            font = _font(family, pixel_size, block.bold)
            measure = QFontMetricsF(font).horizontalAdvance
            lines = break_lines(block.text, width, measure)
            if any(measure(line) > width for line in lines) or (_stranded(lines) and not at_minimum):
                fits = False
            if placed:
                top += block.gap_before * pixel_size
            line_height = pixel_size * 1.3
            placed.append(PlacedBlock(block, font, lines, top, line_height))
            top += line_height * len(lines)
        if fits and top <= height:
            return [replace(item, lines=_balanced(item, width)) for item in placed]
        if at_minimum:
            return None
        factor -= _SHRINK_STEP


def _stranded(lines: list[str]) -> bool:
    """A short word alone on a line of a longer text ("Welcome to / the / delegation"): a size
    that does this reads badly, so the text shrinks a step further instead."""
    return len(lines) > 1 and any(line.isascii() and " " not in line and len(line) <= 3 for line in lines)


def _balanced(item: PlacedBlock, width: float) -> list[str]:
    """The same number of lines, as even as they can be: a banner reads "热烈欢迎湖南省 /
    考察团莅临指导", not a full line over a short one, and no "the" alone on a line."""
    if len(item.lines) < 2:
        return item.lines
    measure = QFontMetricsF(item.font).horizontalAdvance

    def raggedness(lines: list[str]) -> float:
        widths = [measure(line) for line in lines]
        return max(widths) - min(widths)

    best, best_score = item.lines, raggedness(item.lines)
    steps = 16
    for step in range(1, steps):
        trial = width - (width - width / len(item.lines)) * step / steps
        lines = break_lines(item.block.text, trial, measure)
        if len(lines) != len(item.lines) or any(measure(line) > trial for line in lines):
            continue
        score = raggedness(lines)
        if score < best_score:
            best, best_score = lines, score
    return best


TEMPLATE_COLOURS = {
    # (main text, English and second lines, the rule between them)
    "welcome": (theme.WELCOME_GOLD, theme.WELCOME_CREAM, theme.WELCOME_GOLD),
    "notice": (theme.TEXT, theme.TEXT_MUTED, theme.ACCENT),
    "closing": (theme.TEXT, theme.TEXT_MUTED, theme.TEXT_MUTED),
}


def text_blocks(slide: TextSlide) -> list[Block]:
    """The slide's texts, largest first; a language left empty is left out."""
    main, secondary, _rule = TEMPLATE_COLOURS[slide.template]
    largest = theme.STAFF_MAIN_PX
    smallest = theme.STAFF_MAIN_MIN_PX
    line_min = theme.STAFF_LINE_MIN_PX
    blocks: list[Block] = []
    zh, en = slide.text.zh.strip(), slide.text.en.strip()
    if zh:
        blocks.append(Block(zh, largest, smallest, True, main))
    if en:
        blocks.append(
            Block(en, largest * 0.5, line_min, True, secondary, 0.35)
            if zh
            else Block(en, largest * 0.8, smallest, True, main)
        )
    line2_zh, line2_en = slide.line2.zh.strip(), slide.line2.en.strip()
    if line2_zh:
        blocks.append(Block(line2_zh, largest * 0.42, line_min, False, secondary, 1.1, True))
    if line2_en:
        first = not line2_zh
        blocks.append(
            Block(
                line2_en,
                largest * (0.42 if first else 0.3),
                line_min,
                False,
                secondary,
                1.1 if first else 0.3,
                first,
            )
        )
    return blocks


def text_box(size: QSize, metrics: theme.Metrics) -> QRectF:
    """Where a text slide's text may go: inside the frame, with generous margins."""
    side = metrics.px(theme.MARGIN_PX * 2.5)
    top = metrics.px(theme.MARGIN_PX * 2.2)
    return QRectF(side, top, size.width() - 2 * side, size.height() - 2 * top)


def layout_text_slide(slide: TextSlide, size: QSize, family: str) -> list[PlacedBlock] | None:
    metrics = theme.Metrics.for_size(size)
    box = text_box(size, metrics)
    return fit_blocks(text_blocks(slide), box.width(), box.height(), family, metrics)


def text_fits(slide: TextSlide, family: str) -> bool:
    """Whether the slide's text fits a landscape and a portrait screen at its smallest sizes."""
    return all(layout_text_slide(slide, size, family) is not None for size in FIT_SIZES)


def paint_blocks(
    painter: QPainter, placed: list[PlacedBlock], box: QRectF, rule: str, metrics: theme.Metrics
) -> None:
    """Centred lines, the stack centred in `box`; a short rule above a block that asks for one."""
    last = placed[-1]
    total = last.top + last.line_height * len(last.lines)
    top = box.top() + (box.height() - total) / 2
    for item in placed:
        painter.setFont(item.font)
        font_metrics = QFontMetricsF(item.font)
        if item.block.rule_before:
            rule_width = metrics.px(140)
            y = top + item.top - item.font.pixelSize() * item.block.gap_before / 2
            painter.setPen(QPen(theme.colour(rule), max(2, metrics.px(3))))
            centre = box.center().x()
            painter.drawLine(QPointF(centre - rule_width / 2, y), QPointF(centre + rule_width / 2, y))
        painter.setPen(theme.colour(item.block.colour))
        for index, line in enumerate(item.lines):
            line_top = top + item.top + index * item.line_height
            baseline = line_top + (item.line_height - font_metrics.height()) / 2 + font_metrics.ascent()
            x = box.center().x() - font_metrics.horizontalAdvance(line) / 2
            painter.drawText(QPointF(x, baseline), line)


def caption_box(size: QSize, metrics: theme.Metrics) -> QRectF:
    margin = metrics.px(theme.MARGIN_PX)
    height = min(size.height() * 0.24, metrics.px(220))
    return QRectF(margin, size.height() - margin - height, size.width() - 2 * margin, height)


def caption_blocks(slide: ImageSlide) -> list[Block]:
    caption = slide.caption
    blocks = []
    if caption.zh.strip():
        blocks.append(Block(caption.zh.strip(), 44, theme.STAFF_LINE_MIN_PX, True, theme.TEXT))
    if caption.en.strip():
        blocks.append(
            Block(caption.en.strip(), 32, theme.STAFF_LINE_MIN_PX - 2, False, theme.TEXT_MUTED, 0.2)
        )
    return blocks


def caption_fits(slide: ImageSlide, family: str) -> bool:
    """Whether the caption fits its band on a landscape and a portrait screen."""
    blocks = caption_blocks(slide)
    for size in FIT_SIZES:
        metrics = theme.Metrics.for_size(size)
        box = caption_box(size, metrics)
        if blocks and fit_blocks(blocks, box.width(), box.height(), family, metrics) is None:
            return False
    return True
