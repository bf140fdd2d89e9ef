"""Crash handling: a Python exception is logged and the show goes on; a hard crash leaves a traceback.

PySide routes an exception raised in a slot or a virtual override (paintEvent, a timer callback)
to `sys.excepthook` and carries on with the event loop; the default hook prints to a stderr nobody
reads. `install_exception_logging` sends it to the log instead, with its traceback, and never exits.

A crash in native code (a segmentation fault in Qt) kills the process before Python can log
anything; `enable_fatal_log` has `faulthandler` write the Python traceback of every thread to
`fatal.log` beside the other logs, and systemd restarts the kiosk.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TextIO

log = logging.getLogger(__name__)

FATAL_LOG = "fatal.log"
# Every crash appends a traceback; a crash loop must not fill the disk over weeks.
MAX_FATAL_LOG_BYTES = 1_000_000

# faulthandler writes to the file descriptor, so the file object must outlive the process.
_fatal_file: TextIO | None = None


def _log_exception(kind: type[BaseException], value: BaseException, traceback: TracebackType | None) -> None:
    log.error("unhandled exception; the show goes on", exc_info=(kind, value, traceback))


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "?"
    log.error(
        "unhandled exception in thread %s",
        name,
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )


def install_exception_logging() -> None:
    """Log every unhandled exception at ERROR with its traceback, from any thread; never exit."""
    sys.excepthook = _log_exception
    threading.excepthook = _log_thread_exception


def enable_fatal_log(log_dir: Path) -> Path | None:
    """Write the traceback of a hard crash to `log_dir/fatal.log`; returns its path, or None."""
    global _fatal_file
    path = log_dir / FATAL_LOG
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_FATAL_LOG_BYTES:
            os.replace(path, path.with_name(FATAL_LOG + ".1"))
        handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for faulthandler
    except OSError as error:
        log.warning("cannot write crash tracebacks to %s: %s", path, error)
        return None
    faulthandler.enable(handle, all_threads=True)
    previous, _fatal_file = _fatal_file, handle
    if previous is not None:
        previous.close()
    return path
