"""Every shipped unit's ExecStart line that runs the kiosk, run the way systemd runs it, with cage
headless.

systemd starts ExecStart as the unit's main process with `NOTIFY_SOCKET`, `WATCHDOG_USEC` (from
`WatchdogSec=`) and `WATCHDOG_PID` set to that process's own pid: for the cage units cage's, not the
kiosk's. This test does the same as an unprivileged user (`User=kiosk`), with a datagram socket of
its own standing in for systemd, and checks what systemd would: READY=1, then WATCHDOG=1 at least
once in every watchdog interval for a minute. The X11 user unit's kiosk is the main process itself;
its X server, which a desktop session would provide, is a headless cage's Xwayland here. The
installed `/opt/xiangjiang-kiosk/kiosk` is this virtual environment's `kiosk` script;
`RuntimeDirectory=` and `CacheDirectory=` are temporary directories of that user.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import select
import shlex
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from headless_cage import (
    AS_SYSTEMD_STARTS_IT,
    CAGE,
    CAGE_MISSING,
    HEADLESS,
    VENV_KIOSK,
    owned_directory,
    unprivileged_prefix,
    x11_socket_directory,
)

REPO = Path(__file__).resolve().parent.parent
INSTALLED_KIOSK = "/opt/xiangjiang-kiosk/kiosk"
KIOSK_UNITS = [
    unit
    for unit in sorted((REPO / "packaging").rglob("*.service"))
    if INSTALLED_KIOSK in unit.read_text(encoding="utf-8")
]
OBSERVED_S = 60.0

pytestmark = pytest.mark.skipif(
    CAGE_MISSING,
    reason="CAGE IS NOT INSTALLED: the units' ExecStart lines and watchdog are not tested "
    "(apt-get install cage xwayland)",
)


def settings(unit: Path, key: str) -> list[str]:
    prefix = key + "="
    return [
        line[len(prefix) :]
        for line in unit.read_text(encoding="utf-8").splitlines()
        if line.startswith(prefix)
    ]


def exec_start(unit: Path) -> list[str]:
    (line,) = settings(unit, "ExecStart")
    return [VENV_KIOSK if word == INSTALLED_KIOSK else word for word in shlex.split(line)]


def seconds(unit: Path, key: str) -> float:
    (value,) = settings(unit, key)
    return float(value.removesuffix("s"))


@dataclass
class RunningUnit:
    unit: Path
    process: subprocess.Popen[bytes]
    notify: socket.socket
    home: Path
    watchdog_s: float
    messages: list[tuple[float, str]] = field(default_factory=list)

    def states(self) -> list[tuple[float, str]]:
        return [(at, state) for at, message in self.messages for state in message.splitlines()]

    def ready_at(self) -> float | None:
        return next((at for at, state in self.states() if state == "READY=1"), None)

    def log(self) -> str:
        """What cage printed and the kiosk's log, for a failure message."""
        logs = sorted(self.home.glob(".local/share/xiangjiang-kiosk/logs/kiosk.log"))
        kiosk_log = logs[0].read_text(encoding="utf-8") if logs else "(no kiosk log)"
        output = (self.home.parent / "output.txt").read_text(encoding="utf-8", errors="replace")
        return f"{output}\n{kiosk_log}"


