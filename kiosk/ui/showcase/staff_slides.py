"""Staff's own slides on screen: welcome, notice and closing cards, and imported pictures.

Both kinds paint themselves from a layout computed for their size, so the editor's preview (the
same widget, grabbed at the screen's size) is pixel for pixel what the showcase plays. Text is
broken into lines by `kiosk.content.linebreak` and shrunk step by step down to a minimum size;
a text that does not fit even then is refused by the editor (`text_fits`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QRadialGradient,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from kiosk.content.linebreak import break_lines
from kiosk.content.models import Language
from kiosk.playlist.staff_slides import ImageSlide, StaffSlide, TextSlide
from kiosk.ui import theme
from kiosk.ui.image_import import decode_checked, read_source

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
    not fit even at their smallest sizes."""
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


class StaffSlideView(QWidget):
    """What the player needs of a slide (as `SlideView` has it); staff slides show both languages
    at once, as staff typed them, so the visitors' language changes nothing.

    The slide is painted once per size into a frame, and the widget shows that frame: the
    editor's preview is the same frame, so it is what plays to the pixel."""

    def __init__(self, slide: StaffSlide, family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.staff_slide = slide
        self.family = family
        self.language: Language = "zh"
        self._frame: QImage | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def set_language(self, language: Language) -> None:
        self.language = language

    def enter(self, start: float) -> None:
        """Nothing moves on a staff slide: the transition is all the motion it has."""

    def finish(self) -> None:
        """Already in its final state."""

    def retranslate(self) -> None:
        """Shows both languages whatever the visitors chose."""

    def moving_parts(self) -> list[QWidget]:
        return []

    def frame(self, size: QSize | None = None) -> QImage:
        """The slide at `size` (the widget's own size by default), painted once and kept."""
        size = size or self.size()
        if self._frame is None or self._frame.size() != size:
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(theme.colour(theme.GROUND))
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            self.paint_frame(painter, size)
            painter.end()
            self._frame = image
        return self._frame

    def paint_frame(self, painter: QPainter, size: QSize) -> None:
        """Paint the whole slide at `size`."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        # Painted here, outside any widget paint: a frame painted while the window's painter is
        # active rasterises glyphs a shade differently, and the preview would not match.
        self.frame(event.size())
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.drawImage(0, 0, self.frame())
        painter.end()


class TextSlideView(StaffSlideView):
    """A welcome, notice or closing card."""

    def __init__(self, slide: TextSlide, family: str, parent: QWidget | None = None) -> None:
        super().__init__(slide, family, parent)
        self.text_slide = slide

    def paint_frame(self, painter: QPainter, size: QSize) -> None:
        metrics = theme.Metrics.for_size(size)
        template = self.text_slide.template
        paint_ground(painter, QRectF(0, 0, size.width(), size.height()), template, metrics)
        placed = layout_text_slide(self.text_slide, size, self.family)
        if placed:
            rule = TEMPLATE_COLOURS[template][2]
            paint_blocks(painter, placed, text_box(size, metrics), rule, metrics)


def paint_ground(painter: QPainter, rect: QRectF, template: str, metrics: theme.Metrics) -> None:
    """The template's ground: red and gold for a welcome, the theme's navy for the others."""
    if template == "welcome":
        wash = QLinearGradient(rect.topLeft(), rect.bottomLeft())
        wash.setColorAt(0.0, theme.colour(theme.WELCOME_RED))
        wash.setColorAt(1.0, theme.colour(theme.WELCOME_RED_DEEP))
        painter.fillRect(rect, wash)
        # A double gold frame, as on a printed welcome banner.
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for inset, alpha, width in (
            (metrics.px(36), 0.9, metrics.px(4)),
            (metrics.px(52), 0.55, metrics.px(2)),
        ):
            painter.setPen(QPen(theme.colour(theme.WELCOME_GOLD, alpha), max(1, width)))
            painter.drawRect(rect.adjusted(inset, inset, -inset, -inset))
        return
    if template == "closing":
        painter.fillRect(rect, theme.colour(theme.GROUND_DEEP))
        glow = QRadialGradient(rect.center(), max(rect.width(), rect.height()) * 0.6)
        glow.setColorAt(0.0, theme.colour(theme.SURFACE_RAISED, 0.9))
        glow.setColorAt(1.0, theme.colour(theme.SURFACE_RAISED, 0.0))
        painter.fillRect(rect, glow)
        return
    wash = QLinearGradient(rect.topLeft(), rect.bottomLeft())
    wash.setColorAt(0.0, theme.colour(theme.SURFACE))
    wash.setColorAt(1.0, theme.colour(theme.GROUND_DEEP))
    painter.fillRect(rect, wash)
    # The accent bar of a notice board, at the left edge of the text.
    bar = QRectF(metrics.px(theme.MARGIN_PX), metrics.px(theme.MARGIN_PX * 2.2), metrics.px(10), 0)
    bar.setBottom(rect.height() - metrics.px(theme.MARGIN_PX * 2.2))
    painter.fillRect(bar, theme.colour(theme.ACCENT))


class ImageSlideView(StaffSlideView):
    """A picture on the theme's ground, whole or filling the screen, with its caption."""

    def __init__(self, slide: ImageSlide, media: Path, family: str, parent: QWidget | None = None) -> None:
        super().__init__(slide, family, parent)
        self.image_slide = slide
        self.media = media
        # Decoded now, so a damaged picture fails when the player builds the slide (and is
        # skipped), not on screen; released once painted into the frame.
        self._picture: QImage | None = self._decode()

    def _decode(self) -> QImage:
        return decode_checked(read_source(self.media), self.media.name)

    def paint_frame(self, painter: QPainter, size: QSize) -> None:
        picture = self._picture if self._picture is not None else self._decode()
        self._picture = None
        mode = (
            Qt.AspectRatioMode.KeepAspectRatioByExpanding
            if self.image_slide.fit == "fill"
            else Qt.AspectRatioMode.KeepAspectRatio
        )
        scaled = picture.scaled(size, mode, Qt.TransformationMode.SmoothTransformation)
        painter.drawImage(
            QPointF((size.width() - scaled.width()) / 2, (size.height() - scaled.height()) / 2), scaled
        )
        blocks = caption_blocks(self.image_slide)
        if not blocks:
            return
        metrics = theme.Metrics.for_size(size)
        box = caption_box(size, metrics)
        placed = fit_blocks(blocks, box.width(), box.height(), self.family, metrics)
        if not placed:
            return
        top = box.top() - metrics.px(theme.GAP_PX) * 3
        band = QRectF(0, top, size.width(), size.height() - top)
        shade = QLinearGradient(band.topLeft(), band.bottomLeft())
        shade.setColorAt(0.0, theme.colour(theme.GROUND_DEEP, 0.0))
        shade.setColorAt(0.35, theme.colour(theme.GROUND_DEEP, 0.85))
        shade.setColorAt(1.0, theme.colour(theme.GROUND_DEEP, 0.92))
        painter.fillRect(band, shade)
        paint_blocks(painter, placed, box, theme.ACCENT, metrics)


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


def build_staff_slide(slide: StaffSlide, media: Path | None, family: str) -> StaffSlideView:
    """The widget for a staff slide; raises (and the player skips the slide) when it cannot be shown."""
    if isinstance(slide, TextSlide):
        return TextSlideView(slide, family)
    if media is None:
        raise FileNotFoundError(f"the picture of slide {slide.id!r} is missing")
    return ImageSlideView(slide, media, family)


def paint_thumbnail(view: QWidget, size: QSize, width: int) -> QPixmap:
    """A catalogue thumbnail: the slide laid out at screen size, scaled down."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(theme.GROUND))
    view.resize(size)
    view.render(image)
    return QPixmap.fromImage(image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
