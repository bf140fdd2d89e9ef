"""Licences / 许可: the kiosk's GPL and every third-party part it ships, with the licence texts,
reachable from staff mode's Diagnostics; and the notices file matching what is installed."""

from __future__ import annotations

import importlib.util
import sys
from importlib import metadata
from pathlib import Path
from types import ModuleType

from kiosk_factory import KioskUnderTest
from PySide6.QtCore import Qt
from staff_helpers import button, open_staff_tab, tap, tap_list_item

from kiosk.licences import SYSTEM_LIBRARIES, load_notices
from kiosk.settings import Locations
from kiosk.ui.staff.diagnostics_page import DiagnosticsPage

REPO_ROOT = Path(__file__).resolve().parent.parent
GPL = "GNU GENERAL PUBLIC LICENSE"
LGPL3 = "GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3"
APACHE = "Apache License\n                           Version 2.0"
OFL = "SIL OPEN FONT LICENSE Version 1.1"
CC_BY = "Creative Commons Attribution 4.0 International Public License"
MIT = "Permission is hereby granted, free of charge"
BSD = "Redistribution and use in source and binary forms"

# Each part the kiosk ships, the licence named for it, and a phrase of each licence text it needs.
EXPECTED = {
    "Xiangjiang New Area exhibition kiosk": ("GPL-3.0-or-later", [GPL]),
    "PySide6_Essentials": ("LGPL-3.0-only", [LGPL3, GPL]),
    "PySide6_Addons": ("LGPL-3.0-only", [LGPL3, GPL]),
    "shiboken6": ("LGPL-3.0-only", [LGPL3, GPL]),
    "Qt": ("LGPL-3.0-only", [LGPL3, GPL]),
    "Qt Virtual Keyboard": ("GPL-3.0-only", [GPL]),
    "Qt Virtual Keyboard: Pinyin": ("Apache-2.0", [APACHE]),
    "Qt Virtual Keyboard: OpenWnn": ("Apache-2.0", [APACHE]),
    "Qt Virtual Keyboard: tcime": ("Apache-2.0", [APACHE]),
    "FFmpeg": (
        "LGPL-2.1-or-later",
        ["GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 2.1"],
    ),
    "pyqtgraph": ("MIT", [MIT]),
    "QtAwesome": ("MIT", [MIT]),
    "msgspec": ("BSD-3-Clause", [BSD]),
    "openpyxl": ("MIT", [MIT]),
    "numpy": ("BSD-3-Clause", [BSD]),
    "platformdirs": ("MIT", [MIT]),
    "fonttools": ("MIT", [MIT]),
    "Kiosk Sans SC (a subset of Noto Sans CJK SC)": ("OFL-1.1", [OFL, "Adobe"]),
    "Font Awesome Free 5": ("CC-BY-4.0 AND OFL-1.1", [CC_BY, OFL]),
    "Font Awesome Free 6": ("CC-BY-4.0 AND OFL-1.1", [CC_BY, OFL]),
    "Material Design Icons 5": ("Apache-2.0", [APACHE]),
    "Material Design Icons 6": ("Apache-2.0", [APACHE]),
    "Remix Icon": ("Apache-2.0", [APACHE]),
    "Phosphor Icons": ("MIT", [MIT, "Phosphor Icons"]),
    "Codicons": ("CC-BY-4.0", [CC_BY]),
    "Elusive Icons": ("OFL-1.1", [OFL]),
}


def _build_notices() -> ModuleType:
    # packaging/ holds scripts, not an importable package.
    spec = importlib.util.spec_from_file_location(
        "_packaging_build_notices", REPO_ROOT / "packaging" / "build_notices.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


def open_licences(staff_kiosk: KioskUnderTest, locations: Locations) -> DiagnosticsPage:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_staff_tab(shell, gate, clock, locations, "diagnostics")
    assert isinstance(page, DiagnosticsPage)
    tap(button(page, "staff-licences"), clock)
    assert page.licences is not None and page.licences.isVisible()
    return page


def test_the_licences_screen_lists_every_part_with_its_licence_text(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    clock = staff_kiosk.clock
    page = open_licences(staff_kiosk, locations)
    view = page.licences
    assert view is not None
    assert page.heading.source_text() == "许可"
    assert "GPL-3.0-or-later" in view.intro.text()
    assert not page.quit_button.isVisible(), "no quitting from the licences"
    titles = {
        row: view.entries.item(row).text()
        for row in range(view.entries.count())
        if view.entries.item(row).flags() & Qt.ItemFlag.ItemIsSelectable  # not a group's heading
    }
    for name, (licence, phrases) in EXPECTED.items():
        row = next((row for row, title in titles.items() if title.startswith(name)), None)
        assert row is not None, f"{name} is not listed"
        tap_list_item(view.entries, row, clock)
        assert view.heading.text() == titles[row]
        assert licence in view.notice.text(), name
        shown = view.text.toPlainText()
        for phrase in phrases:
            assert phrase in shown, f"{name}: the licence text lacks {phrase!r}"


def test_every_icon_font_qtawesome_installs_is_named(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    clock = staff_kiosk.clock
    view = open_licences(staff_kiosk, locations).licences
    assert view is not None
    fonts = Path(str(metadata.distribution("QtAwesome").locate_file("qtawesome/fonts")))
    named = set()
    for row in range(view.entries.count()):
        tap_list_item(view.entries, row, clock)
        named |= {font.name for font in fonts.glob("*.ttf") if font.name in view.notice.text()}
    assert named == {font.name for font in fonts.glob("*.ttf")}


def test_licences_in_english_and_back_to_diagnostics(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    gate, clock = staff_kiosk.staff, staff_kiosk.clock
    page = open_licences(staff_kiosk, locations)
    tap(button(gate.panel, "staff-language"), clock)
    view = page.licences
    assert view is not None
    assert page.heading.source_text() == "Licences"
    assert view.intro.text().startswith("This program is published under the GNU General Public License")
    assert view.notice.text().startswith("Licence: GPL-3.0-or-later")
    back = button(page, "staff-licences")
    assert back.text() == "Back to diagnostics"
    tap(back, clock)
    assert not view.isVisible() and page.quit_button.isVisible()
    assert page.heading.source_text() == "Diagnostics"


def test_the_notices_match_the_installed_packages() -> None:
    stale = _build_notices().stale_outputs()
    assert not stale, f"{stale} differ from what is installed; run: python packaging/build_notices.py"


def test_every_notice_carries_a_licence_text() -> None:
    notices = load_notices()
    for entry in notices.entries:
        assert entry.licence and entry.texts, entry.name
        assert any(len(notices.texts[key]) > 500 for key in entry.texts), entry.name


def test_the_frozen_build_adds_its_system_libraries(tmp_path: Path) -> None:
    listing = tmp_path / "SYSTEM-LIBRARIES.txt"
    listing.write_text("- libz.so.1: Debian package zlib1g 1:1.2.13\n", encoding="utf-8")
    notices = load_notices(system_libraries=listing)
    entry = notices.entries[-1]
    assert entry.name == SYSTEM_LIBRARIES and entry.kind == "part"
    assert "zlib1g" in notices.licence_text(entry)
    assert len(notices.entries) == len(load_notices().entries) + 1
