"""A schedule loads rule by rule: what names a missing playlist is refused alone, with its reason,
and a "play now" that is over is dropped; the other rules, the default and one-off events play.
Deleting a playlist takes it out of the schedule in one conditional save, and only what names it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.playlist.models import playlist_for
from kiosk.playlist.playlist_deletion import delete_playlist_and_uses, plan_deletion
from kiosk.playlist.store import load_library
from kiosk.storage import ConflictError

SLIDES = {"a", "b"}
FRIDAY_NOON = dt.datetime(2024, 3, 1, 12, 0)


def write_playlist(config_dir: Path, playlist_id: str, slide: str = "a") -> None:
    folder = config_dir / "playlists"
    folder.mkdir(parents=True, exist_ok=True)
    document = {
        "schema_version": 1,
        "id": playlist_id,
        "name": {"zh": playlist_id, "en": playlist_id},
        "items": [{"slide": slide, "duration_s": 10}],
    }
    (folder / f"{playlist_id}.json").write_text(json.dumps(document), encoding="utf-8")


def write_schedule(config_dir: Path, **fields: object) -> None:
    document: dict[str, object] = {"schema_version": 2, "default_playlist": "base"}
    document.update(fields)
    (config_dir / "schedule.json").write_text(json.dumps(document), encoding="utf-8")


WEEKEND_GONE = {"days": ["sat", "sun"], "start": "09:00", "end": "18:00", "playlist": "gone"}
EVENINGS_KEPT = {"days": ["fri"], "start": "17:00", "end": "20:00", "playlist": "evening"}
DELEGATION = {"date": "2024-03-02", "start": "09:30", "end": "11:00", "playlist": "visit"}


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    for playlist_id in ("base", "evening", "visit"):
        write_playlist(tmp_path, playlist_id)
    return tmp_path


def test_a_rule_naming_a_missing_playlist_is_refused_alone(config_dir: Path) -> None:
    write_schedule(config_dir, rules=[WEEKEND_GONE, EVENINGS_KEPT, DELEGATION])
    library = load_library({}, config_dir, SLIDES, now=FRIDAY_NOON)
    assert [str(problem) for problem in library.problems] == [
        "schedule.json, $.rules[0].playlist: playlist 'gone' does not exist; this rule is refused, "
        "the others play."
    ]
    assert library.schedule_from_file
    assert [rule.playlist for rule in library.schedule.rules] == ["evening", "visit"]
    schedule = library.schedule
    assert playlist_for(schedule, FRIDAY_NOON) == "base"
    assert playlist_for(schedule, FRIDAY_NOON.replace(hour=18)) == "evening"
    assert playlist_for(schedule, dt.datetime(2024, 3, 2, 10, 0)) == "visit"
    assert playlist_for(schedule, dt.datetime(2024, 3, 2, 12, 0)) == "base", "the refused rule plays nothing"


def test_a_default_naming_a_missing_playlist_gives_way_to_the_built_in_one(config_dir: Path) -> None:
    write_playlist(config_dir, "full")
    write_schedule(config_dir, default_playlist="gone", rules=[EVENINGS_KEPT])
    library = load_library({}, config_dir, SLIDES, now=FRIDAY_NOON)
    assert [problem.path for problem in library.problems] == ["$.default_playlist"]
    assert library.schedule.default_playlist == "full"
    assert playlist_for(library.schedule, FRIDAY_NOON.replace(hour=18)) == "evening"


def test_a_play_now_that_is_over_is_dropped_and_the_file_accepted(config_dir: Path) -> None:
    # What a slide's "play now" leaves once its generated playlist is deleted.
    write_schedule(
        config_dir,
        rules=[EVENINGS_KEPT, DELEGATION],
        play_now={"playlist": "now-poster", "until": "2024-03-01T11:30"},
    )
    library = load_library({}, config_dir, SLIDES, now=FRIDAY_NOON)
    assert library.problems == []
    assert library.schedule_from_file
    assert library.schedule.play_now is None
    assert [rule.playlist for rule in library.schedule.rules] == ["evening", "visit"]


def test_a_play_now_still_running_of_a_missing_playlist_is_refused_alone(config_dir: Path) -> None:
    write_schedule(
        config_dir, rules=[EVENINGS_KEPT], play_now={"playlist": "gone", "until": "2024-03-01T12:30"}
    )
    library = load_library({}, config_dir, SLIDES, now=FRIDAY_NOON)
    assert [problem.path for problem in library.problems] == ["$.play_now.playlist"]
    assert library.schedule.play_now is None
    assert [rule.playlist for rule in library.schedule.rules] == ["evening"]


def test_validate_names_the_refused_rule_and_keeps_checking_the_others(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for playlist_id in ("base", "evening", "visit"):
        write_playlist(config_dir, playlist_id, slide="title_regional")
    write_schedule(config_dir, rules=[WEEKEND_GONE, EVENINGS_KEPT])
    assert main(["validate", "--config-dir", str(config_dir)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        "error: schedule.json, $.rules[0].playlist: playlist 'gone' does not exist; this rule is refused, "
        "the others play."
    ], "only the refused rule is reported; the rest of the schedule is valid"


# --- deleting a playlist takes it out of the schedule ---------------------------------------------


def test_deleting_takes_the_playlist_out_of_rules_default_and_play_now_in_one_save(config_dir: Path) -> None:
    write_schedule(
        config_dir,
        default_playlist="evening",
        rules=[EVENINGS_KEPT, DELEGATION, {**EVENINGS_KEPT, "days": ["sat"]}],
        play_now={"playlist": "evening", "until": "2024-03-01T12:30"},
    )
    library = load_library({}, config_dir, SLIDES, now=FRIDAY_NOON)
    deletion = plan_deletion(config_dir, library, "evening", FRIDAY_NOON)
    assert [rule.days for rule in deletion.removed_rules] == [["fri"], ["sat"]]
    assert deletion.default_becomes == "full"
    assert deletion.stopped_play_now is not None and deletion.stopped_play_now.until == "2024-03-01T12:30"
    delete_playlist_and_uses(config_dir, deletion)
    written = json.loads((config_dir / "schedule.json").read_text(encoding="utf-8"))
    assert written == {"schema_version": 2, "default_playlist": "full", "rules": [DELEGATION]}
    assert not (config_dir / "playlists" / "evening.json").exists()


def test_a_schedule_changed_after_the_question_stops_the_deletion(config_dir: Path) -> None:
    write_schedule(config_dir, rules=[EVENINGS_KEPT])
    library = load_library({}, config_dir, SLIDES, now=FRIDAY_NOON)
    deletion = plan_deletion(config_dir, library, "evening", FRIDAY_NOON)
    write_schedule(config_dir, rules=[EVENINGS_KEPT, DELEGATION])  # a technician's copy meanwhile
    with pytest.raises(ConflictError):
        delete_playlist_and_uses(config_dir, deletion)
    assert (config_dir / "playlists" / "evening.json").exists()
    assert "visit" in (config_dir / "schedule.json").read_text(encoding="utf-8")


def test_a_technicians_rule_for_a_playlist_still_to_come_survives_a_deletion(config_dir: Path) -> None:
    write_schedule(config_dir, rules=[WEEKEND_GONE, EVENINGS_KEPT])
    library = load_library({}, config_dir, SLIDES, now=FRIDAY_NOON)
    delete_playlist_and_uses(config_dir, plan_deletion(config_dir, library, "evening", FRIDAY_NOON))
    written = json.loads((config_dir / "schedule.json").read_text(encoding="utf-8"))
    assert written["rules"] == [WEEKEND_GONE]


def test_a_playlist_whose_id_stays_bundled_leaves_the_schedule_alone(config_dir: Path) -> None:
    write_playlist(config_dir, "full")
    write_schedule(config_dir, default_playlist="full", rules=[{**EVENINGS_KEPT, "playlist": "full"}])
    before = (config_dir / "schedule.json").read_bytes()
    bundled = {"full.json": (config_dir / "playlists" / "full.json").read_bytes()}
    library = load_library(bundled, config_dir, SLIDES, now=FRIDAY_NOON)
    deletion = plan_deletion(config_dir, library, "full", FRIDAY_NOON)
    assert not deletion.changes_schedule
    delete_playlist_and_uses(config_dir, deletion)
    assert (config_dir / "schedule.json").read_bytes() == before


def test_a_refused_schedule_file_is_left_for_a_technician(config_dir: Path) -> None:
    (config_dir / "schedule.json").write_text(
        '{"schema_version": 2, "default_playlist": "evening", "rules": 3}'
    )
    library = load_library({}, config_dir, SLIDES, now=FRIDAY_NOON)
    deletion = plan_deletion(config_dir, library, "evening", FRIDAY_NOON)
    assert not deletion.changes_schedule
