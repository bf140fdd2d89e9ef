"""WCAG 2.x contrast between two colours: what the theme's tokens are checked against."""

from __future__ import annotations

from PySide6.QtGui import QColor


def relative_luminance(colour: QColor | str) -> float:
    """The WCAG relative luminance of an opaque colour (sRGB, 0 for black to 1 for white)."""
    value = QColor(colour)

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(value.redF()) + 0.7152 * linear(value.greenF()) + 0.0722 * linear(value.blueF())


def contrast_ratio(first: QColor | str, second: QColor | str) -> float:
    """From 1 (the same) to 21 (black on white); the order of the colours does not matter."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def over(colour: QColor | str, alpha: float, ground: QColor | str) -> QColor:
    """`colour` at `alpha` painted on an opaque `ground`: the colour a visitor actually sees."""
    top, bottom = QColor(colour), QColor(ground)
    return QColor.fromRgbF(
        top.redF() * alpha + bottom.redF() * (1 - alpha),
        top.greenF() * alpha + bottom.greenF() * (1 - alpha),
        top.blueF() * alpha + bottom.blueF() * (1 - alpha),
    )
