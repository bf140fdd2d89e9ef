"""cage with no screen, as the unprivileged user the units name, for the tests that run under it.

cage refuses to run as root, and the units run it as `kiosk`: as root the tests run it as `nobody`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CAGE = "/usr/bin/cage"
XWAYLAND = "/usr/bin/Xwayland"  # Debian's cage 0.1.4 will not start without it
CAGE_MISSING = not (Path(CAGE).exists() and Path(XWAYLAND).exists())
HEADLESS = {"WLR_BACKENDS": "headless", "WLR_LIBINPUT_NO_DEVICES": "1", "WLR_RENDERER": "pixman"}
NOBODY = 65534
VENV_KIOSK = str(Path(sys.executable).parent / "kiosk")
# What systemd does: WATCHDOG_PID is the pid of the process it starts, which then becomes ExecStart.
AS_SYSTEMD_STARTS_IT = ["/bin/sh", "-c", 'WATCHDOG_PID=$$; export WATCHDOG_PID; exec "$@"', "systemd"]


def unprivileged_prefix() -> list[str]:
    """Run as `nobody` when the test is root. Where this interpreter lives in a directory nobody may
    enter (a pyenv under /root), that user also gets CAP_DAC_READ_SEARCH, which lets it find files
    but neither write them nor gain any other privilege."""
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    reachable = subprocess.run(
        [*prefix, "--", *AS_SYSTEMD_STARTS_IT, VENV_KIOSK, "--version"], capture_output=True, check=False
    )
    if reachable.returncode != 0:
        prefix += ["--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"]
    return [*prefix, "--"]


def owned_directory(path: Path) -> Path:
    """A directory of the user cage runs as."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    return path


def x11_socket_directory() -> None:
    """wlroots refuses a /tmp/.X11-unix owned by another user; at boot systemd-tmpfiles creates it as
    root with the sticky bit (and the units' PrivateTmp= gives cage an empty /tmp of its own)."""
    directory = Path("/tmp/.X11-unix")
    if not directory.exists() and os.geteuid() == 0:
        directory.mkdir()
        directory.chmod(0o1777)
