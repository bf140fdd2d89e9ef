"""Every staff save goes through one conditional path: a file copied in while staff edit brings the
take-theirs / keep-mine question, a refused file is shown as refused (with its reason, in both
panel languages) and is never replaced without the question, and a new playlist never takes the
id of a refused playlist file. Driven through the real panel with touches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kiosk_factory import KioskUnderTest, MakeKiosk
from pytestqt.qtbot import QtBot
from staff_helpers import (
    PIN,
    button,
    config_changes,
    enter_pin,
    hold_corner,
    open_staff_tab,
    tap,
    type_text,
    write_by_rename,
)

from kiosk.playlist.staff_slides import staff_slide_path
from kiosk.settings import Locations
from kiosk.system.pin import PinStore

REFUSED_SCHEDULE = {
    "schema_version": 2,
    "default_playlist": "full",
    "rules": [{"days": ["sat"], "start": "9am", "end": "12:00", "playlist": "short"}],
}


def welcome_on_disk(zh: str) -> bytes:
    document = {"schema_version": 1, "id": "welcome", "kind": "text", "template": "welcome"}
    document["text"] = {"zh": zh}
    return json.dumps(document, ensure_ascii=False).encode()


def saved_welcome(staff_kiosk: KioskUnderTest, locations: Locations) -> Any:
    """Staff make a welcome card on the Slides page and save it; the page stays open on it."""
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_staff_tab(shell, gate, clock, locations, "slides")
    tap(button(page, "staff-slide-new-welcome"), clock)
    type_text(page.editor.fields["zh"], "热烈欢迎")
    tap(button(page, "staff-slide-save"), clock)
    assert page.message.text() == "已保存，可在播放列表中使用"
    return page


def test_a_slide_file_copied_in_while_staff_edit_it_brings_the_question(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    _shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = saved_welcome(staff_kiosk, locations)
    slide_id = page.slide.id
    path = staff_slide_path(locations.config_dir, slide_id)
    type_text(page.editor.fields["en"], "Welcome")  # unsaved
    theirs = welcome_on_disk("技术员的欢迎词").replace(b'"welcome"', f'"{slide_id}"'.encode(), 1)
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_by_rename(path, theirs)
    tap(button(page, "staff-slide-save"), clock)
    assert path.read_bytes() == theirs, "nothing written before staff answer"
    assert page.question.isVisible() and "已被更改" in page.question.message.text()
    tap(button(page, "staff-slide-question-first"), clock)  # take theirs
    assert page.slide.text.zh == "技术员的欢迎词" and not page.dirty()
    assert path.read_bytes() == theirs

    type_text(page.editor.fields["en"], "Mine")
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_by_rename(path, theirs.replace("技术员".encode(), "又一版".encode()))
    tap(button(page, "staff-slide-save"), clock)
    tap(button(page, "staff-slide-question-second"), clock)  # keep mine
    assert json.loads(path.read_bytes())["text"]["en"] == "Mine"


def test_play_now_keeps_the_rules_of_a_schedule_copied_in_a_moment_before(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    _shell, _gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = saved_welcome(staff_kiosk, locations)
    technicians = {
        "schema_version": 2,
        "default_playlist": "full",
        "rules": [{"days": ["sat", "sun"], "start": "09:00", "end": "12:00", "playlist": "short"}],
    }
    schedule = locations.config_dir / "schedule.json"
    write_by_rename(schedule, json.dumps(technicians).encode())  # the kiosk has not read it yet
    tap(button(page, "staff-slide-play-now"), clock)
    written = json.loads(schedule.read_bytes())
    assert written["rules"] == technicians["rules"], "the technician's rules are kept"
    assert written["play_now"]["playlist"] == f"now-{page.slide.id}"


def test_play_now_from_the_schedule_page_over_a_schedule_copied_in_still_asks_before_staff_save_theirs(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = open_staff_tab(shell, gate, clock, locations, "schedule")
    tap(button(page, "staff-add-rule"), clock)  # unsaved
    technicians = {
        "schema_version": 2,
        "default_playlist": "full",
        "rules": [{"days": ["sat", "sun"], "start": "09:00", "end": "12:00", "playlist": "short"}],
    }
    schedule = locations.config_dir / "schedule.json"
    write_by_rename(schedule, json.dumps(technicians).encode())  # the kiosk has not read it yet
    tap(button(page, "staff-play-for-10"), clock)  # written at once, over the technician's file
    written = json.loads(schedule.read_bytes())
    assert written["rules"] == technicians["rules"] and written["play_now"] is not None
    tap(button(page, "staff-save-schedule"), clock)
    assert json.loads(schedule.read_bytes()) == written, "nothing written before staff answer"
    assert page.question.isVisible() and "已被更改" in page.question.message.text()


def test_play_now_over_a_refused_schedule_says_so_and_leaves_it(
    staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    _shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = saved_welcome(staff_kiosk, locations)
    schedule = locations.config_dir / "schedule.json"
    refused = json.dumps(REFUSED_SCHEDULE).encode()
    write_by_rename(schedule, refused)
    tap(button(page, "staff-slide-play-now"), clock)
    assert schedule.read_bytes() == refused
    assert "schedule.json 未被采用" in page.message.text()
    tap(button(gate.panel, "staff-language"), clock)
    tap(button(page, "staff-slide-play-now"), clock)
    assert "schedule.json is refused" in page.message.text() and "$.rules[0]" in page.message.text()


def test_the_schedule_tab_over_a_refused_file_shows_it_and_asks_before_replacing_it(
    make_kiosk: MakeKiosk, locations: Locations
) -> None:
    schedule = locations.config_dir / "schedule.json"
    refused = json.dumps(REFUSED_SCHEDULE).encode()
    schedule.parent.mkdir(parents=True)
    schedule.write_bytes(refused)
    kiosk = make_kiosk(staff=True)
    shell, gate, clock = kiosk.shell, kiosk.staff, kiosk.clock
    page = open_staff_tab(shell, gate, clock, locations, "schedule")
    note = page.refused_note
    assert "schedule.json 未被采用" in note.text() and "$.rules[0]" in note.text() and note.isVisible()
    assert "还没有时段" not in page.rules_title.text(), "never 'no rules yet' over a technician's rules"
    tap(button(gate.panel, "staff-language"), clock)
    assert "schedule.json is refused" in note.text()

    tap(button(page, "staff-add-rule"), clock)
    tap(button(page, "staff-save-schedule"), clock)
    assert schedule.read_bytes() == refused, "nothing replaced before staff answer"
    assert page.question.isVisible() and "Saving replaces that file" in page.question.message.text()
    tap(button(page, "staff-schedule-question-first"), clock)  # keep that file
    assert schedule.read_bytes() == refused and not page.dirty()

    tap(button(page, "staff-add-rule"), clock)
    tap(button(page, "staff-save-schedule"), clock)
    tap(button(page, "staff-schedule-question-second"), clock)  # replace with mine
    assert len(json.loads(schedule.read_bytes())["rules"]) == 1
    assert page.message.text() == "Saved; the showcase now uses it" and not page.refused_note.isVisible()


def test_a_new_playlist_never_takes_the_id_of_a_refused_playlist_file(
    make_kiosk: MakeKiosk, locations: Locations, tmp_path: Path
) -> None:
    refused = b'{"schema_version": 1, "id": "staff", "name": {"zh": "bad"}, "items": []}'
    path = locations.config_dir / "playlists" / "staff.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(refused)
    kiosk = make_kiosk(staff=True)
    shell, gate, clock = kiosk.shell, kiosk.staff, kiosk.clock
    PinStore(locations.config_dir, clock).set_pin(PIN)
    hold_corner(shell, gate, clock)
    enter_pin(gate, clock, PIN)
    page: Any = gate.panel.page("playlists")
    tap(button(page, "staff-new"), clock)
    assert page.draft.value.id != "staff"
    page.add_slide("title_intro")
    tap(button(page, "staff-save"), clock)
    assert not page.question.isVisible() and path.read_bytes() == refused
    assert (locations.config_dir / "playlists" / f"{page.draft.value.id}.json").exists()


def test_in_a_hall_a_glass_save_of_reduced_motion_leaves_the_hall_its_idle_timeout(
    qtbot: QtBot, make_kiosk: MakeKiosk, locations: Locations
) -> None:
    hall = locations.config_dir / "hall"
    hall.mkdir(parents=True)
    (hall / "settings.json").write_text(json.dumps({"idle_timeout_s": 90}), encoding="utf-8")
    kiosk = make_kiosk(staff=True)
    shell, gate, clock = kiosk.shell, kiosk.staff, kiosk.clock
    settings: Any = open_staff_tab(shell, gate, clock, locations, "settings")
    tap(button(settings, "staff-reduced_motion"), clock)
    tap(button(settings, "staff-save-settings"), clock)
    local = json.loads((locations.config_dir / "settings.json").read_bytes())
    assert local == {"schema_version": 1, "reduced_motion": True}, "only what staff changed"

    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_by_rename(hall / "settings.json", json.dumps({"idle_timeout_s": 120}).encode())
    assert shell.visitor.idle.timer.timeout_s == 120, "the hall's new value arrives"
    assert shell.visitor.reduced_motion, "and the glass's own change stays"

    tap(button(settings, "staff-reduced_motion"), clock)  # back to the value below: no longer pinned
    tap(button(settings, "staff-save-settings"), clock)
    assert json.loads((locations.config_dir / "settings.json").read_bytes()) == {"schema_version": 1}


def test_a_refused_playlist_file_over_a_built_in_one_is_shown_and_replaced_only_when_staff_say_so(
    make_kiosk: MakeKiosk, locations: Locations
) -> None:
    path = locations.config_dir / "playlists" / "full.json"
    path.parent.mkdir(parents=True)
    refused = b'{"schema_version": 1, "id": "full", "name": {"zh": "x"}, "items": [{"slide": "nowhere"}]}'
    path.write_bytes(refused)
    kiosk = make_kiosk(staff=True)
    shell, gate, clock = kiosk.shell, kiosk.staff, kiosk.clock
    PinStore(locations.config_dir, clock).set_pin(PIN)
    hold_corner(shell, gate, clock)
    enter_pin(gate, clock, PIN)
    page: Any = gate.panel.page("playlists")
    assert page.draft.value.id == "full", "the built-in playlist plays and is open"
    assert page.refused_note.isVisible() and "full.json 未被采用" in page.refused_note.text()
    page.add_slide("title_intro")
    tap(button(page, "staff-save"), clock)
    assert path.read_bytes() == refused and page.question.isVisible()
    tap(button(page, "staff-question-second"), clock)  # replace with mine
    assert json.loads(path.read_bytes())["items"][-1]["slide"] == "title_intro"


def test_a_slide_copied_in_while_staff_only_look_at_it_is_what_they_then_edit_and_save(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations
) -> None:
    _shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    page = saved_welcome(staff_kiosk, locations)
    path = staff_slide_path(locations.config_dir, page.slide.id)
    theirs = welcome_on_disk("技术员的欢迎词").replace(b'"welcome"', f'"{page.slide.id}"'.encode(), 1)
    with qtbot.waitSignal(config_changes(gate), timeout=1000):
        write_by_rename(path, theirs)
    assert page.slide.text.zh == "技术员的欢迎词"
    type_text(page.editor.fields["en"], "Welcome")
    tap(button(page, "staff-slide-save"), clock)
    assert not page.question.isVisible(), "nothing to ask: staff edited the file as it is"
    assert json.loads(path.read_bytes())["text"] == {"zh": "技术员的欢迎词", "en": "Welcome"}
