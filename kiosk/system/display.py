"""Switching the physical display off and on with the command the installer configured.

The command runs in a worker thread, so a slow HDMI-CEC bus never freezes the event loop; whatever
it does, it is logged, and a failure changes nothing else: a closed kiosk stays black.
"""

from __future__ import annotations

import logging
import subprocess
import threading

log = logging.getLogger(__name__)

COMMAND_TIMEOUT_S = 20.0


class DisplaySwitch:
    """Runs `off_command` or `on_command` (argument lists, no shell); an empty command does nothing."""

    def __init__(self, off_command: list[str], on_command: list[str]) -> None:
        self.off_command = list(off_command)
        self.on_command = list(on_command)
        self._worker: threading.Thread | None = None

    def switch(self, on: bool) -> None:
        command = self.on_command if on else self.off_command
        if not command:
            return
        self.wait()
        self._worker = threading.Thread(
            target=run_display_command,
            args=(command, "on" if on else "off"),
            name="display-switch",
            daemon=True,
        )
        self._worker.start()

    def wait(self, timeout_s: float = COMMAND_TIMEOUT_S + 5) -> None:
        """Until the last command has finished; for an orderly exit and for tests."""
        if self._worker is not None:
            self._worker.join(timeout_s)


def run_display_command(command: list[str], state: str) -> bool:
    """Run one display command; True when it exited 0. Never raises."""
    shown = " ".join(command)
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError) as error:
        log.error("display %s command failed: %s: %s", state, shown, error)
        return False
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        log.error(
            "display %s command failed: %s exited with %d%s",
            state,
            shown,
            result.returncode,
            f": {detail[-1]}" if detail else "",
        )
        return False
    log.info("display %s: %s", state, shown)
    return True
