"""Versioned files: an older file loads (upgraded in memory), a newer one is refused with a sentence and
the last good version keeps playing; a file without a version counts as version 1 where it always has."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.clock import ManualClock
from kiosk.content.loader import DirectorySource, load_pack
from kiosk.documents.decoding import ContentError, Problem
from kiosk.documents.limits import limits_of
from kiosk.fleet.manifest import UnitNotReadyError, read_unit, write_manifest
from kiosk.migrations import FileKind, MigrationError, upgrade
from kiosk.opening_hours import OpeningHours
from kiosk.playlist.models import SCHEDULE_SCHEMA_VERSION, decode_playlist, decode_schedule
from kiosk.playlist.staff_slides import decode_slide
from kiosk.playlist.store import load_library, save_schedule
from kiosk.settings import Settings, decode_settings, load_settings, save_settings
from kiosk.system.pin import PinStore
from kiosk.ui.staff.strings import problems_text

REPO = Path(__file__).resolve().parent.parent
SLIDES = {"title_intro"}
FUTURE = 99


def playlist(**changes: object) -> dict[str, Any]:
    document: dict[str, Any] = {
        "schema_version": 1,
        "id": "mine",
        "name": {"zh": "我的", "en": "Mine"},
        "items": [{"slide": "title_intro", "duration_s": 10}],
    }
    return {**document, **changes}


def write(path: Path, document: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def refused(error: pytest.ExceptionInfo[ContentError]) -> str:
    (problem,) = error.value.problems
    return str(problem)


def newer_sentence(file: str, current: int) -> str:
    return (
        f"{file}, $.schema_version: was written by a newer kiosk (schema version {FUTURE}; this kiosk "
        f"reads up to {current}); update this kiosk's software, or restore the file's previous version."
    )


# --- the registry ------------------------------------------------------------------------------


def test_steps_run_in_order_from_the_files_version_to_the_current_one() -> None:
    kind = FileKind(
        "note",
        current=3,
        steps={
            1: lambda document: {
                ("text" if key == "title" else key): value for key, value in document.items()
            },
            2: lambda document: {**document, "lines": document["text"].split("/")},
        },
    )
    assert upgrade(kind, {"schema_version": 1, "title": "a/b"}) == {
        "schema_version": 3,
        "text": "a/b",
        "lines": ["a", "b"],
    }
    assert upgrade(kind, {"schema_version": 2, "text": "c"}) == {
        "schema_version": 3,
        "text": "c",
        "lines": ["c"],
    }
    current = {"schema_version": 3, "text": "d", "lines": ["d"]}
    assert upgrade(kind, current) == current


def test_a_kind_must_say_how_to_leave_every_older_version() -> None:
    with pytest.raises(ValueError, match="a step is needed from every version below 3"):
        FileKind("note", current=3, steps={1: dict})


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"schema_version": 4}, "newer kiosk (schema version 4"),
        ({"schema_version": 0}, "versions start at 1"),
    ],
)
def test_a_version_this_code_cannot_read_is_refused(document: dict[str, Any], words: str) -> None:
    with pytest.raises(MigrationError, match=words.replace("(", r"\(")):
        upgrade(FileKind("note", current=3, steps={1: dict, 2: dict}), document)


def test_a_version_that_is_no_number_is_left_to_the_typed_decode() -> None:
    kind = FileKind("note", current=2, steps={1: dict})
    for document in ({"schema_version": "1"}, {"schema_version": True}, [1], {}):
        assert upgrade(kind, document) == document


# --- playlists ---------------------------------------------------------------------------------


def test_a_playlist_from_a_newer_kiosk_is_refused_and_the_last_good_one_keeps_playing(tmp_path: Path) -> None:
    path = write(tmp_path / "playlists" / "mine.json", playlist())
    first = load_library({}, tmp_path, SLIDES)
    assert first.problems == [] and first.playlists["mine"].items[0].duration_s == 10

    write(path, playlist(schema_version=FUTURE, items=[{"slide": "title_intro", "duration_s": 20}]))
    reloaded = load_library({}, tmp_path, SLIDES, previous=first)
    assert [str(problem) for problem in reloaded.problems] == [newer_sentence("mine.json", 1)]
    assert reloaded.playlists["mine"].items[0].duration_s == 10, "the last good file plays on"


def test_a_playlist_duration_beyond_the_declared_limit_is_a_sentence_and_the_show_goes_on(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "playlists" / "mine.json", playlist())
    first = load_library({}, tmp_path, SLIDES)
    write(path, playlist(items=[{"slide": "title_intro", "duration_s": 900}]))
    reloaded = load_library({}, tmp_path, SLIDES, previous=first)
    assert [str(problem) for problem in reloaded.problems] == [
        "mine.json, $.items[0].duration_s: must be between 3 and 600, got 900."
    ]
    assert reloaded.playlists["mine"].items[0].duration_s == 10


def test_a_playlist_without_a_version_is_refused_as_before() -> None:
    document = playlist()
    del document["schema_version"]
    with pytest.raises(ContentError) as error:
        decode_playlist(json.dumps(document).encode(), "mine.json", SLIDES)
    assert refused(error) == "mine.json, $: object missing required field `schema_version`."


# --- schedule ----------------------------------------------------------------------------------


def test_a_version_1_schedule_is_upgraded_in_memory_and_written_as_version_2_only_on_save(
    tmp_path: Path,
) -> None:
    old = {"schema_version": 1, "default_playlist": "mine"}
    path = write(tmp_path / "schedule.json", old)
    write(tmp_path / "playlists" / "mine.json", playlist())
    library = load_library({}, tmp_path, SLIDES)
    assert library.problems == []
    assert library.schedule.schema_version == SCHEDULE_SCHEMA_VERSION == 2
    assert json.loads(path.read_text(encoding="utf-8")) == old, "loading never rewrites the file"
    save_schedule(tmp_path, library.schedule, set(library.playlists))
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 2


def test_a_schedule_from_a_newer_kiosk_is_refused_and_the_last_good_one_stays(tmp_path: Path) -> None:
    path = write(tmp_path / "schedule.json", {"schema_version": 2, "default_playlist": "mine"})
    write(tmp_path / "playlists" / "mine.json", playlist())
    first = load_library({}, tmp_path, SLIDES)
    write(path, {"schema_version": FUTURE, "default_playlist": "other"})
    reloaded = load_library({}, tmp_path, SLIDES, previous=first)
    assert [str(problem) for problem in reloaded.problems] == [newer_sentence("schedule.json", 2)]
    assert reloaded.schedule.default_playlist == "mine"
    with pytest.raises(ContentError, match="written by a newer kiosk"):
        decode_schedule(path.read_bytes(), "schedule.json", {"mine"})


# --- staff slides ------------------------------------------------------------------------------


def slide(**changes: object) -> dict[str, Any]:
    document = {
        "schema_version": 1,
        "id": "hello",
        "kind": "text",
        "template": "welcome",
        "text": {"en": "Hi"},
    }
    return {**document, **changes}


def test_a_version_1_staff_slide_loads() -> None:
    assert decode_slide(json.dumps(slide()).encode(), "hello.json").id == "hello"


def test_a_staff_slide_from_a_newer_kiosk_is_refused_with_a_sentence() -> None:
    with pytest.raises(ContentError) as error:
        decode_slide(json.dumps(slide(schema_version=FUTURE)).encode(), "hello.json")
    assert refused(error) == newer_sentence("hello.json", 1)


def test_a_staff_text_over_the_declared_length_is_a_sentence() -> None:
    with pytest.raises(ContentError) as error:
        decode_slide(json.dumps(slide(text={"en": "x" * 121})).encode(), "hello.json")
    assert refused(error) == "hello.json, $.text.en: must be at most 120 characters long."


# --- settings ----------------------------------------------------------------------------------


def test_settings_without_a_version_are_version_1_as_always(tmp_path: Path) -> None:
    write(tmp_path / "settings.json", {"idle_timeout_s": 90})
    settings, problems = load_settings(tmp_path)
    assert problems == [] and settings.idle_timeout_s == 90 and settings.schema_version == 1


def test_settings_from_a_newer_kiosk_are_refused_with_a_sentence(tmp_path: Path) -> None:
    write(tmp_path / "settings.json", {"schema_version": FUTURE, "idle_timeout_s": 90})
    settings, problems = load_settings(tmp_path)
    assert [str(problem) for problem in problems] == [newer_sentence("settings.json", 1)]
    assert settings == Settings()


def test_a_hall_layer_without_a_version_and_a_glass_layer_with_one_merge(tmp_path: Path) -> None:
    hall = tmp_path / "hall"
    write(hall / "settings.json", {"idle_timeout_s": 120})
    write(tmp_path / "settings.json", {"schema_version": 1, "default_language": "en"})
    settings, problems = load_settings(tmp_path)
    assert problems == []
    assert (settings.idle_timeout_s, settings.default_language) == (120, "en")


def test_a_setting_beyond_its_declared_limit_is_refused_on_save_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    with pytest.raises(ContentError) as error:
        save_settings(tmp_path, Settings(idle_timeout_s=5))
    assert refused(error) == "settings.json, $.idle_timeout_s: must be between 15 and 3600, got 5."
    assert not (tmp_path / "settings.json").exists()


def test_the_steppers_limits_come_from_the_models() -> None:
    assert limits_of(Settings, "idle_timeout_s") == (15, 3600)
    assert limits_of(Settings, "stats_max_mb") == (16, 16384)
    assert limits_of(OpeningHours, "wake_minutes") == (1, 120)
    with pytest.raises(TypeError, match="not a whole number with both limits"):
        limits_of(Settings, "default_language")


# --- the PIN file ------------------------------------------------------------------------------


def test_a_pin_file_without_a_version_still_opens_staff_mode(tmp_path: Path) -> None:
    store = PinStore(tmp_path, ManualClock())
    store.set_pin("2468")
    record = json.loads(store.pin_path.read_text(encoding="utf-8"))
    assert record.pop("schema_version") == 1
    write(store.pin_path, record)
    assert store.check("2468").outcome == "accepted"


def test_a_pin_file_from_a_newer_kiosk_keeps_staff_mode_closed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = PinStore(tmp_path, ManualClock())
    store.set_pin("2468")
    record = json.loads(store.pin_path.read_text(encoding="utf-8"))
    write(store.pin_path, {**record, "schema_version": FUTURE})
    assert store.check("2468").outcome == "not_set"
    assert newer_sentence("pin.json", 1) in caplog.text


@pytest.mark.parametrize(
    "corrupt",
    [b"", b"{", b"[]", b'{"scheme": "md5"}', b'{"scheme": "scrypt", "n": 16384}', "密码".encode("gbk")],
    ids=["empty", "truncated", "array", "other-scheme", "fields-missing", "not-utf8"],
)
def test_a_corrupt_pin_file_counts_as_no_pin(tmp_path: Path, corrupt: bytes) -> None:
    store = PinStore(tmp_path, ManualClock())
    store.pin_path.write_bytes(corrupt)
    assert not store.is_set()
    assert store.check("2468").outcome == "not_set"


def test_no_pin_file_is_no_pin(tmp_path: Path) -> None:
    store = PinStore(tmp_path, ManualClock())
    assert not store.is_set() and store.check("2468").outcome == "not_set"
    store.set_pin("2468")
    assert store.is_set() and store.check("2468").outcome == "accepted"


def test_a_corrupt_lock_file_counts_as_no_failures(tmp_path: Path) -> None:
    store = PinStore(tmp_path, ManualClock())
    store.set_pin("2468")
    for _ in range(3):
        store.check("0000")
    store.lock_path.write_bytes(b'{"failures": "many"')
    assert store.check("0000").tries_left == 4


# --- the content pack --------------------------------------------------------------------------


def test_a_content_pack_from_a_newer_kiosk_is_refused_with_a_sentence(tmp_path: Path) -> None:
    pack = tmp_path / "content"
    pack.mkdir()
    for path in (REPO / "assets" / "content").iterdir():
        if path.is_file():
            (pack / path.name).write_bytes(path.read_bytes())
    meta = json.loads((pack / "pack.json").read_text(encoding="utf-8"))
    assert load_pack(DirectorySource(pack)).meta.schema_version == meta["schema_version"] == 1
    write(pack / "pack.json", {**meta, "schema_version": FUTURE})
    with pytest.raises(ContentError) as error:
        load_pack(DirectorySource(pack))
    assert refused(error) == newer_sentence("pack.json", 1)


# --- the hall's manifests ----------------------------------------------------------------------


def test_a_manifest_from_a_newer_kiosk_leaves_the_unit_unused_with_a_sentence(tmp_path: Path) -> None:
    (tmp_path / "pack.json").write_text("{}", encoding="utf-8")
    write_manifest(tmp_path, "content-pack")
    assert read_unit(tmp_path, ()).files == {"pack.json": b"{}"}
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    write(tmp_path / "manifest.json", {**manifest, "manifest_version": FUTURE})
    with pytest.raises(UnitNotReadyError) as error:
        read_unit(tmp_path, ())
    assert str(error.value) == (
        f"the manifest in {tmp_path} is unusable: manifest.json, $.manifest_version: was written by a newer "
        f"kiosk (schema version {FUTURE}; this kiosk reads up to 1); update this kiosk's software, or "
        "restore the file's previous version."
    )


def refusal(decode: Callable[[], object]) -> Problem:
    with pytest.raises(ContentError) as error:
        decode()
    [problem] = error.value.problems
    return problem


def test_staff_read_a_refused_limit_in_their_language() -> None:
    playlist = {"schema_version": 1, "id": "mine", "name": {"zh": "我的", "en": "Mine"}}
    items = [{"slide": "hub", "duration_s": 900}]
    document = json.dumps({**playlist, "items": items}).encode()
    duration = refusal(lambda: decode_playlist(document, "mine.json"))
    idle = refusal(lambda: decode_settings(json.dumps({"schema_version": 1, "idle_timeout_s": 5}).encode()))
    assert problems_text([duration], "en").endswith("each slide plays 3 to 600 seconds")
    assert "每张幻灯片的时长须在 3 到 600 秒之间" in problems_text([duration], "zh")
    assert problems_text([idle], "en").endswith("a value is out of range")
