"""The display on/off commands: run with the user's environment, not the frozen build's libraries,
and said at start when they cannot work (not installed; wlr-randr under a cage without
wlr-output-management)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from headless_cage import (
    CAGE,
    CAGE_MISSING,
    HEADLESS,
    owned_directory,
    unprivileged_prefix,
    x11_socket_directory,
)

from kiosk.system.display import (
    DisplaySwitch,
    child_environment,
    display_command_problem,
    run_display_command,
)


def errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_display_program_that_is_not_installed_is_said_once_at_start(
    caplog: pytest.LogCaptureFixture,
) -> None:
    switch = DisplaySwitch(["no-such-display-tool", "--off"], ["no-such-display-tool", "--on"])
    with caplog.at_level(logging.INFO):
        switch.check()
        switch.wait()
    assert errors(caplog) == [
        "display off command cannot work here: no-such-display-tool is not installed (not found on PATH)"
    ]


def test_a_working_display_command_draws_no_complaint(caplog: pytest.LogCaptureFixture) -> None:
    switch = DisplaySwitch([sys.executable, "-c", ""], [])
    with caplog.at_level(logging.INFO):
        switch.check()
        switch.wait()
    assert errors(caplog) == []


@pytest.mark.parametrize(
    ("users_path", "expected"), [("/usr/local/lib/panel", "/usr/local/lib/panel"), (None, "<unset>")]
)
def test_display_commands_get_the_users_library_path_not_the_frozen_bundles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, users_path: str | None, expected: str
) -> None:
    """PyInstaller's bootloader sets LD_LIBRARY_PATH to the bundle and keeps the user's value (if
    any) in LD_LIBRARY_PATH_ORIG; a display command must see the user's."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", str(tmp_path / "bundle"))
    if users_path is None:
        monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    else:
        monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", users_path)
    seen = tmp_path / "seen.json"
    report = "import json, os, sys; json.dump(dict(os.environ), open(sys.argv[1], 'w'))"
    assert run_display_command([sys.executable, "-c", report, str(seen)], "off")
    environment = json.loads(seen.read_text(encoding="utf-8"))
    assert environment.get("LD_LIBRARY_PATH", "<unset>") == expected
    assert "LD_LIBRARY_PATH_ORIG" not in environment


def test_outside_the_frozen_build_the_environment_is_passed_as_it_is() -> None:
    environ = {"LD_LIBRARY_PATH": "/opt/lib", "PATH": "/usr/bin"}
    assert child_environment(environ, frozen=False) == environ
    assert child_environment(environ, frozen=True) == {"PATH": "/usr/bin"}


@pytest.mark.skipif(
    CAGE_MISSING or shutil.which("wlr-randr") is None,
    reason="CAGE OR WLR-RANDR IS NOT INSTALLED: the display-off check is not tried under cage "
    "(apt-get install cage xwayland wlr-randr)",
)
def test_wlr_randr_under_the_documented_cage_is_found_out_before_closing_time() -> None:
    """Under the cage the README installs, the kiosk's check agrees with what `wlr-randr --off` does:
    a complaint exactly when switching the output off fails (Debian 12's cage 0.1.4: always)."""
    command = ["wlr-randr", "--output", "HEADLESS-1", "--off"]
    probe = (
        "import json, os, subprocess, sys\n"
        "from kiosk.system.display import display_command_problem\n"
        "command = json.loads(sys.argv[1])\n"
        "problem = display_command_problem(command, dict(os.environ))\n"
        "off = subprocess.run(command, capture_output=True, text=True)\n"
        "print(json.dumps([problem, off.returncode, off.stderr]))\n"
    )
    x11_socket_directory()
    with tempfile.TemporaryDirectory(prefix="cage-") as root:
        runtime = owned_directory(Path(root))
        result = subprocess.run(
            [*unprivileged_prefix(), CAGE, "--", sys.executable, "-c", probe, json.dumps(command)],
            env={**os.environ, **HEADLESS, "XDG_RUNTIME_DIR": str(runtime)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    answer = next((line for line in result.stdout.splitlines() if line.startswith("[")), None)
    assert answer is not None, result.stdout + result.stderr
    problem, off_status, off_stderr = json.loads(answer)
    if off_status == 0:
        assert problem is None
    else:
        assert problem is not None and "wlr-randr cannot switch outputs under this compositor" in problem
        assert off_stderr.strip().splitlines()[-1] in problem, "the compositor's own words, quoted"


def test_a_wlr_randr_output_that_does_not_exist_is_named(tmp_path: Path) -> None:
    """A stand-in wlr-randr that lists one output, as the real one prints it."""
    fake = tmp_path / "wlr-randr"
    fake.write_text("#!/bin/sh\nprintf '%s\\n' 'DP-1 \"Dell\"' '  Enabled: yes'\n", encoding="utf-8")
    fake.chmod(0o755)
    environ = {"PATH": str(tmp_path)}
    assert display_command_problem(["wlr-randr", "--output", "DP-1", "--off"], environ) is None
    assert display_command_problem(["wlr-randr", "--output", "HDMI-A-1", "--off"], environ) == (
        "wlr-randr has no output HDMI-A-1 here (outputs: DP-1)"
    )
