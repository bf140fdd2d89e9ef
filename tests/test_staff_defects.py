"""Ten staff-mode defects once found in the field, one test each (all failed on 964e041)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from kiosk_factory import KioskUnderTest
from kiosk_harness import playing
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from staff_helpers import (
    LANDSCAPE,
    PIN,
    PORTRAIT,
    button,
    config_changes,
    enter_pin,
    hold_corner,
    open_playlists,
    tap,
    write_by_rename,
)

from kiosk.clock import ManualClock
from kiosk.settings import Locations
from kiosk.system.pin import MAX_FAILURES, PinStore
from kiosk.ui.staff.gate import StaffGate


def visible_texts(root: QWidget) -> str:
    """Every text a person can read in `root`: labels and buttons that are on screen."""
    widgets: list[QLabel | QPushButton] = [*root.findChildren(QLabel), *root.findChildren(QPushButton)]
    return "\n".join(widget.text() for widget in widgets if widget.isVisible() and widget.text())


def open_tab(gate: StaffGate, clock: ManualClock, name: str) -> Any:
    tap(button(gate.panel, f"staff-tab-{name}"), clock)
    return gate.panel.page(name)


def write_schedule(locations: Locations, default: str, rules: list[dict[str, object]]) -> None:
    schedule = {"schema_version": 1, "default_playlist": default, "rules": rules}
    write_by_rename(locations.config_dir / "schedule.json", json.dumps(schedule).encode())


def start_preview(gate: StaffGate, clock: ManualClock, page: Any) -> None:
    tap(button(page, "staff-new"), clock)
    page.add_slide("title_livelihood")
    page.add_slide("title_regional")
    tap(button(page, "staff-preview"), clock)
    assert not gate.panel.isVisible()


def test_1_the_panel_closes_by_itself_after_a_preview_and_a_preview_ends_by_itself(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_playlists(shell, gate, clock, locations)
    start_preview(gate, clock, page)
    hold_corner(shell, gate, clock)
    assert gate.panel.isVisible(), "staff's gesture comes back to the editor"
    staff_kiosk.advance(121)
    assert not gate.panel.isVisible()

    page = open_playlists(shell, gate, clock, locations)
    start_preview(gate, clock, page)
    assert playing(shell.player).playlist_id == "staff-preview"
    staff_kiosk.advance(20.5)  # the two slides have played once
    assert playing(shell.player).playlist_id != "staff-preview"
    assert not gate.panel.isVisible()
    hold_corner(shell, gate, clock)
    assert gate.panel.isVisible(), "within the time-out staff's gesture comes back to their edits"
    staff_kiosk.advance(121)
    hold_corner(shell, gate, clock)
    assert gate.pinpad.isVisible(), "after it, the PIN is asked again"


def test_2_tabs_show_a_file_copied_in_and_a_save_never_overwrites_it_silently(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    open_playlists(shell, gate, clock, locations)
    schedule = open_tab(gate, clock, "schedule")
    short_name = shell.player.program.library.playlists["short"].name.zh
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_schedule(locations, "short", [])
    assert button(schedule, "staff-default-playlist").text() == short_name

    tap(button(schedule, "staff-add-rule"), clock)  # an unsaved edit
    theirs: dict[str, object] = {"days": ["mon"], "start": "08:00", "end": "09:00", "playlist": "full"}
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_schedule(locations, "full", [theirs])
    tap(button(schedule, "staff-save-schedule"), clock)
    on_disk = json.loads((locations.config_dir / "schedule.json").read_text(encoding="utf-8"))
    assert on_disk["rules"] == [theirs], "the technician's file is still there"
    assert "已被更改" in visible_texts(schedule), "staff are told, and asked"


@pytest.mark.parametrize("staff_kiosk", [PORTRAIT, LANDSCAPE], indirect=True, ids=["portrait", "landscape"])
def test_3_the_schedule_editor_fits_with_four_rules(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    open_playlists(shell, gate, clock, locations)
    schedule = open_tab(gate, clock, "schedule")
    for _ in range(4):
        tap(button(schedule, "staff-add-rule"), clock)
    window = QRect(0, 0, shell.width(), shell.height())
    buttons = [widget for widget in schedule.findChildren(QPushButton) if widget.isVisible()]
    rects = [QRect(widget.mapTo(shell, widget.rect().topLeft()), widget.size()) for widget in buttons]
    for widget, rect in zip(buttons, rects, strict=True):
        assert rect.height() >= 88, widget.objectName()
        assert window.contains(rect), widget.objectName()
    for first in range(len(rects)):
        for second in range(first + 1, len(rects)):
            assert not rects[first].intersects(rects[second]), (
                buttons[first].objectName(),
                buttons[second].objectName(),
            )


def test_4_a_window_inside_another_is_reported_as_never_playing(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    write_schedule(
        locations,
        "full",
        [
            {"days": ["sat"], "start": "09:00", "end": "12:00", "playlist": "full"},
            {"days": ["sat"], "start": "09:10", "end": "09:50", "playlist": "short"},
        ],
    )
    gate.panel.context.apply()
    open_playlists(shell, gate, clock, locations)
    schedule = open_tab(gate, clock, "schedule")
    assert "第 2 条（周六  09:10–09:50）不会播放：被第 1 条完全覆盖" in visible_texts(schedule)


def test_5_the_default_language_saved_in_staff_mode_reaches_the_showcase(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    PinStore(locations.config_dir, clock).set_pin(PIN)
    QTest.keyClick(shell, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    enter_pin(gate, clock, PIN)
    assert not shell.showing_visitor_pages(), "staff mode over the showcase"
    settings = open_tab(gate, clock, "settings")
    tap(button(settings, "staff-default_language"), clock)
    tap(button(settings, "staff-save-settings"), clock)
    tap(button(gate.panel, "staff-close"), clock)
    assert not gate.active()
    assert shell.player.language == "en"


def test_6_deleting_a_playlist_the_schedule_uses_warns_first(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    evening = {
        "schema_version": 1,
        "id": "evening",
        "name": {"zh": "晚间轮播", "en": "Evening"},
        "items": [{"slide": "title_regional", "duration_s": 8}],
    }
    write_by_rename(locations.config_dir / "playlists" / "evening.json", json.dumps(evening).encode())
    write_schedule(
        locations, "full", [{"days": ["fri"], "start": "18:00", "end": "22:00", "playlist": "evening"}]
    )
    gate.panel.context.apply()
    page = open_playlists(shell, gate, clock, locations)
    page.select("evening")
    tap(button(page, "staff-delete"), clock)
    shown = visible_texts(page)
    assert "删除“晚间轮播”后，排期将随之更改：\n· 删去时段 周五  18:00–22:00" in shown
    assert (locations.config_dir / "playlists" / "evening.json").exists()


def test_7_a_reload_during_a_preview_keeps_the_preview(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_playlists(shell, gate, clock, locations)
    start_preview(gate, clock, page)
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_schedule(locations, "short", [])
    staff_kiosk.advance(10)
    assert (playing(shell.player).playlist_id, playing(shell.player).slide) == (
        "staff-preview",
        "title_regional",
    )


def test_8_steppers_stay_within_limits_and_unsaved_edits_go_with_the_panel(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    open_playlists(shell, gate, clock, locations)
    settings = open_tab(gate, clock, "settings")
    for _ in range(6):
        tap(button(settings, "staff-idle_timeout_s-less"), clock)
    assert "15 秒" in visible_texts(settings)
    assert "-" not in visible_texts(settings).replace("−", "")
    tap(button(gate.panel, "staff-close"), clock)
    guard = gate.panel.findChild(QWidget, "staff-guard")
    if guard is not None and guard.isVisible():
        tap(button(guard, "staff-guard-second"), clock)  # discard
    assert not gate.panel.isVisible()
    open_playlists(shell, gate, clock, locations)
    settings = open_tab(gate, clock, "settings")
    assert "60 秒" in visible_texts(settings), "the saved value, not the abandoned edit"


def test_9_an_empty_pin_costs_nothing_and_the_lockout_counts_down_with_the_keypad_off(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    open_playlists(shell, gate, clock, locations)
    tap(button(gate.panel, "staff-close"), clock)
    hold_corner(shell, gate, clock)
    for _ in range(MAX_FAILURES):
        tap(gate.pinpad.keys["ok"], clock)
    enter_pin(gate, clock, PIN)
    assert gate.panel.isVisible(), "empty PINs cost no tries"
    tap(button(gate.panel, "staff-close"), clock)

    hold_corner(shell, gate, clock)
    for _ in range(MAX_FAILURES):
        enter_pin(gate, clock, "1111")
    assert "5 分 00 秒" in gate.pinpad.message.text()
    assert not gate.pinpad.keys["1"].isEnabled()
    staff_kiosk.advance(61)
    assert "3 分 59 秒" in gate.pinpad.message.text()
    tap(button(gate.pinpad, "pin-language"), clock)
    assert "wait 3:59" in gate.pinpad.message.text()


def test_10_a_pin_try_writes_nothing_in_the_config_dir(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    open_playlists(shell, gate, clock, locations)
    tap(button(gate.panel, "staff-close"), clock)

    def snapshot() -> dict[Path, bytes]:
        return {path: path.read_bytes() for path in locations.config_dir.rglob("*") if path.is_file()}

    before = snapshot()
    hold_corner(shell, gate, clock)
    enter_pin(gate, clock, "1111")
    assert "4" in gate.pinpad.message.text()
    assert snapshot() == before, "a watched file changed, which reloads the show"
    enter_pin(gate, clock, PIN)
    assert gate.panel.isVisible()
    assert snapshot() == before
