"""Staff pages beyond the defects: changing the PIN on the device, past one-off events, keeping
one's own version over a file copied in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kiosk_factory import KioskUnderTest
from pytestqt.qtbot import QtBot
from staff_helpers import PIN, button, config_changes, open_staff_tab, tap, write_by_rename

from kiosk.clock import ManualClock
from kiosk.settings import Locations, load_settings
from kiosk.system.pin import PinStore


def type_pin(page: Any, clock: ManualClock, digits: str) -> None:
    for digit in digits:
        tap(button(page, f"staff-pin-{digit}"), clock)
    tap(button(page, "staff-pin-ok"), clock)


def test_the_pin_is_changed_on_the_device_with_the_old_pin_and_the_new_one_twice(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page: Any = open_staff_tab(shell, gate, clock, locations, "pin")
    assert page.prompt.text() == "请输入当前密码"
    type_pin(page, clock, PIN)
    assert page.prompt.text() == "请输入新密码（4–8 位数字）"
    type_pin(page, clock, "135790")
    type_pin(page, clock, "135791")
    assert page.message.text() == "两次输入的新密码不一致，请重新输入"
    type_pin(page, clock, "135790")
    type_pin(page, clock, "135790")
    assert page.message.text() == "密码已更改"
    store = PinStore(locations.config_dir, clock, locations.data_dir)
    assert store.check("135790").outcome == "accepted"
    assert store.check(PIN).outcome == "wrong"

    type_pin(page, clock, "0000")
    type_pin(page, clock, "2222")
    type_pin(page, clock, "2222")
    assert page.message.text() == "当前密码不正确"
    assert store.check("135790").outcome == "accepted"


def test_past_one_off_events_show_as_past_and_can_be_cleared(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    schedule: Any = open_staff_tab(shell, gate, clock, locations, "schedule")
    tap(button(schedule, "staff-add-one-off"), clock)  # today, 2024-03-01
    for _ in range(3):
        tap(button(schedule, "staff-date-less"), clock)  # 2024-02-27: over
    assert schedule.rules.item(0).text().endswith("已结束")
    assert "第 1 条（2024-02-27  13:00–14:00）已结束" in schedule.report.text()  # made at 12:00 and some taps
    clear = button(schedule, "staff-clear-past")
    assert clear.isVisible()
    tap(clear, clock)
    assert schedule.rules.count() == 0 and not clear.isVisible()


def edit_settings_while_a_file_is_copied_in(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> tuple[Any, Path]:
    """Staff raise the idle time-out to 75 s and, before they save, a settings file with 300 s is
    copied in; their save then asks which one wins."""
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    settings: Any = open_staff_tab(shell, gate, clock, locations, "settings")
    tap(button(settings, "staff-idle_timeout_s-more"), clock)  # 75 s, unsaved
    path = locations.config_dir / "settings.json"
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_by_rename(path, json.dumps({"idle_timeout_s": 300}).encode())
    tap(button(settings, "staff-save-settings"), clock)
    assert json.loads(path.read_bytes()) == {"idle_timeout_s": 300}, "nothing written before staff answer"
    assert settings.question.isVisible() and settings.question.message.text() != ""
    return settings, path


def test_keep_mine_saves_over_a_file_copied_in_only_when_staff_say_so(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, clock = staff_kiosk.shell, staff_kiosk.clock
    settings, path = edit_settings_while_a_file_is_copied_in(qtbot, staff_kiosk, locations)
    tap(button(settings, "staff-settings-question-second"), clock)  # keep mine
    assert json.loads(path.read_bytes())["idle_timeout_s"] == 75
    assert settings.message.text() == "已保存，轮播已更新"
    assert shell.visitor.idle.timer.timeout_s == 75


def test_take_theirs_drops_staff_edits_for_the_file_copied_in(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    clock = staff_kiosk.clock
    settings, path = edit_settings_while_a_file_is_copied_in(qtbot, staff_kiosk, locations)
    tap(button(settings, "staff-settings-question-first"), clock)  # take theirs
    assert json.loads(path.read_bytes()) == {"idle_timeout_s": 300}, "their file is left as it was"
    assert settings.steppers["idle_timeout_s"].value.text() == "300 秒"
    assert not settings.dirty() and not button(settings, "staff-save-settings").isEnabled()


def test_the_settings_steppers_stop_at_the_limits_the_model_declares(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    settings: Any = open_staff_tab(shell, gate, clock, locations, "settings")
    less = button(settings, "staff-idle_countdown_s-less")
    taps = 0
    while less.isEnabled() and taps < 40:
        tap(less, clock)
        taps += 1
    assert taps == 17, "20 s down to the model's 3 s, one second a tap"
    assert settings.steppers["idle_countdown_s"].value.text() == "3 秒"
    tap(button(settings, "staff-save-settings"), clock)
    saved, problems = load_settings(locations.config_dir)
    assert problems == [] and saved.idle_countdown_s == 3
