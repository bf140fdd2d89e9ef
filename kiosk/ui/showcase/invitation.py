"""The attract loop's invitation: "轻触屏幕 开始探索 · Touch to explore", legible from 3 m.

A pill in the corner, in both languages whatever the loop's language, with a halo that breathes
slowly so the eye finds it; still when motion is reduced, absent in display-only mode (where a
touch does nothing, an invitation to touch would be a lie). The halo repaints only this small
widget, five times a second, and each of its frames is one filled shape and one copy of the pill,
drawn once into a picture: an attract loop at rest stays near zero CPU.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from kiosk.clock import Clock
from kiosk.timing.easing import breath
from kiosk.ui.style import theme
from kiosk.ui.style.icons import paint_icon, registry

BREATH_S = 2.4
# Five frames a second: the breath takes 2.4 s, so the halo moves by at most 3.7 px (of 14) between
# frames at 1080p; at ten a second the halo alone cost 0.9 % of a core at rest (cpu_probe.py).
HALO_FRAME_MS = 200


class Invitation(QWidget):
    def __init__(self, parent: QWidget, clock: Clock, family: str = "") -> None:
        super().__init__(parent)
        self.clock = clock
        self.family = family or self.font().family()
        self.text = ""
        # Room kept free at the left of the bottom line, for the slide's source credit.
        self.reserved_left = 0.0
        self._text_px = theme.BODY_PX + 4
        self.metrics = theme.Metrics.for_size(parent.size())
        self.reduced_motion = False
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self._halo = QTimer(self)
        self._halo.setInterval(HALO_FRAME_MS)
        self._halo.timeout.connect(self.update)
        # The pill (ground, outline, icon, text) as painted, for as long as its size and text hold.
        self._pill_picture: QPixmap | None = None
        registry().loaded.connect(self._redraw_pill)

    def set_texts(self, texts: list[str]) -> None:
        """The invitation in each language visitors are offered, side by side."""
        self.text = "  ·  ".join(texts)
        self.place(self.metrics)

    def set_animated(self, animated: bool) -> None:
        """Breathe while the loop plays (and motion is not reduced); rest otherwise."""
        if animated and not self.reduced_motion and not self.isHidden():
            if not self._halo.isActive():
                self._halo.start()
        else:
            self._halo.stop()

    def animating(self) -> bool:
        return self._halo.isActive()

    def text_font(self) -> QFont:
        return theme.font(self.family, self.metrics.px(self._text_px), bold=True)

    def _pill_size(self) -> tuple[float, float, int]:
        m = self.metrics
        icon = m.px(44)
        text_width = QFontMetricsF(self.text_font()).horizontalAdvance(self.text)
        pad = m.px(28)
        return pad * 2 + icon + m.px(14) + text_width, m.px(72), icon

    def place(self, metrics: theme.Metrics) -> None:
        """Bottom right, beside the credit; on a narrow (portrait) screen the text steps down to
        the body size rather than run into the credit, and where even that is too wide (longer
        words), it stands above the credit's line."""
        self.metrics = metrics
        parent = self.parentWidget()
        assert parent is not None, "placed on the player it invites to touch"
        margin = metrics.px(theme.MARGIN_PX)
        room = parent.width() - 2 * margin - self.reserved_left - metrics.px(theme.GAP_PX)
        self._text_px = theme.BODY_PX + 4
        while self._pill_size()[0] > room and self._text_px > theme.BODY_PX - 2:
            self._text_px -= 1
        width, height, _ = self._pill_size()
        lift = height + metrics.px(theme.GAP_PX) if width > room else 0
        halo = metrics.px(14)
        self.resize(round(width + 2 * halo), round(height + 2 * halo))
        x = parent.width() - self.width() - margin + halo
        self.move(x, parent.height() - self.height() - metrics.px(20) + halo - round(lift))
        self._redraw_pill()

    def _redraw_pill(self) -> None:
        self._pill_picture = None
        self.update()

    def pill_rect(self) -> QRectF:
        halo = self.metrics.px(14)
        return QRectF(self.rect()).adjusted(halo, halo, -halo, -halo)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        self.paint_onto(painter, QPointF(0, 0))
        painter.end()

    def paint_onto(self, painter: QPainter, at: QPointF) -> None:
        """The invitation as it looks now, with its top left at `at`: also how the transition overlay
        shows it, without `QWidget.render`'s round trip through the widget's own paint event."""
        painter.save()
        painter.translate(at)
        if self.animating():
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pill = self.pill_rect()
            swell = breath(self.clock.monotonic(), BREATH_S)
            spread = self.metrics.px(14) * swell
            halo = QPainterPath()
            grown = pill.adjusted(-spread, -spread, spread, spread)
            halo.addRoundedRect(grown, grown.height() / 2, grown.height() / 2)
            painter.fillPath(halo, theme.colour(theme.ACCENT, 0.28 * (1.0 - swell) + 0.06))
        painter.drawPixmap(0, 0, self._pill())
        painter.restore()

    def _pill(self) -> QPixmap:
        """The pill drawn once per size and text: the icon font's glyph and the text are what a halo
        frame would otherwise spend its time on."""
        ratio = self.devicePixelRatioF()
        size = QSize(round(self.width() * ratio), round(self.height() * ratio))
        if self._pill_picture is not None and self._pill_picture.size() == size:
            return self._pill_picture
        picture = QPixmap(size)
        picture.setDevicePixelRatio(ratio)
        picture.fill(Qt.GlobalColor.transparent)
        m = self.metrics
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pill = self.pill_rect()
        radius = pill.height() / 2
        path = QPainterPath()
        path.addRoundedRect(pill, radius, radius)
        painter.fillPath(path, theme.colour(theme.GROUND_DEEP, 0.92))
        painter.setPen(QPen(theme.colour(theme.ACCENT), max(2, m.px(3))))
        painter.drawPath(path)
        _, _, icon = self._pill_size()
        pad = m.px(28)
        icon_centre = QPointF(pill.left() + pad + icon / 2, pill.center().y())
        paint_icon(painter, icon_centre, icon, "touch", theme.ACCENT)
        painter.setPen(theme.colour(theme.TEXT))
        painter.setFont(self.text_font())
        text_left = pill.left() + pad + icon + m.px(14)
        painter.drawText(
            QRectF(text_left, pill.top(), pill.right() - text_left, pill.height()),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            self.text,
        )
        painter.end()
        # Drawn without its icon while the icon font is still to come: `loaded` drops it.
        self._pill_picture = picture
        return picture
