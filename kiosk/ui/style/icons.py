"""The one icon registry: content names an icon by meaning, this maps it to Material Design Icons.

qtawesome costs about 150 ms to import (qtpy star-imports every Qt class), so it is loaded just
after the first showcase frame. Icon widgets paint nothing until then and repaint when it arrives.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    from qtawesome.iconic_font import IconicFont

log = logging.getLogger(__name__)

FAMILY = "mdi6"

ICONS: dict[str, str] = {
    "figures": "mdi6.chart-box-outline",
    "industry": "mdi6.factory",
    "innovation": "mdi6.atom",
    "livelihood": "mdi6.home-heart",
    "regional": "mdi6.vector-link",
    "construction": "mdi6.crane",
    "service": "mdi6.handshake-outline",
    "precision": "mdi6.cog-outline",
    "ranking": "mdi6.trophy-outline",
    "machinery": "mdi6.excavator",
    "science": "mdi6.flask-outline",
    "lab": "mdi6.microscope",
    "campus": "mdi6.office-building-outline",
    "leisure": "mdi6.waves",
    "renewal": "mdi6.pine-tree",
    "rail": "mdi6.train",
    "community": "mdi6.account-group-outline",
    "integration": "mdi6.transit-connection-variant",
    "partner": "mdi6.map-marker-radius-outline",
    "opening": "mdi6.earth",
    "home": "mdi6.home-outline",
    "back": "mdi6.arrow-left",
    "language": "mdi6.translate",
    "touch": "mdi6.gesture-tap",
    "fallback": "mdi6.circle-small",
    "folder": "mdi6.folder-outline",
    "broken_picture": "mdi6.image-broken-variant",
}


class IconRegistry(QObject):
    """Loads the icon font once and tells icon widgets when it is there."""

    loaded = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._font: IconicFont | None = None
        self._warned: set[str] = set()
        self._load_when_painted = False

    def load_when_first_painted(self) -> None:
        """For one-off renders: the font loads when a screen first paints an icon, not before.

        The kiosk loads it just after its first frame instead, and never inside a paint.
        """
        self._load_when_painted = True

    def is_loaded(self) -> bool:
        return self._font is not None

    def ready_to_paint(self) -> bool:
        if self._font is None and self._load_when_painted:
            self.load()
        return self._font is not None

    def load(self) -> None:
        if self._font is None:
            self._font = _load_family(FAMILY)
            self.loaded.emit()

    def icon(self, name: str, colour: QColor | str) -> QIcon:
        """The icon for a meaning; an unknown name falls back and is logged once."""
        self.load()
        assert self._font is not None
        glyph = ICONS.get(name)
        if glyph is None:
            if name not in self._warned:
                log.warning("unknown icon name %r, showing a placeholder", name)
                self._warned.add(name)
            glyph = ICONS["fallback"]
        result: QIcon = self._font.icon(glyph, color=QColor(colour))
        return result


def _load_family(prefix: str) -> IconicFont:
    """Only our one family: qtawesome's default instance loads a dozen icon fonts (about 18 MB)."""
    import qtawesome
    from qtawesome.iconic_font import IconicFont

    for font_spec in qtawesome._BUNDLED_FONTS:
        if font_spec[0] == prefix:
            return IconicFont(font_spec)
    log.warning("qtawesome has no bundled %r font; loading all of its fonts", prefix)
    return qtawesome._instance()


_registry: IconRegistry | None = None


def registry() -> IconRegistry:
    global _registry
    if _registry is None:
        _registry = IconRegistry()
    return _registry


def icon(name: str, colour: QColor | str) -> QIcon:
    return registry().icon(name, colour)


def paint_icon(painter: QPainter, centre: QPointF, side: int, name: str, colour: str) -> bool:
    """Draw an icon centred on `centre`; False (and nothing drawn) before the icon font is loaded."""
    if side <= 0 or not registry().ready_to_paint():
        return False
    pixmap = icon(name, colour).pixmap(side, side)
    painter.drawPixmap(
        QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side), pixmap, QRectF(pixmap.rect())
    )
    return True


class IconView(QWidget):
    """A fixed-size icon that appears as soon as the icon font is loaded."""

    def __init__(self, name: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.colour = colour
        self._side = 32
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # Only a view made before the font arrives waits for it (`loaded` fires once). PySide6 keeps
        # about 100 bytes for every connection to the long-lived registry even after the view is
        # gone, and the showcase makes icon views with every slide: hours of looping grew the heap.
        if not registry().is_loaded():
            registry().loaded.connect(self.update)

    def set_side(self, side: int) -> None:
        self._side = side
        self.setFixedSize(QSize(side, side))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        paint_icon(painter, QPointF(self.width() / 2, self.height() / 2), self._side, self.name, self.colour)
        painter.end()
