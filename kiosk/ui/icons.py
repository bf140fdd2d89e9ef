"""The one icon registry: content names an icon by meaning, this maps it to Material Design Icons."""

from __future__ import annotations

import logging

import qtawesome
from PySide6.QtGui import QColor, QIcon

log = logging.getLogger(__name__)

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
}

_warned: set[str] = set()


def icon(name: str, colour: QColor | str) -> QIcon:
    """The icon for a meaning; an unknown name falls back and is logged once."""
    glyph = ICONS.get(name)
    if glyph is None:
        if name not in _warned:
            log.warning("unknown icon name %r, showing a placeholder", name)
            _warned.add(name)
        glyph = ICONS["fallback"]
    return qtawesome.icon(glyph, color=QColor(colour))
