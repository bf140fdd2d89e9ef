"""Safe mode: `kiosk run --safe`, and the crash-loop breaker that starts it by itself.

Each run is `kiosk run` in a child process, as systemd (Restart=always) would start it again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kiosk_process import run_until_exit

from kiosk.fleet.crashloop import CRASHES_FOR_SAFE_MODE

REPO = Path(__file__).resolve().parent.parent


def status_of(root: Path) -> dict[str, object]:
    (path,) = (root / "data" / "status").glob("*.json")
    status: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return status


def test_a_kiosk_crashing_at_start_comes_up_in_safe_mode(tmp_path: Path) -> None:
    """The unit's command line names a content pack that is broken: every start crashes, until
    the breaker starts the same command in safe mode, on the bundled pack."""
    broken = tmp_path / "broken-pack"
    shutil.copytree(REPO / "assets" / "content", broken)
    (broken / "slides.json").write_text('{"slides": [', encoding="utf-8")
    for _ in range(CRASHES_FOR_SAFE_MODE):
        crashed = run_until_exit(tmp_path, "--content", str(broken))
        assert crashed.returncode != 0
        assert "slides.json" in crashed.stderr
    safe = run_until_exit(tmp_path, "--content", str(broken))
    assert safe.returncode == 0, safe.stderr
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert f"SAFE MODE (the last {CRASHES_FOR_SAFE_MODE} starts crashed" in log
    assert "the showcase is on screen" in log
    status = status_of(tmp_path)
    assert status["mode"] == "safe" and status["content_origin"] == "bundled"
    assert "starts crashed" in str(status["safe_reason"])


def test_safe_mode_reads_no_hall_or_staff_file(tmp_path: Path) -> None:
    config = tmp_path / "config"
    (config / "hall" / "playlists").mkdir(parents=True)
    shutil.copytree(REPO / "assets" / "content", config / "content")
    (config / "content" / "figures.json").write_text("{", encoding="utf-8")
    (config / "settings.json").write_text('{"idle_timeout_s": 5}', encoding="utf-8")
    (config / "schedule.json").write_text(
        '{"schema_version": 1, "default_playlist": "short"}', encoding="utf-8"
    )
    result = run_until_exit(tmp_path, "--safe")
    assert result.returncode == 0, result.stderr
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "SAFE MODE (asked for with --safe)" in log
    assert "refused" not in log and "passed over" not in log, "no staff file was even read"
    status = status_of(tmp_path)
    assert status["mode"] == "safe" and status["content_origin"] == "bundled"
    assert status["now_playing"] == {"playlist": "full", "slide": "title_intro"}


def test_safe_mode_started_by_systemd_says_which_unit_failed(tmp_path: Path) -> None:
    env = {
        "MONITOR_UNIT": "xiangjiang-kiosk.service",
        "MONITOR_SERVICE_RESULT": "exit-code",
        "MONITOR_EXIT_STATUS": "1",
    }
    result = run_until_exit(tmp_path, "--safe", env=env)
    assert result.returncode == 0, result.stderr
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert (
        "SAFE MODE (started by systemd because xiangjiang-kiosk.service failed (exit-code, exit status 1))"
        in log
    )
