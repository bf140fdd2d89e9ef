"""Staff mode: playlists, schedule, settings and diagnostics, all on the touchscreen.

Every save is validated first (problems shown next to the editor, in the staff's language), then
written atomically with the previous version kept, and applied to the running showcase at once.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import __version__
from kiosk.clock import Clock
from kiosk.content.loader import ContentError, Problem
from kiosk.content.models import ContentPack, Language, Text
from kiosk.playlist.models import (
    MAX_DURATION_S,
    MIN_DURATION_S,
    SCHEMA_VERSION,
    WEEKDAYS,
    Playlist,
    PlaylistItem,
    ScheduleRule,
    Transition,
    check_playlist,
)
from kiosk.playlist.store import (
    Library,
    delete_playlist,
    save_playlist,
    save_schedule,
    staff_playlist_path,
    undo_save,
)
from kiosk.settings import Locations, Settings, save_settings
from kiosk.system.process import peak_rss_mib
from kiosk.ui import theme

log = logging.getLogger(__name__)

TRANSITIONS: tuple[Transition, ...] = ("fade", "slide", "none")
DEFAULT_DURATION_S = 10.0
THUMBNAIL = QSize(240, 135)


class RecentErrors(logging.Handler):
    """The last warnings and errors, for the diagnostics page."""

    def __init__(self, size: int = 20) -> None:
        super().__init__(level=logging.WARNING)
        self.records: deque[str] = deque(maxlen=size)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(
            f"{time.strftime('%H:%M:%S', time.localtime(record.created))} {record.getMessage()}"
        )


@dataclass
class StaffContext:
    """What staff mode works on; `apply` pushes saved changes into the running kiosk."""

    pack: ContentPack
    family: str
    clock: Clock
    locations: Locations
    settings: Settings
    library: Callable[[], Library]
    apply: Callable[[], None]
    now_playing: Callable[[], str]
    quit: Callable[[], None]
    preview: Callable[[Playlist], None]
    thumbnail: Callable[[str], QPixmap] | None = None
    errors: RecentErrors = field(default_factory=RecentErrors)
    pack_digest: str = ""
    started_at: float = field(default_factory=time.monotonic)


def _list() -> QListWidget:
    """A touch list: items elide instead of scrolling sideways; the selection is plain to see."""
    widget = QListWidget()
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setStyleSheet(
        f"QListWidget {{ background: {theme.SURFACE}; border: none; }}"
        f" QListWidget::item {{ padding: 10px; }}"
        f" QListWidget::item:selected {{ background: {theme.HAIRLINE}; color: {theme.ACCENT}; }}"
    )
    return widget


def _button(text: str = "", name: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if name:
        button.setObjectName(name)
    return button


class StaffPage(QWidget):
    def __init__(self, context: StaffContext) -> None:
        super().__init__()
        self.context = context
        self.language: Language = "zh"

    def text(self, key: str) -> str:
        return self.context.pack.text(key, self.language)

    def problems_text(self, problems: list[Problem]) -> str:
        return "\n".join(str(problem) for problem in problems)

    def refresh(self) -> None:
        """Fill in from the current state, in `self.language`."""


class PlaylistsPage(StaffPage):
    """List, create, copy, delete; edit items: add from the catalogue, reorder, time, transition."""

    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.draft: Playlist | None = None
        self.last_save: tuple[Path, bool] | None = None
        self._confirm_delete = False
        self.playlists = _list()
        self.playlists.itemClicked.connect(lambda item: self.select(item.data(Qt.ItemDataRole.UserRole)))
        self.new_button = _button(name="staff-new")
        self.duplicate_button = _button(name="staff-duplicate")
        self.delete_button = _button(name="staff-delete")
        self.new_button.clicked.connect(self.new_playlist)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.delete_button.clicked.connect(self.delete)
        left = QVBoxLayout()
        left.addWidget(self.playlists, 1)
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            left.addWidget(button)

        self.name = QLabel()
        # Renaming needs letters: the kiosk's keyboard, if one is plugged in, or the system's
        # on-screen keyboard. Everything else here works with the finger alone.
        self.name_zh = QLineEdit()
        self.name_en = QLineEdit()
        self.name_zh.setObjectName("staff-name-zh")
        self.name_en.setObjectName("staff-name-en")
        self.name_zh.textEdited.connect(lambda text: self.rename("zh", text))
        self.name_en.textEdited.connect(lambda text: self.rename("en", text))
        self.preview_button = _button(name="staff-preview")
        self.preview_button.clicked.connect(self.preview)
        self.items = _list()
        self.items.currentRowChanged.connect(lambda _row: self._refresh_item_controls())
        self.up_button = _button(name="staff-up")
        self.down_button = _button(name="staff-down")
        self.shorter_button = _button("−", "staff-shorter")
        self.duration = QLabel()
        self.duration.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.longer_button = _button("+", "staff-longer")
        self.transition_button = _button(name="staff-transition")
        self.enabled_button = _button(name="staff-enabled")
        self.remove_button = _button(name="staff-remove")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.shorter_button.clicked.connect(lambda: self.change_duration(-1))
        self.longer_button.clicked.connect(lambda: self.change_duration(1))
        self.transition_button.clicked.connect(self.cycle_transition)
        self.enabled_button.clicked.connect(self.toggle_enabled)
        self.remove_button.clicked.connect(self.remove_item)
        item_controls = QGridLayout()
        for column, widget in enumerate(
            (self.up_button, self.down_button, self.shorter_button, self.duration, self.longer_button)
        ):
            item_controls.addWidget(widget, 0, column)
        item_controls.addWidget(self.transition_button, 1, 0, 1, 2)
        item_controls.addWidget(self.enabled_button, 1, 2, 1, 2)
        item_controls.addWidget(self.remove_button, 1, 4)

        self.catalogue = _list()
        self.catalogue.setViewMode(QListWidget.ViewMode.IconMode)
        self.catalogue.setIconSize(THUMBNAIL)
        self.catalogue.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.catalogue.setWordWrap(True)
        self.catalogue.itemClicked.connect(lambda item: self.add_slide(item.data(Qt.ItemDataRole.UserRole)))
        self.catalogue_title = QLabel()
        self._thumbnails_pending: list[QListWidgetItem] = []

        self.save_button = _button(name="staff-save")
        self.undo_button = _button(name="staff-undo")
        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.undo)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("StaffMessage")
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.undo_button)
        actions.addWidget(self.preview_button)

        middle = QVBoxLayout()
        middle.addWidget(self.name)
        names = QHBoxLayout()
        names.addWidget(self.name_zh)
        names.addWidget(self.name_en)
        middle.addLayout(names)
        middle.addWidget(self.items, 1)
        middle.addLayout(item_controls)
        middle.addLayout(actions)
        middle.addWidget(self.message)
        right = QVBoxLayout()
        right.addWidget(self.catalogue_title)
        right.addWidget(self.catalogue, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(middle, 3)
        layout.addLayout(right, 3)

    # Data ---------------------------------------------------------------------------------

    def slide_ids(self) -> set[str]:
        return {slide.id for slide in self.context.pack.slides}

    def slide_title(self, slide_id: str) -> str:
        slide = next((item for item in self.context.pack.slides if item.id == slide_id), None)
        if slide is None:
            return slide_id
        if slide.title is not None:
            return slide.title.get(self.language)
        if slide.story is not None:
            story = next(item for item in self.context.pack.stories if item.id == slide.story)
            return story.title.get(self.language)
        if slide.chart is not None:
            chart = next(item for item in self.context.pack.charts if item.id == slide.chart)
            return chart.title.get(self.language)
        if slide.figures:
            return self.context.pack.figure(slide.figures[0]).label.get(self.language)
        topic = next(item for item in self.context.pack.meta.topics if item.id == slide.topic)
        return topic.title.get(self.language)

    # Playlists ------------------------------------------------------------------------------

    def refresh(self) -> None:
        library = self.context.library()
        self.playlists.clear()
        staff_dir = self.context.locations.config_dir
        for playlist in sorted(library.playlists.values(), key=lambda item: item.id):
            staff_copy = staff_playlist_path(staff_dir, playlist.id).exists()
            kind = self.text("staff.staff_made" if staff_copy else "staff.bundled")
            item = QListWidgetItem(f"{playlist.name.get(self.language)}  ·  {kind}")
            item.setData(Qt.ItemDataRole.UserRole, playlist.id)
            self.playlists.addItem(item)
        if self.catalogue.count() == 0:
            for slide in self.context.pack.slides:
                entry = QListWidgetItem(self.slide_title(slide.id))
                entry.setData(Qt.ItemDataRole.UserRole, slide.id)
                entry.setSizeHint(QSize(THUMBNAIL.width() + 24, THUMBNAIL.height() + 80))
                self.catalogue.addItem(entry)
                self._thumbnails_pending.append(entry)
            QTimer.singleShot(0, self, self._next_thumbnail)
        for button, key in (
            (self.new_button, "staff.new"),
            (self.duplicate_button, "staff.duplicate"),
            (self.delete_button, "staff.delete"),
            (self.up_button, "staff.move_up"),
            (self.down_button, "staff.move_down"),
            (self.remove_button, "staff.remove"),
            (self.save_button, "staff.save"),
            (self.undo_button, "staff.undo"),
            (self.preview_button, "staff.preview"),
        ):
            button.setText(self.text(key))
        self.catalogue_title.setText(self.text("staff.add_slide"))
        if self.draft is None and library.playlists:
            self.select(
                library.schedule.default_playlist
                if library.schedule.default_playlist in library.playlists
                else next(iter(library.playlists))
            )
        self._refresh_draft()

    def _next_thumbnail(self) -> None:
        """Thumbnails are real renders of the slides, made one at a time so the panel stays live."""
        if not self._thumbnails_pending or self.context.thumbnail is None:
            return
        entry = self._thumbnails_pending.pop(0)
        try:
            entry.setIcon(QIcon(self.context.thumbnail(entry.data(Qt.ItemDataRole.UserRole))))
        except RuntimeError:
            return
        QTimer.singleShot(0, self, self._next_thumbnail)

    def select(self, playlist_id: str) -> None:
        playlist = self.context.library().playlists.get(playlist_id)
        if playlist is None:
            return
        self.draft = msgspec.structs.replace(playlist, items=list(playlist.items))
        for row in range(self.playlists.count()):
            if self.playlists.item(row).data(Qt.ItemDataRole.UserRole) == playlist_id:
                self.playlists.setCurrentRow(row)
        self._confirm_delete = False
        self.message.setText("")
        self._refresh_draft()
        if self.draft.items:
            self.items.setCurrentRow(0)

    def _unique_id(self, base: str) -> str:
        existing = set(self.context.library().playlists)
        candidate, number = base, 1
        while candidate in existing:
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def new_playlist(self) -> None:
        playlist_id = self._unique_id("staff")
        number = playlist_id.rsplit("-", 1)[-1] if "-" in playlist_id else "1"
        self.draft = Playlist(
            SCHEMA_VERSION, playlist_id, Text(zh=f"新列表 {number}", en=f"New playlist {number}"), []
        )
        self._refresh_draft()

    def duplicate(self) -> None:
        if self.draft is None:
            return
        self.draft = msgspec.structs.replace(
            self.draft,
            id=self._unique_id(f"{self.draft.id}-copy"),
            name=Text(zh=f"{self.draft.name.zh}（副本）", en=f"{self.draft.name.en} (copy)"),
            items=list(self.draft.items),
        )
        self._refresh_draft()

    def delete(self) -> None:
        if self.draft is None:
            return
        path = staff_playlist_path(self.context.locations.config_dir, self.draft.id)
        if not path.exists():
            self.message.setText(self.text("staff.bundled_no_delete"))
            return
        if not self._confirm_delete:
            self._confirm_delete = True
            self.message.setText(self.text("staff.delete_confirm"))
            return
        delete_playlist(self.context.locations.config_dir, self.draft.id)
        self.last_save = (path, True)
        self.draft = None
        self._confirm_delete = False
        self.context.apply()
        self.refresh()

    def rename(self, language: Language, text: str) -> None:
        if self.draft is None:
            return
        name = (
            Text(zh=text, en=self.draft.name.en) if language == "zh" else Text(zh=self.draft.name.zh, en=text)
        )
        self.draft = msgspec.structs.replace(self.draft, name=name)
        self.name.setText(f"{self.draft.name.get(self.language)}  ({self.draft.id})")

    def preview(self) -> None:
        """Play the playlist as it stands, full screen; a touch comes back here."""
        if self.draft is None:
            return
        problems = check_playlist(self.draft, self.slide_ids(), f"{self.draft.id}.json")
        if problems:
            self.message.setText(self.problems_text(problems))
            return
        self.context.preview(self.draft)

    # Items ----------------------------------------------------------------------------------

    def _current_row(self) -> int:
        return self.items.currentRow()

    def _replace_item(self, row: int, **changes: object) -> None:
        assert self.draft is not None
        items = list(self.draft.items)
        items[row] = msgspec.structs.replace(items[row], **changes)
        self.draft = msgspec.structs.replace(self.draft, items=items)
        self._refresh_draft(keep_row=row)

    def add_slide(self, slide_id: str) -> None:
        if self.draft is None:
            self.new_playlist()
        assert self.draft is not None
        item = PlaylistItem(slide=slide_id, duration_s=DEFAULT_DURATION_S)
        self.draft = msgspec.structs.replace(self.draft, items=[*self.draft.items, item])
        self._refresh_draft(keep_row=len(self.draft.items) - 1)

    def move(self, step: int) -> None:
        row = self._current_row()
        if self.draft is None or row < 0:
            return
        target = row + step
        if not 0 <= target < len(self.draft.items):
            return
        items = list(self.draft.items)
        items[row], items[target] = items[target], items[row]
        self.draft = msgspec.structs.replace(self.draft, items=items)
        self._refresh_draft(keep_row=target)

    def change_duration(self, step: int) -> None:
        row = self._current_row()
        if self.draft is None or row < 0:
            return
        current = self.draft.items[row].duration_s
        # One second at a time for short slides, five beyond a minute: 3 s to 600 s in few taps.
        size = 1.0 if current + step <= 60 else 5.0
        value = min(MAX_DURATION_S, max(MIN_DURATION_S, current + step * size))
        self._replace_item(row, duration_s=value)

    def cycle_transition(self) -> None:
        row = self._current_row()
        if self.draft is None or row < 0:
            return
        current = self.draft.items[row].transition
        self._replace_item(row, transition=TRANSITIONS[(TRANSITIONS.index(current) + 1) % len(TRANSITIONS)])

    def toggle_enabled(self) -> None:
        row = self._current_row()
        if self.draft is None or row < 0:
            return
        self._replace_item(row, enabled=not self.draft.items[row].enabled)

    def remove_item(self) -> None:
        row = self._current_row()
        if self.draft is None or row < 0:
            return
        items = [item for index, item in enumerate(self.draft.items) if index != row]
        self.draft = msgspec.structs.replace(self.draft, items=items)
        self._refresh_draft(keep_row=min(row, len(items) - 1))

    def _refresh_draft(self, keep_row: int | None = None) -> None:
        self.items.clear()
        if self.draft is None:
            self.name.setText("")
            self._refresh_item_controls()
            return
        self.name.setText(f"{self.draft.name.get(self.language)}  ({self.draft.id})")
        if self.name_zh.text() != self.draft.name.zh:
            self.name_zh.setText(self.draft.name.zh)
        if self.name_en.text() != self.draft.name.en:
            self.name_en.setText(self.draft.name.en)
        for item in self.draft.items:
            state = self.text("staff.enabled" if item.enabled else "staff.disabled")
            seconds = self.text("staff.seconds").format(seconds=f"{item.duration_s:g}")
            row = QListWidgetItem(
                f"{self.slide_title(item.slide)}  ·  {seconds}  ·  {item.transition}  ·  {state}"
            )
            row.setData(Qt.ItemDataRole.UserRole, item.slide)
            self.items.addItem(row)
        if keep_row is not None and 0 <= keep_row < self.items.count():
            self.items.setCurrentRow(keep_row)
        self._refresh_item_controls()

    def _refresh_item_controls(self) -> None:
        row = self._current_row()
        has_item = self.draft is not None and 0 <= row < len(self.draft.items)
        for button in (
            self.up_button,
            self.down_button,
            self.shorter_button,
            self.longer_button,
            self.transition_button,
            self.enabled_button,
            self.remove_button,
        ):
            button.setEnabled(has_item)
        if has_item and self.draft is not None:
            item = self.draft.items[row]
            self.duration.setText(self.text("staff.seconds").format(seconds=f"{item.duration_s:g}"))
            self.transition_button.setText(item.transition)
            self.enabled_button.setText(self.text("staff.enabled" if item.enabled else "staff.disabled"))
        else:
            self.duration.setText("")
            self.transition_button.setText("")
            self.enabled_button.setText("")

    # Saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        if self.draft is None:
            return
        config_dir = self.context.locations.config_dir
        path = staff_playlist_path(config_dir, self.draft.id)
        existed = path.exists()
        try:
            save_playlist(config_dir, self.draft, self.slide_ids())
        except ContentError as error:
            self.message.setText(self.problems_text(error.problems))
            return
        except OSError as error:
            self.message.setText(f"{path}: {error.strerror}")
            return
        self.last_save = (path, existed)
        self.context.apply()
        self.message.setText(self.text("staff.saved"))
        saved_id = self.draft.id
        self.refresh()
        self.select(saved_id)
        self.message.setText(self.text("staff.saved"))

    def undo(self) -> None:
        if self.last_save is None:
            return
        path, existed = self.last_save
        undo_save(path, existed)
        self.last_save = None
        self.draft = None
        self.context.apply()
        self.refresh()
        self.message.setText(self.text("staff.undone"))


class SchedulePage(StaffPage):
    """The default playlist and time windows; overlaps are spelled out."""

    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.schedule = context.library().schedule
        self.last_save: tuple[Path, bool] | None = None
        self.default_label = QLabel()
        self.default_button = _button(name="staff-default-playlist")
        self.default_button.clicked.connect(self.cycle_default)
        self.rules = QVBoxLayout()
        self.add_button = _button(name="staff-add-rule")
        self.add_button.clicked.connect(self.add_rule)
        self.save_button = _button(name="staff-save-schedule")
        self.save_button.clicked.connect(self.save)
        self.report = QLabel()
        self.report.setWordWrap(True)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.default_label)
        top.addWidget(self.default_button, 1)
        layout.addLayout(top)
        layout.addLayout(self.rules)
        layout.addWidget(self.add_button)
        layout.addWidget(self.report)
        layout.addStretch(1)
        layout.addWidget(self.save_button)

    def playlist_ids(self) -> list[str]:
        return sorted(self.context.library().playlists)

    def _next_playlist(self, current: str) -> str:
        ids = self.playlist_ids()
        return ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]

    def cycle_default(self) -> None:
        self.schedule = msgspec.structs.replace(
            self.schedule, default_playlist=self._next_playlist(self.schedule.default_playlist)
        )
        self.refresh()

    def add_rule(self) -> None:
        rule = ScheduleRule(
            days=["sat", "sun"], start="09:00", end="18:00", playlist=self.schedule.default_playlist
        )
        self.schedule = msgspec.structs.replace(self.schedule, rules=[*self.schedule.rules, rule])
        self.refresh()

    def change_rule(self, index: int, **changes: object) -> None:
        rules = list(self.schedule.rules)
        rules[index] = msgspec.structs.replace(rules[index], **changes)
        self.schedule = msgspec.structs.replace(self.schedule, rules=rules)
        self.refresh()

    def remove_rule(self, index: int) -> None:
        rules = [rule for position, rule in enumerate(self.schedule.rules) if position != index]
        self.schedule = msgspec.structs.replace(self.schedule, rules=rules)
        self.refresh()

    def save(self) -> None:
        config_dir = self.context.locations.config_dir
        path = config_dir / "schedule.json"
        existed = path.exists()
        try:
            save_schedule(config_dir, self.schedule, set(self.playlist_ids()))
        except ContentError as error:
            self.report.setText(self.problems_text(error.problems))
            return
        self.last_save = (path, existed)
        self.context.apply()
        self.report.setText(self.text("staff.saved"))

    def overlaps(self) -> list[tuple[int, int]]:
        found = []
        for first in range(len(self.schedule.rules)):
            for second in range(first + 1, len(self.schedule.rules)):
                if _windows_overlap(self.schedule.rules[first], self.schedule.rules[second]):
                    found.append((first, second))
        return found

    def refresh(self) -> None:
        self.default_label.setText(self.text("staff.default_playlist"))
        self.default_button.setText(self.schedule.default_playlist)
        self.add_button.setText(self.text("staff.add_rule"))
        self.save_button.setText(self.text("staff.save"))
        while self.rules.count():
            item = self.rules.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for index, rule in enumerate(self.schedule.rules):
            self.rules.addWidget(self._rule_row(index, rule))
        overlaps = self.overlaps()
        if overlaps:
            self.report.setText(
                "\n".join(
                    self.text("staff.overlap").format(first=f"#{first + 1}", second=f"#{second + 1}")
                    for first, second in overlaps
                )
            )
        else:
            self.report.setText(self.text("staff.no_overlap"))

    def _rule_row(self, index: int, rule: ScheduleRule) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.addWidget(QLabel(f"#{index + 1}"))
        for day in WEEKDAYS:
            button = _button(day, f"staff-rule{index}-{day}")
            button.setCheckable(True)
            button.setChecked(day in rule.days)
            button.clicked.connect(
                lambda checked, chosen=day, position=index: self.change_rule(
                    position,
                    days=[
                        d
                        for d in WEEKDAYS
                        if (d == chosen and checked)
                        or (d != chosen and d in self.schedule.rules[position].days)
                    ],
                )
            )
            layout.addWidget(button)
        for field_name in ("start", "end"):
            earlier = _button("−")
            later = _button("+")
            value = QLabel(getattr(rule, field_name))
            earlier.clicked.connect(lambda _c=False, f=field_name, p=index: self._shift(p, f, -30))
            later.clicked.connect(lambda _c=False, f=field_name, p=index: self._shift(p, f, 30))
            layout.addWidget(earlier)
            layout.addWidget(value)
            layout.addWidget(later)
        playlist_button = _button(rule.playlist)
        playlist_button.clicked.connect(
            lambda _c=False, p=index: self.change_rule(
                p, playlist=self._next_playlist(self.schedule.rules[p].playlist)
            )
        )
        remove = _button(self.text("staff.remove"))
        remove.clicked.connect(lambda _c=False, p=index: self.remove_rule(p))
        layout.addWidget(playlist_button)
        layout.addWidget(remove)
        return row

    def _shift(self, index: int, field_name: str, minutes: int) -> None:
        hours, mins = (int(part) for part in getattr(self.schedule.rules[index], field_name).split(":"))
        total = (hours * 60 + mins + minutes) % (24 * 60)
        self.change_rule(index, **{field_name: f"{total // 60:02d}:{total % 60:02d}"})


def _windows_overlap(first: ScheduleRule, second: ScheduleRule) -> bool:
    """Whether two rules ever cover the same minute of the week."""

    def minutes(rule: ScheduleRule) -> set[int]:
        start = int(rule.start[:2]) * 60 + int(rule.start[3:])
        end = int(rule.end[:2]) * 60 + int(rule.end[3:])
        length = (end - start) % (24 * 60)
        covered = set()
        for day in rule.days:
            base = WEEKDAYS.index(day) * 24 * 60 + start
            covered.update((base + offset) % (7 * 24 * 60) for offset in range(0, length, 30))
        return covered

    return bool(minutes(first) & minutes(second))


class SettingsPage(StaffPage):
    """Idle timeout and countdown, default language, display-only, reduced motion."""

    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.draft = msgspec.structs.replace(context.settings)
        self.rows = QGridLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = _button(name="staff-save-settings")
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.save_button)
        self.value_labels: dict[str, QLabel] = {}
        self.toggles: dict[str, QPushButton] = {}
        steppers = (
            ("idle_timeout_s", "staff.idle_timeout", 15),
            ("idle_countdown_s", "staff.idle_countdown", 1),
        )
        for row, (name, _key, step) in enumerate(steppers):
            less, more, value = (
                _button("−", f"staff-{name}-less"),
                _button("+", f"staff-{name}-more"),
                QLabel(),
            )
            less.clicked.connect(lambda _c=False, n=name, s=step: self.step(n, -s))
            more.clicked.connect(lambda _c=False, n=name, s=step: self.step(n, s))
            self.rows.addWidget(QLabel(), row, 0)
            self.rows.addWidget(less, row, 1)
            self.rows.addWidget(value, row, 2)
            self.rows.addWidget(more, row, 3)
            self.value_labels[name] = value
        for row, name in enumerate(
            ("default_language", "display_only", "reduced_motion"), start=len(steppers)
        ):
            toggle = _button(name=f"staff-{name}")
            toggle.clicked.connect(lambda _c=False, n=name: self.toggle(n))
            self.rows.addWidget(QLabel(), row, 0)
            self.rows.addWidget(toggle, row, 1, 1, 3)
            self.toggles[name] = toggle
        self._keys = [key for _name, key, _step in steppers] + [
            "staff.default_language",
            "staff.display_only",
            "staff.reduced_motion",
        ]

    def step(self, name: str, amount: int) -> None:
        self.draft = msgspec.structs.replace(self.draft, **{name: getattr(self.draft, name) + amount})
        self.refresh()

    def toggle(self, name: str) -> None:
        if name == "default_language":
            value: object = "en" if self.draft.default_language == "zh" else "zh"
        else:
            value = not getattr(self.draft, name)
        self.draft = msgspec.structs.replace(self.draft, **{name: value})
        self.refresh()

    def save(self) -> None:
        try:
            save_settings(self.context.locations.config_dir, self.draft)
        except ContentError as error:
            self.message.setText(self.problems_text(error.problems))
            return
        for name in self.draft.__struct_fields__:
            setattr(self.context.settings, name, getattr(self.draft, name))
        self.context.apply()
        self.message.setText(self.text("staff.saved"))

    def refresh(self) -> None:
        for row, key in enumerate(self._keys):
            label = self.rows.itemAtPosition(row, 0).widget()
            assert isinstance(label, QLabel)
            label.setText(self.text(key))
        for name, label in self.value_labels.items():
            label.setText(self.text("staff.seconds").format(seconds=getattr(self.draft, name)))
        self.toggles["default_language"].setText("中文" if self.draft.default_language == "zh" else "English")
        for name in ("display_only", "reduced_motion"):
            self.toggles[name].setText(self.text("staff.on" if getattr(self.draft, name) else "staff.off"))
        self.save_button.setText(self.text("staff.save"))


class DiagnosticsPage(StaffPage):
    """Versions, uptime, memory, what plays, recent errors, the log tail, where files live; quit."""

    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextFormat(Qt.TextFormat.PlainText)
        self.report.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.quit_button = _button(name="staff-quit")
        self.quit_button.clicked.connect(self.quit)
        self._confirm = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.quit_button)

    def quit(self) -> None:
        if not self._confirm:
            self._confirm = True
            self.quit_button.setText(self.text("staff.quit_confirm"))
            return
        log.info("quit from staff mode")
        self.context.quit()

    def log_tail(self, lines: int = 12) -> list[str]:
        path = self.context.locations.log_dir / "kiosk.log"
        try:
            with path.open("rb") as handle:
                handle.seek(0, os.SEEK_END)
                handle.seek(max(0, handle.tell() - 16_000))
                return handle.read().decode("utf-8", "replace").splitlines()[-lines:]
        except OSError:
            return []

    def refresh(self) -> None:
        self._confirm = False
        self.quit_button.setText(self.text("staff.quit"))
        meta = self.context.pack.meta
        uptime = int(time.monotonic() - self.context.started_at)
        errors = list(self.context.errors.records) or [self.text("staff.none")]
        lines = [
            f"{self.text('staff.diag_version')}: kiosk {__version__}",
            f"{self.text('staff.diag_pack')}: {meta.id} {meta.version} ({self.context.pack_digest})",
            f"{self.text('staff.diag_uptime')}: {uptime // 3600} h {uptime % 3600 // 60} min",
            f"{self.text('staff.diag_memory')}: {peak_rss_mib():.0f} MiB",
            f"{self.text('staff.diag_playing')}: {self.context.now_playing()}",
            f"{self.text('staff.diag_errors')}:",
            *(f"  {line}" for line in errors[-6:]),
            f"{self.text('staff.diag_files')}: {self.context.locations.config_dir}"
            f"  ·  {self.context.locations.log_dir}",
            f"{self.text('staff.diag_log')}:",
            *(f"  {line}" for line in self.log_tail()),
        ]
        self.report.setText("\n".join(lines))


class StaffPanel(QWidget):
    """The staff screen over the kiosk: tabs along the top, a way out at the top right."""

    closed = Signal()

    def __init__(self, context: StaffContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.language: Language = "zh"
        self.title = QLabel()
        self.close_button = _button(name="staff-close")
        self.close_button.clicked.connect(self.close_panel)
        self.pages: dict[str, StaffPage] = {
            "playlists": PlaylistsPage(context),
            "schedule": SchedulePage(context),
            "settings": SettingsPage(context),
            "diagnostics": DiagnosticsPage(context),
        }
        self.stack = QStackedWidget()
        self.tabs: dict[str, QPushButton] = {}
        tabs = QHBoxLayout()
        for name, page in self.pages.items():
            self.stack.addWidget(page)
            tab = _button(name=f"staff-tab-{name}")
            tab.setCheckable(True)
            tab.clicked.connect(lambda _c=False, chosen=name: self.show_page(chosen))
            tabs.addWidget(tab)
            self.tabs[name] = tab
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(tabs)
        layout.addWidget(self.stack, 1)
        self.hide()

    def open(self, language: Language, scale: float) -> None:
        self.language = language
        self.setStyleSheet(
            f"* {{ font-size: {max(1, round(theme.BODY_PX * scale))}px; }}"
            f" QPushButton {{ min-height: {max(1, round(theme.TOUCH_TARGET_PX * scale))}px; }}"
        )
        self.setGeometry(self.parentWidget().rect())
        for page in self.pages.values():
            page.language = language
        self.title.setText(self.context.pack.text("staff.title", language))
        self.close_button.setText(self.context.pack.text("staff.close", language))
        for name, tab in self.tabs.items():
            tab.setText(self.context.pack.text(f"staff.tab_{name}", language))
        self.show()
        self.raise_()
        self.show_page("playlists")

    def show_page(self, name: str) -> None:
        page = self.pages[name]
        page.refresh()
        self.stack.setCurrentWidget(page)
        for tab_name, tab in self.tabs.items():
            tab.setChecked(tab_name == name)

    def close_panel(self) -> None:
        self.hide()
        self.closed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), theme.colour(theme.GROUND_DEEP))
        painter.end()
