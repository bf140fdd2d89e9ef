"""A staff member's day, with real touches, in both orientations: make a delegation playlist,
schedule it as a one-off, play it now for 10 minutes, and walk away."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from kiosk_factory import KioskUnderTest
from kiosk_harness import playing
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot
from staff_helpers import (
    LANDSCAPE,
    PIN,
    PORTRAIT,
    button,
    config_changes,
    enter_pin,
    press,
    release,
    replacement_full_playlist,
    tap,
    tap_list_item,
    type_text,
    write_by_rename,
)

from kiosk.playlist.store import staff_playlist_path
from kiosk.settings import Locations
from kiosk.system.pin import PinStore


def tap_until(widget_text: Any, target: str, tap_once: Any, limit: int = 12) -> None:
    for _ in range(limit):
        if widget_text() == target:
            return
        tap_once()
    assert widget_text() == target


@pytest.mark.parametrize("staff_kiosk", [LANDSCAPE, PORTRAIT], indirect=True, ids=["landscape", "portrait"])
def test_a_delegation_day(qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    PinStore(locations.config_dir, clock).set_pin(PIN)

    # The hold shows its progress, then the PIN opens staff mode.
    corner = QPoint(20, 20)
    press(shell, corner)
    staff_kiosk.advance(2.0)
    assert gate.ring.isVisible() and gate.ring.progress == pytest.approx(2 / 3)
    staff_kiosk.advance(1.1)
    release(shell, corner)
    enter_pin(gate, clock, PIN)
    assert gate.panel.isVisible()

    # A new playlist, named by typing, with three slides, reordered and timed.
    page: Any = gate.panel.page("playlists")
    tap(button(page, "staff-new"), clock)
    page.name_zh.clear()
    type_text(page.name_zh, "代表团参观")
    page.name_en.clear()
    type_text(page.name_en, "Delegation visit")
    assert page.heading.text() == "代表团参观"
    slides = page.catalogue.slides
    rows = {slides.item(row).data(0x0100): row for row in range(slides.count())}
    for slide_id in ("title_intro", "title_industry", "title_regional"):
        tap_list_item(slides, rows[slide_id], clock)
    tap_list_item(page.items, 2, clock)
    tap(button(page, "staff-up"), clock)  # title_regional second
    tap_list_item(page.items, 0, clock)
    for _ in range(5):
        tap(button(page, "staff-duration-more"), clock)  # title_intro 15 s
    tap_list_item(page.items, 2, clock)
    for _ in range(4):
        tap(button(page, "staff-duration-less"), clock)  # title_industry 6 s
    tap(button(page, "staff-save"), clock)
    assert page.message.text() == "已保存，轮播已更新"
    delegation = page.draft.value.id
    saved = json.loads(staff_playlist_path(locations.config_dir, delegation).read_text(encoding="utf-8"))
    assert saved["name"] == {"zh": "代表团参观", "en": "Delegation visit"}

    # A one-off window next Saturday 09:30-11:00, and "play now for 10 minutes".
    tap(button(gate.panel, "staff-tab-schedule"), clock)
    schedule: Any = gate.panel.page("schedule")
    tap(button(schedule, "staff-add-one-off"), clock)
    for name in (
        "staff-date-pick",
        "staff-pick-day-2024-03-02",
        "staff-start-pick",
        "staff-pick-hour-09",
        "staff-pick-minute-30",
        "staff-end-pick",
        "staff-pick-hour-11",
        "staff-pick-minute-00",
    ):
        tap(button(schedule, name), clock)
    rule_playlist = button(schedule, "staff-rule-playlist")
    tap_until(rule_playlist.text, "代表团参观", lambda: tap(rule_playlist, clock))
    play_choice = button(schedule, "staff-play-now-playlist")
    tap_until(play_choice.text, "立即播放的列表：代表团参观", lambda: tap(play_choice, clock))
    tap(button(schedule, "staff-play-for-10"), clock)
    assert "代表团参观" in schedule.play_bar.status.text()
    tap(button(schedule, "staff-save-schedule"), clock)
    assert schedule.message.text() == "已保存，轮播已更新"
    rule = schedule.draft.value.rules[-1]
    assert (rule.date, rule.start, rule.end, rule.playlist) == ("2024-03-02", "09:30", "11:00", delegation)

    # Staff walk away: the panel closes by itself; the showcase plays the delegation playlist.
    staff_kiosk.advance(121)
    assert not gate.panel.isVisible()
    assert not shell.showing_visitor_pages()
    player = shell.player
    seen = []
    for _ in range(4):
        seen.append((playing(player).playlist_id, playing(player).slide, playing(player).duration_s))
        staff_kiosk.advance(playing(player).duration_s)
    assert seen == [
        (delegation, "title_intro", 15.0),
        (delegation, "title_regional", 10.0),
        (delegation, "title_industry", 6.0),
        (delegation, "title_intro", 15.0),
    ]
    # Ten minutes after the save, the schedule plays again.
    while clock.now() < dt.datetime(2024, 3, 1, 12, 11):
        staff_kiosk.advance(playing(player).duration_s)
    assert playing(player).playlist_id == "full"
    assert player.program.playlist_at(dt.datetime(2024, 3, 2, 9, 45)).id == delegation
    assert player.program.playlist_at(dt.datetime(2024, 3, 9, 9, 45)).id == "full", "one-off only"

    # The next touch is a visitor's.
    tap(player, clock)
    assert shell.showing_visitor_pages()
    assert not gate.active()


def test_a_file_copied_in_shows_in_the_tab_and_save_asks_before_overwriting_it(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    gate, clock = staff_kiosk.staff, staff_kiosk.clock
    PinStore(locations.config_dir, clock).set_pin(PIN)
    gate.request()
    enter_pin(gate, clock, PIN)
    page: Any = gate.panel.page("playlists")
    assert page.draft.value.id == "full"
    path = staff_playlist_path(locations.config_dir, "full")
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_by_rename(path, replacement_full_playlist("title_industry"))
    assert page.items.count() == 2, "the tab shows the copied file"
    assert page.name_zh.text() == "技术员版本"

    tap_list_item(page.items, 0, clock)
    tap(button(page, "staff-duration-more"), clock)  # staff's own edit
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_by_rename(path, replacement_full_playlist("title_innovation"))
    assert page.message.text() == "文件已在别处更改；保存时会询问您"
    tap(button(page, "staff-save"), clock)
    assert json.loads(path.read_bytes())["items"][0]["slide"] == "title_innovation", "not overwritten"
    assert page.question.isVisible()
    tap(button(page, "staff-question-first"), clock)  # load theirs
    assert page.items.item(0).text().startswith("1. ")
    assert page.draft.value.items[0].slide == "title_innovation"
    assert not page.dirty()
