"""The kiosk draws its text from the bundled font alone, even where the system has a CJK font.

Where `fonts-noto-cjk` is installed (CI installs it, to rebuild the subset), a bundled family named
like a system one let Qt resolve the kiosk's family to the system's files and map them as well:
15-17 MiB of RSS for glyphs the kiosk already carries. Each check runs in a child process with the
machine's own fontconfig, paints Chinese and Latin text the way the kiosk's widgets do (the
application style sheet, the theme's fonts, both weights) and lists the font files it has mapped.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from font_probe import run_font_probe
from fontTools.ttLib import TTCollection, TTFont

from kiosk.ui.style.resources import BUNDLED_FONT_FAMILY

REPO_ROOT = Path(__file__).resolve().parent.parent
SYSTEM_CJK_FAMILY = "Noto Sans CJK SC"
FONT_SUFFIXES = (".ttc", ".otc", ".otf", ".ttf")
# A common hanzi and a rare one: a font that has both is a Chinese font.
HANZI = "湘龠"

PROBE = textwrap.dedent(
    """
    import json
    import sys

    from PySide6.QtGui import QFontDatabase, QFontInfo, QImage, QPainter
    from PySide6.QtWidgets import QLabel

    from kiosk.ui.runtime.startup import start
    from kiosk.ui.style import theme

    runtime = start()
    family = runtime.family if sys.argv[1] == "kiosk" else sys.argv[1]
    text = "湖南湘江新区 2023 数说 Xiangjiang 亍卮鼗龠 “数说”·…（）《》，。"
    label = QLabel(text)
    label.setStyleSheet(f'font-family: "{family}";')
    label.adjustSize()
    label.grab()
    styles = [(bold, tabular) for bold in (False, True) for tabular in (False, True)]
    fonts = [theme.font(family, 48, bold=bold, tabular=tabular) for bold, tabular in styles]
    image = QImage(2000, 100, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    for font in fonts:
        painter.setFont(font)
        painter.drawText(0, 80, text)
    painter.end()
    with open("/proc/self/maps", encoding="utf-8") as maps:
        mapped = sorted({line.split(maxsplit=5)[5].strip() for line in maps if len(line.split()) == 6})
    print(json.dumps({
        "mapped": mapped,
        "resolved": sorted({QFontInfo(font).family() for font in fonts}),
        "label_resolved": QFontInfo(label.font()).family(),
        "system_families": QFontDatabase.families(),
    }))
    """
)


def run_probe(family: str) -> dict[str, Any]:
    return run_font_probe(PROBE, [family])


def has_hanzi(path: Path) -> bool:
    if path.suffix.lower() in (".ttc", ".otc"):
        with TTCollection(str(path), lazy=True) as collection:
            return any(covers_hanzi(face) for face in collection.fonts)
    with TTFont(str(path), lazy=True) as font:
        return covers_hanzi(font)


def covers_hanzi(face: TTFont) -> bool:
    cmap = face.getBestCmap() or {}
    return all(ord(ch) in cmap for ch in HANZI)


def system_cjk_files(mapped: list[str]) -> list[str]:
    """The mapped files that are fonts with Chinese glyphs (the bundled font lives in kiosk.rcc)."""
    fonts = [Path(name) for name in mapped if name.lower().endswith(FONT_SUFFIXES) and Path(name).is_file()]
    return [str(path) for path in fonts if has_hanzi(path)]


def test_kiosk_maps_no_system_cjk_font_file() -> None:
    control = run_probe(SYSTEM_CJK_FAMILY)
    if SYSTEM_CJK_FAMILY not in control["system_families"] or not system_cjk_files(control["mapped"]):
        pytest.skip(
            f"SKIPPED LOUDLY: no system {SYSTEM_CJK_FAMILY!r} font file gets mapped here, so this test "
            "could not fail; install fonts-noto-cjk (CI does)"
        )
    kiosk = run_probe("kiosk")
    assert kiosk["resolved"] == [BUNDLED_FONT_FAMILY]
    assert kiosk["label_resolved"] == BUNDLED_FONT_FAMILY
    assert system_cjk_files(kiosk["mapped"]) == [], "the kiosk's text took glyphs from a system CJK font"
