"""A staff member's day on the glass while a technician copies files in (a valid newer one, one the
kiosk refuses), in both orientations and both panel languages: every save asks when it would go
over a file staff did not load, every file ends as staff chose (theirs or mine), the schedule
plays exactly what its file says, and the History page restores any of the last ten versions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from kiosk_factory import KioskUnderTest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from staff_helpers import (
    LANDSCAPE,
    PORTRAIT,
    button,
    config_changes,
    open_staff_tab,
    tap,
    tap_list_item,
    type_text,
    write_by_rename,
)

from kiosk.clock import ManualClock
from kiosk.history import KEPT_VERSIONS, versions
from kiosk.playlist.models import decode_schedule
from kiosk.settings import Locations
from kiosk.ui.staff.gate import StaffGate

TECHNICIANS_SCHEDULE = {
    "schema_version": 2,
    "default_playlist": "full",
    "rules": [{"days": ["mon"], "start": "10:00", "end": "11:00", "playlist": "short"}],
}
REFUSED_SCHEDULE = {"schema_version": 2, "default_playlist": "full", "rules": [{"days": ["tue"]}]}


def copy_in(qtbot: QtBot, gate: StaffGate, path: Path, document: object) -> bytes:
    """The technician's copy lands; the kiosk notices it."""
    data = json.dumps(document).encode()
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_by_rename(path, data)
    return data


@pytest.mark.parametrize("staff_kiosk", [LANDSCAPE, PORTRAIT], indirect=True, ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_staff_day_with_a_technician_copying_files_in(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations, language: str
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    config = locations.config_dir
    schedule_path, settings_path = config / "schedule.json", config / "settings.json"
    schedule: Any = open_staff_tab(shell, gate, clock, locations, "schedule")
    if language == "en":
        tap(button(gate.panel, "staff-language"), clock)

    # A newer, valid schedule is copied in while staff add a window: the save asks; staff take theirs.
    tap(button(schedule, "staff-add-rule"), clock)
    copy_in(qtbot, gate, schedule_path, TECHNICIANS_SCHEDULE)
    tap(button(schedule, "staff-save-schedule"), clock)
    assert schedule.question.isVisible()
    assert json.loads(schedule_path.read_bytes()) == TECHNICIANS_SCHEDULE
    tap(button(schedule, "staff-schedule-question-first"), clock)  # theirs
    assert [rule.days for rule in schedule.draft.value.rules] == [["mon"]]
    # Then staff add their window over the technician's and save: nothing to ask.
    tap(button(schedule, "staff-add-rule"), clock)
    tap(button(schedule, "staff-save-schedule"), clock)
    assert not schedule.question.isVisible()
    assert [rule["days"] for rule in json.loads(schedule_path.read_bytes())["rules"]] == [
        ["mon"],
        ["sat", "sun"],
    ]

    # A refused schedule is copied in: shown as refused; staff's save asks; staff replace it.
    refused = copy_in(qtbot, gate, schedule_path, REFUSED_SCHEDULE)
    assert schedule.refused_note.isVisible() and "schedule.json" in schedule.refused_note.text()
    tap(button(schedule, "staff-add-one-off"), clock)
    tap(button(schedule, "staff-save-schedule"), clock)
    assert schedule_path.read_bytes() == refused and schedule.question.isVisible()
    tap(button(schedule, "staff-schedule-question-second"), clock)  # mine
    on_disk = decode_schedule(schedule_path.read_bytes(), "schedule.json")
    assert len(on_disk.rules) == 3 and not schedule.refused_note.isVisible()
    assert gate.panel.context.library().schedule.rules == on_disk.rules, "it plays what its file says"

    # Settings: a newer file lands while staff edit; staff keep theirs ("mine").
    settings: Any = open_staff_tab_again(gate, clock, "settings")
    tap(button(settings, "staff-idle_timeout_s-more"), clock)  # 75 s
    copy_in(qtbot, gate, settings_path, {"idle_timeout_s": 300})
    tap(button(settings, "staff-save-settings"), clock)
    tap(button(settings, "staff-settings-question-second"), clock)  # mine
    assert json.loads(settings_path.read_bytes())["idle_timeout_s"] == 75
    assert shell.visitor.idle.timer.timeout_s == 75

    # A slide staff made, replaced by the technician's copy while staff edit it: staff take theirs.
    slides: Any = open_staff_tab_again(gate, clock, "slides")
    tap(button(slides, "staff-slide-new-welcome"), clock)
    type_text(slides.editor.fields["zh"], "热烈欢迎")
    tap(button(slides, "staff-slide-save"), clock)
    slide_path = config / "slides" / f"{slides.slide.id}.json"
    type_text(slides.editor.fields["en"], "Welcome")
    theirs = {"schema_version": 1, "id": slides.slide.id, "kind": "text", "template": "notice"}
    theirs["text"] = {"zh": "今日闭馆"}
    technicians_slide = copy_in(qtbot, gate, slide_path, theirs)
    tap(button(slides, "staff-slide-save"), clock)
    tap(button(slides, "staff-slide-question-first"), clock)  # theirs
    assert slide_path.read_bytes() == technicians_slide and slides.slide.text.zh == "今日闭馆"

    # More saves of the settings than are kept: the History page offers the last ten, any restorable.
    settings = open_staff_tab_again(gate, clock, "settings")
    for _ in range(KEPT_VERSIONS):
        tap(button(settings, "staff-idle_countdown_s-more"), clock)
        tap(button(settings, "staff-save-settings"), clock)
    kept = versions(config, "settings.json")
    assert len(kept) == KEPT_VERSIONS
    history: Any = open_staff_tab_again(gate, clock, "history")
    names = [history.files.item(row).data(Qt.ItemDataRole.UserRole) for row in range(history.files.count())]
    assert names == ["schedule.json", "settings.json", f"slides/{slides.slide.id}.json"]
    tap_list_item(history.files, 1, clock)
    assert history.versions.count() == KEPT_VERSIONS
    refusal = "未被采用" if language == "zh" else "refused"
    for row in range(KEPT_VERSIONS):
        tap_list_item(history.versions, row, clock)
        assert refusal not in history.content.text(), "every kept version of the settings is usable"
    tap(button(history, "staff-history-restore"), clock)  # the oldest kept
    tap(button(history, "staff-history-question-second"), clock)
    assert settings_path.read_bytes() == kept[0].data
    assert versions(config, "settings.json")[-1].data == kept[0].data, "a restore is the newest version"


def open_staff_tab_again(gate: StaffGate, clock: ManualClock, name: str) -> Any:
    tap(button(gate.panel, f"staff-tab-{name}"), clock)
    return gate.panel.page(name)
