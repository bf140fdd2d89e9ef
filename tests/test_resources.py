"""The committed Qt resources and bundled fonts are in sync with assets/."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fontTools.ttLib import TTFont

REPO_ROOT = Path(__file__).resolve().parent.parent
ASSETS = REPO_ROOT / "assets"
FONT_FILES = (
    ASSETS / "fonts" / "NotoSansCJKsc-Regular.subset.otf",
    ASSETS / "fonts" / "NotoSansCJKsc-Bold.subset.otf",
)
REBUILD_HINT = "run: python packaging/build_fonts.py && python packaging/build_resources.py"


def _load_packaging_module(name: str) -> ModuleType:
    # packaging/ holds scripts, not an importable package.
    path = REPO_ROOT / "packaging" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


build_resources = _load_packaging_module("build_resources")


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def _content_chars() -> dict[str, set[str]]:
    """Drawable characters per JSON file under assets/content and assets/playlists."""
    per_file: dict[str, set[str]] = {}
    for path in sorted([*ASSETS.glob("content/*.json"), *ASSETS.glob("playlists/*.json")]):
        data = json.loads(path.read_text(encoding="utf-8"))
        chars = {c for text in _strings(data) for c in text}
        per_file[path.relative_to(REPO_ROOT).as_posix()] = {
            c for c in chars if unicodedata.category(c) != "Cc"
        }
    return per_file


@pytest.fixture(scope="module")
def cmaps() -> dict[str, dict[int, str]]:
    result: dict[str, dict[int, str]] = {}
    for path in FONT_FILES:
        with TTFont(path, lazy=True) as font:
            result[path.name] = font.getBestCmap()
    return result


def test_committed_rcc_matches_fresh_build() -> None:
    assert build_resources.RCC_PATH.is_file(), f"kiosk/kiosk.rcc missing; {REBUILD_HINT}"
    committed = build_resources.RCC_PATH.read_bytes()
    fresh = build_resources.expected_rcc_bytes()
    assert committed == fresh, f"kiosk/kiosk.rcc is stale; {REBUILD_HINT}"


def test_rcc_build_is_reproducible() -> None:
    assert build_resources.expected_rcc_bytes() == build_resources.expected_rcc_bytes()


def test_qrc_lists_exactly_the_bundled_assets() -> None:
    qrc_path = REPO_ROOT / "resources.qrc"
    assert qrc_path.is_file(), f"resources.qrc missing; {REBUILD_HINT}"
    root = ET.parse(qrc_path).getroot()
    (qresource,) = root.findall("qresource")
    assert qresource.get("prefix") == "/"
    listed = [f.text or "" for f in qresource.findall("file")]
    assert all(f.get("alias") is None for f in qresource.findall("file"))

    # Independent of build_resources' globs, so a bad glob there is caught.
    expected = sorted(
        p.relative_to(REPO_ROOT).as_posix()
        for p in [
            *ASSETS.glob("fonts/*.otf"),
            ASSETS / "fonts" / "OFL.txt",
            *ASSETS.glob("content/*.json"),
            ASSETS / "content" / "source.txt",
            *ASSETS.glob("playlists/*.json"),
            *ASSETS.glob("styles/*.qss"),
        ]
        if p.is_file()
    )
    assert listed == expected, f"resources.qrc is stale; {REBUILD_HINT}"
    for must_have in ("assets/fonts/OFL.txt", *(f"assets/fonts/{p.name}" for p in FONT_FILES)):
        assert must_have in listed
    assert qrc_path.read_text(encoding="utf-8") == build_resources.qrc_text()


def test_rcc_serves_every_listed_file() -> None:
    from kiosk.ui.style.resources import read_resource, register_resources

    assert register_resources()
    assert register_resources(), "second registration must be a no-op success"
    for name in build_resources.bundled_files():
        assert read_resource(f":/{name}") == (REPO_ROOT / name).read_bytes(), name
    with pytest.raises(FileNotFoundError):
        read_resource(":/assets/content/no-such-file.json")


def test_check_flags_edited_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ASSETS, tmp_path / "assets")
    (tmp_path / "kiosk").mkdir()
    monkeypatch.setattr(build_resources, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(build_resources, "QRC_PATH", tmp_path / "resources.qrc")
    monkeypatch.setattr(build_resources, "RCC_PATH", tmp_path / "kiosk" / "kiosk.rcc")

    assert build_resources.main(["--check"]) == 1  # nothing built yet
    build_resources.build()
    assert build_resources.stale_outputs() == []
    assert build_resources.main(["--check"]) == 0

    json_path = tmp_path / "assets" / "content" / "zz-extra.json"
    json_path.write_text('{"title": "新增"}', encoding="utf-8")
    problems = build_resources.stale_outputs()
    assert any("resources.qrc" in p for p in problems)
    assert any("kiosk.rcc" in p for p in problems)
    assert build_resources.main(["--check"]) == 1

    build_resources.build()
    json_path.write_text('{"title": "修改"}', encoding="utf-8")  # same file list, new bytes
    assert [p for p in build_resources.stale_outputs() if "kiosk.rcc" in p]


def test_fonts_cover_all_content_characters(cmaps: dict[str, dict[int, str]]) -> None:
    per_file = _content_chars()
    for font_name, cmap in cmaps.items():
        for json_name, chars in per_file.items():
            missing = sorted(c for c in chars if ord(c) not in cmap)
            shown = " ".join(f"U+{ord(c):04X}({c})" for c in missing)
            assert not missing, f"{font_name} lacks chars used in {json_name}: {shown}"


def test_fonts_cover_gb2312(cmaps: dict[str, dict[int, str]]) -> None:
    gb2312: set[str] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                gb2312.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    assert len(gb2312) > 7000
    for font_name, cmap in cmaps.items():
        missing = sorted(c for c in gb2312 if ord(c) not in cmap)
        assert not missing, f"{font_name} lacks GB2312 chars: {''.join(missing[:50])}"


@pytest.mark.parametrize("path", FONT_FILES, ids=lambda p: p.name)
def test_font_metadata(path: Path) -> None:
    with TTFont(path, lazy=True) as font:
        assert font.sfntVersion == "OTTO", "expected CFF-flavoured OpenType"
        # Its own family name: under the source's, Qt took the system's Noto Sans CJK files for it.
        family_names = {record.toUnicode() for record in font["name"].names if record.nameID in (1, 16)}
        assert family_names == {"Kiosk Sans SC"}
        cmap = font.getBestCmap()
        # Figures must stay tabular so animated counters do not jitter.
        advances = {font["hmtx"][cmap[ord(d)]][0] for d in "0123456789"}
    assert len(advances) == 1
