"""POSIX signals into the Qt event loop: SIGTERM and SIGINT quit cleanly, SIGHUP reloads.

Python runs a signal handler only when the interpreter next gets control, and inside
`QApplication.exec()` it may not for a long while (a resting showcase runs no Python at all). So
the C-level handler writes the signal number to a pipe (`signal.set_wakeup_fd`), a
`QSocketNotifier` wakes the event loop on it, and the slot acts on the GUI thread, where it is
safe to touch widgets. No polling timer is needed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGINT)
RELOAD_SIGNAL = signal.SIGHUP

_Handler = Callable[[int, FrameType | None], object] | int | None


def _wake_only(signum: int, frame: FrameType | None) -> None:
    """The Python-level handler does nothing: the work happens in the notifier's slot."""


class SignalRelay(QObject):
    """Turns SIGTERM/SIGINT into `quit_requested` and SIGHUP into `reload_requested`."""

    quit_requested = Signal(str)
    reload_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read_fd, self._write_fd = os.pipe()
        os.set_blocking(self._read_fd, False)
        os.set_blocking(self._write_fd, False)
        self._notifier = QSocketNotifier(self._read_fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous_handlers: dict[int, _Handler] = {}
        self._previous_wakeup_fd: int | None = None

    def install(self) -> None:
        """Take over the signals; call from the main thread, before `exec()`."""
        self._previous_wakeup_fd = signal.set_wakeup_fd(self._write_fd, warn_on_full_buffer=False)
        for signum in (*QUIT_SIGNALS, RELOAD_SIGNAL):
            self._previous_handlers[signum] = signal.signal(signum, _wake_only)

    def uninstall(self) -> None:
        """Give the signals back and close the pipe."""
        for signum, handler in self._previous_handlers.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        self._previous_handlers.clear()
        if self._previous_wakeup_fd is not None:
            signal.set_wakeup_fd(self._previous_wakeup_fd)
            self._previous_wakeup_fd = None
        self._notifier.setEnabled(False)
        for descriptor in (self._read_fd, self._write_fd):
            with contextlib.suppress(OSError):
                os.close(descriptor)
        self._read_fd = self._write_fd = -1

    def _drain(self) -> None:
        try:
            received = os.read(self._read_fd, 64)
        except (BlockingIOError, OSError):
            return
        for signum in received:
            self.dispatch(signum)

    def dispatch(self, signum: int) -> None:
        """Act on one signal; called from the notifier's slot, and by tests."""
        try:
            name = signal.Signals(signum).name
        except ValueError:
            return
        if signum == RELOAD_SIGNAL:
            log.info("%s received: reloading playlists, schedule and settings", name)
            self.reload_requested.emit()
        elif signum in QUIT_SIGNALS:
            log.info("%s received: quitting", name)
            self.quit_requested.emit(name)
