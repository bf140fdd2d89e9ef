"""systemd's notify protocol and watchdog, with no dependency: one datagram per message.

`notify("READY=1")` tells a `Type=notify` service manager the kiosk is up; `WATCHDOG=1`, sent at
half the interval systemd asks for (`WatchdogSec=`), proves the event loop still turns. Without
`$NOTIFY_SOCKET` (a terminal, a test, a desktop session) every call is a harmless no-op.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping


def _address(environ: Mapping[str, str]) -> str | None:
    """The socket systemd listens on: a path, or an abstract name written with a leading '@'."""
    address = environ.get("NOTIFY_SOCKET", "")
    if address.startswith("@"):
        return "\0" + address[1:]
    if address.startswith("/"):
        return address
    return None  # unset, or a transport this kiosk does not need (vsock)


def notify(state: str, environ: Mapping[str, str] | None = None) -> bool:
    """Send `state` (e.g. "READY=1", "WATCHDOG=1", "STOPPING=1") to systemd; False when not sent."""
    address = _address(os.environ if environ is None else environ)
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(state.encode("utf-8"), address)
    except OSError:
        return False
    return True


def watchdog_interval_s(environ: Mapping[str, str] | None = None) -> float | None:
    """The watchdog interval systemd expects pings within, or None when there is no watchdog.

    `WATCHDOG_USEC` gives the interval; `WATCHDOG_PID`, when set, names the process it is meant for,
    so a child that inherited the environment does not ping on its parent's behalf.
    """
    environ = os.environ if environ is None else environ
    try:
        usec = int(environ.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    pid = environ.get("WATCHDOG_PID")
    if pid:
        try:
            if int(pid) != os.getpid():
                return None
        except ValueError:
            return None
    return usec / 1_000_000


def watchdog_meant_for(environ: Mapping[str, str] | None = None) -> int | None:
    """The other process systemd's watchdog is meant for, when it is not this one, else None.

    Under a wrapper that systemd started (cage without `env -u WATCHDOG_PID`) the kiosk must not
    ping, and systemd kills the service every `WatchdogSec=`: worth one loud line in the log.
    """
    environ = os.environ if environ is None else environ
    if not environ.get("WATCHDOG_USEC"):
        return None
    try:
        pid = int(environ.get("WATCHDOG_PID", ""))
    except ValueError:
        return None
    return None if pid == os.getpid() else pid
