"""What plays "now" over the schedule, as it plays (never a draft): its name, when it ends, and a
one-tap stop. The same bar on the schedule page and the slides page."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.content.loader import ContentError
from kiosk.content.models import Language
from kiosk.playlist.models import PlayNow, play_now_active
from kiosk.playlist.slide_actions import write_play_now
from kiosk.ui.staff import strings
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.widgets import label, touch_button

log = logging.getLogger(__name__)


class PlayNowBar(QWidget):
    """`changed` once a start or a stop is written and applied; `failed` carries a sentence when it
    could not be."""

    changed = Signal()
    failed = Signal(str)

    def __init__(self, context: StaffContext, name: str) -> None:
        super().__init__()
        self.context = context
        self.language: Language = "zh"
        self.status = label("status", wrap=True)
        self.status.setObjectName(f"{name}-status")
        self.stop_button = touch_button(f"{name}-stop")
        self.stop_button.clicked.connect(self.stop)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status, 1)
        row.addWidget(self.stop_button)

    def playing(self) -> PlayNow | None:
        """The "play now" of the schedule that plays, while it lasts."""
        schedule = self.context.library().schedule
        return schedule.play_now if play_now_active(schedule, self.context.clock.now()) else None

    def refresh(self, language: Language) -> None:
        self.language = language
        playing = self.playing()
        if playing is None:
            self.status.setText(strings.text("play_now_off", language))
        else:
            name = self.context.playlist_name(playing.playlist, language)
            self.status.setText(
                strings.text("play_now_until", language).format(name=name, until=playing.until[-5:])
            )
        self.stop_button.setText(strings.text("stop_play_now", language))
        self.stop_button.setVisible(playing is not None)

    def start(self, playlist_id: str, minutes: int) -> None:
        """Play `playlist_id` at once for `minutes`, over the schedule (nothing to save)."""
        self._write(playlist_id, minutes)

    def stop(self) -> None:
        self._write(None, 0)

    def _write(self, playlist_id: str | None, minutes: int) -> None:
        try:
            write_play_now(
                self.context.locations.config_dir,
                self.context.library(),
                playlist_id,
                self.context.clock.now(),
                minutes,
            )
        except (ContentError, OSError) as error:
            log.error("play now of %r failed: %s", playlist_id, error)
            self.failed.emit(strings.text("write_failed", self.language))
            return
        log.info("play now: %r for %d min (None: stopped by staff)", playlist_id, minutes)
        self.context.apply()
        self.refresh(self.language)
        self.changed.emit()
