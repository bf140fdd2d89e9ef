"""The hall's emergency or priority message on this kiosk's screen.

`EmergencyGuard` reads `<hall>/emergency.json` whenever the configuration changes (the one reload
path) and every few seconds in case a file event was missed, and asks the screen's state machine for the
emergency state while a message for this kiosk is current; it asks it to end at the message's end
time, when the file goes, or when the hall ends it now. A refused file is logged with its sentence
and changes nothing on screen.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.clock import Clock
from kiosk.fleet.emergency import EmergencyMessage, MessageText, read_message
from kiosk.fleet.layout import resolve_fleet
from kiosk.ui.runtime.screen import Screen, ScreenMachine
from kiosk.ui.style import theme

log = logging.getLogger(__name__)

# A file event missed, or a message that arrived before the config watcher was armed (it comes with
# staff mode, after the first frame): looked for again this often. Reading one small file is cheap.
REREAD_S = 5.0
# Said over the message in both languages: what kind of screen this is, before what it says.
HEADING = "重要通知 · Notice from the hall"


class EmergencyScreen(QWidget):
    """The message full screen: a calm notice, high contrast, Chinese above English; nothing moves."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("EmergencyScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.message: EmergencyMessage | None = None
        self.band = QFrame(self)
        self.heading = QLabel(HEADING, self)
        self.titles: dict[str, QLabel] = {}
        self.lines: dict[str, QLabel] = {}
        self.rule = QFrame(self)
        # The band runs edge to edge; the words keep a margin.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.band)
        self.body = QVBoxLayout()
        outer.addLayout(self.body)
        layout = self.body
        layout.addWidget(self.heading)
        layout.addStretch(1)
        # The message file holds Chinese over English; a rule between them.
        for index, language in enumerate(("zh", "en")):
            title = QLabel(self)
            lines = QLabel(self)
            for label in (title, lines):
                label.setWordWrap(True)
                label.setTextFormat(Qt.TextFormat.PlainText)
            self.titles[language], self.lines[language] = title, lines
            layout.addWidget(title)
            layout.addWidget(lines)
            if index == 0:
                layout.addWidget(self.rule)
        layout.addStretch(2)
        self._style()

    def show_message(self, message: EmergencyMessage) -> None:
        self.message = message
        for language in ("zh", "en"):
            text: MessageText = getattr(message, language)
            self.titles[language].setText(text.title)
            self.lines[language].setText("\n".join(text.lines))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self._style()
        super().resizeEvent(event)

    def _style(self) -> None:
        metrics = theme.Metrics.for_size(self.size())
        margin = metrics.px(theme.MARGIN_PX * (1.5 if not metrics.portrait else 1.0))
        self.body.setContentsMargins(margin, 0, margin, margin)
        self.body.setSpacing(metrics.px(theme.GAP_PX * 0.75))
        self.band.setFixedHeight(metrics.px(14))
        # The rule's margin is the air between the two languages; only its middle is painted.
        rule_gap = metrics.px(theme.GAP_PX)
        self.rule.setFixedHeight(max(1, metrics.px(2)) + 2 * rule_gap)
        # Type sized for reading across a hall: the Chinese title largest, English a step below.
        title_px = {"zh": theme.TITLE_PX * 1.5, "en": theme.TITLE_PX * 1.1}
        lines_px = {"zh": theme.SECTION_PX, "en": theme.SECTION_PX * 0.85}
        self.setStyleSheet(
            f"#EmergencyScreen {{ background: {theme.GROUND_DEEP}; }}"
            f" QFrame#EmergencyBand {{ background: {theme.ACCENT}; }}"
            f" QFrame#EmergencyRule {{ background: {theme.HAIRLINE}; margin: {rule_gap}px 0px; }}"
            f" QLabel#EmergencyHeading {{ color: {theme.ACCENT}; font-size: {metrics.px(theme.BODY_PX)}px;"
            f" font-weight: bold; margin-top: {metrics.px(theme.GAP_PX * 1.5)}px; }}"
            + "".join(
                f" QLabel#EmergencyTitle-{language} {{ color: {theme.TEXT}; font-weight: bold;"
                f" font-size: {metrics.px(title_px[language])}px; }}"
                f" QLabel#EmergencyLines-{language} {{ color: {theme.TEXT};"
                f" font-size: {metrics.px(lines_px[language])}px; }}"
                for language in ("zh", "en")
            )
        )
        self.band.setObjectName("EmergencyBand")
        self.rule.setObjectName("EmergencyRule")
        self.heading.setObjectName("EmergencyHeading")
        for language in ("zh", "en"):
            self.titles[language].setObjectName(f"EmergencyTitle-{language}")
            self.lines[language].setObjectName(f"EmergencyLines-{language}")


class EmergencyGuard(QObject):
    """Keeps the screen to the hall's message file."""

    # The message on this kiosk began or ended: the status file says so at once.
    changed = Signal()

    def __init__(self, screens: ScreenMachine, config_dir: Path, clock: Clock, parent: QObject) -> None:
        super().__init__(parent)
        self.screens = screens
        self.config_dir = config_dir
        self.clock = clock
        self.screen = EmergencyScreen()
        screens.use_emergency_screen(self.screen)
        self.kiosk_id = resolve_fleet(config_dir).kiosk_id
        # The last message read well (a refused file keeps it), and why the newest was refused.
        self.message: EmergencyMessage | None = None
        self.refusal: str | None = None
        self.reread = QTimer(self)
        self.reread.setSingleShot(True)
        self.reread.timeout.connect(self.read)
        self.read()

    def read(self) -> None:
        """Read the hall's message file again (a configuration change, or the minute's look)."""
        fleet = resolve_fleet(self.config_dir)
        self.kiosk_id = fleet.kiosk_id
        found = read_message(fleet.hall_dir)
        if found.refusal is not None:
            if found.refusal != self.refusal:
                log.error("emergency message refused, the screen stays as it is: %s", found.refusal)
            self.refusal = found.refusal
        else:
            self.refusal = None
            if found.message != self.message and found.message is not None:
                log.info("emergency message %r read (ends %s)", found.message.id, found.message.ends_at)
            self.message = found.message
        self.tick()

    def current(self) -> EmergencyMessage | None:
        """The message on this kiosk now, if any."""
        message = self.message
        if message is None or not message.current_for(self.kiosk_id, self._now()):
            return None
        return message

    def on_screen(self) -> bool:
        return self.screens.state == Screen.EMERGENCY

    def tick(self) -> None:
        """Look at the clock: begin, change or end the message on screen; called by the timer and by
        tests after moving the clock."""
        current = self.current()
        shown = self.screen.message if self.screens.emergency_current else None
        if current is not None and current != shown:
            if shown is not None and shown.id != current.id:
                self.screens.emergency_ended()  # another message: its own proof-of-play row
            self.screen.show_message(current)
            self.screens.emergency_began()
            log.info("emergency message %r on this kiosk until %s", current.id, current.ends_at)
            self.changed.emit()
        elif current is None and self.screens.emergency_current:
            self.screens.emergency_ended()
            log.info("emergency message ended")
            self.changed.emit()
        self._schedule(current)

    def _now(self) -> dt.datetime:
        return self.clock.now().astimezone(dt.UTC)

    def _schedule(self, current: EmergencyMessage | None) -> None:
        wait_s = REREAD_S
        if current is not None:
            wait_s = min(wait_s, (current.end_time() - self._now()).total_seconds())
        self.reread.start(max(0, round(wait_s * 1000)))
