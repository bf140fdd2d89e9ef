"""Runs the kiosk under an audit hook that ends the process at the first network call.

Used by tests/test_offline.py in a child process, because an audit hook can never be removed.

    python offline_child.py journey DATA_DIR       showcase, hub and every topic page, tapped
    python offline_child.py run DATA_DIR           `kiosk run` as an operator starts it
    python offline_child.py run-hall DATA_DIR      the same in a hall: content pack, playlist and status
    python offline_child.py leak-in-slot DATA_DIR  control: a Qt slot resolves a host name
    python offline_child.py call:NAME DATA_DIR     control: one deliberate network call, no Qt

Exit 0 when no network was touched; 3, with the event and a stack on stderr, at the first attempt.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Installed before anything else is imported: a connection made at import time counts too.
FORBIDDEN = frozenset(
    {
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "urllib.Request",
        "http.client.connect",
        "webbrowser.open",
    }
)
VIOLATION = 3


def _no_network(event: str, args: tuple[Any, ...]) -> None:
    if event in FORBIDDEN:
        sys.stderr.write(f"offline violation: {event} {args!r}\n")
        traceback.print_stack(file=sys.stderr)
        sys.stderr.flush()
        os._exit(VIOLATION)  # not an exception: a caller's `except` could swallow that


sys.addaudithook(_no_network)


def deliberate_call(name: str) -> None:
    import socket
    import urllib.request

    calls: dict[str, Callable[[], object]] = {
        "getaddrinfo": lambda: socket.getaddrinfo("example.com", 80),
        "gethostbyname": lambda: socket.gethostbyname("example.com"),
        "connect": lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("192.0.2.1", 9)),
        "urlopen": lambda: urllib.request.urlopen("http://192.0.2.1/", timeout=0.5),
    }
    calls[name]()


def journey(data_dir: str, leak: bool = False) -> None:
    """A visitor's tour with the real clock and the real event loop: every page, then idle."""
    from PySide6.QtCore import QSize, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.clock import SystemClock
    from kiosk.content.models import VISITOR_TOPICS
    from kiosk.settings import Locations, Settings
    from kiosk.ui.runtime.qt_messages import route_qt_messages_to_log
    from kiosk.ui.runtime.startup import build_kiosk, start, warm_up
    from kiosk.ui.visitor.view import NAVIGATION_GUARD_S

    route_qt_messages_to_log()
    runtime = start()
    locations = Locations(config_dir=Path(data_dir) / "config", data_dir=Path(data_dir))
    settings = Settings()
    shell = build_kiosk(runtime, SystemClock(), locations, settings, kiosk_mode=False)
    player = shell.player
    shell.resize(QSize(1280, 720))
    shell.show()
    player.start()
    visited: list[str] = []
    shell.visitor.page_shown.connect(visited.append)
    if leak:
        import socket

        QTimer.singleShot(200, lambda: socket.getaddrinfo("example.com", 80))
    QTest.qWait(400)
    warm_up()
    device = QTest.createTouchDevice()

    def tap(widget: QWidget, then_wait_ms: int = 0) -> None:
        window = widget.window()
        point = widget.mapTo(window, widget.rect().center())
        QTest.touchEvent(window, device).press(0, point, window).commit()
        QTest.touchEvent(window, device).release(0, point, window).commit()
        QTest.qWait(then_wait_ms)

    guard_ms = round(NAVIGATION_GUARD_S * 1000) + 20  # a second page within the guard is refused
    tap(player)
    tap(shell.visitor.page("hub").tiles[VISITOR_TOPICS[0]], guard_ms)  # type: ignore[attr-defined]
    for page_id in (*VISITOR_TOPICS[1:], "intro"):
        tap(shell.visitor.nav.topic_buttons[page_id], guard_ms)
    tap(shell.visitor.nav.language_button)
    tap(shell.visitor.nav.home_button, 500)
    print("visited:", " ".join(visited), flush=True)
    print("qtnetwork:", "PySide6.QtNetwork" in sys.modules, flush=True)
    shell.allow_close = True
    shell.close()
    QApplication.processEvents()


def make_hall(data_dir: str) -> list[str]:
    """A hall folder as Syncthing leaves it: a content pack with its manifest, a playlist, the
    schedule; returns the extra `kiosk run` options."""
    import json
    import shutil

    from kiosk.fleet.manifest import write_manifest

    hall = Path(data_dir) / "hall"
    shutil.copytree(Path(__file__).resolve().parent.parent / "assets" / "content", hall / "content")
    write_manifest(hall / "content", "content-pack")
    (hall / "playlists").mkdir()
    shutil.copy(
        Path(__file__).resolve().parent.parent / "assets" / "playlists" / "short.json", hall / "playlists"
    )
    (hall / "schedule.json").write_text(
        '{"schema_version": 1, "default_playlist": "short"}', encoding="utf-8"
    )
    config = Path(data_dir) / "config"
    config.mkdir(parents=True, exist_ok=True)
    fleet = {"kiosk_id": "offline", "hall_dir": str(hall), "status_dir": str(Path(data_dir) / "hall-status")}
    (config / "fleet.json").write_text(json.dumps(fleet), encoding="utf-8")
    return ["--status-every", "0.5"]


def main() -> int:
    mode, data_dir = sys.argv[1], sys.argv[2]
    if mode.startswith("call:"):
        deliberate_call(mode.removeprefix("call:"))
        return 0
    if mode in ("run", "run-hall"):
        from kiosk.cli import main as kiosk_main

        extra = make_hall(data_dir) if mode == "run-hall" else []
        config_dir = os.path.join(data_dir, "config")
        return kiosk_main(
            [
                "run",
                "--size",
                "1280x720",
                "--exit-after",
                "2",
                "--config-dir",
                config_dir,
                "--data-dir",
                data_dir,
                *extra,
            ]
        )
    journey(data_dir, leak=mode == "leak-in-slot")
    return 0


if __name__ == "__main__":
    sys.exit(main())
