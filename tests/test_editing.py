"""The Qt-free editing core: drafts with undo/redo, and exact schedule coverage."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.clock import WEEKDAYS
from kiosk.documents.decoding import ContentError
from kiosk.history import ANY_VERSION
from kiosk.playlist.coverage import MINUTES_PER_DAY, MINUTES_PER_WEEK, analyse, report_lines
from kiosk.playlist.editing import PlaylistDraft, ScheduleDraft, unique_id
from kiosk.playlist.models import (
    SCHEDULE_SCHEMA_VERSION,
    Schedule,
    ScheduleRule,
    decode_schedule,
    playlist_for,
)
from kiosk.playlist.store import save_schedule
from kiosk.storage import ConflictError, content_digest

MONDAY = dt.datetime(2024, 1, 1)  # a Monday


def weekly(days: list[str], start: str, end: str, playlist: str = "p") -> ScheduleRule:
    return ScheduleRule(start=start, end=end, playlist=playlist, days=days)  # type: ignore[arg-type]


def test_playlist_draft_edits_undo_redo_and_dirty_state() -> None:
    draft = PlaylistDraft.new({"staff", "full"})
    assert draft.value.id == "staff-2"
    assert draft.dirty, "a new playlist is unsaved"
    for slide in ("a", "b", "c"):
        draft.add(slide)
    assert draft.move(2, -1) == 1
    draft.step_duration(0, 1)
    draft.set_duration(1, 1000)
    draft.cycle_transition(0)
    draft.toggle(2)
    assert [item.slide for item in draft.value.items] == ["a", "c", "b"]
    assert [item.duration_s for item in draft.value.items] == [11.0, 600.0, 10.0]
    assert draft.value.items[0].transition == "slide"
    assert not draft.value.items[2].enabled
    for _ in range(5):
        draft.undo()
    assert [item.slide for item in draft.value.items] == ["a", "b", "c"]
    draft.redo()
    assert [item.slide for item in draft.value.items] == ["a", "c", "b"]
    draft.mark_saved()
    assert not draft.dirty
    draft.remove(0)
    assert draft.dirty and draft.can_undo and not draft.can_redo
    draft.discard()
    assert not draft.dirty


def test_unique_ids_never_collide() -> None:
    assert unique_id("staff", []) == "staff"
    assert unique_id("staff", ["staff", "staff-2"]) == "staff-3"


def test_schedule_draft_one_off_rules_and_play_now_end_by_themselves() -> None:
    draft = ScheduleDraft(Schedule(1, default_playlist="full"))
    saturday = dt.date(2024, 1, 6)
    draft.add_one_off("delegation", saturday, "09:30", "11:00")
    draft.add_weekly("short", ["sat"], "09:00", "12:00")
    schedule = draft.for_saving()
    assert schedule.schema_version == SCHEDULE_SCHEMA_VERSION
    assert playlist_for(schedule, dt.datetime(2024, 1, 6, 10, 0)) == "delegation", "one-off first"
    assert playlist_for(schedule, dt.datetime(2024, 1, 13, 10, 0)) == "short"
    now = dt.datetime(2024, 1, 2, 14, 3, 20)
    draft.play_for("short", now, 10)
    assert draft.value.play_now is not None and draft.value.play_now.until == "2024-01-02T14:13"
    assert playlist_for(draft.value, now) == "short"
    assert playlist_for(draft.value, dt.datetime(2024, 1, 2, 14, 13)) == "full", "over by itself"
    assert draft.clear_past(dt.date(2024, 1, 7)) == 1
    assert [rule.playlist for rule in draft.value.rules] == ["short"]


def test_a_version_1_schedule_still_loads_and_saves_as_the_current_version(tmp_path: Path) -> None:
    old = {
        "schema_version": 1,
        "default_playlist": "full",
        "rules": [{"days": ["sat"], "start": "09:00", "end": "12:00", "playlist": "full"}],
    }
    schedule = decode_schedule(json.dumps(old).encode(), "schedule.json", {"full"})
    assert schedule.schema_version == SCHEDULE_SCHEMA_VERSION
    assert schedule.rules[0].days == ["sat"]
    save_schedule(tmp_path, schedule, {"full"}, ANY_VERSION)
    written = json.loads((tmp_path / "schedule.json").read_text(encoding="utf-8"))
    assert written["rules"] == old["rules"], "weekly rules are written as before"


def test_a_save_refuses_to_overwrite_a_file_changed_since_it_was_loaded(tmp_path: Path) -> None:
    path = tmp_path / "schedule.json"
    loaded = content_digest(path)
    path.write_text('{"schema_version": 1, "default_playlist": "full"}', encoding="utf-8")
    with pytest.raises(ConflictError):
        save_schedule(tmp_path, Schedule(2, default_playlist="short"), {"full", "short"}, loaded)
    assert "short" not in path.read_text(encoding="utf-8")
    save_schedule(tmp_path, Schedule(2, default_playlist="short"), {"full", "short"}, content_digest(path))
    assert "short" in path.read_text(encoding="utf-8")


def test_a_rule_with_both_days_and_a_date_is_refused() -> None:
    data = b'{"schema_version": 2, "default_playlist": "full", "rules": [{"days": ["sat"],'
    data += b' "date": "2024-01-06", "start": "09:00", "end": "10:00", "playlist": "full"}]}'
    with pytest.raises(ContentError, match="either days of the week or a date"):
        decode_schedule(data, "schedule.json", {"full"})


def test_a_short_rule_inside_a_longer_one_never_plays() -> None:
    schedule = Schedule(
        2,
        default_playlist="full",
        rules=[weekly(["sat"], "09:00", "12:00", "full"), weekly(["sat"], "09:10", "09:50", "delegation")],
    )
    assert [coverage.outcome for coverage in analyse(schedule)] == ["plays", "never"]
    assert report_lines(schedule) == [
        (True, "rule 2 (Sat 09:10–09:50, delegation) never plays: rule 1 (Sat 09:00–12:00) covers it")
    ]


def test_a_rule_across_midnight_takes_the_next_morning() -> None:
    schedule = Schedule(
        2,
        default_playlist="full",
        rules=[weekly(["sun"], "22:00", "02:00", "night"), weekly(["mon"], "01:00", "03:00", "early")],
    )
    second = analyse(schedule)[1]
    assert (second.outcome, second.lost_minutes, second.covered_by) == ("partly", 60, (0,))
    assert "plays only partly" in report_lines(schedule)[0][1]


def test_a_one_off_rule_that_is_over_shows_as_past() -> None:
    rule = ScheduleRule(start="09:00", end="10:00", playlist="full", date="2024-01-06")
    schedule = Schedule(2, default_playlist="full", rules=[rule])
    assert analyse(schedule, dt.date(2024, 1, 7))[0].outcome == "past"
    assert analyse(schedule, dt.date(2024, 1, 6))[0].outcome == "plays"


clock_times = st.integers(0, 23 * 12 + 11).map(lambda step: f"{step * 5 // 60:02d}:{step * 5 % 60:02d}")
rules = st.builds(
    weekly,
    st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True),
    clock_times,
    clock_times,
    st.sampled_from(["a", "b", "c"]),
).filter(lambda rule: rule.start != rule.end)


@settings(max_examples=40, deadline=None)
@given(st.lists(rules, min_size=1, max_size=4))
def test_coverage_matches_a_brute_force_minute_by_minute_count(generated: list[ScheduleRule]) -> None:
    """Every minute of the week asks the real `playlist_for` which rule wins; the analysis must agree."""
    tagged = [
        ScheduleRule(start=rule.start, end=rule.end, playlist=f"rule{index}", days=rule.days)
        for index, rule in enumerate(generated)
    ]
    schedule = Schedule(2, default_playlist="none", rules=tagged)
    won = [0] * len(tagged)
    # Five-minute steps are exact here: every boundary in the generated rules is on a 5-minute mark.
    for minute in range(0, MINUTES_PER_WEEK, 5):
        winner = playlist_for(schedule, MONDAY + dt.timedelta(minutes=minute))
        if winner != "none":
            won[int(winner.removeprefix("rule"))] += 5
    for index, coverage in enumerate(analyse(schedule)):
        rule = tagged[index]
        window = int(rule.end[:2]) * 60 + int(rule.end[3:]) - int(rule.start[:2]) * 60 - int(rule.start[3:])
        assert coverage.total_minutes == len(rule.days) * (window % MINUTES_PER_DAY)
        assert coverage.total_minutes - coverage.lost_minutes == won[index]
        assert (coverage.outcome == "never") == (won[index] == 0)
