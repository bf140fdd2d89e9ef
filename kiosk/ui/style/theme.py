"""The one theme: design tokens, scaled to the screen, and the style sheet built from them.

Sizes are given at the 1080p reference (the short side of the screen is 1080 px) and scaled with
the screen, so a 4K panel shows the same layout at twice the pixels.

Where a look is written down: a look a role always has (colours, shapes, the type of titles and
captions) is a rule of `style_sheet`, reached through object names; staff mode's rules are in
`staff_style_sheet` (kiosk/ui/staff/panel.py), reached through the `staffRole` property. The
application sheet is built once, for the first window size, so a widget whose sizes must follow
its own window (set again in its `set_metrics` / `apply_metrics` on every resize, and in larger-text
mode) or whose colour is its topic's sets those properties inline, computed from these tokens.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont

from kiosk.content.models import Topic

GROUND = "#0a1a2c"
GROUND_DEEP = "#06111e"
SURFACE = "#11263d"
SURFACE_RAISED = "#193452"
SELECTED = "#2a4766"
# Meaningful graphics (rank slots, ring remainders, network links, the timeline, inactive dots)
# need 3:1 against every ground they are drawn on (WCAG 1.4.11); tests/test_contrast.py checks it.
HAIRLINE = "#5b7a9c"
TEXT = "#f3f6f9"
TEXT_MUTED = "#b4c3d3"
ACCENT = "#f4c457"
# A finger on a control turns its ground bright and its text dark: far more than the 3:1 change a
# visitor notices at once, and still readable while the finger is down.
PRESSED = ACCENT
ON_BRIGHT = GROUND_DEEP

# Staff slides: the welcome banner in the exhibition's red and gold (gold on red is 7.5:1).
WELCOME_RED = "#741418"
WELCOME_RED_DEEP = "#4d0c10"
WELCOME_GOLD = "#f6cf6a"
WELCOME_CREAM = "#fdf3dc"

TOPIC_COLOURS: dict[Topic, str] = {
    "intro": ACCENT,
    "industry": "#f5a524",
    "innovation": "#35d0ea",
    "livelihood": "#4fd69c",
    "regional": "#b49bfa",
}

# Type scale and spacing at the 1080p reference.
FIGURE_HERO_PX = 200
FIGURE_PX = 120
TITLE_PX = 64
SECTION_PX = 44
BODY_PX = 30
CAPTION_PX = 24
MARGIN_PX = 64
GAP_PX = 32
RADIUS_PX = 24
TOUCH_TARGET_PX = 88
# Staff slide text at 1080p: the main line at its largest, and the least any line shrinks to.
STAFF_MAIN_PX = 150
STAFF_MAIN_MIN_PX = 72
STAFF_LINE_MIN_PX = 40

# The visitor's larger-text mode ("A+"): reading text grows by this factor, figures and layout do not.
LARGER_TEXT_SCALE = 1.25

REFERENCE_LONG = 1920
REFERENCE_SHORT = 1080

# Motion, in seconds.
COUNT_UP_S = 1.8
STAGGER_S = 0.12
TRANSITION_S = 0.6


@dataclass(frozen=True)
class Metrics:
    """Token sizes in device pixels for one window size."""

    scale: float
    portrait: bool
    text_scale: float = 1.0

    @classmethod
    def for_size(cls, size: QSize, text_scale: float = 1.0) -> Metrics:
        long_side = max(size.width(), size.height())
        short_side = min(size.width(), size.height())
        scale = min(long_side / REFERENCE_LONG, short_side / REFERENCE_SHORT)
        return cls(scale=max(scale, 0.25), portrait=size.height() > size.width(), text_scale=text_scale)

    def px(self, reference_px: float) -> int:
        return max(1, round(reference_px * self.scale))

    def text_px(self, reference_px: float) -> int:
        """A reading text's size: scaled with the screen and, in larger-text mode, enlarged."""
        return self.px(reference_px * self.text_scale)


def colour(hex_code: str, alpha: float = 1.0) -> QColor:
    result = QColor(hex_code)
    result.setAlphaF(alpha)
    return result


def font(family: str, pixel_size: int, bold: bool = False, tabular: bool = False) -> QFont:
    result = QFont(family)
    result.setPixelSize(pixel_size)
    result.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    if tabular:
        # Tabular figures keep every digit the same width, so a count-up never jitters.
        result.setFeature(QFont.Tag("tnum"), 1)
    return result


def style_sheet(metrics: Metrics, family: str) -> str:
    """The application style sheet for one window size; widgets take their roles from object names."""
    return f"""
    QWidget {{
        background: transparent;
        color: {TEXT};
        font-family: "{family}";
        font-size: {metrics.text_px(BODY_PX)}px;
    }}
    #KioskRoot {{ background: {GROUND}; }}
    QLabel#Caption {{ color: {TEXT_MUTED}; font-size: {metrics.text_px(CAPTION_PX)}px; }}
    QLabel#SectionTitle {{ font-size: {metrics.text_px(SECTION_PX)}px; font-weight: bold; }}
    QLabel#PageTitle {{ font-size: {metrics.text_px(TITLE_PX)}px; font-weight: bold; }}
    QPushButton {{
        min-height: {metrics.px(TOUCH_TARGET_PX)}px;
        min-width: {metrics.px(TOUCH_TARGET_PX)}px;
        padding: 0 {metrics.px(GAP_PX)}px;
        border-radius: {metrics.px(RADIUS_PX)}px;
        background: {SURFACE_RAISED};
        border: none;
    }}
    QPushButton:checked {{ background: {SELECTED}; color: {ACCENT}; font-weight: bold; }}
    QPushButton:pressed, QPushButton:checked:pressed {{ background: {PRESSED}; color: {ON_BRIGHT}; }}
    QPushButton:disabled {{ background: {SURFACE}; color: {HAIRLINE}; }}
    QPushButton#PrimaryButton {{ background: {ACCENT}; color: {ON_BRIGHT}; font-weight: bold; }}
    QPushButton#PrimaryButton:pressed {{ background: {TEXT}; }}
    #NavBar {{ background: {GROUND_DEEP}; }}
    QScrollArea, #PageContent {{ background: {GROUND}; }}
    QLineEdit#KeyboardField {{
        font-size: {metrics.px(SECTION_PX)}px;
        background: {SURFACE};
        border: 2px solid {ACCENT};
        border-radius: {metrics.px(RADIUS_PX) // 2}px;
        padding: 0 {metrics.px(GAP_PX) // 2}px;
    }}
    """
