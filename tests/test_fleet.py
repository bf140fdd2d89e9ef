"""A hall of kiosks, without Qt: layers and their precedence, manifests under a file-by-file sync,
the content pack choice, status files and the morning check, and the crash-loop breaker."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli import main as kiosk_main
from kiosk.content.loader import PACK_FILES, SOURCE_TEXT_FILE, DirectorySource, pack_digest
from kiosk.fleet.content import (
    KEPT_PACK_DIR,
    PackChoice,
    Refusal,
    forget_kept_pack,
    keep_pack,
    load_pack_dir,
    still_refused,
    survey,
)
from kiosk.fleet.crashloop import CRASHES_FOR_SAFE_MODE, WITHIN_S, StartJournal
from kiosk.fleet.layout import hall_config_hash, is_temporary, layers_hash, resolve_fleet
from kiosk.fleet.manifest import MANIFEST_FILE, UnitNotReadyError, read_unit, write_manifest
from kiosk.fleet.status import (
    STALE_AFTER_S,
    KioskStatus,
    NowPlaying,
    RefusedPack,
    fleet_report,
    format_json,
    format_table,
    utc_text,
    write_status,
)
from kiosk.playlist.store import load_library
from kiosk.settings import load_settings

REPO = Path(__file__).resolve().parent.parent
BUNDLED_CONTENT = REPO / "assets" / "content"
SLIDES = {"a", "b", "c"}
NOW = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def no_fleet_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KIOSK_ID", raising=False)
    monkeypatch.delenv("KIOSK_HALL_DIR", raising=False)


def write_json(path: Path, document: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def playlist(playlist_id: str, *slides: str, name: str = "x") -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": playlist_id,
        "name": {"zh": name, "en": name},
        "items": [
            {"slide": slide, "duration_s": 10, "transition": "fade", "enabled": True} for slide in slides
        ],
    }


def hall_kiosk(tmp_path: Path, kiosk_id: str = "portrait") -> tuple[Path, Path]:
    """A local config dir whose fleet.json names its hall folder and its id."""
    config, hall = tmp_path / "config", tmp_path / "hall"
    hall.mkdir(parents=True)
    write_json(config / "fleet.json", {"kiosk_id": kiosk_id, "hall_dir": str(hall)})
    return config, hall


# Layers and precedence -----------------------------------------------------------------------


def test_playlists_merge_by_id_hall_then_own_override_then_the_glass(tmp_path: Path) -> None:
    config, hall = hall_kiosk(tmp_path)
    write_json(hall / "playlists" / "loop.json", playlist("loop", "a", name="hall"))
    write_json(hall / "playlists" / "news.json", playlist("news", "b", name="hall"))
    write_json(
        hall / "kiosks" / "portrait" / "playlists" / "loop.json", playlist("loop", "b", name="portrait")
    )
    write_json(hall / "kiosks" / "landscape" / "playlists" / "news.json", playlist("news", "c", name="other"))
    library = load_library({}, config, SLIDES)
    assert library.playlists["loop"].name.en == "portrait", "this kiosk's override beats the shared file"
    assert library.playlists["news"].name.en == "hall", "another kiosk's override does not apply here"
    write_json(config / "playlists" / "loop.json", playlist("loop", "c", name="glass"))
    assert load_library({}, config, SLIDES).playlists["loop"].name.en == "glass", "staff on the glass win"


def test_the_highest_schedule_wins_whole(tmp_path: Path) -> None:
    config, hall = hall_kiosk(tmp_path)
    write_json(hall / "playlists" / "loop.json", playlist("loop", "a"))
    write_json(hall / "playlists" / "late.json", playlist("late", "b"))
    write_json(hall / "schedule.json", {"schema_version": 1, "default_playlist": "loop"})
    assert load_library({}, config, SLIDES).schedule.default_playlist == "loop"
    write_json(
        hall / "kiosks" / "portrait" / "schedule.json", {"schema_version": 1, "default_playlist": "late"}
    )
    assert load_library({}, config, SLIDES).schedule.default_playlist == "late"


def test_settings_merge_field_by_field(tmp_path: Path) -> None:
    config, hall = hall_kiosk(tmp_path)
    write_json(hall / "settings.json", {"idle_timeout_s": 90, "default_language": "en"})
    write_json(hall / "kiosks" / "portrait" / "settings.json", {"display_only": True})
    write_json(config / "settings.json", {"idle_timeout_s": 45})
    settings, problems = load_settings(config)
    assert problems == []
    assert (settings.idle_timeout_s, settings.default_language, settings.display_only) == (45, "en", True)


def test_a_refused_hall_settings_file_is_named(tmp_path: Path) -> None:
    config, hall = hall_kiosk(tmp_path)
    write_json(hall / "settings.json", {"idle_timeout_s": 5})
    settings, problems = load_settings(config)
    assert settings.idle_timeout_s == 60
    assert "must be between 15 and 3600" in str(problems[0])


def test_temporary_files_of_a_sync_or_an_editor_are_never_read(tmp_path: Path) -> None:
    config, hall = hall_kiosk(tmp_path)
    (hall / "playlists").mkdir()
    (hall / "playlists" / ".syncthing.loop.json.tmp").write_text('{"half": ', encoding="utf-8")
    write_json(hall / "playlists" / ".#loop.json", playlist("editor", "a"))
    write_json(hall / "playlists" / "~$loop.json", playlist("office", "a"))
    library = load_library({}, config, SLIDES)
    assert library.problems == [] and library.playlists == {}
    for name in (".syncthing.figures.json.tmp", "figures.json~", "figures.json.part", ".figures.json.swp"):
        assert is_temporary(name), name
    assert not is_temporary("figures.json")


def test_identity_comes_from_the_environment_then_fleet_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, hall = hall_kiosk(tmp_path, kiosk_id="entrance")
    fleet = resolve_fleet(config)
    assert (fleet.kiosk_id, fleet.hall_dir) == ("entrance", hall)
    assert [layer.label for layer in fleet.layers()] == ["hall", "hall/kiosks/entrance", "local"]
    monkeypatch.setenv("KIOSK_ID", "exit-2")
    assert resolve_fleet(config).kiosk_id == "exit-2"
    monkeypatch.setenv("KIOSK_ID", "../../etc")
    fleet = resolve_fleet(config)
    assert fleet.kiosk_id == "etc" and "is not a kiosk id" in str(fleet.problems[0])


def test_a_kiosk_on_its_own_has_only_its_config_dir(tmp_path: Path) -> None:
    fleet = resolve_fleet(tmp_path)
    assert fleet.hall_dir is None and [layer.label for layer in fleet.layers()] == ["local"]
    write_json(tmp_path / "fleet.json", {"hall_dir": str(tmp_path / "nowhere")})
    fleet = resolve_fleet(tmp_path)
    assert fleet.hall_dir is None and "does not exist" in str(fleet.problems[0])


def test_the_hall_hash_is_the_same_on_the_staff_pc_and_the_kiosk(tmp_path: Path) -> None:
    config, hall = hall_kiosk(tmp_path)
    write_json(hall / "playlists" / "loop.json", playlist("loop", "a"))
    staff_copy = tmp_path / "staff-hall"
    shutil.copytree(hall, staff_copy)
    kiosk_view = layers_hash(resolve_fleet(config).hall_layers())
    assert kiosk_view == hall_config_hash(staff_copy, "portrait")
    write_json(staff_copy / "kiosks" / "portrait" / "playlists" / "own.json", playlist("own", "b"))
    assert kiosk_view != hall_config_hash(staff_copy, "portrait"), "its own override counts"
    assert hall_config_hash(staff_copy, "landscape") == hall_config_hash(hall, "landscape")


# Manifests under a file-by-file sync --------------------------------------------------------


def test_a_manifest_round_trip_and_its_check(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(BUNDLED_CONTENT, pack)
    manifest = write_manifest(pack, "content-pack")
    assert sorted(entry.path for entry in manifest.files) == sorted([*PACK_FILES, SOURCE_TEXT_FILE])
    unit = read_unit(pack, ())
    assert unit.has_manifest and unit.files["figures.json"] == (pack / "figures.json").read_bytes()
    assert kiosk_main(["fleet", "manifest", "--check", str(pack)]) == 0
    (pack / "strings.json").write_bytes((pack / "strings.json").read_bytes().replace(b"}", b"} ", 1))
    with pytest.raises(UnitNotReadyError, match=r"strings\.json is \d+ bytes, the manifest says"):
        read_unit(pack, ())
    assert kiosk_main(["fleet", "manifest", "--check", str(pack)]) == 1


def test_a_pack_without_a_manifest_waits_while_a_copy_is_in_progress(tmp_path: Path) -> None:
    pack = tmp_path / "content"
    shutil.copytree(BUNDLED_CONTENT, pack)
    (pack / ".syncthing.figures.json.tmp").write_bytes(b"{")
    with pytest.raises(UnitNotReadyError, match="still in progress"):
        read_unit(pack, tuple(PACK_FILES))
    (pack / ".syncthing.figures.json.tmp").unlink()
    assert load_pack_dir(pack, "local", None).digest == pack_digest(DirectorySource(BUNDLED_CONTENT))


def two_packs(root: Path) -> tuple[Path, Path]:
    """The bundled pack (old) and one with an extra slide and a new version (new)."""
    old, new = root / "old", root / "new"
    shutil.copytree(BUNDLED_CONTENT, old)
    shutil.copytree(BUNDLED_CONTENT, new)
    slides = json.loads((new / "slides.json").read_text(encoding="utf-8"))
    slides["slides"].append({"id": "hall_welcome", "kind": "title", "topic": "industry"})
    write_json(new / "slides.json", slides)
    pack_meta = json.loads((new / "pack.json").read_text(encoding="utf-8"))
    pack_meta["version"] = pack_meta.get("version", "") + "-hall"
    write_json(new / "pack.json", pack_meta)
    for pack in (old, new):
        write_manifest(pack, "content-pack")
    return old, new


FILE_STATES = st.sampled_from(["old", "new", "missing", "truncated", "temp-beside"])
MANIFEST_STATES = st.sampled_from(["old", "new", "missing", "truncated"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    files=st.fixed_dictionaries({name: FILE_STATES for name in PACK_FILES}),
    manifest=MANIFEST_STATES,
)
def test_any_partial_sync_shows_the_old_pack_or_the_new_one_never_a_mix(
    tmp_path_factory: pytest.TempPathFactory, files: dict[str, str], manifest: str
) -> None:
    root = tmp_path_factory.mktemp("sync")
    old, new = two_packs(root)
    old_digest, new_digest = (pack_digest(DirectorySource(pack)) for pack in (old, new))
    config, hall = hall_kiosk(root)
    target = hall / "content"
    target.mkdir()
    for name, state in files.items():
        if state in ("old", "new"):
            shutil.copy2((old if state == "old" else new) / name, target / name)
        elif state == "truncated":
            (target / name).write_bytes((new / name).read_bytes()[:100])
        elif state == "temp-beside":
            shutil.copy2(old / name, target / name)
            (target / f".syncthing.{name}.tmp").write_bytes((new / name).read_bytes()[:50])
    if manifest in ("old", "new"):
        shutil.copy2((old if manifest == "old" else new) / MANIFEST_FILE, target / MANIFEST_FILE)
    elif manifest == "truncated":
        (target / MANIFEST_FILE).write_bytes((new / MANIFEST_FILE).read_bytes()[:40])

    found = survey(resolve_fleet(config), None, now=0.0)
    outcome = found.refusals[0] if found.refusals else found.choice
    if isinstance(outcome, PackChoice) and manifest in ("old", "new"):
        shown = old if manifest == "old" else new
        assert outcome.digest == (old_digest if manifest == "old" else new_digest)
        for name in PACK_FILES:
            assert (target / name).read_bytes() == (shown / name).read_bytes(), (
                f"{name} is from the other pack"
            )
    elif isinstance(outcome, PackChoice):
        # Without a manifest a mix of two valid packs cannot be told from a pack: what shows has
        # passed validation whole, and nothing was read while a sync's temporary file was there.
        assert manifest == "missing" and "temp-beside" not in files.values()
    else:
        assert isinstance(outcome, Refusal) and outcome.reason


def test_at_start_a_broken_higher_pack_gives_way_to_the_next_layer_down(tmp_path: Path) -> None:
    config, hall = hall_kiosk(tmp_path)
    shutil.copytree(BUNDLED_CONTENT, hall / "content")
    shutil.copytree(BUNDLED_CONTENT, config / "content")
    (config / "content" / "figures.json").write_text("{", encoding="utf-8")
    found = survey(resolve_fleet(config), None, now=0.0)
    assert found.choice is not None and found.choice.origin == "hall"
    assert [refusal.origin for refusal in found.refusals] == ["local"]
    assert "figures.json: is not valid JSON" in found.refusals[0].reason


def test_a_pack_that_fails_validation_is_refused_whole(tmp_path: Path) -> None:
    config, hall = hall_kiosk(tmp_path)
    shutil.copytree(BUNDLED_CONTENT, hall / "content")
    slides = json.loads((hall / "content" / "slides.json").read_text(encoding="utf-8"))
    slides["slides"].append({"id": "title_intro", "kind": "title", "topic": "intro"})
    write_json(hall / "content" / "slides.json", slides)
    found = survey(resolve_fleet(config), None, now=0.0)
    assert found.choice is None and found.refusals[0].reason.startswith("invalid:")


def test_a_refused_layer_plays_this_kiosks_copy_of_its_last_good_pack(tmp_path: Path) -> None:
    _old, new = two_packs(tmp_path)
    config, hall = hall_kiosk(tmp_path)
    shutil.copytree(new, hall / "content")
    kept_dir = tmp_path / "data" / KEPT_PACK_DIR
    played = survey(resolve_fleet(config), None, now=0.0, kept_dir=kept_dir).choice
    assert played is not None and played.origin == "hall"
    keep_pack(kept_dir, played)
    figures = hall / "content" / "figures.json"
    figures.write_bytes(figures.read_bytes().replace(b"1", b"2", 1))  # a delivery gone wrong

    found = survey(resolve_fleet(config), None, now=50.0, kept_dir=kept_dir)
    assert found.choice is not None and found.choice.directory == kept_dir
    assert (found.choice.origin, found.choice.digest) == ("hall", played.digest)
    (refusal,) = found.refusals
    assert refusal.origin == "hall" and "figures.json does not match the manifest" in refusal.reason
    assert refusal.manifest is not None and refusal.since == 50.0
    assert survey(resolve_fleet(config), None, now=50.0).choice is None, "without the copy: bundled"


def test_a_kept_copy_stands_in_only_for_its_own_layer_and_only_when_whole(tmp_path: Path) -> None:
    old, _new = two_packs(tmp_path)
    config, hall = hall_kiosk(tmp_path)
    shutil.copytree(old, config / "content")
    kept_dir = tmp_path / "data" / KEPT_PACK_DIR
    local = survey(resolve_fleet(config), None, now=0.0).choice
    assert local is not None
    keep_pack(kept_dir, local)
    shutil.rmtree(config / "content")
    shutil.copytree(old, hall / "content")
    (hall / "content" / "figures.json").write_text("{", encoding="utf-8")
    assert survey(resolve_fleet(config), None, now=0.0, kept_dir=kept_dir).choice is None, "local's copy"

    shutil.copytree(old, config / "content")
    (config / "content" / "strings.json").unlink()
    assert survey(resolve_fleet(config), None, now=0.0, kept_dir=kept_dir).choice is not None
    kept_figures = kept_dir / "figures.json"
    kept_figures.write_bytes(kept_figures.read_bytes()[:-5])
    assert survey(resolve_fleet(config), None, now=0.0, kept_dir=kept_dir).choice is None, "a damaged copy"
    forget_kept_pack(kept_dir)
    assert not kept_dir.exists()


def test_a_refusal_keeps_the_time_it_was_first_seen_until_the_delivery_or_reason_changes() -> None:
    first = Refusal("hall", Path("/hall/content"), "figures.json is not there yet", "aaa", since=10.0)
    again = Refusal("hall", Path("/hall/content"), "figures.json is not there yet", "aaa", since=70.0)
    other = Refusal("hall", Path("/hall/content"), "figures.json is not there yet", "bbb", since=70.0)
    assert still_refused([first], [again]) == [first]
    assert still_refused([first], [other]) == [other]
    assert still_refused([first], []) == []


# Status files and the morning check ---------------------------------------------------------


def status(kiosk_id: str, written: dt.datetime, **changes: Any) -> KioskStatus:
    document: dict[str, Any] = {
        "kiosk_id": kiosk_id,
        "kiosk_name": f"{kiosk_id} screen",
        "version": "0.1.0",
        "written_at": utc_text(written),
        "started_at": utc_text(written - dt.timedelta(hours=1)),
        "uptime_s": 3600,
        "mode": "normal",
        "content_origin": "hall",
        "content_hash": "abc123",
        "config_hash": "c0ffee",
        "now_playing": NowPlaying("full", "title_intro"),
        **changes,
    }
    return KioskStatus(**document)


def test_the_morning_check_finds_stale_mismatched_and_erring_kiosks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hall, status_dir = tmp_path / "hall", tmp_path / "status"
    write_json(hall / "playlists" / "loop.json", playlist("loop", "a"))
    good = hall_config_hash(hall, "entrance")
    write_status(status_dir, status("entrance", NOW - dt.timedelta(seconds=50), hall_config_hash=good))
    write_status(
        status_dir, status("portrait", NOW - dt.timedelta(seconds=STALE_AFTER_S + 60), hall_config_hash=good)
    )
    write_status(status_dir, status("exit", NOW, hall_config_hash="0ld0ld0ld0ld"))
    write_status(
        status_dir,
        status(
            "shop",
            NOW,
            hall_config_hash=hall_config_hash(hall, "shop"),
            local_overrides=["playlists/loop.json"],
            mode="safe",
            safe_reason="the last 3 starts crashed",
            last_errors=[{"at": "2026-03-02T08:00:00Z", "message": "settings refused"}],
        ),
    )
    (status_dir / "broken.json").write_text("{", encoding="utf-8")
    (status_dir / ".syncthing.entrance.json.tmp").write_text("{", encoding="utf-8")
    rows = {row.kiosk_id: row for row in fleet_report(status_dir, hall, NOW)}
    assert sorted(rows) == ["broken", "entrance", "exit", "portrait", "shop"]
    assert rows["entrance"].healthy and rows["entrance"].config == "matches"
    assert rows["portrait"].stale and not rows["portrait"].healthy
    assert rows["exit"].config.startswith("differs") and not rows["exit"].healthy
    assert rows["shop"].config == "matches, but local edits win: playlists/loop.json"
    assert rows["shop"].mode.startswith("safe") and rows["shop"].errors
    assert rows["broken"].problem is not None and rows["broken"].problem.startswith("unreadable")
    table = format_table(list(rows.values()))
    assert "STALE (6 min ago)" in table and "ok (50 s ago)" in table
    assert "shop: 2026-03-02T08:00:00Z settings refused" in table


def test_the_morning_check_names_a_refused_pack_and_what_plays_instead(tmp_path: Path) -> None:
    hall, status_dir = tmp_path / "hall", tmp_path / "status"
    hall.mkdir()
    refused = RefusedPack(
        origin="hall",
        directory="/srv/hall/content",
        reason="figures.json does not match the manifest: not all here yet",
        manifest="1a2b3c4d5e6f",
        since="2026-03-02T07:10:00Z",
    )
    write_status(
        status_dir,
        status(
            "entrance",
            NOW,
            hall_config_hash=hall_config_hash(hall, "entrance"),
            content_version="2024.1",
            refused_packs=[refused],
        ),
    )
    (row,) = fleet_report(status_dir, hall, NOW)
    assert row.config == "matches", "the files arrived; the pack made of them is what was refused"
    assert not row.healthy
    table = format_table([row])
    assert "hall abc123 (2024.1)" in table
    assert (
        "entrance: content pack in hall REFUSED since 2026-03-02T07:10:00Z (/srv/hall/content, manifest "
        "1a2b3c4d5e6f): figures.json does not match the manifest: not all here yet; its last good pack "
        "plays: hall abc123 (2024.1)"
    ) in table
    (document,) = json.loads(format_json([row]))
    assert document["healthy"] is False and document["content"] == "hall abc123 (2024.1)"
    assert document["refused_packs"] == [msgspec.to_builtins(refused)]


def test_a_status_file_of_the_first_version_still_reads(tmp_path: Path) -> None:
    document = msgspec.to_builtins(status("entrance", NOW))
    for newer in ("content_version", "refused_packs"):
        document.pop(newer)
    write_json(tmp_path / "entrance.json", {**document, "status_version": 1})
    (row,) = fleet_report(tmp_path, None, NOW)
    assert row.problem is None and row.healthy and row.refused_packs == []


def test_fleet_status_command_lists_kiosks_and_fails_when_one_needs_a_look(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hall, status_dir = tmp_path / "hall", tmp_path / "status"
    hall.mkdir()
    fresh = dt.datetime.now(dt.UTC)
    write_status(status_dir, status("entrance", fresh, hall_config_hash=hall_config_hash(hall, "entrance")))
    assert kiosk_main(["fleet", "status", str(status_dir), "--hall", str(hall)]) == 0
    assert "entrance" in capsys.readouterr().out
    write_status(status_dir, status("portrait", fresh - dt.timedelta(minutes=30)))
    assert kiosk_main(["fleet", "status", str(status_dir), "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert {row["kiosk_id"]: row["stale"] for row in rows} == {"entrance": False, "portrait": True}
    assert kiosk_main(["fleet", "status", str(tmp_path / "missing")]) == 2


def test_a_status_file_is_replaced_whole(tmp_path: Path) -> None:
    path = write_status(tmp_path, status("entrance", NOW, today={"visits": 12}))
    assert json.loads(path.read_text(encoding="utf-8"))["today"] == {"visits": 12}
    write_status(tmp_path, status("entrance", NOW))
    assert [item.name for item in tmp_path.iterdir()] == ["entrance.json"], "no temp file or backup left"


# The crash-loop breaker ---------------------------------------------------------------------


def test_repeated_crashes_lead_to_safe_mode_and_a_healthy_run_resets(tmp_path: Path) -> None:
    clock = 1_000_000.0
    for _ in range(CRASHES_FOR_SAFE_MODE):
        assert StartJournal(tmp_path).begin(clock) is None
        clock += 5
    journal = StartJournal(tmp_path)
    reason = journal.begin(clock)
    assert reason is not None and f"last {CRASHES_FOR_SAFE_MODE} starts crashed" in reason
    journal.healthy()
    assert StartJournal(tmp_path).begin(clock + 5) is None, "a start that ran well ends the loop"


def test_crashes_spread_over_hours_do_not_count(tmp_path: Path) -> None:
    for start in range(CRASHES_FOR_SAFE_MODE):
        StartJournal(tmp_path).begin(start * WITHIN_S)
    assert StartJournal(tmp_path).begin(CRASHES_FOR_SAFE_MODE * WITHIN_S) is None


def test_a_damaged_journal_never_stops_a_start(tmp_path: Path) -> None:
    (tmp_path / "starts.json").write_text("{garbage", encoding="utf-8")
    assert StartJournal(tmp_path).begin(1.0) is None