@contextmanager
def started(unit: Path, root: Path) -> Iterator[RunningUnit]:
    home = owned_directory(root / "home")
    for directory in (
        ".config",
        ".config/xiangjiang-kiosk",
        ".local",
        ".local/share",
        ".local/share/xiangjiang-kiosk",
    ):
        owned_directory(home / directory)
    address = f"kiosk-unit-test-{uuid.uuid4().hex}"
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind("\0" + address)  # abstract, as systemd's: reachable whatever the user
    watchdog_s = seconds(unit, "WatchdogSec")
    environment = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "USER": "kiosk",
        **dict(line.split("=", 1) for line in settings(unit, "Environment")),
        # RuntimeDirectory= and CacheDirectory=, which systemd would create for the unit
        "XDG_RUNTIME_DIR": str(owned_directory(root / "run")),
        "XDG_CACHE_HOME": str(owned_directory(root / "cache")),
        "NOTIFY_SOCKET": "@" + address,
        "WATCHDOG_USEC": str(round(watchdog_s * 1_000_000)),
        **HEADLESS,
    }
    program = exec_start(unit)
    # A unit that does not start cage itself draws on the session's X server: Xwayland in a cage.
    display = [] if CAGE in program else [CAGE, "--"]
    command = [*unprivileged_prefix(), *display, *AS_SYSTEMD_STARTS_IT, *program]
    output = open(root / "output.txt", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        command, env=environment, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        yield RunningUnit(unit, process, notify, home, watchdog_s)
    finally:
        stop_group(process)
        output.close()
        notify.close()


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """End the unit's whole process group, as systemd ends its cgroup: cage exits at SIGTERM before
    its child kiosk and Xwayland do, and they still write into the unit's folders while they stop."""
    group = process.pid
    for signal_number in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal_number)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            process.poll()
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
    raise AssertionError(f"process group {group} outlived SIGKILL")


def receive(units: list[RunningUnit], until: float) -> None:
    """Every message that arrives before `until` (a monotonic time), noted with its arrival time."""
    by_socket = {unit.notify: unit for unit in units}
    while (left := until - time.monotonic()) > 0:
        ready, _, _ = select.select(list(by_socket), [], [], left)
        for sock in ready:
            by_socket[sock].messages.append((time.monotonic(), sock.recv(4096).decode("utf-8")))


def longest_silence(unit: RunningUnit, end: float) -> float:
    """The longest time after READY=1 without a watchdog ping, up to `end`."""
    ready = unit.ready_at()
    assert ready is not None
    pings = [at for at, state in unit.states() if state == "WATCHDOG=1" and at >= ready]
    marks = [ready, *pings, end]
    return max(later - earlier for earlier, later in itertools.pairwise(marks))


def test_every_kiosk_unit_says_ready_and_feeds_the_watchdog_for_a_minute() -> None:
    x11_socket_directory()
    with ExitStack() as stack:
        root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kiosk-units-")))
        owned_directory(root)
        units = [
            stack.enter_context(started(unit, root / f"{unit.parent.name}-{unit.stem}"))
            for unit in KIOSK_UNITS
        ]
        assert len(units) == 3, "the cage unit, its safe twin and the X11 user unit"
        timeout = max(seconds(unit.unit, "TimeoutStartSec") for unit in units)
        deadline = time.monotonic() + timeout
        while any(unit.ready_at() is None for unit in units) and time.monotonic() < deadline:
            assert all(unit.process.poll() is None for unit in units), [
                (unit.unit.name, unit.process.returncode, unit.log()) for unit in units
            ]
            receive(units, min(deadline, time.monotonic() + 0.5))
        for unit in units:
            assert unit.ready_at() is not None, f"{unit.unit.name}: no READY=1 in {timeout} s\n{unit.log()}"

        end = max(unit.ready_at() or 0.0 for unit in units) + OBSERVED_S
        while time.monotonic() < end:
            receive(units, min(end, time.monotonic() + 1.0))
            now = time.monotonic()
            for unit in units:
                silence = longest_silence(unit, now)
                assert silence <= unit.watchdog_s, (
                    f"{unit.unit.name}: no WATCHDOG=1 for {silence:.1f} s, more than WatchdogSec="
                    f"{unit.watchdog_s:.0f}: systemd would kill the kiosk\n{unit.log()}"
                )
                assert unit.process.poll() is None, f"{unit.unit.name} exited early\n{unit.log()}"
        for unit in units:
            pings = [state for _, state in unit.states() if state == "WATCHDOG=1"]
            assert len(pings) >= OBSERVED_S / unit.watchdog_s, (unit.unit.name, unit.states())
