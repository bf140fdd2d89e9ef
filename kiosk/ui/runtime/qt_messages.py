"""Qt's own warnings go to the kiosk's log, not to a console nobody reads."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

# Messages that say nothing about the kiosk's health, each with the reason it is ignored.
IGNORED_MESSAGES: dict[str, str] = {
    "This plugin does not support propagateSizeHints()": (
        "the offscreen platform used for headless runs cannot forward window size hints"
    ),
}

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message in IGNORED_MESSAGES:
        return
    log.log(_LEVELS.get(kind, logging.WARNING), "%s", message)


def route_qt_messages_to_log() -> None:
    """Install once per process, from the entry points (tests keep pytest-qt's own handler)."""
    qInstallMessageHandler(_handle)
