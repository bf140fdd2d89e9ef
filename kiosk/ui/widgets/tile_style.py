"""How a figure tile looks: its sizes on a figures wall or in a spotlight, and the layout worked
out for one tile (where the number, unit, label and note go), shared by painting and the tests."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont

from kiosk.ui.style import theme


@dataclass(frozen=True)
class TileStyle:
    number_px: int
    unit_px: int
    label_px: int
    note_px: int
    padding_px: int
    # Above the digits and below the label: less than at the sides, since the digits' cap height
    # and the label's line gap already leave air there.
    padding_y_px: int
    max_label_lines: int


WALL = TileStyle(theme.FIGURE_PX, theme.SECTION_PX, theme.BODY_PX - 2, theme.CAPTION_PX, 28, 20, 3)
SPOTLIGHT = TileStyle(theme.FIGURE_HERO_PX, theme.TITLE_PX, theme.SECTION_PX, theme.BODY_PX, 0, 0, 3)


@dataclass(frozen=True)
class TileLayout:
    """Where each part goes; shared by painting and by the tests that check nothing is clipped."""

    number_font: QFont
    unit_font: QFont
    suffix_font: QFont
    label_font: QFont
    note_font: QFont
    number_origin_y: float
    unit_on_own_line: bool
    unit_rect: QRectF
    label_rect: QRectF
    note_rect: QRectF
    content_rect: QRectF
    # The label with its line breaks (`kiosk.content.linebreak`), as measured and as painted.
    label_lines: str
