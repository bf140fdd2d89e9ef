"""Idle return: after a quiet spell a "still there?" countdown, then back to the showcase.

The arithmetic is `kiosk.timing.idle.IdleTimer`; here are the Qt sides: the watch that feeds it
touches and polls it, and the overlay that shows the countdown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.clock import Clock
from kiosk.content import strings
from kiosk.content.models import ContentPack, Language
from kiosk.timing.idle import IdleTimer
from kiosk.ui.style import theme

POLL_INTERVAL_MS = 250


class IdleWatch(QObject):
    """Watches a visit: any touch, click or key resets the timer; runs only while a visit lasts.

    During the countdown the overlay covers the page and takes the dismissing touch: the countdown
    ends when that finger lifts, not when it lands, so the press and its release both reach the
    overlay and nothing under it is activated. A pointer is treated as a finger: its hover move
    before the press (a mouse, or a large IR frame reporting as one) does not end the countdown.
    """

    countdown = Signal(int)
    resumed = Signal()
    expired = Signal()

    _ACTIVITY = frozenset(
        {
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.Wheel,
            QEvent.Type.KeyPress,
        }
    )
    _HOVER = frozenset({QEvent.Type.MouseMove, QEvent.Type.TouchUpdate, QEvent.Type.Wheel})
    _PRESS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})
    _RELEASE = frozenset({QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel})

    def __init__(
        self, clock: Clock, timeout_s: float, countdown_s: float, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.timer = IdleTimer(clock, timeout_s, countdown_s)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_INTERVAL_MS)
        self._poll.timeout.connect(self.check)
        self._counting = False
        self._dismissing = False

    def start(self) -> None:
        self.timer.touch()
        self._counting = False
        self._dismissing = False
        self._poll.start()

    def stop(self) -> None:
        self._poll.stop()
        self._counting = False
        self._dismissing = False

    @property
    def running(self) -> bool:
        return self._poll.isActive()

    def activity(self) -> None:
        self.timer.touch()
        if self._counting:
            self._counting = False
            self.resumed.emit()

    def check(self) -> None:
        """Called by the poll timer, and by tests after moving the clock."""
        if not self.running:
            return
        state = self.timer.state()
        if state.expired:
            self.stop()
            self.expired.emit()
        elif state.counting_down:
            self._counting = True
            self.countdown.emit(state.seconds_left)

    # Input, from the shell's router: the countdown's handler first, then the activity's.

    def countdown_input(self, watched: QObject, event: QEvent) -> bool:
        """During the countdown a press starts the dismissing tap; its lift ends the countdown. The
        press goes on to the overlay, which covers the page and takes it."""
        if not self.running:
            return False
        kind = event.type()
        if self._counting and kind in self._PRESS:
            self._dismissing = True
        if self._dismissing:
            self.timer.touch()
            if kind in self._RELEASE:
                self._dismissing = False
                self.activity()
        return False

    def activity_input(self, watched: QObject, event: QEvent) -> bool:
        """Any touch, click, key or scroll keeps the visit; while counting down, a hover does not."""
        if not self.running or self._dismissing:
            return False
        kind = event.type()
        if kind in self._ACTIVITY and not (self._counting and kind in self._HOVER):
            self.activity()
        return False


class IdleOverlay(QWidget):
    """ "还在浏览吗? / Still there?" over a dimmed page, with the seconds left and a "Keep exploring"
    button; a touch anywhere on it keeps the visit too, and goes no further."""

    keep_exploring = Signal()

    def __init__(self, pack: ContentPack, parent: QWidget) -> None:
        super().__init__(parent)
        self.pack = pack
        self.language: Language = "zh"
        self.seconds_left = 0
        self.title = QLabel()
        self.countdown = QLabel()
        self.hint = QLabel()
        for label in (self.title, self.countdown, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self.keep_button = QPushButton()
        self.keep_button.setObjectName("PrimaryButton")
        self.keep_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.keep_button.clicked.connect(self.keep_exploring.emit)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.keep_button)
        button_row.addStretch(1)
        self.column = QVBoxLayout(self)
        self.column.addStretch(1)
        self.column.addWidget(self.title)
        self.column.addWidget(self.countdown)
        self.column.addLayout(button_row)
        self.column.addWidget(self.hint)
        self.column.addStretch(1)
        self.hide()

    def show_countdown(self, seconds_left: int) -> None:
        self.seconds_left = seconds_left
        self._refresh()
        if not self.isVisible():
            parent = self.parentWidget()
            assert parent is not None, "the countdown covers the visitor view it is made on"
            self.setGeometry(parent.rect())
            self.show()
            self.raise_()

    def set_language(self, language: Language) -> None:
        self.language = language
        self._refresh()

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.title.setStyleSheet(f"font-size: {metrics.px(theme.TITLE_PX + 16)}px; font-weight: bold;")
        self.countdown.setStyleSheet(f"font-size: {metrics.px(theme.SECTION_PX)}px; color: {theme.ACCENT};")
        self.hint.setStyleSheet(f"font-size: {metrics.px(theme.BODY_PX)}px; color: {theme.TEXT_MUTED};")
        target = metrics.px(theme.TOUCH_TARGET_PX)
        self.keep_button.setMinimumSize(target * 4, target)
        self.keep_button.setStyleSheet(
            f"font-size: {metrics.text_px(theme.SECTION_PX)}px; min-height: {target}px;"
            f" padding: 0 {metrics.px(theme.GAP_PX * 1.5)}px; border-radius: {metrics.px(theme.RADIUS_PX)}px;"
        )
        self.column.setSpacing(metrics.px(theme.GAP_PX))
        if self.isVisible():
            parent = self.parentWidget()
            assert parent is not None, "the countdown covers the visitor view it is made on"
            self.setGeometry(parent.rect())

    def _refresh(self) -> None:
        self.title.setText(self.pack.text(strings.IDLE_TITLE, self.language))
        self.countdown.setText(
            self.pack.text(strings.IDLE_COUNTDOWN, self.language).format(seconds=self.seconds_left)
        )
        self.hint.setText(self.pack.text(strings.IDLE_STAY, self.language))
        self.keep_button.setText(self.pack.text(strings.IDLE_KEEP_EXPLORING, self.language))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        event.accept()  # the dismissing touch stops here: nothing under the overlay is pressed

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(QRectF(self.rect()), theme.colour(theme.GROUND_DEEP, 0.88))
        painter.end()
