"""The playlists page: pick or create a playlist, add slides from the catalogue, order and time
them, preview, save. A view over `PlaylistDraft`; saves are conditional on the file loaded."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLineEdit, QListWidgetItem, QPushButton, QVBoxLayout

from kiosk.i18n.catalogue import transition_name
from kiosk.i18n.keys import StaffKey
from kiosk.i18n.languages import TranslatedLanguage
from kiosk.playlist.editing import PlaylistDraft
from kiosk.playlist.store import playlist_refusal, save_playlist, staff_playlist_path, taken_playlist_ids
from kiosk.storage import content_digest
from kiosk.ui.staff import strings
from kiosk.ui.staff.catalogue import Catalogue
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.item_controls import ItemControls
from kiosk.ui.staff.keyboard.keyboard import KeyboardSession
from kiosk.ui.staff.playlist_deletion_question import PlaylistDeletionQuestion
from kiosk.ui.staff.widgets import (
    QuestionBar,
    StaffPage,
    label,
    text_field,
    touch_button,
    touch_list,
)

log = logging.getLogger(__name__)

THUMBNAIL = QSize(240, 135)
ROLE = Qt.ItemDataRole.UserRole


class PlaylistsPage(StaffPage):
    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.draft: PlaylistDraft | None = None
        self._shown: tuple[object, ...] | None = None
        self.playlists = touch_list("staff-playlists")
        self.playlists.itemClicked.connect(lambda item: self.ask_select(item.data(ROLE)))
        self.new_button = touch_button("staff-new")
        self.duplicate_button = touch_button("staff-duplicate")
        self.delete_button = touch_button("staff-delete")
        self.new_button.clicked.connect(self.new_playlist)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.delete_button.clicked.connect(self.delete)
        left = QVBoxLayout()
        left.addWidget(self.playlists, 1)
        row = QHBoxLayout()
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            row.addWidget(button)
        left.addLayout(row)

        self.name_zh = text_field("staff-name-zh", context.pack, typing="zh")
        self.name_en = text_field("staff-name-en", context.pack, typing="en")
        name_fields: tuple[tuple[TranslatedLanguage, QLineEdit], ...] = (
            ("zh", self.name_zh),
            ("en", self.name_en),
        )
        for language, field in name_fields:
            field.textEdited.connect(lambda value, lang=language: self._rename(lang, value))
            # The on-screen keyboard hands its text back at once, as editing finished.
            field.editingFinished.connect(lambda lang=language, f=field: self._rename(lang, f.text()))
        KeyboardSession.shared().unavailable.connect(self._keyboard_unavailable)
        self.items_title = label("section")
        self.items = touch_list("staff-items")
        self.items.currentRowChanged.connect(lambda _row: self._refresh_item_controls())
        self.controls = ItemControls(self._act)
        self.undo_button = touch_button("staff-undo")
        self.redo_button = touch_button("staff-redo")
        self.preview_button = touch_button("staff-preview")
        self.save_button = touch_button("staff-save")
        self.save_button.setProperty("staffRole", "primary")
        self.undo_button.clicked.connect(lambda: self._edit(lambda d: d.undo()))
        self.redo_button.clicked.connect(lambda: self._edit(lambda d: d.redo()))
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        for button in (self.undo_button, self.redo_button, self.preview_button, self.save_button):
            self.action_bar.addWidget(button)
        self.message = label("message", wrap=True)
        self.message.setObjectName("staff-message")
        self.question = QuestionBar("staff-question")
        self.question.answered.connect(self._answered)
        middle = QVBoxLayout()
        names = QHBoxLayout()
        names.addWidget(self.name_zh)
        names.addWidget(self.name_en)
        middle.addLayout(names)
        middle.addWidget(self.items_title)
        middle.addWidget(self.items, 1)
        middle.addWidget(self.controls)
        middle.addWidget(self.message)

        self.catalogue = Catalogue(context)
        self.catalogue.chosen.connect(self.add_slide)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addLayout(left, 2)
        self.columns.addLayout(middle, 3)
        self.columns.addWidget(self.catalogue, 3)
        self.body.addLayout(self.columns, 1)
        # Across the page: a question may list several changes, each on a line of its own.
        self.body.addWidget(self.question)
        self._pending_select: str | None = None
        self.deletion = PlaylistDeletionQuestion(context, self.question, self.message)

    def title_text(self) -> str:
        if self.draft is None:
            return self.text("tab_playlists")
        return self.draft.value.name.get(self.language) or self.draft.value.name.zh or self.draft.value.id

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        portrait = event.size().height() > event.size().width()
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        # Stacked in portrait, the slide list shares its band with the fixed-height controls under
        # it, so it is given the larger share to show several slides at once.
        for index, stretch in enumerate((2, 5, 3) if portrait else (2, 3, 3)):
            self.columns.setStretch(index, stretch)
        super().resizeEvent(event)

    # State -------------------------------------------------------------------------------------

    def dirty(self) -> bool:
        return self.draft is not None and self.draft.dirty

    def discard(self) -> None:
        if self.draft is not None:
            playlist_id = self.draft.value.id
            self.draft = None
            self.select(playlist_id)

    def opened(self) -> None:
        if self.draft is None:
            library = self.context.library()
            default = library.schedule.default_playlist
            if default in library.playlists:
                self.select(default)
                return
        super().opened()

    def select(self, playlist_id: str) -> None:
        """Edit the playlist as it is on disk now."""
        playlist = self.context.library().playlists.get(playlist_id)
        if playlist is None:
            self.draft = None
        else:
            config_dir = self.context.locations.config_dir
            self.draft = PlaylistDraft(playlist)
            self.loaded_digest = content_digest(staff_playlist_path(config_dir, playlist_id))
            self.refusal = playlist_refusal(config_dir, playlist_id, self.context.slide_ids())
        self.refresh()
        if self.draft is not None and self.draft.value.items:
            self.items.setCurrentRow(0)

    def ask_select(self, playlist_id: str) -> None:
        if self.dirty() and self.draft is not None and playlist_id != self.draft.value.id:
            self._pending_select = playlist_id
            self.question.ask(
                self.text("leave_unsaved"),
                ("keep", self.text("keep_editing")),
                ("discard", self.text("discard")),
            )
            return
        self.select(playlist_id)

    def new_playlist(self) -> None:
        self.draft = PlaylistDraft.new(self._taken_ids())
        self.loaded_digest = None
        self.refusal = []
        self.refresh()

    def duplicate(self) -> None:
        if self.draft is not None:
            self.draft = self.draft.duplicate(self._taken_ids())
            self.loaded_digest = None
            self.refusal = []
            self.refresh()

    def _taken_ids(self) -> set[str]:
        return taken_playlist_ids(self.context.locations.config_dir, self.context.library())

    def reloaded(self) -> None:
        draft = self.draft
        if draft is not None and not draft.dirty:
            current = self.context.library().playlists.get(draft.value.id)
            if current is not None and current != draft.baseline:
                row = self.items.currentRow()
                self.select(draft.value.id)
                self.items.setCurrentRow(row)
                return
        if draft is not None and draft.dirty:
            path = staff_playlist_path(self.context.locations.config_dir, draft.value.id)
            if content_digest(path) != self.loaded_digest:
                self.message.setText(self.text("changed_on_disk"))
        # A reload for another file (settings, the PIN, the schedule) leaves this page as it is:
        # rebuilding its lists under a finger would drop the press the finger is making.
        if self._shown != self._showing():
            self.refresh()

    def _showing(self) -> tuple[object, ...]:
        library = self.context.library()
        return (library.playlists, library.staff_slides, self.language)

    # Edits -------------------------------------------------------------------------------------

    def _rename(self, language: TranslatedLanguage, value: str) -> None:
        if self.draft is not None and self.draft.value.name.get(language) != value:
            self._edit(lambda draft: draft.rename(language, value), False)

    def _keyboard_unavailable(self, field: QLineEdit, sentence: str) -> None:
        if field in (self.name_zh, self.name_en):
            self.message.setText(sentence)

    def _edit(self, change: Callable[[PlaylistDraft], object], redraw: bool = True) -> None:
        if self.draft is None:
            return
        row = self.items.currentRow()
        change(self.draft)
        if redraw:
            self.refresh()
            self.items.setCurrentRow(min(row, self.items.count() - 1))
        else:
            self.heading.set_source_text(self.title_text())
        self.edited.emit()

    def _edit_row(self, change: Callable[[PlaylistDraft, int], object]) -> None:
        row = self.items.currentRow()
        if self.draft is None or not 0 <= row < len(self.draft.value.items):
            return
        change(self.draft, row)
        self.refresh()
        self.items.setCurrentRow(row)
        self.edited.emit()

    def add_slide(self, slide_id: str) -> None:
        if self.draft is None:
            self.new_playlist()
        assert self.draft is not None
        row = self.draft.add(slide_id)
        self.refresh()
        self.items.setCurrentRow(row)
        self.edited.emit()

    def move_item(self, step: int) -> None:
        row = self.items.currentRow()
        if self.draft is None or row < 0:
            return
        target = self.draft.move(row, step)
        self.refresh()
        self.items.setCurrentRow(target)
        self.edited.emit()

    def _act(self, action: str, argument: int) -> None:
        if action == "move":
            self.move_item(argument)
        elif action == "duration":
            self._edit_row(lambda draft, row: draft.step_duration(row, argument))
        elif action == "transition":
            self._edit_row(lambda draft, row: draft.cycle_transition(row))
        elif action == "toggle":
            self._edit_row(lambda draft, row: draft.toggle(row))
        elif action == "remove":
            self._edit_row(lambda draft, row: draft.remove(row))

    # Delete, preview, save --------------------------------------------------------------------

    def delete(self) -> None:
        if self.draft is not None:
            self.deletion.ask(self.draft.value, self.language)

    def _answered(self, answer: str) -> None:
        if answer == "delete" and self.draft is not None:
            if self.deletion.delete(self.draft.value, self.language):
                self.draft = None
                self.context.apply()
                self.refresh()
        elif answer == "discard" and self._pending_select is not None:
            self.select(self._pending_select)
        else:
            self.answer_conflict(answer)
        self._pending_select = None

    def preview(self) -> None:
        if self.draft is None:
            return
        problems = self.draft.problems(self.context.slide_ids())
        if problems:
            self.message.setText(strings.problems_text(problems, self.language))
            return
        self.context.preview(self.draft.value)

    def save(self, overwrite: bool = False) -> None:
        if self.draft is None:
            return
        config_dir = self.context.locations.config_dir
        draft = self.draft
        self.write_draft(
            staff_playlist_path(config_dir, draft.value.id),
            lambda expected: save_playlist(config_dir, draft.value, self.context.slide_ids(), expected),
            draft.mark_saved,
            overwrite,
            self.message,
            self.question,
        )

    # Drawing -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        self._shown = self._showing()
        library = self.context.library()
        config_dir = self.context.locations.config_dir
        self.playlists.clear()
        for playlist in sorted(library.playlists.values(), key=lambda item: item.name.get(self.language)):
            staff_made = staff_playlist_path(config_dir, playlist.id).exists()
            kind = self.text("staff_made" if staff_made else "bundled")
            item = QListWidgetItem(f"{playlist.name.get(self.language)}  ·  {kind}")
            item.setData(ROLE, playlist.id)
            self.playlists.addItem(item)
            if self.draft is not None and playlist.id == self.draft.value.id:
                self.playlists.setCurrentItem(item)
        self.catalogue.refresh(self.text("add_slide"), self.language)
        labelled: tuple[tuple[QPushButton, StaffKey], ...] = (
            (self.new_button, "new"),
            (self.duplicate_button, "duplicate"),
            (self.delete_button, "delete"),
            (self.undo_button, "undo"),
            (self.redo_button, "redo"),
            (self.preview_button, "preview"),
            (self.save_button, "save"),
        )
        for button, key in labelled:
            button.setText(self.text(key))
        placeholders: tuple[tuple[QLineEdit, StaffKey], ...] = (
            (self.name_zh, "name_zh"),
            (self.name_en, "name_en"),
        )
        for field, key in placeholders:
            field.setPlaceholderText(self.text(key))
            field.setAccessibleName(self.text(key))
        self._refresh_draft()

    def _refresh_draft(self) -> None:
        draft = self.draft
        row = self.items.currentRow()
        # Rebuilt without the passing "no row" in between: that would switch the item controls off
        # and on again, and a button going off drops the press a finger is making on it.
        self.items.blockSignals(True)
        self.items.clear()
        for field in (self.name_zh, self.name_en):
            field.setEnabled(draft is not None)
        self.undo_button.setEnabled(draft is not None and draft.can_undo)
        self.redo_button.setEnabled(draft is not None and draft.can_redo)
        self.save_button.setEnabled(draft is not None and draft.dirty)
        self.preview_button.setEnabled(draft is not None and bool(draft.value.items))
        if draft is None:
            self.items.blockSignals(False)
            self.items_title.setText("")
            # A deleted playlist's name would read as still open.
            self.name_zh.clear()
            self.name_en.clear()
            self._refresh_item_controls()
            return
        for field, value in ((self.name_zh, draft.value.name.zh), (self.name_en, draft.value.name.en)):
            if field.text() != value:
                field.setText(value)
        total = int(draft.value.total_duration_s())
        self.items_title.setText(
            self.text("slides_in_list").format(
                count=len(draft.value.items),
                total=self.text("minutes_seconds").format(minutes=total // 60, seconds=total % 60),
            )
        )
        for index, item in enumerate(draft.value.items):
            parts = [
                f"{index + 1}. {self.context.slide_title(item.slide, self.language)}",
                self.text("seconds").format(seconds=f"{item.duration_s:g}"),
                transition_name(item.transition, self.language),
            ]
            if not item.enabled:
                parts.append(self.text("disabled"))
            self.items.addItem(QListWidgetItem("  ·  ".join(parts)))
        if 0 <= row < self.items.count():
            self.items.setCurrentRow(row)
        self.items.blockSignals(False)
        self._refresh_item_controls()

    def _refresh_item_controls(self) -> None:
        self.controls.show_item(
            self.draft.value if self.draft is not None else None, self.items.currentRow(), self.language
        )
