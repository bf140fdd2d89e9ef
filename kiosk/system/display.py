"""Switching the physical display off and on with the command the installer configured.

The command runs in a worker thread, so a slow HDMI-CEC bus never freezes the event loop; whatever
it does, it is logged, and a failure changes nothing else: a closed kiosk stays black. At start
(and when staff change a command) what can be known cheaply against a command is said once: its
program is not installed, or it is `wlr-randr` under a compositor without wlr-output-management
(Debian 12's cage 0.1.4), which `wlr-randr` with no arguments, a harmless listing, finds out.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

log = logging.getLogger(__name__)

COMMAND_TIMEOUT_S = 20.0
WLR_RANDR = "wlr-randr"


def child_environment(environ: Mapping[str, str] | None = None, frozen: bool | None = None) -> dict[str, str]:
    """The environment for a program of the user's (wlr-randr, cec-ctl): in the PyInstaller build the
    bootloader points LD_LIBRARY_PATH at the bundle's own libraries and keeps the user's value in
    LD_LIBRARY_PATH_ORIG; the bundle's libraries would make the user's program load the wrong ones."""
    environment = dict(os.environ if environ is None else environ)
    if not (getattr(sys, "frozen", False) if frozen is None else frozen):
        return environment
    original = environment.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        environment.pop("LD_LIBRARY_PATH", None)
    else:
        environment["LD_LIBRARY_PATH"] = original
    return environment


class DisplaySwitch:
    """Runs `off_command` or `on_command` (argument lists, no shell); an empty command does nothing."""

    def __init__(self, off_command: list[str], on_command: list[str]) -> None:
        self.off_command = list(off_command)
        self.on_command = list(on_command)
        self._worker: threading.Thread | None = None

    def switch(self, on: bool) -> None:
        command = self.on_command if on else self.off_command
        if command:
            self._run(functools.partial(run_display_command, command, "on" if on else "off"))

    def check(self) -> None:
        """Say once, in the log, why a configured command cannot work here (in the worker thread:
        the wlr-randr listing talks to the compositor)."""
        self._run(functools.partial(check_display_commands, self.off_command, self.on_command))

    def _run(self, work: Callable[[], object]) -> None:
        self.wait()
        self._worker = threading.Thread(target=work, name="display-switch", daemon=True)
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
            env=child_environment(),
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


def check_display_commands(off_command: list[str], on_command: list[str]) -> None:
    """Log, once each, why the off or on command cannot work here."""
    said: set[str] = set()
    for state, command in (("off", off_command), ("on", on_command)):
        problem = display_command_problem(command, child_environment())
        if problem is not None and problem not in said:
            said.add(problem)
            log.error("display %s command cannot work here: %s", state, problem)


def display_command_problem(command: list[str], environ: Mapping[str, str]) -> str | None:
    """Why `command` cannot work, as far as a cheap look finds; None when nothing is known against it."""
    if not command:
        return None
    program = command[0]
    if shutil.which(program, path=environ.get("PATH", os.defpath)) is None:
        return f"{program} is not installed (not found on PATH)"
    if Path(program).name != WLR_RANDR:
        return None
    try:
        listing = subprocess.run(
            [program],
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            check=False,
            stdin=subprocess.DEVNULL,
            env=dict(environ),
        )
    except (OSError, subprocess.SubprocessError) as error:
        return f"{program} does not run: {error}"
    if listing.returncode != 0:
        detail = (listing.stderr or listing.stdout).strip().splitlines()
        return (
            f"{program} cannot switch outputs under this compositor"
            f"{f' ({detail[-1]})' if detail else ''}; cage 0.1.4 (Debian 12) has no"
            " wlr-output-management: see the README's opening-hours recipes"
        )
    outputs = [line.split()[0] for line in listing.stdout.splitlines() if line and not line[0].isspace()]
    if "--output" in command[:-1]:
        wanted = command[command.index("--output") + 1]
        if wanted not in outputs:
            return f"{program} has no output {wanted} here (outputs: {', '.join(outputs) or 'none'})"
    return None
