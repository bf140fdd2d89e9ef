"""Version history at the one save path: the last ten versions of every file staff, a technician or
the hall change, with who saved each and when, bounded in size, restorable (a restore is a new
version), and whole after a killed save or a full disk. Qt-free, and `kiosk history` / `kiosk restore`."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from kiosk import history
from kiosk.cli import main
from kiosk.history import KEPT_VERSIONS, MAX_VERSION_BYTES, restore, save_file, set_saver, versions
from kiosk.playlist.models import SCHEDULE_SCHEMA_VERSION, Schedule
from kiosk.playlist.store import save_schedule
from kiosk.settings import Settings, load_settings, save_settings


def schedule_bytes(number: int) -> bytes:
    return json.dumps({"schema_version": 2, "default_playlist": "full", "note_of_test": number}).encode()


def test_the_last_ten_versions_are_kept_with_who_saved_them_and_when(config_dir: Path) -> None:
    path = config_dir / "settings.json"
    for seconds in range(15, 15 + 12):
        save_settings(config_dir, Settings(idle_timeout_s=seconds * 4))
    kept = versions(config_dir, "settings.json")
    assert [version.number for version in kept] == list(range(3, 13))
    assert len(kept) == KEPT_VERSIONS
    assert {version.who for version in kept} == {"cli"}
    assert kept[-1].data == path.read_bytes() and kept[-1].saved_at[:4].isdigit()

    set_saver("glass")
    save_settings(config_dir, Settings(idle_timeout_s=300))
    assert versions(config_dir, "settings.json")[-1].who == "glass"


def test_a_command_saving_into_the_hall_folder_saves_for_the_hall(tmp_path: Path) -> None:
    hall = tmp_path / "hall"
    (hall / ".stfolder").mkdir(parents=True)
    save_file(hall / "playlists" / "hall.json", b"{}")
    assert [version.who for version in versions(hall, "playlists/hall.json")] == ["hall"]


def test_a_file_copied_in_between_saves_is_kept_as_copied_before_it_is_saved_over(config_dir: Path) -> None:
    schedule = Schedule(schema_version=SCHEDULE_SCHEMA_VERSION, default_playlist="full")
    save_schedule(config_dir, schedule, None)
    technicians = b'{"schema_version": 2, "default_playlist": "short"}'
    (config_dir / "schedule.json").write_bytes(technicians)
    save_schedule(config_dir, schedule, None)
    kept = versions(config_dir, "schedule.json")
    assert [(version.number, version.who) for version in kept] == [(1, "cli"), (2, "copied"), (3, "cli")]
    assert kept[1].data == technicians


def test_a_restore_is_a_new_version_with_the_old_bytes(config_dir: Path) -> None:
    for seconds in (30, 45, 60):
        save_settings(config_dir, Settings(idle_countdown_s=seconds))
    restored = restore(config_dir / "settings.json", 1)
    assert load_settings(config_dir)[0].idle_countdown_s == 30
    kept = versions(config_dir, "settings.json")
    assert kept[-1].number == 4 and kept[-1].data == restored.data == kept[0].data
    with pytest.raises(KeyError):
        restore(config_dir / "settings.json", 99)


def test_playlists_and_slides_are_kept_under_their_folder_names(config_dir: Path) -> None:
    save_file(config_dir / "playlists" / "hall.json", b"{}")
    save_file(config_dir / "slides" / "welcome.json", b"{}")
    assert history.versioned_files(config_dir) == ["playlists/hall.json", "slides/welcome.json"]


def test_a_version_over_the_size_bound_is_saved_but_not_kept(config_dir: Path) -> None:
    big = b" " * (MAX_VERSION_BYTES + 1)
    save_file(config_dir / "schedule.json", big)
    assert (config_dir / "schedule.json").read_bytes() == big
    assert versions(config_dir, "schedule.json") == []


def fill_history(config_dir: Path) -> list[bytes]:
    path = config_dir / "schedule.json"
    for number in range(1, KEPT_VERSIONS + 1):
        save_file(path, schedule_bytes(number))
    return [version.data for version in versions(config_dir, "schedule.json")]


@pytest.mark.parametrize("failing", ["history", "file"])
def test_a_full_disk_mid_save_loses_neither_the_file_nor_its_history(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    before = fill_history(config_dir)
    path = config_dir / "schedule.json"
    current = path.read_bytes()
    real_fsync = os.fsync

    def full_disk(descriptor: int) -> None:
        name = os.readlink(f"/proc/self/fd/{descriptor}")
        writing_history = "/.history/" in name
        if writing_history == (failing == "history") and name.endswith(".tmp"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        save_file(path, schedule_bytes(99))
    monkeypatch.undo()
    assert path.read_bytes() == current
    after = [version.data for version in versions(config_dir, "schedule.json")]
    assert after[: len(before)] == before, "every kept version is still there, whole"
    assert [name for name in os.listdir(config_dir) if name.endswith(".tmp")] == []


def test_a_save_killed_at_any_write_leaves_the_file_and_the_history_whole(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fill_history(config_dir)
    path = config_dir / "schedule.json"
    current = path.read_bytes()
    real_replace = os.replace
    for kill_at in range(1, 4):
        calls = 0

        def killed(source: str | Path, target: str | Path, at: int = kill_at) -> None:
            nonlocal calls
            calls += 1
            if calls == at:  # the process dies here: nothing after this runs
                raise SystemExit("killed")
            real_replace(source, target)

        monkeypatch.setattr(os, "replace", killed)
        with pytest.raises(SystemExit):
            save_file(path, schedule_bytes(100 + kill_at))
        monkeypatch.undo()
        assert path.read_bytes() in (current, schedule_bytes(100 + kill_at))
        current = path.read_bytes()
        kept = versions(config_dir, "schedule.json")
        assert all(version.data in [*before, *map(schedule_bytes, range(101, 104))] for version in kept)
        assert current in [version.data for version in kept], "the current file is always among the kept"


def test_kiosk_history_lists_the_versions_and_kiosk_restore_puts_one_back(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for seconds in (30, 45):
        save_settings(config_dir, Settings(idle_countdown_s=seconds))
    capsys.readouterr()
    assert main(["history", "settings.json", "--config-dir", str(config_dir)]) == 0
    listing = capsys.readouterr().out
    assert "settings.json: 2 versions kept" in listing
    assert "2        " in listing and "cli" in listing and "(current)" in listing
    assert main(["restore", str(config_dir / "settings.json"), "1", "--config-dir", str(config_dir)]) == 0
    said = capsys.readouterr().out
    assert "version 1 (cli," in said and "restored as version 3" in said
    assert load_settings(config_dir)[0].idle_countdown_s == 30
    assert main(["restore", "settings.json", "7", "--config-dir", str(config_dir)]) == 1
    assert main(["history", "--config-dir", str(config_dir)]) == 0
    assert "settings.json\t3 versions" in capsys.readouterr().out
