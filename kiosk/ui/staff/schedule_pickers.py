"""Choosing a one-off event's date and times in a few taps, in place of the schedule page's columns:
a calendar of the next 8 weeks (one tap on the day), and a time as an hour then a quarter (two taps).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import WEEKDAYS
from kiosk.i18n.catalogue import staff_text, weekday_name
from kiosk.i18n.keys import StaffKey
from kiosk.i18n.languages import StaffLanguage as Language
from kiosk.playlist.editing import ScheduleDraft
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.widgets import label, touch_button


class RuleEditor(Protocol):
    """What the pickers need of the schedule page: the selected window, the draft, its edit."""

    rules: QListWidget
    draft: ScheduleDraft
    context: StaffContext
    language: Language

    def text(self, key: StaffKey) -> str: ...

    def edit_rule(self, change: Callable[[ScheduleDraft, int], object]) -> None: ...


CALENDAR_WEEKS = 8
QUARTERS = (0, 15, 30, 45)
HOURS_PER_ROW = 6
MONTHS: tuple[StaffKey, ...] = (
    "month_1",
    "month_2",
    "month_3",
    "month_4",
    "month_5",
    "month_6",
    "month_7",
    "month_8",
    "month_9",
    "month_10",
    "month_11",
    "month_12",
)
PICK_TIME: dict[str, StaffKey] = {"start": "pick_start", "end": "pick_end"}


def _clear(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


class PickerFrame(QWidget):
    """A title, the choices, and Cancel; `cancelled` when staff go back without choosing."""

    cancelled = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.title = label("section")
        self.cancel = touch_button(f"{name}-cancel")
        self.cancel.clicked.connect(self.cancelled.emit)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.cancel)
        self.grid = QGridLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.grid)
        layout.addStretch(1)


class DatePicker(PickerFrame):
    """The next 8 weeks from this week's Monday, one button a day; days gone by cannot be chosen.
    Landscape shows them as two blocks of four weeks side by side, portrait as one column of eight."""

    picked = Signal(object)  # dt.date

    def show_weeks(self, today: dt.date, chosen: dt.date | None, language: Language, wide: bool) -> None:
        _clear(self.grid)
        self.title.setText(staff_text("pick_date", language))
        self.cancel.setText(staff_text("cancel", language))
        monday = today - dt.timedelta(days=today.weekday())
        weeks_per_block = CALENDAR_WEEKS // 2 if wide else CALENDAR_WEEKS
        for block in range(CALENDAR_WEEKS // weeks_per_block):
            for column, day_name in enumerate(WEEKDAYS):
                heading = label("fieldLabel")
                heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
                heading.setText(weekday_name(day_name, language))
                self.grid.addWidget(heading, 0, block * 8 + column)
        for offset in range(CALENDAR_WEEKS * 7):
            day = monday + dt.timedelta(days=offset)
            week, column = divmod(offset, 7)
            block, row = divmod(week, weeks_per_block)
            button = touch_button(f"staff-pick-day-{day.isoformat()}", _day_text(day, offset == 0, language))
            button.setCheckable(True)
            button.setChecked(day == chosen)
            button.setEnabled(day >= today)
            button.clicked.connect(lambda _c=False, value=day: self.picked.emit(value))
            self.grid.addWidget(button, row + 1, block * 8 + column)
        if weeks_per_block < CALENDAR_WEEKS:
            self.grid.setColumnMinimumWidth(7, self.grid.spacing() * 4)


def _day_text(day: dt.date, first: bool, language: Language) -> str:
    """The day of the month; with its month where a month starts (and on the first day shown)."""
    if day.day != 1 and not first:
        return str(day.day)
    month = staff_text(MONTHS[day.month - 1], language)
    return staff_text("month_day", language).format(month=month, day=day.day)


class TimePicker(PickerFrame):
    """An hour, then a quarter: `picked` carries "HH:MM" once the quarter is tapped."""

    picked = Signal(str)

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.hour: int | None = None
        self.hours: dict[int, QPushButton] = {}
        self.quarters: dict[int, QPushButton] = {}
        for hour in range(24):
            button = touch_button(f"staff-pick-hour-{hour:02d}", f"{hour:02d}", checkable=True)
            button.clicked.connect(lambda _c=False, value=hour: self._hour(value))
            self.grid.addWidget(button, hour // HOURS_PER_ROW, hour % HOURS_PER_ROW)
            self.hours[hour] = button
        row = 24 // HOURS_PER_ROW
        for column, minute in enumerate(QUARTERS):
            button = touch_button(f"staff-pick-minute-{minute:02d}", f":{minute:02d}")
            button.setProperty("staffRole", "primary")
            button.clicked.connect(lambda _c=False, value=minute: self._minute(value))
            self.grid.addWidget(button, row, column + 1)
            self.quarters[minute] = button

    def show_time(self, title: str, current: str, language: Language) -> None:
        self.title.setText(title)
        self.cancel.setText(staff_text("cancel", language))
        self._hour(int(current[:2]))

    def _hour(self, hour: int) -> None:
        self.hour = hour
        for value, button in self.hours.items():
            button.setChecked(value == hour)

    def _minute(self, minute: int) -> None:
        if self.hour is not None:
            self.picked.emit(f"{self.hour:02d}:{minute:02d}")


class RuleViews(QStackedWidget):
    """The schedule page's columns, or a picker in their place while staff choose the selected
    window's date or one of its times; choosing (or Cancel) brings the columns back."""

    def __init__(self, editor: QWidget, page: RuleEditor) -> None:
        super().__init__()
        self.page = page
        self.date_picker = DatePicker("staff-date-picker")
        self.date_picker.picked.connect(self._date_picked)
        self.time_picker = TimePicker("staff-time-picker")
        self.time_picker.picked.connect(self._time_picked)
        self._picking: Literal["start", "end"] = "start"
        self.addWidget(editor)
        for picker in (self.date_picker, self.time_picker):
            self.addWidget(picker)
            picker.cancelled.connect(lambda: self.setCurrentIndex(0))

    def _selected(self) -> int | None:
        row = self.page.rules.currentRow()
        return row if 0 <= row < len(self.page.draft.value.rules) else None

    def pick_date(self) -> None:
        row = self._selected()
        if row is not None:
            chosen = self.page.draft.value.rules[row].first_date()
            today = self.page.context.clock.now().date()
            self.date_picker.show_weeks(today, chosen, self.page.language, self.width() > self.height())
            self.setCurrentWidget(self.date_picker)

    def _date_picked(self, day: dt.date) -> None:
        self.setCurrentIndex(0)
        row = self._selected()
        first = self.page.draft.value.rules[row].first_date() if row is not None else None
        if first is not None:
            self.page.edit_rule(lambda draft, index: draft.shift_date(index, "date", (day - first).days))

    def pick_time(self, which: Literal["start", "end"]) -> None:
        row = self._selected()
        if row is not None:
            self._picking = which
            current = getattr(self.page.draft.value.rules[row], which)
            title = self.page.text(PICK_TIME[which]).format(time=current)
            self.time_picker.show_time(title, current, self.page.language)
            self.setCurrentWidget(self.time_picker)

    def _time_picked(self, clock_time: str) -> None:
        self.setCurrentIndex(0)
        which = self._picking
        self.page.edit_rule(lambda draft, index: draft.set_time(index, which, clock_time))
