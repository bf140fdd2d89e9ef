"""Chinese renders from the bundled fonts alone, with every system font hidden.

Each check runs in a subprocess so fontconfig starts from a config that lists
no font directories; the test process itself may already have loaded the
system's fonts.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from font_probe import run_font_probe

from kiosk.ui.style.resources import BUNDLED_FONT_FAMILY

REPO_ROOT = Path(__file__).resolve().parent.parent

SAMPLE = "湖南湘江新区 2023 数说 Xiangjiang"
# Level-2 (rarely used) GB2312 hanzi, including the very last code point 0xF7FE.
RARE_GB2312 = "亍卮鼗嗾饕耄簋鳜蠡龠齄"
PUNCTUATION = "“数说”·…（）《》，。"
TEXT = SAMPLE + RARE_GB2312 + PUNCTUATION

PROBE = textwrap.dedent(
    """
    import json
    import sys

    from PySide6.QtCore import Qt
    from PySide6.QtGui import (
        QColor, QFont, QFontDatabase, QFontInfo, QFontMetrics, QGuiApplication, QImage,
        QPainter, QRawFont,
    )

    mode, text = sys.argv[1], sys.argv[2]
    app = QGuiApplication([])
    if mode == "bundled":
        from kiosk.ui.style.resources import load_bundled_fonts
        family = load_bundled_fonts()
    else:
        family = "Noto Sans CJK SC"

    cjk_systems = {
        QFontDatabase.WritingSystem.SimplifiedChinese,
        QFontDatabase.WritingSystem.TraditionalChinese,
        QFontDatabase.WritingSystem.Japanese,
        QFontDatabase.WritingSystem.Korean,
    }
    families = QFontDatabase.families()
    cjk_families = sorted(
        f for f in families if cjk_systems & set(QFontDatabase.writingSystems(f))
    )
    if mode == "control":
        # With no font at all Qt 6.11 crashes when asked to shape text; the font list is the proof.
        print(json.dumps({"family": family, "families": families, "cjk_families": cjk_families}))
        raise SystemExit(0)

    def blank(image):
        gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
        data = bytes(gray.constBits())
        return len(set(data)) <= 1

    weights = {}
    for name, weight in (("regular", QFont.Weight.Normal), ("bold", QFont.Weight.Bold)):
        font = QFont(family)
        font.setPixelSize(48)
        font.setWeight(weight)
        # No fallback: a glyph that is drawn must come from this very font.
        font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
        raw = QRawFont.fromFont(font)
        metrics = QFontMetrics(font)
        result = {
            "resolved_family": QFontInfo(font).family(),
            "raw_valid": raw.isValid(),
            "raw_family": raw.familyName(),
            "raw_style": raw.styleName(),
            "unsupported": [],
            "not_in_font": [],
            "blank": [],
        }
        for ch in text:
            # ord(): PySide6's QChar overload mangles non-Latin-1 str arguments.
            if not raw.supportsCharacter(ord(ch)):
                result["unsupported"].append(ch)
            if not metrics.inFontUcs4(ord(ch)):
                result["not_in_font"].append(ch)
            if ch.isspace():
                continue
            image = QImage(64, 64, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(QColor(Qt.GlobalColor.white))
            painter = QPainter(image)
            painter.setFont(font)
            painter.setPen(QColor(Qt.GlobalColor.black))
            painter.drawText(4, 52, ch)
            painter.end()
            if blank(image):
                result["blank"].append(ch)
        weights[name] = result

    print(json.dumps({"family": family, "families": families,
                      "cjk_families": cjk_families, "weights": weights}))
    """
)


def _run_probe(mode: str, tmp_path: Path) -> dict[str, Any]:
    cache = tmp_path / "fontconfig-cache"
    cache.mkdir()
    fonts_conf = tmp_path / "fonts.conf"
    # A valid config with no <dir>/<include>: fontconfig finds no fonts at all
    # and, unlike an empty or missing file, prints no "Cannot load" errors.
    fonts_conf.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>\n  <cachedir>{cache}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return run_font_probe(PROBE, [mode, TEXT], {"FONTCONFIG_FILE": str(fonts_conf)}, cwd=tmp_path)


def test_sample_text_is_gb2312() -> None:
    for ch in SAMPLE:
        ch.encode("gb2312")
    for ch in RARE_GB2312:
        # Lead byte >= 0xD8: GB2312 level 2, the less common hanzi.
        assert ch.encode("gb2312")[0] >= 0xD8, ch


def test_bundled_fonts_render_chinese_without_system_fonts(tmp_path: Path) -> None:
    result = _run_probe("bundled", tmp_path)
    assert result["family"] == BUNDLED_FONT_FAMILY
    assert BUNDLED_FONT_FAMILY in result["cjk_families"], (
        f"bundled fonts not registered with Qt; families: {result['families']}"
    )
    others = [f for f in result["cjk_families"] if f != BUNDLED_FONT_FAMILY]
    assert others == [], f"system CJK fonts were not hidden: {others}"
    for weight, info in result["weights"].items():
        assert info["resolved_family"] == BUNDLED_FONT_FAMILY, weight
        assert info["raw_valid"], weight
        assert info["raw_family"] == BUNDLED_FONT_FAMILY, weight
        assert info["raw_style"] == ("Bold" if weight == "bold" else "Regular")
        assert info["unsupported"] == [], f"{weight}: QRawFont lacks {info['unsupported']}"
        assert info["not_in_font"] == [], f"{weight}: inFontUcs4 false {info['not_in_font']}"
        assert info["blank"] == [], f"{weight}: nothing drawn for {info['blank']}"


def test_control_without_bundled_fonts_cannot_render_chinese(tmp_path: Path) -> None:
    """Proves the sandbox hides system fonts, so the test above is meaningful."""
    result = _run_probe("control", tmp_path)
    assert result["cjk_families"] == []
    assert BUNDLED_FONT_FAMILY not in result["families"]
