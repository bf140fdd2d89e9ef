"""The Qt binding must not corrupt Python's reference counts while painting.

PySide6 6.12.0 drops a reference to None on every QPainter.setPen/setFont/fillRect call; on Python
3.11 None is not immortal, so a kiosk painting at 60 fps aborts within minutes. This test fails on
such a binding, so an upgrade cannot bring the crash back unnoticed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter


def test_painting_does_not_drop_references_to_none(qapp: object) -> None:
    image = QImage(64, 64, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    font = QFont()
    colour = QColor("#f4c457")
    before = sys.getrefcount(None)
    for _ in range(500):
        painter.setPen(colour)
        painter.setFont(font)
        painter.fillRect(QRectF(0, 0, 8, 8), colour)
    after = sys.getrefcount(None)
    painter.end()
    assert after - before > -100, f"None lost {before - after} references in 500 paint calls"
