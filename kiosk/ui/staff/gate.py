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
from kiosk.content.models import Language
from kiosk.i18n.catalogue import staff_text
from kiosk.system.pin import PinStore
from kiosk.timing.idle import IdleTimer
from kiosk.ui.staff.keyboard.keyboard import KeyboardSession
from kiosk.ui.staff.panel import StaffContext, StaffPanel
from kiosk.ui.staff.pinpad import PinPad
from kiosk.ui.staff.timeout_bar import TimeoutBar
from kiosk.ui.staff.widgets import HoldRing
from kiosk.ui.style import theme

log = logging.getLogger(__name__)

HOLD_S = 3.0
CORNER_PX = 120
STAFF_IDLE_S = 120.0
# The last seconds of that quiet ask "keep editing?" before unsaved work is discarded.
STAFF_COUNTDOWN_S = 20.0
PREVIEW_MAX_S = 300.0
PORTRAIT_BANNER_Y = 140  # reference px: below the showcase header row (centred at 72)
POLL_MS = 250
HOLD_POLL_MS = 50
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
    # A short touch in the corner over the showcase, held back in case it was staff's hold: a visitor.
    corner_tapped = Signal()
    # A visitor's touch ended a preview: the screen is theirs, the panel waits aside.
    stepped_aside = Signal()

    def __init__(self, window: QWidget, store: PinStore, context: StaffContext, clock: Clock) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.clock = clock
        self.language: Language = "zh"
        self.pinpad = PinPad(context.current_pack, store, window)
        self.panel = StaffPanel(context, window)
        self.notice = QLabel(window)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.ring = HoldRing(window)
        self.banner = QLabel(window)
        self.banner.setObjectName("staff-preview-banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.banner.hide()
        self._hold_started: float | None = None
        self._preview_until: float | None = None
        self._hold_swallowed = False
        # The panel stepped aside for a visitor who ended a preview; staff's gesture brings it back.
        self._away = False
        # Set by the wiring: whether the showcase is the screen a touch would land on.
        self.showcase_showing: Callable[[], bool] = lambda: False
        self.watcher: QObject | None = None
        # Set by the wiring: puts the showcase back to what it played before a preview.
        self.stop_preview: Callable[[], None] = lambda: None
        self.idle = IdleTimer(clock, STAFF_IDLE_S - STAFF_COUNTDOWN_S, STAFF_COUNTDOWN_S)
        self.timeout_bar = TimeoutBar(self.panel)
        self.timeout_bar.keep.clicked.connect(self.idle.touch)
        self.timeout_bar.keep.clicked.connect(self.timeout_bar.hide)
        # Touches on the keyboard go to its own window: its word that staff are typing counts as one.
        KeyboardSession.shared().activity.connect(self.idle.touch)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check)
        self.pinpad.accepted.connect(self._open_panel)
        # Staff mode opens next time in the language staff last chose, on the PIN pad or the panel.
        self.pinpad.cancelled.connect(lambda: self._closed(self.pinpad.language))
        self.panel.closed.connect(lambda: self._closed(self.panel.language))
        shortcut = QShortcut(QKeySequence("Ctrl+Alt+S"), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(self.request)

    def active(self) -> bool:
        return self.pinpad.isVisible() or self.panel.isVisible()

    def previewing(self) -> bool:
        return self._preview_until is not None

    def in_staff_mode(self) -> bool:
        """The PIN pad or the panel is up, a preview plays, or the panel waits aside for staff."""
        return self.active() or self.previewing() or self._away

    def scale(self) -> float:
        return theme.Metrics.for_size(self.window.size()).scale

    # The gesture ------------------------------------------------------------------------------

    def _in_corner(self, point: QPoint) -> bool:
        corner = CORNER_PX * self.scale()
        return point.x() <= corner and point.y() <= corner

    def gesture_input(self, watched: QObject, event: QEvent) -> bool:
        """The shell's input router calls this first, for every receiver of an event: True keeps
        the press of a possible hold from the showcase under it."""
        kind = event.type()
        if kind not in _GESTURE_EVENTS:
            return False
        press = kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
        if self.active() and (press or kind == QEvent.Type.KeyPress):
            self.idle.touch()
        if watched is not self.window.windowHandle() and watched is not self.window:
            if press and self.previewing():
                self._step_aside("a touch ended the preview")
            return False
        point: QPoint | None = None
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            point = event.position().toPoint()
        elif kind == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent) and event.points():
            point = event.points()[0].position().toPoint()
        if point is not None:
            if self._in_corner(point) and not self.active():
                self._start_hold()
                # Over the showcase (or a preview) a touch opens a visit: until the hold is known to
                # be a visitor's short touch, the press goes no further.
                self._hold_swallowed = self.previewing() or self.showcase_showing()
                return self._hold_swallowed
            self._end_hold()
            if self.previewing():
                self._step_aside("a touch ended the preview")
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            if self._hold_started is not None and self._hold_swallowed:
                # Let go before the hold completed: it was a visitor's touch after all.
                if self.previewing():
                    self._step_aside("a touch ended the preview")
                self.corner_tapped.emit()
            self._end_hold()
        return False

    def _start_hold(self) -> None:
        self._hold_started = self.clock.monotonic()
        size = round(CORNER_PX * self.scale())
        self.ring.setGeometry(size // 4, size // 4, size, size)
        self.ring.set_progress(0.0)
        self.ring.show()
        self.ring.raise_()
        self._poll.start(HOLD_POLL_MS)

    def _end_hold(self) -> None:
        self._hold_started = None
        self._hold_swallowed = False
        self.ring.hide()

    def check(self) -> None:
        """Called by the poll timer, and by tests after moving the clock."""
        now = self.clock.monotonic()
        if self._hold_started is not None:
            self.ring.set_progress((now - self._hold_started) / HOLD_S)
            if now - self._hold_started >= HOLD_S:
                self._end_hold()
                self.request()
        if self._preview_until is not None and self.idle.state().expired:
            log.info("preview over after %d s without a touch; staff mode closes", STAFF_IDLE_S)
            self.end_preview(back_to_panel=False)
        elif self._preview_until is not None and now >= self._preview_until:
            self._step_aside("the preview played once")
        elif self._away and self.idle.state().expired:
            log.info("staff did not come back within %d s; staff mode closed", STAFF_IDLE_S)
            self._away = False
            self.panel.close_panel()
        elif self.active() and self.idle.state().expired:
            log.info("staff mode closed after %d s without a touch", STAFF_IDLE_S)
            if self.pinpad.isVisible():
                self.language = self.pinpad.language
            self.pinpad.hide()
            self.panel.close_panel()
        if self.pinpad.isVisible():
            self.pinpad.tick()
        if self.panel.isVisible():
            self.panel.update_status()
        self._show_countdown()
        if self._hold_started is None and not self.in_staff_mode():
            self._poll.stop()
        elif self._hold_started is None:
            self._poll.setInterval(POLL_MS)

    def _show_countdown(self) -> None:
        """The panel's last seconds before the time-out: the bar counts down; a touch ends it."""
        quiet = self.idle.state()
        if self.panel.isVisible() and quiet.counting_down and not quiet.expired:
            self.timeout_bar.show_left(
                quiet.seconds_left, bool(self.panel.dirty_pages()), self.panel.language
            )
        else:
            self.timeout_bar.hide()

    # Preview -----------------------------------------------------------------------------------

    def start_preview(self, playlist_s: float) -> None:
        """The panel steps aside for a preview that ends by itself: after the playlist played
        once (at most `PREVIEW_MAX_S`), or after 2 minutes without a touch."""
        self._preview_until = self.clock.monotonic() + min(playlist_s, PREVIEW_MAX_S)
        self.idle.touch()
        self.panel.hide()
        scale = self.scale()
        self.banner.setText(staff_text("previewing", self.panel.language))
        self.banner.setStyleSheet(
            f"background: {theme.SURFACE_RAISED}; color: {theme.ACCENT}; font-weight: bold;"
            f" border-radius: {round(theme.RADIUS_PX * scale)}px; padding: {round(16 * scale)}px"
            f" {round(32 * scale)}px; font-size: {round(theme.BODY_PX * scale)}px;"
        )
        self.banner.adjustSize()
        # Landscape: centred in the top margin, clear of the slide's topic header at the left. Portrait:
        # the banner spans most of the width, so it sits under that header's row instead of over it.
        portrait = self.window.height() > self.window.width()
        self.banner.move(
            (self.window.width() - self.banner.width()) // 2,
            round((PORTRAIT_BANNER_Y if portrait else 32) * scale),
        )
        self.banner.show()
        self.banner.raise_()
        self._poll.start(POLL_MS)

    def end_preview(self, back_to_panel: bool) -> None:
        """Staff's gesture brings them back to the editor; a preview that ran out closes staff mode."""
        self._preview_until = None
        self.banner.hide()
        self.stop_preview()
        if back_to_panel:
            self._back_to_panel()
        else:
            self.panel.close_panel()

    def _step_aside(self, reason: str) -> None:
        """The preview ends (it played once, or anyone's touch ended it for the visitor): the showcase
        plays on and the panel waits aside with its unsaved edits, until staff's gesture brings it
        back or its time-out closes it."""
        log.info("%s; staff mode waits aside for staff's gesture", reason)
        self._preview_until = None
        self.banner.hide()
        self._away = True
        self.stop_preview()
        self.stepped_aside.emit()

    def _back_to_panel(self) -> None:
        self._away = False
        self.panel.show()
        self.panel.raise_()
        self.idle.touch()

    def request(self) -> None:
        """The gesture or shortcut: the PIN pad, or a notice when no PIN was ever set."""
        if self.active():
            return
        if self.previewing():
            self.end_preview(back_to_panel=True)
            return
        if self._away:
            if not self.idle.state().expired:
                self._back_to_panel()
                self.opened.emit()
                return
            self._away = False
            self.panel.close_panel()
        if not self.store.is_set():
            self._show_notice(staff_text("not_set_up", self.language))
            return
        self.idle.touch()
        self._poll.start(POLL_MS)
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
        self.language = self.pinpad.language
        self.panel.set_language(self.language)
        self.panel.open(self.language, self.scale())

    def _closed(self, language: Language) -> None:
        self.language = language
        self._poll.stop()
        self.closed.emit()
