"""Staff's own slides on screen: welcome, notice and closing cards, and imported pictures.

Both kinds paint themselves from a layout computed for their size, so the editor's preview (the
same widget, grabbed at the screen's size) is pixel for pixel what the showcase plays. The text is
fitted by `staff_text`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QImage,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPen,
    QRadialGradient,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from kiosk.content.models import Language
from kiosk.playlist.picture_source import read_source
from kiosk.playlist.slide_models import ImageSlide, StaffSlide, TextSlide
from kiosk.ui.authoring.image_import import decode_checked
from kiosk.ui.authoring.staff_text import (
    TEMPLATE_COLOURS,
    caption_blocks,
    caption_box,
    fit_blocks,
    layout_text_slide,
    paint_blocks,
    text_box,
)
from kiosk.ui.showcase.slide_base import WidgetSlide
from kiosk.ui.style import theme


class StaffSlideView(WidgetSlide):
    """A staff slide shows both languages at once, as staff typed them, so the visitors' language
    changes nothing.

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
        # Painted, so named: the texts as staff typed them, both languages, as the slide shows them.
        texts = [text.get(shown) for text in self.staff_slide.texts().values() for shown in ("zh", "en")]
        self.setAccessibleName(" ".join(text for text in texts if text.strip()) or self.staff_slide.id)

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

    def __init__(
        self, slide: ImageSlide, media: Path | None, family: str, parent: QWidget | None = None
    ) -> None:
        if media is None:
            raise FileNotFoundError(f"the picture of slide {slide.id!r} is missing")
        super().__init__(slide, family, parent)
        self.image_slide = slide
        self.media: Path = media
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
