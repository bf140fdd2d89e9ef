"""`kiosk run` in a child process, as systemd or an operator starts it, for the signal and systemd tests.

Waiting polls the log file (or a socket, with a timeout): nothing waits on an animation.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

STARTUP_TIMEOUT_S = 30.0


def kiosk_environment() -> dict[str, str]:
    """This test process's environment without what systemd or a hall gives a real kiosk."""
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NOTIFY_", "WATCHDOG_", "KIOSK_", "MONITOR_"))
    }
    base["QT_QPA_PLATFORM"] = "offscreen"
    return base


def run_until_exit(
    root: Path, *extra: str, env: dict[str, str] | None = None, seconds: float = 1.5
) -> subprocess.CompletedProcess[str]:
    """`kiosk run` on `root`'s config and data dirs, quitting by itself after `seconds`."""
    command = [
        sys.executable,
        "-m",
        "kiosk",
        "run",
        "--size",
        "800x600",
        "--config-dir",
        str(root / "config"),
        "--data-dir",
        str(root / "data"),
        "--exit-after",
        str(seconds),
        *extra,
    ]
    return subprocess.run(
        command,
        env={**kiosk_environment(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


class KioskProcess:
    def __init__(self, root: Path, *extra: str, env: dict[str, str] | None = None) -> None:
        self.config_dir = root / "config"
        self.data_dir = root / "data"
        self.log_path = self.data_dir / "logs" / "kiosk.log"
        self.stderr_path = root / "stderr.txt"
        base = {
            key: value for key, value in os.environ.items() if not key.startswith(("NOTIFY_", "WATCHDOG_"))
        }
        base["QT_QPA_PLATFORM"] = "offscreen"
        command = [
            sys.executable,
            "-m",
            "kiosk",
            "run",
            "--windowed",
            "--size",
            "800x600",
            "--config-dir",
            str(self.config_dir),
            "--data-dir",
            str(self.data_dir),
            *extra,
        ]
        self._stderr = open(self.stderr_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(command, env={**base, **(env or {})}, stderr=self._stderr)

    def __enter__(self) -> KioskProcess:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        self._stderr.close()

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""

    def wait_for_log(self, text: str, timeout: float = STARTUP_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log_text():
            if self.process.poll() is not None:
                raise AssertionError(
                    f"the kiosk exited ({self.process.returncode}) before logging {text!r}:\n"
                    f"{self.stderr_path.read_text(encoding='utf-8')}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} in the log after {timeout} s:\n{self.log_text()}")
            time.sleep(0.05)  # polling a file, not waiting for the app to reach a state by time
