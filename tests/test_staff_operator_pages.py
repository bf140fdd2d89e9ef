"""Staff mode's Insights and opening-hours pages inside the panel, and what a hall manager reads back
in the status file: today's statistics, and a screen that is dark because the hall is closed."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from kiosk_factory import KioskUnderTest
from kiosk_process import run_until_exit
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from staff_helpers import button, edited_playlist, open_playlists, open_staff_tab, staff_page, tap

from kiosk.settings import Locations, load_settings
from kiosk.system.stats import StatsStore
from kiosk.system.stats_db import stats_path
from kiosk.ui.staff.keyboard import keyboard
from kiosk.ui.staff.keyboard.keyboard import KeyboardSession
from kiosk.ui.staff.settings_page import SettingsPage


def visible_texts(page: Any) -> set[str]:
    return {label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page) and label.text()}


def test_the_insights_tab_shows_the_visits_recorded(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    today = clock.now().replace(hour=10, minute=0)
    store = StatsStore(stats_path(locations.data_dir), now=today)
    for index, language in enumerate(("zh", "zh", "en", "zh", "en")):
        began = today + dt.timedelta(minutes=20 * index)
        session = store.begin_session(began, language)
        store.record_page_view(session, "industry", language, began, began + dt.timedelta(seconds=40))
        store.end_session(session, began, began + dt.timedelta(seconds=90), "idle", language, 1)
    store.close()
    open_playlists(shell, gate, clock, locations)
    tap(button(gate.panel, "staff-tab-insights"), clock)
    page = gate.panel.page("insights")
    assert gate.panel.stack.currentWidget() is page
    shown = visible_texts(page)
    assert "使用统计" in shown, "the page says what it is"
    assert {"5", "40%"} <= shown, f"five visits, two in English: {sorted(shown)}"
    tap(button(gate.panel, "staff-language"), clock)
    assert {"Insights", "Visits", "5"} <= visible_texts(page)


def test_opening_hours_set_on_the_glass_are_saved_and_take_effect(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page: Any = open_staff_tab(shell, gate, clock, locations, "hours")
    unsaved = gate.panel.findChild(QLabel, "staff-unsaved")
    assert unsaved is not None and unsaved.text() == "所有修改已保存"
    tap(button(page, "hours-follow"), clock)
    tap(button(page, "hours-mon"), clock)
    assert unsaved.text() == "● 有未保存的修改"
    tap(button(page, "staff-settings-undo"), clock)
    assert page.draft.value.opening_hours.week.get("mon") is None, "undo takes back the last step"
    tap(button(page, "hours-mon"), clock)
    tap(button(page, "staff-save-settings"), clock)
    saved = load_settings(locations.config_dir)[0].opening_hours
    assert saved.enabled and saved.week["mon"], "Monday is open and the screen follows the hours"
    assert unsaved.text() == "所有修改已保存"
    tap(button(gate.panel, "staff-tab-settings"), clock)
    settings = staff_page(gate, "settings", SettingsPage)
    assert settings.draft.value.opening_hours == saved, "the other page is current"


def test_the_status_file_says_the_screen_is_dark_and_carries_today(tmp_path: Path) -> None:
    config, status = tmp_path / "config", tmp_path / "status"
    config.mkdir()
    closed_all_week = {"opening_hours": {"enabled": True, "week": {}}}
    (config / "settings.json").write_text(json.dumps(closed_all_week), encoding="utf-8")
    done = run_until_exit(
        tmp_path,
        "--status-dir",
        str(status),
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        seconds=2,
    )
    assert done.returncode == 0, done.stderr
    (path,) = status.glob("*.json")
    report = json.loads(path.read_text(encoding="utf-8"))
    assert report["screen_on"] is False, "closed all week: the screen is dark"
    assert report["today"] is not None and report["today"]["sessions"] == 0


def test_a_tap_on_the_playlist_name_runs_the_keyboard_and_names_the_playlist(
    staff_kiosk: KioskUnderTest, locations: Locations, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """The staff panel's own name field, with a stand-in keyboard process that answers as staff would
    after picking 欢迎 (the keyboard window itself is driven key by key in test_staff_keyboard)."""
    answer = (
        "import json; print(json.dumps({'active': True}), flush=True); "
        "print(json.dumps({'text': '欢迎考察团'}))"
    )
    monkeypatch.setattr(keyboard, "keyboard_program", lambda: (sys.executable, ["-c", answer]))
    monkeypatch.setattr(KeyboardSession.shared(), "failure", None)
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_playlists(shell, gate, clock, locations)
    tap(button(page, "staff-new"), clock)
    tap(page.name_zh, clock)
    qtbot.waitUntil(lambda: not KeyboardSession.shared().busy, timeout=30_000)
    assert page.name_zh.text() == "欢迎考察团"
    assert edited_playlist(page).name.zh == "欢迎考察团", "the keyboard's text is the playlist's name"
    unsaved = gate.panel.findChild(QLabel, "staff-unsaved")
    assert unsaved is not None and unsaved.text() == "● 有未保存的修改"
