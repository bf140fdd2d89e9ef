"""`kiosk keyboard`: the staff keyboard's own process, started by staff mode (see
`kiosk/ui/staff/keyboard/keyboard_window.py` for the window and the protocol on standard output)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import QSize, QSocketNotifier, Qt

from kiosk.content.models import Language
from kiosk.system.logs import setup_logging
from kiosk.ui.runtime.qt_messages import route_qt_messages_to_log
from kiosk.ui.runtime.startup import start
from kiosk.ui.staff.keyboard.keyboard_window import (
    UNAVAILABLE_EXIT_STATUS,
    ActivityReporter,
    KeyboardWindow,
    emit,
    enable_input_method,
)


@dataclass(frozen=True)
class KeyboardOptions:
    """`kiosk keyboard`: the text to start from, what is edited, the staff language, where the window
    goes (`X,Y,W,H`), full screen or not, `check` to test that the keyboard loads, and the field's
    language."""

    text: str = ""
    label: str = ""
    language: Language = "zh"
    geometry: str = ""
    full_screen: bool = False
    check: bool = False
    # The field's own language: the keys the keyboard opens with (staff's language when None).
    typing: Language | None = None


def keyboard_command(args: KeyboardOptions) -> int:
    """`kiosk keyboard`: the keyboard window; prints the edited text as JSON (see the module doc)."""
    setup_logging(None)
    enable_input_method()
    route_qt_messages_to_log()
    x, y, width, height = (
        (int(part) for part in args.geometry.split(",")) if args.geometry else (0, 0, 1920, 1080)
    )
    runtime = start(None, QSize(width, height))
    window = KeyboardWindow(
        runtime.pack, args.language, args.label, args.text, QSize(width, height), args.typing
    )
    window.setGeometry(x, y, width, height)
    if args.full_screen:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        window.showFullScreen()
    else:
        window.show()
    window.activateWindow()
    failure = window.open()
    if failure is None and args.check:
        failure = window.dock.check_pinyin()
    if failure is not None or args.check:
        emit({"unavailable": failure} if failure else {"ready": True})
        return UNAVAILABLE_EXIT_STATUS if failure else 0
    reporter = ActivityReporter()
    runtime.app.installEventFilter(reporter)
    # The kiosk holds our standard input open while it waits; its end (the kiosk closed the keyboard,
    # or died) ends this window too.
    watch = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    watch.activated.connect(lambda: window.abandon() if not sys.stdin.readline() else None)
    runtime.app.exec()
    emit(window.result or {"cancelled": True})
    return 0
