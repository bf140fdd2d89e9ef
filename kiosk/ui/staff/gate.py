"""The way into staff mode: hold the top-left corner for 3 s (or Ctrl+Alt+S), then the PIN pad.

Everything a visitor can reach stays as it was; only the hold and the PIN lead here, and staff
mode closes by itself after 2 minutes without a touch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut, QTouchEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.clock import Clock
from kiosk.content.models import ContentPack, Language
from kiosk.system.pin import PinStore
from kiosk.ui import theme
from kiosk.ui.idle import IdleTimer
from kiosk.ui.staff.panel import StaffContext, StaffPanel
from kiosk.ui.staff.pinpad import PinPad

log = logging.getLogger(__name__)

HOLD_S = 3.0
CORNER_PX = 120
STAFF_IDLE_S = 120.0
POLL_MS = 250
_GESTURE_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
        QEvent.Type.KeyPress,
    }
)


class StaffGate(QObject):
    """Watches the window for the hidden gesture and runs the PIN pad and the staff panel."""

    opened = Signal()
    closed = Signal()

    def __init__(
        self, window: QWidget, pack: ContentPack, store: PinStore, context: StaffContext, clock: Clock
    ) -> None:
        super().__init__(window)
        self.window = window
        self.pack = pack
        self.store = store
        self.clock = clock
        self.language: Language = "zh"
        self.pinpad = PinPad(pack, store, window)
        self.panel = StaffPanel(context, window)
        self.notice = QLabel(window)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setWordWrap(True)
        self.notice.hide()
        self._hold_started: float | None = None
        self.watcher: QObject | None = None
        # Set by the wiring: ends a playlist preview (True) when one is running.
        self.end_preview: Callable[[], bool] = lambda: False
        self.idle = IdleTimer(clock, STAFF_IDLE_S, 0.0)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check)
        self.pinpad.accepted.connect(self._open_panel)
        self.pinpad.cancelled.connect(self._closed)
        self.panel.closed.connect(self._closed)
        shortcut = QShortcut(QKeySequence("Ctrl+Alt+S"), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(self.request)

    def active(self) -> bool:
        return self.pinpad.isVisible() or self.panel.isVisible()

    def scale(self) -> float:
        return theme.Metrics.for_size(self.window.size()).scale

    # The gesture ------------------------------------------------------------------------------

    def _in_corner(self, point: QPoint) -> bool:
        corner = CORNER_PX * self.scale()
        return point.x() <= corner and point.y() <= corner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        # Only presses and releases matter. Returning at once for everything else also keeps the
        # filter away from widgets half-way through destruction (ChildRemoved and the like).
        if kind not in _GESTURE_EVENTS:
            return False
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin) and self.end_preview():
            return True
        if self.active() and kind in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.KeyPress,
        ):
            self.idle.touch()
        if watched is not self.window.windowHandle() and watched is not self.window:
            return False
        point: QPoint | None = None
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            point = event.position().toPoint()
        elif kind == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent) and event.points():
            point = event.points()[0].position().toPoint()
        if point is not None:
            if self._in_corner(point) and not self.active():
                self._hold_started = self.clock.monotonic()
                self._poll.start()
            else:
                self._hold_started = None
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            self._hold_started = None
        return False

    def check(self) -> None:
        """Called by the poll timer, and by tests after moving the clock."""
        now = self.clock.monotonic()
        if self._hold_started is not None and now - self._hold_started >= HOLD_S:
            self._hold_started = None
            self.request()
        if self.active() and self.idle.state().expired:
            log.info("staff mode closed after %d s without a touch", STAFF_IDLE_S)
            self.pinpad.hide()
            self.panel.close_panel()
        if self._hold_started is None and not self.active():
            self._poll.stop()

    def request(self) -> None:
        """The gesture or shortcut: the PIN pad, or a notice when no PIN was ever set."""
        if self.active():
            return
        if not self.store.is_set():
            self._show_notice(self.pack.text("staff.not_set_up", self.language))
            return
        self.idle.touch()
        self._poll.start()
        self.pinpad.open(self.language, self.scale())
        self.opened.emit()

    def _show_notice(self, text: str) -> None:
        scale = self.scale()
        self.notice.setText(text)
        self.notice.setStyleSheet(
            f"background: {theme.SURFACE_RAISED}; color: {theme.TEXT}; border-radius: {round(16 * scale)}px;"
            f" padding: {round(24 * scale)}px; font-size: {round(theme.BODY_PX * scale)}px;"
        )
        width = round(900 * scale)
        self.notice.setFixedWidth(width)
        self.notice.adjustSize()
        self.notice.move((self.window.width() - width) // 2, round(80 * scale))
        self.notice.show()
        self.notice.raise_()
        QTimer.singleShot(4000, self.notice, self.notice.hide)

    def _open_panel(self) -> None:
        self.idle.touch()
        self.panel.open(self.language, self.scale())

    def _closed(self) -> None:
        self._poll.stop()
        self.closed.emit()
