"""Deleting a playlist from the playlists page: first the question, naming every change the
deletion makes to the schedule, then the deletion exactly as it was asked about."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel

from kiosk.content.models import Language
from kiosk.i18n.catalogue import staff_text
from kiosk.playlist.models import Playlist
from kiosk.playlist.playlist_deletion import PlaylistDeletion, delete_playlist_and_uses, plan_deletion
from kiosk.playlist.store import staff_playlist_path
from kiosk.storage import ConflictError
from kiosk.ui.staff import strings
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.widgets import QuestionBar

log = logging.getLogger(__name__)


class PlaylistDeletionQuestion:
    """Asks in `question` (answers "keep" and "delete"); says the outcome in `message`."""

    def __init__(self, context: StaffContext, question: QuestionBar, message: QLabel) -> None:
        self.context = context
        self.question = question
        self.message = message
        self.planned: PlaylistDeletion | None = None

    def ask(self, playlist: Playlist, language: Language) -> None:
        config_dir = self.context.locations.config_dir
        if not staff_playlist_path(config_dir, playlist.id).exists():
            self.message.setText(staff_text("bundled_no_delete", language))
            return
        now = self.context.clock.now()
        self.planned = plan_deletion(config_dir, self.context.library(), playlist.id, now)
        name = playlist.name.get(language)
        self.question.ask(
            strings.deletion_text(self.planned, name, language, self.context.playlist_name),
            ("keep", staff_text("cancel", language)),
            ("delete", staff_text("delete", language)),
        )

    def delete(self, playlist: Playlist, language: Language) -> bool:
        """Staff answered "delete" about `playlist`: True once it and its uses are gone. When the
        schedule changed since the question, nothing is deleted and the question is asked again."""
        planned, self.planned = self.planned, None
        if planned is None or planned.playlist_id != playlist.id:
            return False
        try:
            delete_playlist_and_uses(self.context.locations.config_dir, planned)
        except ConflictError:
            log.warning("schedule.json changed while staff were asked about deleting %r", playlist.id)
            self.ask(playlist, language)
            self.message.setText(staff_text("schedule_changed_meanwhile", language))
            return False
        except OSError as error:
            log.error("deleting playlist %r failed: %s", playlist.id, error)
            self.message.setText(staff_text("write_failed", language))
            return False
        self.message.setText(staff_text("deleted", language).format(name=playlist.name.get(language)))
        return True
