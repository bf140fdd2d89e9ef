"""The History page by touch, landscape and portrait, in Chinese and English: the files with kept
versions, a file's versions (who, when, which is current), what a version holds, and restore,
which is itself a new version and plays at once; only over the file as the page listed it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from kiosk_factory import KioskUnderTest
from pytestqt.qtbot import QtBot
from staff_helpers import (
    LANDSCAPE,
    PORTRAIT,
    button,
    config_changes,
    open_staff_tab,
    tap,
    tap_list_item,
    write_by_rename,
)

from kiosk.history import save_file, versions
from kiosk.settings import Locations
from kiosk.ui.runtime.render import grab, save_png


def save_idle_timeouts(staff_kiosk: KioskUnderTest, locations: Locations, steps: int) -> Any:
    """Staff raise the idle time-out by 15 s and save, `steps` times: one version each."""
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    settings: Any = open_staff_tab(shell, gate, clock, locations, "settings")
    for _ in range(steps):
        tap(button(settings, "staff-idle_timeout_s-more"), clock)
        tap(button(settings, "staff-save-settings"), clock)
    return settings


@pytest.mark.parametrize("staff_kiosk", [LANDSCAPE, PORTRAIT], indirect=True, ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_staff_restore_an_earlier_version_by_touch(
    staff_kiosk: KioskUnderTest, locations: Locations, language: str, tmp_path: Path
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    save_idle_timeouts(staff_kiosk, locations, 3)  # 75, 90, 105 s
    if language == "en":
        tap(button(gate.panel, "staff-language"), clock)
    tap(button(gate.panel, "staff-tab-history"), clock)
    page: Any = gate.panel.page("history")
    files = [page.files.item(row).text() for row in range(page.files.count())]
    assert files == (["设置与开放时间"] if language == "zh" else ["Settings and opening hours"])
    rows = [page.versions.item(row).text() for row in range(page.versions.count())]
    assert len(rows) == 3
    current, glass = ("当前", "触摸屏") if language == "zh" else ("current", "on the glass")
    assert rows[0].endswith(current) and glass in rows[0] and current not in rows[2]
    assert not button(page, "staff-history-restore").isEnabled(), "the current version needs no restore"

    tap_list_item(page.versions, 2, clock)  # the oldest: 75 s
    assert ("75 秒" if language == "zh" else "after 75 s idle") in page.content.text()
    save_png(grab(gate.panel, shell.size()), tmp_path / f"history-{language}-{shell.width()}.png")
    tap(button(page, "staff-history-restore"), clock)
    assert page.question.isVisible()
    tap(button(page, "staff-history-question-second"), clock)
    path = locations.config_dir / "settings.json"
    assert json.loads(path.read_bytes())["idle_timeout_s"] == 75
    assert shell.visitor.idle.timer.timeout_s == 75, "the restored version plays at once"
    assert [version.number for version in versions(locations.config_dir, "settings.json")] == [1, 2, 3, 4]
    assert page.versions.count() == 4 and page.versions.currentRow() == 0
    assert page.message.text() == (
        "已恢复为第 4 版，轮播已更新"
        if language == "zh"
        else "Restored as version 4; the showcase now uses it"
    )


def test_a_restore_over_a_file_copied_in_since_the_list_was_shown_is_refused(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    _shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    save_idle_timeouts(staff_kiosk, locations, 2)
    tap(button(gate.panel, "staff-tab-history"), clock)
    page: Any = gate.panel.page("history")
    tap_list_item(page.versions, 1, clock)
    path = locations.config_dir / "settings.json"
    technicians = json.dumps({"idle_timeout_s": 300}).encode()
    write_by_rename(path, technicians)  # before the page hears of it
    tap(button(page, "staff-history-restore"), clock)
    tap(button(page, "staff-history-question-second"), clock)
    assert path.read_bytes() == technicians, "never over a file the page did not list"
    assert page.message.text() == "文件已在别处更改；保存时会询问您"
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        pass
    rows = [page.versions.item(row).text() for row in range(page.versions.count())]
    assert not any(row.endswith("当前") for row in rows), "the technician's file is in no version yet"


def test_a_version_the_kiosk_would_refuse_is_shown_with_why_and_never_restored_from_the_glass(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    schedule = locations.config_dir / "schedule.json"
    save_file(schedule, b'{"schema_version": 2, "default_playlist": "full", "rules": 5}')
    save_file(schedule, b'{"schema_version": 2, "default_playlist": "full"}')
    page: Any = open_staff_tab(shell, gate, clock, locations, "history")
    tap_list_item(page.versions, 1, clock)
    assert page.content.text().startswith("此版本未被采用") and "$.rules" in page.content.text()
    assert not button(page, "staff-history-restore").isEnabled()
