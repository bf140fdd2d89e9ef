"""Offline by construction: the kiosk makes no network call, and display-only ignores every touch.

The network check runs the kiosk in a child process under an audit hook (tests/offline_child.py)
that ends it at the first socket connect, host-name lookup or URL request. The controls run the
same hook on deliberate calls and must fail, so a hook that caught nothing could not pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from kiosk_factory import KioskUnderTest, MakeKiosk
from kiosk_harness import playing
from PySide6.QtCore import QPoint, QSize

from kiosk.settings import Settings

CHILD = Path(__file__).with_name("offline_child.py")
VIOLATION = 3


def run_child(mode: str, data_dir: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("NOTIFY_", "WATCHDOG_"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HOME"] = str(data_dir)  # nothing may be read from, or written to, the real home
    return subprocess.run(
        [sys.executable, str(CHILD), mode, str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_a_visitor_journey_touches_no_network(tmp_path: Path) -> None:
    result = run_child("journey", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "offline violation" not in result.stderr
    visited = next(line for line in result.stdout.splitlines() if line.startswith("visited:")).split()[1:]
    assert visited == ["hub", "industry", "innovation", "livelihood", "regional", "intro", "hub"], (
        "the journey reached every page, so every page was checked"
    )
    assert "qtnetwork: False" in result.stdout, "Qt's own networking, invisible to the hook, is never loaded"


def test_kiosk_run_touches_no_network(tmp_path: Path) -> None:
    result = run_child("run", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "offline violation" not in result.stderr
    assert "showcase is on screen" in (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")


def test_kiosk_run_in_a_hall_touches_no_network(tmp_path: Path) -> None:
    """A hall folder as Syncthing fills it: the pack from the hall, its playlist, the status file."""
    result = run_child("run-hall", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "offline violation" not in result.stderr
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "content pack from hall" in log and "showcase is on screen" in log
    status = json.loads((tmp_path / "hall-status" / "offline.json").read_text(encoding="utf-8"))
    assert status["content_origin"] == "hall" and status["now_playing"]["playlist"] == "short"


@pytest.mark.parametrize(
    ("mode", "event"),
    [
        ("leak-in-slot", "socket.getaddrinfo"),
        ("call:getaddrinfo", "socket.getaddrinfo"),
        ("call:gethostbyname", "socket.gethostbyname"),
        ("call:connect", "socket.connect"),
        ("call:urlopen", "urllib.Request"),
    ],
)
def test_control_the_hook_catches_a_deliberate_network_call(tmp_path: Path, mode: str, event: str) -> None:
    """The same hook, with a network call planted: a lookup from a Qt slot in the event loop
    (where an exception could be swallowed), and each kind of call on its own."""
    result = run_child(mode, tmp_path)
    assert result.returncode == VIOLATION, result.stderr
    assert f"offline violation: {event}" in result.stderr


# Display-only signage --------------------------------------------------------------------------


@pytest.fixture
def signage(make_kiosk: MakeKiosk) -> KioskUnderTest:
    return make_kiosk(size=QSize(1280, 720), playlist="short", settings=Settings(display_only=True))


def test_display_only_never_leaves_the_showcase(signage: KioskUnderTest) -> None:
    shell = signage.shell
    first = playing(shell.player).slide if shell.player.cue else None
    for point in (QPoint(100, 100), QPoint(640, 360), QPoint(1200, 700)):
        signage.touch([point])
        signage.click_at(point)
        signage.advance(0.5)
        assert not shell.showing_visitor_pages()
    assert shell.stack.currentWidget() is shell.player
    assert shell.player.current is not None and shell.player.current.as_widget().isVisible()
    assert shell.player.cue is not None and playing(shell.player).slide == first, "the loop was not disturbed"
    assert not shell.visitor.isVisible(), "no visitor page was ever shown"
