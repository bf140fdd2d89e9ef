"""The kiosk's side of systemd: READY=1 after the first frame, watchdog pings from the GUI thread.

The pings come from a QTimer on the GUI thread on purpose: if the event loop hangs, the timer stops
firing, the pings stop, and systemd restarts the kiosk (`WatchdogSec=`, `Restart=`). A thread would
keep pinging for a frozen screen.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QObject, QTimer

from kiosk.system.watchdog import notify, watchdog_interval_s, watchdog_meant_for

log = logging.getLogger(__name__)


class WatchdogPinger(QObject):
    """Sends WATCHDOG=1 at half the interval systemd expects, while the event loop turns."""

    def __init__(self, interval_s: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(interval_s * 1000 / 2)))
        self._timer.timeout.connect(self.ping)
        self._unreachable_logged = False

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self.ping()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def ping(self) -> None:
        if not notify("WATCHDOG=1") and not self._unreachable_logged:
            log.warning("cannot reach systemd's notify socket; watchdog pings are not arriving")
            self._unreachable_logged = True


class SystemdLink(QObject):
    """Tells systemd when the kiosk is ready and when it stops, and keeps the watchdog fed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pinger: WatchdogPinger | None = None

    def ready(self) -> None:
        if notify("READY=1\nSTATUS=Showing the showcase"):
            log.info("told systemd the kiosk is ready")
        interval = watchdog_interval_s()
        if interval is not None and self.pinger is None:
            self.pinger = WatchdogPinger(interval, self)
            self.pinger.start()
            log.info("systemd watchdog: %.1f s; pinging every %d ms", interval, self.pinger.interval_ms)
        elif (other := watchdog_meant_for()) is not None:
            log.error(
                "systemd's watchdog is meant for pid %d (this kiosk's parent is %d), not for the kiosk, "
                "so it sends no pings and systemd will stop it after WatchdogSec; start the kiosk "
                "through `env -u WATCHDOG_PID` as packaging/systemd/xiangjiang-kiosk.service does",
                other,
                os.getppid(),
            )

    def stopping(self) -> None:
        if self.pinger is not None:
            self.pinger.stop()
        notify("STOPPING=1")
