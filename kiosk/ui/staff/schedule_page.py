"""The schedule page: what plays at other times, "play now", and a list of time windows with a
detail editor for the one selected. A view over `ScheduleDraft`; coverage is exact."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import WEEKDAYS, Weekday
from kiosk.i18n.catalogue import weekday_name
from kiosk.i18n.keys import StaffKey
from kiosk.playlist.editing import TIME_STEP_MIN, ScheduleDraft
from kiosk.playlist.store import SCHEDULE_FILE, save_schedule, schedule_refusal
from kiosk.storage import content_digest
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.play_now_bar import PlayNowChooser
from kiosk.ui.staff.schedule_pickers import RuleViews
from kiosk.ui.staff.strings import coverage_text, date_text, describe_rule
from kiosk.ui.staff.widgets import (
    QuestionBar,
    StaffPage,
    Stepper,
    finger_scroll,
    label,
    touch_button,
    touch_list,
)

log = logging.getLogger(__name__)

ROLE = Qt.ItemDataRole.UserRole
# The coverage warnings show this many lines at once (landscape, portrait); more scroll. Portrait has
# less: the panel's tabs take three rows there.
REPORT_LINES = (3, 1)


# The rule's fields, each with its label's key.
_DETAIL_LABELS: dict[str, StaffKey] = {
    "days": "rule_days",
    "date": "rule_date",
    "until": "rule_until",
    "start": "rule_start",
    "end": "rule_end",
    "plays": "enabled",
}


class SchedulePage(StaffPage):
    def __init__(self, context: StaffContext) -> None:
        super().__init__(context)
        self.draft = ScheduleDraft(context.library().schedule)
        self.loaded_digest = content_digest(self._path())
        self.refusal = schedule_refusal(context.locations.config_dir)

        self.default_label = label("fieldLabel")
        self.default_button = touch_button("staff-default-playlist")
        self.default_button.clicked.connect(
            lambda: self._edit(lambda d: d.set_default(self._next_playlist(d.value.default_playlist)))
        )
        self.play_now = PlayNowChooser(context, self._next_playlist, self.draft.value.default_playlist)
        self.play_bar = self.play_now.bar
        self.play_bar.changed.connect(self._play_now_changed)

        self.rules_title = label("section")
        self.rules = touch_list("staff-rules")
        # A window's row says all of it, its mark included: it wraps, never elides; the list scrolls.
        self.rules.setWordWrap(True)
        self.rules.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.rules.currentRowChanged.connect(lambda _row: self._refresh_detail())
        self.add_weekly_button = touch_button("staff-add-rule")
        self.add_one_off_button = touch_button("staff-add-one-off")
        self.clear_past_button = touch_button("staff-clear-past")
        self.add_weekly_button.clicked.connect(
            lambda: self._edit(lambda d: d.add_weekly(d.value.default_playlist), select_last=True)
        )
        self.add_one_off_button.clicked.connect(self.add_one_off)
        self.clear_past_button.clicked.connect(lambda: self._edit(lambda d: d.clear_past(self._today())))
        left = QVBoxLayout()
        default_row = QHBoxLayout()
        default_row.addWidget(self.default_label)
        default_row.addWidget(self.default_button, 1)
        left.addLayout(default_row)
        left.addWidget(self.play_now)
        left.addWidget(self.rules_title)
        left.addWidget(self.rules, 1)
        adds = QHBoxLayout()
        for button in (self.add_weekly_button, self.add_one_off_button, self.clear_past_button):
            adds.addWidget(button)
        left.addLayout(adds)

        self.detail = QWidget()
        grid = QGridLayout(self.detail)
        self.detail_labels = {key: label("fieldLabel") for key in _DETAIL_LABELS}
        self.day_buttons: dict[Weekday, QPushButton] = {}
        days = QHBoxLayout()
        for day in WEEKDAYS:
            button = touch_button(f"staff-day-{day}", checkable=True)
            button.setProperty("staffRole", "day")  # seven to a row: no side padding
            button.clicked.connect(
                lambda _c=False, chosen=day: self.edit_rule(lambda d, r: d.toggle_day(r, chosen))
            )
            days.addWidget(button)
            self.day_buttons[day] = button
        self.days_row = QWidget()
        self.days_row.setLayout(days)
        self.date = Stepper(
            "staff-date",
            lambda step: self.edit_rule(lambda d, r: d.shift_date(r, "date", step)),
            lambda: self.views.pick_date(),
        )
        self.until = Stepper(
            "staff-until", lambda step: self.edit_rule(lambda d, r: d.shift_date(r, "until", step))
        )
        self.start = Stepper(
            "staff-start", lambda step: self._shift("start", step), lambda: self.views.pick_time("start")
        )
        self.end = Stepper(
            "staff-end", lambda step: self._shift("end", step), lambda: self.views.pick_time("end")
        )
        self.rule_playlist = touch_button("staff-rule-playlist")
        self.rule_playlist.clicked.connect(
            lambda: self.edit_rule(
                lambda d, r: d.set_playlist(r, self._next_playlist(d.value.rules[r].playlist))
            )
        )
        rows: list[tuple[str, QWidget]] = [
            ("days", self.days_row),
            ("date", self.date),
            ("until", self.until),
            ("start", self.start),
            ("end", self.end),
            ("plays", self.rule_playlist),
        ]
        for row, (key, widget) in enumerate(rows):
            grid.addWidget(self.detail_labels[key], row, 0)
            grid.addWidget(widget, row, 1)
        self.up_button = touch_button("staff-rule-up")
        self.down_button = touch_button("staff-rule-down")
        self.remove_button = touch_button("staff-rule-remove")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(lambda: self.edit_rule(lambda d, r: d.remove(r)))
        rule_actions = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            rule_actions.addWidget(button)
        grid.addLayout(rule_actions, len(rows), 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.report = label("report", wrap=True)
        self.report.setObjectName("staff-coverage")
        self.report.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Every warning in full: however many there are, they scroll rather than being cut off.
        self.report_area = QScrollArea()
        self.report_area.setWidgetResizable(True)
        self.report_area.setWidget(self.report)
        finger_scroll(self.report_area)
        grid.addWidget(self.report_area, len(rows) + 1, 0, 1, 2)
        grid.setRowStretch(len(rows) + 2, 1)

        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addLayout(left, 1)
        self.columns.addWidget(self.detail, 1)
        editor = QWidget()
        editor.setLayout(self.columns)
        self.views = RuleViews(editor, self)
        self.body.addWidget(self.views, 1)
        self.undo_button = touch_button("staff-schedule-undo")
        self.redo_button = touch_button("staff-schedule-redo")
        self.save_button = touch_button("staff-save-schedule")
        self.save_button.setProperty("staffRole", "primary")
        self.undo_button.clicked.connect(lambda: self._edit(lambda d: d.undo()))
        self.redo_button.clicked.connect(lambda: self._edit(lambda d: d.redo()))
        self.save_button.clicked.connect(self.save)
        self.message = label("message", wrap=True)
        self.message.setObjectName("staff-schedule-message")
        self.play_bar.failed.connect(self.message.setText)
        for button in (self.undo_button, self.redo_button, self.save_button):
            self.action_bar.addWidget(button)
        self.body.addWidget(self.message)
        self.question = QuestionBar("staff-schedule-question")
        self.question.answered.connect(self.answer_conflict)
        self.body.addWidget(self.question)

    def title_text(self) -> str:
        return self.text("tab_schedule")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        portrait = event.size().height() > event.size().width()
        lines = QFontMetrics(self.report.font()).lineSpacing()
        self.report_area.setFixedHeight(lines * REPORT_LINES[portrait] + lines // 2)
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)

    # State -------------------------------------------------------------------------------------

    def _path(self) -> Path:
        return self.context.locations.config_dir / SCHEDULE_FILE

    def _today(self) -> dt.date:
        return self.context.clock.now().date()

    def dirty(self) -> bool:
        return self.draft.dirty

    def discard(self) -> None:
        self._load()

    def _load(self) -> None:
        self.draft = ScheduleDraft(self.context.library().schedule)
        self.loaded_digest = content_digest(self._path())
        self.refusal = schedule_refusal(self.context.locations.config_dir)
        self.refresh()

    def reloaded(self) -> None:
        if not self.draft.dirty:
            unchanged = content_digest(self._path()) == self.loaded_digest
            if unchanged and ScheduleDraft(self.context.library().schedule).value == self.draft.baseline:
                self.refresh()
                return
            row = self.rules.currentRow()
            self._load()
            self.rules.setCurrentRow(min(row, self.rules.count() - 1))
            return
        if content_digest(self._path()) != self.loaded_digest:
            self.message.setText(self.text("changed_on_disk"))
        self.refresh()

    def playlist_ids(self) -> list[str]:
        library = self.context.library()
        return sorted(library.playlists, key=lambda item: library.playlists[item].name.get(self.language))

    def _next_playlist(self, current: str) -> str:
        ids = self.playlist_ids()
        return ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]

    # Edits -------------------------------------------------------------------------------------

    def _edit(self, change: Callable[[ScheduleDraft], object], select_last: bool = False) -> None:
        row = self.rules.currentRow()
        change(self.draft)
        self.refresh()
        count = self.rules.count()
        self.rules.setCurrentRow(count - 1 if select_last else min(max(row, 0), count - 1))
        self.edited.emit()

    def edit_rule(self, change: Callable[[ScheduleDraft, int], object]) -> None:
        """Change the window selected in the list (nothing when none is)."""
        row = self.rules.currentRow()
        if 0 <= row < len(self.draft.value.rules):
            self._edit(lambda draft: change(draft, row))

    def _shift(self, which: Literal["start", "end"], step: int) -> None:
        self.edit_rule(lambda draft, row: draft.shift_time(row, which, step * TIME_STEP_MIN))

    def _move(self, step: int) -> None:
        row = self.rules.currentRow()
        if 0 <= row < len(self.draft.value.rules):
            target = self.draft.move(row, step)
            self.refresh()
            self.rules.setCurrentRow(target)
            self.edited.emit()

    def add_one_off(self) -> None:
        """A new event in the next free hour, playing the default until staff choose."""
        default = self.draft.value.default_playlist
        day, start, end = self.draft.next_free_slot(self.context.clock.now())
        self._edit(lambda d: d.add_one_off(default, day, start, end), select_last=True)

    def _play_now_changed(self) -> None:
        """Written at once beside the draft: the draft carries it. The file is as loaded only if the
        page stood on the version play-now replaced: a copy that landed before still asks on save."""
        if self.loaded_digest == self.play_bar.replaced:
            self.loaded_digest = content_digest(self._path())
        self.draft.play_now_applied(self.context.library().schedule.play_now)
        self.message.setText("")
        self.refresh()

    def save(self, overwrite: bool = False) -> None:
        config_dir = self.context.locations.config_dir
        playlist_ids = set(self.context.library().playlists)
        schedule = self.draft.for_saving()
        self.write_draft(
            self._path(),
            lambda expected: save_schedule(config_dir, schedule, playlist_ids, expected),
            self.draft.mark_saved,
            overwrite,
            self.message,
            self.question,
        )

    # Drawing -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        name = self.context.playlist_name
        value = self.draft.value
        self.default_label.setText(self.text("default_playlist"))
        self.default_button.setText(name(value.default_playlist, self.language))
        self.play_now.refresh(self.language)
        coverage = self.draft.coverage(self._today())
        row = self.rules.currentRow()
        # Rebuilt without the passing "no row" in between (see the playlists page): the rule editor
        # is redrawn once, for the row that stays chosen.
        self.rules.blockSignals(True)
        self.rules.clear()
        for index, rule in enumerate(value.rules):
            outcome = coverage[index].outcome
            marks: dict[str, StaffKey] = {"never": "rule_never", "partly": "rule_partly", "past": "past"}
            mark = f"  ·  {self.text(marks[outcome])}" if outcome in marks else ""
            what = describe_rule(rule, self.language)
            item = QListWidgetItem(f"{index + 1}. {what}  ·  {name(rule.playlist, self.language)}{mark}")
            item.setData(ROLE, index)
            self.rules.addItem(item)
        if 0 <= row < self.rules.count():
            self.rules.setCurrentRow(row)
        self.rules.blockSignals(False)
        rules_title: StaffKey = "rules_refused" if self.refusal else "rules" if value.rules else "no_rules"
        self.rules_title.setText(self.text(rules_title).format(count=len(value.rules)))
        self.clear_past_button.setVisible(any(item.outcome == "past" for item in coverage))
        labelled: tuple[tuple[QPushButton, StaffKey], ...] = (
            (self.add_weekly_button, "add_weekly"),
            (self.add_one_off_button, "add_one_off"),
            (self.clear_past_button, "clear_past"),
            (self.up_button, "move_up"),
            (self.down_button, "move_down"),
            (self.remove_button, "remove"),
            (self.undo_button, "undo"),
            (self.redo_button, "redo"),
            (self.save_button, "save"),
        )
        for button, key in labelled:
            button.setText(self.text(key))
        for field, widget in self.detail_labels.items():
            widget.setText(self.text(_DETAIL_LABELS[field]))
        for day, button in self.day_buttons.items():
            button.setText(weekday_name(day, self.language))
        self.undo_button.setEnabled(self.draft.can_undo)
        self.redo_button.setEnabled(self.draft.can_redo)
        self.save_button.setEnabled(self.draft.dirty)
        self.report.setText(coverage_text(value.rules, coverage, self.language))
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        row = self.rules.currentRow()
        rules = self.draft.value.rules
        self.detail.setEnabled(0 <= row < len(rules))
        if not 0 <= row < len(rules):
            self.detail.setVisible(bool(rules))
            return
        self.detail.setVisible(True)
        rule = rules[row]
        for key, widget in (("days", self.days_row), ("date", self.date), ("until", self.until)):
            shown = (key == "days") != rule.one_off
            widget.setVisible(shown)
            self.detail_labels[key].setVisible(shown)
        for day, button in self.day_buttons.items():
            button.setChecked(day in rule.days)
        if rule.one_off:
            first, last = rule.first_date(), rule.last_date()
            self.date.show_value(date_text(first, self.language))
            self.until.show_value(
                date_text(last, self.language),
                can_less=last is not None and first is not None and last > first,
            )
        self.start.show_value(rule.start)
        self.end.show_value(rule.end)
        self.rule_playlist.setText(self.context.playlist_name(rule.playlist, self.language))
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(row < len(rules) - 1)
