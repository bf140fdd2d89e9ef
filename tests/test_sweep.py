"""Saves killed midway leave temp files; the next start sweeps the old ones and nothing else.

`atomic_write` writes `.<name>.<random>.tmp` beside the file and renames it into place; a SIGKILL
between the two leaves the temp file for good. `kiosk run` removes such leftovers once they are
old enough that no other process (a `kiosk content import` running beside the kiosk) can still be
writing them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk_process import run_until_exit

from kiosk.storage import STALE_AFTER_S, atomic_write, atomic_write_directory, sweep_stale_leftovers

REPO = Path(__file__).resolve().parent.parent

# Saves a large file over and over; says "saving" once it is in the loop.
SAVER = """
import sys
from pathlib import Path
from kiosk.storage import atomic_write

target = Path(sys.argv[1])
payload = bytes(range(256)) * (64 * 1024)
print("saving", flush=True)
while True:
    atomic_write(target, payload)
"""


def age(path: Path, seconds: float) -> None:
    """Make `path` look last changed `seconds` ago."""
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def temp_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.iterdir() if path.name.endswith(".tmp"))


def kill_mid_save(target: Path) -> list[Path]:
    """Kill a saving process until a kill lands between the temp file's creation and its rename."""
    for attempt in range(30):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(target)], stdout=subprocess.PIPE, text=True, cwd=REPO
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "saving"
        time.sleep(0.05 + 0.01 * attempt)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        left = temp_files(target.parent)
        if left:
            return left
    raise AssertionError("no kill landed mid-save in 30 tries")


def test_a_save_killed_midway_leaves_a_temp_file_that_the_sweep_removes_once_old(tmp_path: Path) -> None:
    target = tmp_path / "playlists" / "mine.json"
    target.parent.mkdir()
    atomic_write(target, b'{"saved": "before"}')
    # One temp file, or two when the kill came while the previous version was copied to `.bak`.
    left = kill_mid_save(target)
    assert all(path.name.startswith(".mine.json.") for path in left)
    kept = {path: path.read_bytes() for path in target.parent.iterdir() if path not in left}

    assert sweep_stale_leftovers(tmp_path) == [], "a fresh temp file may be another process's save"
    assert all(path.exists() for path in left)

    for path in left:
        age(path, STALE_AFTER_S + 60)
    assert sorted(sweep_stale_leftovers(tmp_path)) == left
    assert not any(path.exists() for path in left)
    assert {path: path.read_bytes() for path in target.parent.iterdir()} == kept, "real files untouched"


def test_the_sweep_takes_only_the_atomic_writers_leftovers(tmp_path: Path) -> None:
    old = STALE_AFTER_S + 60
    atomic_write_directory(tmp_path / "bundle", {"a.json": b"{}"})
    leftovers = [
        tmp_path / ".settings.json.k2x_9abq.tmp",
        tmp_path / "bundle" / ".a.json.zz0_1234.tmp",
    ]
    for path in leftovers:
        path.write_bytes(b"half")
    temp_dir = tmp_path / ".bundle.abcd_123.tmp"
    moved_aside = tmp_path / ".bundle.old"
    for directory in (temp_dir, moved_aside):
        directory.mkdir()
        (directory / "a.json").write_bytes(b"{}")
    not_ours = [
        tmp_path / ".syncthing.schedule.json.tmp",  # Syncthing finishes or restarts its own copies
        tmp_path / "notes.tmp",
        tmp_path / ".profile.old",  # a file, not a directory moved aside
        tmp_path / "settings.json",
    ]
    for path in not_ours:
        path.write_bytes(b"keep")
    fresh = tmp_path / ".schedule.json.fresh_12.tmp"
    fresh.write_bytes(b"being written")
    for path in [*leftovers, temp_dir, moved_aside, *not_ours]:
        age(path, old)

    removed = sweep_stale_leftovers(tmp_path)

    assert sorted(removed) == sorted([*leftovers, temp_dir, moved_aside])
    assert not any(path.exists() for path in removed)
    assert all(path.read_bytes() == b"keep" for path in not_ours)
    assert fresh.read_bytes() == b"being written"
    assert (tmp_path / "bundle" / "a.json").read_bytes() == b"{}"


def test_kiosk_run_sweeps_old_leftovers_from_the_config_and_data_dirs_at_start(tmp_path: Path) -> None:
    config, data = tmp_path / "config", tmp_path / "data"
    (config / "playlists").mkdir(parents=True)
    data.mkdir()
    old_in_config = config / "playlists" / ".mine.json.ab_cd123.tmp"
    old_in_data = data / ".status.qq_12345.tmp"
    fresh = config / ".settings.json.fresh_99.tmp"
    for path in (old_in_config, old_in_data, fresh):
        path.write_bytes(b"half")
    age(old_in_config, STALE_AFTER_S + 60)
    age(old_in_data, STALE_AFTER_S + 60)
    done = run_until_exit(tmp_path, seconds=0.5)
    assert done.returncode == 0, done.stderr
    assert not old_in_config.exists() and not old_in_data.exists()
    assert fresh.exists()
    log = (data / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert f"removed {old_in_config}, left by a save that never finished" in log
