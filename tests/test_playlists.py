"""Playlists, schedule and sequencer: the Qt-free rules of what plays when."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.clock import WEEKDAYS
from kiosk.content.models import Text
from kiosk.documents.decoding import ContentError
from kiosk.playlist.models import (
    SCHEMA_VERSION,
    Playlist,
    PlaylistItem,
    Schedule,
    ScheduleRule,
    decode_playlist,
    decode_schedule,
    playlist_for,
    playlist_json_schema,
)
from kiosk.playlist.sequencer import Sequencer, builtin_loop
from kiosk.playlist.store import load_library

SLIDES = {"a", "b", "c"}
REPO = Path(__file__).resolve().parent.parent


def playlist_bytes(**changes: object) -> bytes:
    document: dict[str, object] = {
        "schema_version": 1,
        "id": "mine",
        "name": {"zh": "我的", "en": "Mine"},
        "items": [{"slide": "a", "duration_s": 10, "transition": "fade", "enabled": True}],
    }
    document.update(changes)
    return json.dumps(document).encode()


def item(**changes: object) -> list[dict[str, object]]:
    base: dict[str, object] = {"slide": "a", "duration_s": 10}
    base.update(changes)
    return [base]


def test_a_valid_playlist_decodes() -> None:
    playlist = decode_playlist(playlist_bytes(), "mine.json", SLIDES)
    assert playlist.items[0].duration_s == 10
    assert playlist.total_duration_s() == 10


def test_a_byte_order_mark_is_accepted() -> None:
    assert decode_playlist(b"\xef\xbb\xbf" + playlist_bytes(), "mine.json", SLIDES).id == "mine"


@pytest.mark.parametrize(
    ("data", "path", "words"),
    [
        (b"", "", "empty"),
        (playlist_bytes()[:40], "", "not valid JSON"),
        (
            playlist_bytes(items=item(duration_s=9999999999999)),
            "$.items[0].duration_s",
            "must be between 3 and 600, got 9999999999999.",
        ),
        (playlist_bytes(items=item(duration_s=-5)), "$.items[0].duration_s", "between 3 and 600, got -5."),
        (
            playlist_bytes().replace(b'"duration_s": 10', b'"duration_s": 1e400'),
            "$.items[0].duration_s",
            "out of range",
        ),
        (playlist_bytes().replace(b'"duration_s": 10', b'"duration_s": NaN'), "", "not valid JSON"),
        (playlist_bytes(items=item(duration_s="ten")), "$.items[0].duration_s", "expected `float`"),
        (playlist_bytes(items=item(slide="nope")), "$.items[0].slide", "not in the catalogue"),
        (playlist_bytes(items=item(transition="spin")), "$.items[0].transition", "invalid enum value"),
        (playlist_bytes(items=item(enabled=False)), "$.items", "no item is enabled"),
        (playlist_bytes(items=[]), "$.items", "no item is enabled"),
        (playlist_bytes(id="Has Spaces"), "$.id", "lower-case letters"),
        (playlist_bytes(schema_version=2), "$.schema_version", "written by a newer kiosk"),
        (playlist_bytes(schema_version=0), "$.schema_version", "versions start at 1"),
        (playlist_bytes(name={"zh": "", "en": "Mine"}), "$.name.zh", "missing"),
        (b"\xff\xfe\x00garbage", "", "not valid JSON"),
    ],
)
def test_bad_playlists_are_refused_with_file_and_path(data: bytes, path: str, words: str) -> None:
    with pytest.raises(ContentError) as caught:
        decode_playlist(data, "mine.json", SLIDES)
    problem = caught.value.problems[0]
    assert problem.file == "mine.json"
    assert problem.path == path
    assert words in problem.message


def test_the_json_schema_names_the_fields() -> None:
    schema = playlist_json_schema()
    item_schema = schema["$defs"]["PlaylistItem"]  # type: ignore[index]
    assert set(item_schema["properties"]) == {"slide", "duration_s", "transition", "enabled"}


def rule(days: list[str], start: str, end: str, playlist: str) -> ScheduleRule:
    return ScheduleRule(days=days, start=start, end=end, playlist=playlist)  # type: ignore[arg-type]


SCHEDULE = Schedule(
    SCHEMA_VERSION,
    default_playlist="day",
    rules=[
        rule(["sat", "sun"], "09:00", "18:00", "weekend"),
        rule(["fri"], "22:00", "02:00", "night"),
    ],
)
# 2024-03-01 is a Friday.
FRIDAY = dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("day_offset", "time", "expected"),
    [
        (0, "12:00", "day"),
        (0, "21:59", "day"),
        (0, "22:00", "night"),
        (0, "23:59", "night"),
        (1, "00:00", "night"),
        (1, "01:59", "night"),
        (1, "02:00", "day"),
        (1, "08:59", "day"),
        (1, "09:00", "weekend"),
        (1, "17:59", "weekend"),
        (1, "18:00", "day"),
        (1, "22:30", "day"),
        (2, "01:00", "day"),
        (3, "10:00", "day"),
    ],
)
def test_the_schedule_is_a_function_of_local_time(day_offset: int, time: str, expected: str) -> None:
    hours, minutes = (int(part) for part in time.split(":"))
    moment = dt.datetime.combine(FRIDAY + dt.timedelta(days=day_offset), dt.time(hours, minutes))
    assert playlist_for(SCHEDULE, moment) == expected


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_the_schedule_always_names_a_playlist(moment: dt.datetime) -> None:
    assert playlist_for(SCHEDULE, moment) in {"day", "night", "weekend"}


def test_a_schedule_naming_an_unknown_playlist_is_refused() -> None:
    data = json.dumps({"schema_version": 1, "default_playlist": "ghost", "rules": []}).encode()
    with pytest.raises(ContentError) as caught:
        decode_schedule(data, "schedule.json", {"full"})
    assert caught.value.problems[0].path == "$.default_playlist"


def test_a_rule_with_an_impossible_time_is_refused() -> None:
    data = json.dumps(
        {
            "schema_version": 1,
            "default_playlist": "full",
            "rules": [{"days": ["mon"], "start": "25:00", "end": "26:00", "playlist": "full"}],
        }
    ).encode()
    with pytest.raises(ContentError) as caught:
        decode_schedule(data, "schedule.json", {"full"})
    problem = caught.value.problems[0]
    assert problem.path == "$.rules[0].start"
    assert "HH:MM" in problem.message


def make_playlist(*slides: str, disabled: tuple[str, ...] = ()) -> Playlist:
    return Playlist(
        SCHEMA_VERSION,
        "p",
        Text(zh="p", en="p"),
        [PlaylistItem(slide, 5.0, enabled=slide not in disabled) for slide in slides],
    )


def test_the_sequencer_steps_in_order_and_loops() -> None:
    sequencer = Sequencer(make_playlist("a", "b", "c", disabled=("b",)), builtin_loop(["a"]))
    cue = sequencer.start(0.0)
    order = [cue.slide]
    for _ in range(4):
        assert not sequencer.due(cue.ends_at() - 0.01)
        assert sequencer.due(cue.ends_at())
        cue = sequencer.advance(cue.ends_at())
        order.append(cue.slide)
    assert order == ["a", "c", "a", "c", "a"]


def test_the_sequencer_falls_back_when_everything_is_broken() -> None:
    sequencer = Sequencer(make_playlist("a", "b"), builtin_loop(["x", "y"]))
    sequencer.mark_broken("a", "test")
    sequencer.mark_broken("b", "test")
    assert sequencer.start(0.0).slide == "x"


def test_the_sequencer_tries_everything_again_rather_than_go_dark() -> None:
    sequencer = Sequencer(make_playlist("a", "b"), builtin_loop(["x"]))
    for slide in ("a", "b", "x"):
        sequencer.mark_broken(slide, "test")
    assert sequencer.start(0.0).slide == "a", "the chosen playlist plays again from its start"
    assert sequencer.advance(5.0).slide == "b"


def test_a_broken_slide_is_skipped_until_failures_are_forgotten() -> None:
    sequencer = Sequencer(make_playlist("a", "b", "c"), builtin_loop(["x"]))
    sequencer.mark_broken("b", "test")
    cue = sequencer.start(0.0)
    assert [cue.slide, sequencer.advance(5.0).slide, sequencer.advance(10.0).slide] == ["a", "c", "a"]
    sequencer.forget_failures()
    assert sequencer.advance(15.0).slide == "b"


def test_bundled_playlists_are_valid_and_sized_as_promised() -> None:
    slides = {
        slide["id"] for slide in json.loads((REPO / "assets/content/slides.json").read_text())["slides"]
    }
    bundled = {path.name: path.read_bytes() for path in (REPO / "assets/playlists").glob("*.json")}
    library = load_library(bundled, None, slides)
    assert library.problems == []
    assert set(library.playlists) == {"full", "short", "figures"}
    # Every slide of the full loop plays its reading time (stories 21-30 s): about eight minutes.
    assert 180 <= library.playlists["full"].total_duration_s() <= 540
    assert library.playlists["short"].total_duration_s() == 60
    full_topics = {slide.split("_")[1] for slide in (item.slide for item in library.playlists["full"].items)}
    assert {"industry", "innovation", "livelihood", "regional"} <= full_topics
    assert "wall_box_2023" in {item.slide for item in library.playlists["full"].items}
    figure_kinds = {item.slide.split("_")[0] for item in library.playlists["figures"].items}
    assert figure_kinds <= {"wall", "spotlight"}


def test_a_staff_copy_overrides_a_bundled_playlist_by_id(tmp_path: Path) -> None:
    staff = tmp_path / "playlists"
    staff.mkdir()
    (staff / "my-full.json").write_bytes(playlist_bytes(id="full"))
    library = load_library({"full.json": playlist_bytes(id="full", items=item(slide="b"))}, tmp_path, SLIDES)
    assert library.playlists["full"].items[0].slide == "a"
    assert "full" in library.bundled_ids


def test_every_weekday_name_is_known() -> None:
    assert WEEKDAYS == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
