"""systemd integration: READY=1 after the first frame, watchdog pings that stop when the loop hangs.

A datagram socket bound by the test stands in for systemd; waiting for a message uses the socket's
timeout, never a sleep.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from kiosk_process import KioskProcess
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.system.watchdog import notify, watchdog_interval_s, watchdog_meant_for
from kiosk.ui.runtime.systemd import SystemdLink, WatchdogPinger


class FakeSystemd:
    """The notify socket systemd would listen on."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind("\0" + address[1:] if address.startswith("@") else address)

    def receive(self, timeout: float) -> str | None:
        """The next message, or None when none comes within `timeout` seconds."""
        self.socket.settimeout(timeout)
        try:
            return self.socket.recv(4096).decode("utf-8")
        except TimeoutError:
            return None

    def pending(self) -> list[str]:
        """Every message already queued, without waiting."""
        messages = []
        self.socket.setblocking(False)
        try:
            while True:
                messages.append(self.socket.recv(4096).decode("utf-8"))
        except BlockingIOError:
            return messages

    def wait_for(self, state: str, timeout: float) -> list[str]:
        """Messages up to and including the first that carries `state`."""
        deadline = time.monotonic() + timeout
        seen: list[str] = []
        while True:
            message = self.receive(max(0.01, deadline - time.monotonic()))
            if message is None:
                raise AssertionError(f"no {state} within {timeout} s; got {seen}")
            seen.append(message)
            if state in message.splitlines():
                return seen


@pytest.fixture
def systemd() -> Iterator[FakeSystemd]:
    fake = FakeSystemd(f"@kiosk-test-{uuid.uuid4().hex}")  # abstract namespace, as systemd uses
    yield fake
    fake.socket.close()


def test_notify_reaches_a_socket_by_path_and_by_abstract_name(systemd: FakeSystemd) -> None:
    assert notify("READY=1", {}) is False, "no NOTIFY_SOCKET: nothing to tell"
    assert notify("READY=1", {"NOTIFY_SOCKET": systemd.address}) is True
    assert systemd.receive(1.0) == "READY=1"
    with tempfile.TemporaryDirectory(prefix="k") as directory:  # short: a socket path has 108 bytes
        by_path = FakeSystemd(os.path.join(directory, "notify"))
        assert notify("WATCHDOG=1", {"NOTIFY_SOCKET": by_path.address}) is True
        assert by_path.receive(1.0) == "WATCHDOG=1"
        by_path.socket.close()
    assert notify("READY=1", {"NOTIFY_SOCKET": "@nobody-listens-" + uuid.uuid4().hex}) is False


def test_the_watchdog_interval_comes_from_the_environment() -> None:
    assert watchdog_interval_s({}) is None
    assert watchdog_interval_s({"WATCHDOG_USEC": "400000"}) == pytest.approx(0.4)
    assert watchdog_interval_s({"WATCHDOG_USEC": "400000", "WATCHDOG_PID": str(os.getpid())}) == 0.4
    assert watchdog_interval_s({"WATCHDOG_USEC": "400000", "WATCHDOG_PID": "1"}) is None, "meant for another"
    assert watchdog_interval_s({"WATCHDOG_USEC": "soon"}) is None
    assert watchdog_interval_s({"WATCHDOG_USEC": "0"}) is None


def test_a_watchdog_meant_for_the_parent_is_not_fed_and_said_loudly(
    qapp: QApplication,
    systemd: FakeSystemd,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """cage started by systemd without `env -u WATCHDOG_PID`: the kiosk must not ping on cage's behalf,
    and the log must say why systemd keeps killing it."""
    monkeypatch.setenv("NOTIFY_SOCKET", systemd.address)
    monkeypatch.setenv("WATCHDOG_USEC", "400000")
    monkeypatch.setenv("WATCHDOG_PID", str(os.getppid()))
    assert watchdog_meant_for() == os.getppid()
    link = SystemdLink()
    with caplog.at_level(logging.INFO):
        link.ready()
    assert link.pinger is None
    assert systemd.pending() == ["READY=1\nSTATUS=Showing the showcase"]
    assert f"systemd's watchdog is meant for pid {os.getppid()}" in caplog.text
    assert "env -u WATCHDOG_PID" in caplog.text
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert watchdog_meant_for() is None, "the kiosk itself: no complaint"
    link.deleteLater()


def test_the_kiosk_says_ready_pings_the_watchdog_and_says_stopping(
    tmp_path: Path, systemd: FakeSystemd
) -> None:
    env = {"NOTIFY_SOCKET": systemd.address, "WATCHDOG_USEC": "400000"}
    with KioskProcess(tmp_path, env=env) as kiosk:
        before_ready = systemd.wait_for("READY=1", timeout=30)
        assert "WATCHDOG=1" not in before_ready
        assert "the showcase is on screen" in kiosk.log_text(), "ready means the first frame is up"
        pings = [systemd.wait_for("WATCHDOG=1", timeout=2.0) for _ in range(4)]
        assert len(pings) == 4, "pings every 200 ms, half the 400 ms interval"
        kiosk.process.send_signal(signal.SIGTERM)
        systemd.wait_for("STOPPING=1", timeout=10)
        assert kiosk.process.wait(timeout=10) == 0


def test_a_hung_event_loop_stops_the_pings(
    qapp: QApplication, systemd: FakeSystemd, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    monkeypatch.setenv("NOTIFY_SOCKET", systemd.address)
    pinger = WatchdogPinger(0.2)  # a ping every 100 ms while the loop turns
    try:
        pinger.start()
        assert systemd.receive(1.0) == "WATCHDOG=1"
        received: list[str] = []

        def pings_arrive(count: int) -> bool:
            received.extend(systemd.pending())
            return received.count("WATCHDOG=1") >= count

        qtbot.waitUntil(lambda: pings_arrive(2), timeout=2000)

        during_hang: list[str] = []
        finished: list[bool] = []

        def hang() -> None:
            systemd.pending()  # whatever was sent before the hang
            time.sleep(0.8)  # the event loop is stuck here, as in a deadlocked slot
            during_hang.extend(systemd.pending())
            finished.append(True)

        QTimer.singleShot(0, hang)
        qtbot.waitUntil(lambda: bool(finished), timeout=3000)
        assert during_hang == [], "no ping while the event loop hung: systemd would restart the kiosk"
        received.clear()
        qtbot.waitUntil(lambda: pings_arrive(1), timeout=2000)
    finally:
        pinger.stop()
        pinger.deleteLater()
