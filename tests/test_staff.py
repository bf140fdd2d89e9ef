"""Staff mode at the touchscreen: the hidden hold, the PIN pad, editing a playlist, and the show
playing what staff saved."""

from __future__ import annotations

import json
import os

import pytest
from kiosk_factory import KioskUnderTest
from kiosk_harness import playing
from pytestqt.qtbot import QtBot
from staff_helpers import (
    PIN,
    button,
    config_changes,
    edited_playlist,
    enter_pin,
    hold_corner,
    open_playlists,
    replacement_full_playlist,
    staff_page,
    tap,
    tap_list_item,
    type_text,
    write_by_rename,
)

from kiosk.playlist.store import staff_playlist_path
from kiosk.settings import Locations
from kiosk.system.pin import LOCK_SECONDS, MAX_FAILURES, PinStore
from kiosk.ui.staff.diagnostics_page import DiagnosticsPage
from kiosk.ui.staff.playlists_page import PlaylistsPage
from kiosk.ui.staff.schedule_page import SchedulePage


def test_staff_build_a_playlist_and_the_showcase_plays_it(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    PinStore(locations.config_dir, clock).set_pin(PIN)

    hold_corner(shell, gate, clock)
    assert gate.pinpad.isVisible()
    enter_pin(gate, clock, PIN)
    assert gate.panel.isVisible()
    page = staff_page(gate, "playlists", PlaylistsPage)

    tap(button(page, "staff-new"), clock)
    catalogue = page.catalogue.slides
    wanted = ["title_industry", "spotlight_investment", "title_regional"]
    rows = {catalogue.item(row).data(0x0100): row for row in range(catalogue.count())}
    for slide_id in wanted:
        tap_list_item(catalogue, rows[slide_id], clock)
    assert [item.slide for item in edited_playlist(page).items] == wanted

    tap_list_item(page.items, 2, clock)
    tap(button(page, "staff-up"), clock)  # title_regional moves to second place
    tap_list_item(page.items, 0, clock)
    for _ in range(3):
        tap(button(page, "staff-duration-more"), clock)  # title_industry: 10 s -> 13 s
    tap(button(page, "staff-save"), clock)
    assert page.message.text() == "已保存，轮播已更新"
    new_id = edited_playlist(page).id
    saved = json.loads(staff_playlist_path(locations.config_dir, new_id).read_text(encoding="utf-8"))
    assert [item["slide"] for item in saved["items"]] == [
        "title_industry",
        "title_regional",
        "spotlight_investment",
    ]

    tap(button(gate.panel, "staff-tab-schedule"), clock)
    schedule = staff_page(gate, "schedule", SchedulePage)
    for _ in range(10):
        if schedule.draft.value.default_playlist == new_id:
            break
        tap(button(schedule, "staff-default-playlist"), clock)
    assert schedule.draft.value.default_playlist == new_id
    tap(button(schedule, "staff-save-schedule"), clock)
    tap(button(gate.panel, "staff-close"), clock)
    assert not gate.active()

    player = shell.player
    seen = []
    for _ in range(4):
        seen.append((playing(player).slide, playing(player).duration_s))
        staff_kiosk.advance(playing(player).duration_s)
    assert seen == [
        ("title_industry", 13.0),
        ("title_regional", 10.0),
        ("spotlight_investment", 10.0),
        ("title_industry", 13.0),
    ]


def test_a_tap_on_the_corner_without_the_hold_does_nothing(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    PinStore(locations.config_dir, clock).set_pin(PIN)
    hold_corner(shell, gate, clock, seconds=1.0)
    staff_kiosk.advance(5.0)
    assert not gate.pinpad.isVisible()


def test_without_a_pin_the_gesture_only_says_staff_mode_is_not_set_up(
    staff_kiosk: KioskUnderTest,
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    hold_corner(shell, gate, clock)
    assert not gate.pinpad.isVisible()
    assert gate.notice.isVisible()
    assert "kiosk set-pin" in gate.notice.text()


def test_five_wrong_pins_lock_staff_entry_across_a_restart(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    PinStore(locations.config_dir, clock).set_pin(PIN)
    hold_corner(shell, gate, clock)
    for attempt in range(MAX_FAILURES):
        enter_pin(gate, clock, "1111")
        if attempt < MAX_FAILURES - 1:
            assert f"{MAX_FAILURES - attempt - 1}" in gate.pinpad.message.text()
    assert "5 分 00 秒" in gate.pinpad.message.text()
    enter_pin(gate, clock, PIN)
    assert not gate.panel.isVisible(), "even the right PIN is refused while locked"

    restarted = PinStore(locations.config_dir, clock, locations.data_dir)
    assert restarted.check(PIN).outcome == "locked", "the lock survives a restart"
    clock.advance(LOCK_SECONDS + 1)
    assert restarted.check(PIN).outcome == "accepted", "and lifts after the timeout"


def test_the_pin_is_never_stored_or_logged_in_plain_text(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    PinStore(locations.config_dir, clock).set_pin(PIN)
    hold_corner(shell, gate, clock)
    enter_pin(gate, clock, "1357")
    enter_pin(gate, clock, PIN)
    for root in (locations.config_dir, locations.data_dir):
        for path in root.rglob("*") if root.exists() else []:
            if path.is_file():
                content = path.read_bytes()
                assert PIN.encode() not in content and b"1357" not in content, path


def test_staff_mode_closes_itself_after_two_minutes(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    PinStore(locations.config_dir, clock).set_pin(PIN)
    hold_corner(shell, gate, clock)
    enter_pin(gate, clock, PIN)
    staff_kiosk.advance(119.0)
    assert gate.panel.isVisible()
    staff_kiosk.advance(2.0)
    assert not gate.panel.isVisible()


def test_an_invalid_edit_is_refused_next_to_the_editor_and_nothing_is_written(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_playlists(shell, gate, clock, locations)
    tap(button(page, "staff-new"), clock)
    tap(button(page, "staff-save"), clock)
    assert page.message.text() == "无法保存：列表里没有要播放的幻灯片"
    assert not staff_playlist_path(locations.config_dir, edited_playlist(page).id).exists()


def test_a_save_interrupted_at_the_rename_keeps_the_old_file(
    staff_kiosk: KioskUnderTest,
    locations: Locations,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_playlists(shell, gate, clock, locations)
    tap(button(page, "staff-new"), clock)
    page.add_slide("title_industry")
    tap(button(page, "staff-save"), clock)
    path = staff_playlist_path(locations.config_dir, edited_playlist(page).id)
    before = path.read_bytes()

    page.add_slide("title_regional")

    def power_cut(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", power_cut)
    tap(button(page, "staff-save"), clock)
    assert page.message.text() == "无法写入文件，修改未保存。详情见日志。"
    assert path.read_bytes() == before
    assert json.loads(before)["items"][0]["slide"] == "title_industry"


def test_undo_restores_the_previous_version(staff_kiosk: KioskUnderTest, locations: Locations) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_playlists(shell, gate, clock, locations)
    page.select("short")
    tap_list_item(page.items, 0, clock)
    tap(button(page, "staff-duration-more"), clock)
    tap(button(page, "staff-save"), clock)  # a staff copy of "short", one second longer
    path = staff_playlist_path(locations.config_dir, "short")
    first = path.read_bytes()
    tap_list_item(page.items, 0, clock)
    tap(button(page, "staff-remove"), clock)
    tap(button(page, "staff-save"), clock)
    assert path.read_bytes() != first
    tap(button(page, "staff-undo"), clock)
    tap(button(page, "staff-save"), clock)
    assert path.read_bytes() == first
    assert shell.player.program.library.playlists["short"].items[0].slide == "title_intro"
    tap(button(page, "staff-undo"), clock)
    tap(button(page, "staff-save"), clock)
    bundled_duration = shell.player.program.library.playlists["short"].items[0].duration_s
    assert json.loads(first)["items"][0]["duration_s"] == bundled_duration + 1, "undo goes further back"


def test_a_valid_file_copied_in_applies_within_a_second(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate = staff_kiosk.shell, staff_kiosk.staff
    path = staff_playlist_path(locations.config_dir, "full")
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_by_rename(path, replacement_full_playlist("title_industry"))
    full = shell.player.program.library.playlists["full"]
    assert [item.slide for item in full.items] == ["title_industry", "title_regional"]
    staff_kiosk.advance(playing(shell.player).duration_s)
    assert playing(shell.player).slide in {"title_industry", "title_regional"}

    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_by_rename(path, replacement_full_playlist("title_innovation"))
    assert shell.player.program.library.playlists["full"].items[0].slide == "title_innovation"


def test_an_invalid_file_copied_in_is_reported_and_the_last_good_version_plays(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate = staff_kiosk.shell, staff_kiosk.staff
    path = staff_playlist_path(locations.config_dir, "full")
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_by_rename(path, replacement_full_playlist("title_industry"))
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        absurd = b'{"schema_version": 1, "id": "full", "items": [{"slide": "title_industry", "duration_s": '
        write_by_rename(path, absurd + b"9999999999999}]}")
    full = shell.player.program.library.playlists["full"]
    assert [item.slide for item in full.items] == ["title_industry", "title_regional"], (
        "the last good version"
    )
    diagnostics = staff_page(gate, "diagnostics", DiagnosticsPage)
    diagnostics.refresh()
    assert "full.json" in diagnostics.report.text()
    staff_kiosk.advance(playing(shell.player).duration_s)
    assert shell.player.current is not None and shell.player.current.as_widget().isVisible()


def test_preview_plays_the_playlist_full_screen_and_staffs_gesture_comes_back(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_playlists(shell, gate, clock, locations)
    tap(button(page, "staff-new"), clock)
    page.add_slide("title_livelihood")
    page.add_slide("title_regional")
    page.name_en.clear()
    type_text(page.name_en, "Evening")
    assert edited_playlist(page).name.en == "Evening"
    tap(button(page, "staff-preview"), clock)
    assert not gate.panel.isVisible()
    assert playing(shell.player).slide == "title_livelihood"
    staff_kiosk.advance(10)
    assert playing(shell.player).slide == "title_regional"
    hold_corner(shell, gate, clock)
    assert gate.panel.isVisible(), "staff's gesture ends the preview and returns to the editor"
    assert not shell.showing_visitor_pages()
    assert shell.player.program.preview is None
    assert not staff_playlist_path(locations.config_dir, edited_playlist(page).id).exists(), (
        "a preview saves nothing"
    )
