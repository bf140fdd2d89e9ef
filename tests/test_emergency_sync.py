"""The hall's emergency message over two real Syncthing instances to a running kiosk: from the file
written on the staff PC to the message on the kiosk's screen (its status file says so the moment it
is), ten messages, p50 and max. Syncthing's own file watcher carries it (no scan is asked for), with
the watcher delay `kiosk fleet syncthing-config` writes."""

from __future__ import annotations

import datetime as dt
import functools
import json
import statistics
import time
from pathlib import Path

import pytest
from kiosk_process import KioskProcess
from syncthing_pair import syncthing_binary, syncthing_pair
from test_fleet_sync import read_json, wait_until, write_json

from kiosk.fleet.emergency import EmergencyMessage, MessageText, write_message
from kiosk.fleet.status import utc_text

MESSAGES = 10
GOAL_S = 5.0

pytestmark = pytest.mark.skipif(
    syncthing_binary() is None,
    reason="SYNCTHING IS NOT INSTALLED: the emergency latency test cannot run (apt-get install syncthing)",
)


def on_screen(status_file: Path) -> str | None:
    """The id of the message the kiosk's status file says is on its screen."""
    note = (read_json(status_file) or {}).get("emergency") or {}
    return str(note["id"]) if note.get("on_screen") else None


def shows(status_file: Path, ident: str) -> bool:
    return on_screen(status_file) == ident


def test_an_emergency_message_is_on_a_kiosk_within_seconds_over_syncthing(tmp_path: Path) -> None:
    binary = syncthing_binary()
    assert binary is not None
    with syncthing_pair(tmp_path / "sync", binary) as (staff, kiosk_node):
        write_json(
            tmp_path / "kiosk" / "config" / "fleet.json",
            {
                "kiosk_id": "entrance",
                "hall_dir": str(kiosk_node.hall_dir),
                "status_dir": str(kiosk_node.status_dir),
            },
        )
        kiosk_status = kiosk_node.status_dir / "entrance.json"
        latencies = []
        with KioskProcess(tmp_path / "kiosk") as kiosk:
            kiosk.wait_for_log("showcase is on screen")
            wait_until("a first status file", lambda: read_json(kiosk_status))
            # The first is sent while the kiosk is still starting (staff mode and the config watcher
            # come after the first frame): it is caught by the guard's own look, not timed.
            for number in range(-1, MESSAGES):
                ident = f"message-{number}"
                message = EmergencyMessage(
                    id=ident,
                    zh=MessageText("参观公告", [f"第 {number} 条"]),
                    en=MessageText("Announcement", [f"Number {number}"]),
                    ends_at=utc_text(dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)),
                )
                written = time.monotonic()
                write_message(staff.hall_dir, message)
                wait_until(f"{ident} on the kiosk's screen", functools.partial(shows, kiosk_status, ident))
                if number >= 0:
                    latencies.append(time.monotonic() - written)
            assert "emergency message 'message-9' on this kiosk" in kiosk.log_text()
    p50, worst = statistics.median(latencies), max(latencies)
    print(f"emergency message, file written -> on screen over Syncthing: p50 {p50:.2f} s, max {worst:.2f} s")
    print(json.dumps([round(latency, 2) for latency in latencies]))
    assert worst <= GOAL_S, f"p50 {p50:.2f} s, max {worst:.2f} s: {latencies}"
