"""What plays "now" over the schedule, as it plays (never a draft): its name, when it ends, and a
one-tap stop. The same bar on the schedule page and the slides page."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.documents.decoding import ContentError
from kiosk.i18n.catalogue import staff_text
from kiosk.i18n.languages import StaffLanguage as Language
from kiosk.playlist.editing import PLAY_NOW_CHOICES_MIN
from kiosk.playlist.models import PlayNow, play_now_active
from kiosk.playlist.slide_actions import write_play_now
from kiosk.storage import ConflictError
from kiosk.ui.staff import strings
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.widgets import label, touch_button

log = logging.getLogger(__name__)


def written_at_once(write: Callable[[], object], what: str, language: Language) -> str:
    """Run a "play now" write (a start or a stop); "" once written, else why nothing changed."""
    try:
        write()
    except ContentError as error:
        # The schedule file in force is refused as it is on disk: play-now would replace it.
        log.error("play now of %s: the schedule is refused: %s", what, error)
        reason = strings.reasons_text(error.problems, language)
        return staff_text("play_now_refused", language).format(file=error.problems[0].file, reason=reason)
    except ConflictError:
        log.warning("play now of %s: schedule.json changed as it was written; not played", what)
        return staff_text("changed_on_disk", language)
    except OSError as error:
        log.error("play now of %s failed: %s", what, error)
        return staff_text("write_failed", language)
    return ""


class PlayNowBar(QWidget):
    """`changed` once a start or a stop is written and applied; `failed` carries a sentence when it
    could not be."""

    changed = Signal()
    failed = Signal(str)

    def __init__(self, context: StaffContext, name: str) -> None:
        super().__init__()
        self.context = context
        self.language: Language = "zh"
        # The schedule file's digest the last start or stop was written over (None: there was none).
        self.replaced: str | None = None
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
            self.status.setText(staff_text("play_now_off", language))
        else:
            name = self.context.playlist_name(playing.playlist, language)
            self.status.setText(
                staff_text("play_now_until", language).format(name=name, until=playing.until[-5:])
            )
        self.stop_button.setText(staff_text("stop_play_now", language))
        self.stop_button.setVisible(playing is not None)

    def start(self, playlist_id: str, minutes: int) -> None:
        """Play `playlist_id` at once for `minutes`, over the schedule (nothing to save)."""
        self._write(playlist_id, minutes)

    def stop(self) -> None:
        self._write(None, 0)

    def _write(self, playlist_id: str | None, minutes: int) -> None:
        context = self.context

        def write() -> None:
            _until, self.replaced = write_play_now(
                context.locations.config_dir, context.library(), playlist_id, context.clock.now(), minutes
            )

        refusal = written_at_once(
            write,
            f"playlist {playlist_id!r}" if playlist_id else "(stop)",
            self.language,
        )
        if refusal:
            self.failed.emit(refusal)
            return
        log.info("play now: %r for %d min (None: stopped by staff)", playlist_id, minutes)
        context.apply()
        self.refresh(self.language)
        self.changed.emit()


class PlayNowChooser(QWidget):
    """The schedule page's "play now": the bar, then the playlist (a tap moves to the next one), then
    how long, each a tap that plays it at once."""

    def __init__(self, context: StaffContext, next_playlist: Callable[[str], str], first: str) -> None:
        super().__init__()
        self.context = context
        self.next_playlist = next_playlist
        self.choice = first
        self.bar = PlayNowBar(context, "staff-play-now")
        self.choose = touch_button("staff-play-now-playlist")
        self.choose.clicked.connect(self._next)
        self.for_buttons: list[QPushButton] = []
        row = QHBoxLayout()
        for minutes in PLAY_NOW_CHOICES_MIN:
            button = touch_button(f"staff-play-for-{minutes}")
            button.clicked.connect(lambda _c=False, m=minutes: self.bar.start(self.choice, m))
            row.addWidget(button, 1)
            self.for_buttons.append(button)
        # The stop beside the times, not beside the words: one row less on a tall page.
        row.addWidget(self.bar.stop_button, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.bar)
        column.addWidget(self.choose)
        column.addLayout(row)

    def _next(self) -> None:
        self.choice = self.next_playlist(self.choice)
        self.refresh(self.bar.language)

    def refresh(self, language: Language) -> None:
        self.bar.refresh(language)
        name = self.context.playlist_name(self.choice, language)
        self.choose.setText(staff_text("play_choice", language).format(name=name))
        for minutes, button in zip(PLAY_NOW_CHOICES_MIN, self.for_buttons, strict=True):
            button.setText(staff_text("play_for", language).format(minutes=minutes))
