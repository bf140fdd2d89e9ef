"""Staff mode's opening-hours editor: a standalone widget, the body of the opening-hours page.

`HoursEditor(hours, clock, language)` edits a draft of `OpeningHours` with touch controls only (no
keyboard at the glass): on/off, each weekday open or closed with its opening and closing time in
half-hour steps, closed dates picked day by day, and the minutes a touch wakes a closed kiosk.
`hours()` returns the draft, `problems()` its validation; saving is the page's job (a copy of the
settings with `opening_hours=editor.hours()`, then `save_settings`). The display commands are shown,
not edited: the installer sets them in settings.json, with the recipes of the README.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import msgspec
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import WEEKDAYS, Clock, Weekday
from kiosk.content.models import Language
from kiosk.documents.decoding import Problem
from kiosk.documents.limits import limits_of
from kiosk.i18n.catalogue import staff_text, weekday_name
from kiosk.i18n.keys import StaffKey
from kiosk.i18n.languages import full_date
from kiosk.opening_hours import OpeningHours, OpeningPeriod, check_opening_hours, minutes_of
from kiosk.ui.staff.widgets import Stepper, label, touch_button
from kiosk.ui.style import theme

STEP_MINUTES = 30
WAKE_STEP = 1
MAX_CLOSED_DATES_SHOWN = 9

DEFAULT_PERIOD = OpeningPeriod("09:00", "17:00")


def _time_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class HoursEditor(QWidget):
    """Edits a draft of the opening hours; `changed` after every step."""

    changed = Signal()

    def __init__(
        self, hours: OpeningHours, clock: Clock, language: Language = "zh", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.draft = msgspec.structs.replace(hours)
        self.clock = clock
        self.language: Language = language
        self.metrics = theme.Metrics.for_size(QSize(1920, 1080))
        self.picked_date = clock.now().date()
        self.setObjectName("HoursEditor")

        self.title = QLabel()
        self.follow_label = QLabel()
        self.follow_hint = QLabel()
        self.follow_hint.setWordWrap(True)
        self.follow_button = touch_button("hours-follow", "", checkable=True)
        self.follow_button.clicked.connect(self.toggle_enabled)

        self.day_labels: dict[Weekday, QLabel] = {}
        self.day_toggles: dict[Weekday, QPushButton] = {}
        self.opens: dict[Weekday, Stepper] = {}
        self.closes: dict[Weekday, Stepper] = {}
        self.notes: dict[Weekday, QLabel] = {}
        self.dashes: dict[Weekday, QLabel] = {}
        self.week = QGridLayout()
        for row, day in enumerate(WEEKDAYS):
            self.day_labels[day] = QLabel()
            toggle = touch_button(f"hours-{day}", "", checkable=True)
            toggle.clicked.connect(lambda _c=False, d=day: self.toggle_day(d))
            self.day_toggles[day] = toggle
            self.opens[day] = Stepper(f"hours-{day}-open", partial(self.shift, day, "open"))
            self.closes[day] = Stepper(f"hours-{day}-close", partial(self.shift, day, "close"))
            self.notes[day] = QLabel()
            self.notes[day].setWordWrap(True)
            self.notes[day].setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.week.addWidget(self.day_labels[day], row, 0)
            self.week.addWidget(toggle, row, 1)
            self.week.addWidget(self.opens[day], row, 2)
            self.dashes[day] = QLabel("–")
            self.dashes[day].setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.week.addWidget(self.dashes[day], row, 3)
            self.week.addWidget(self.closes[day], row, 4)
            self.week.addWidget(self.notes[day], row, 2, 1, 3)
        self.week.setColumnStretch(5, 1)

        self.dates_title = QLabel()
        self.date_picker = Stepper("hours-date", self.step_date)
        self.add_date_button = touch_button("hours-add-date", "")
        self.add_date_button.clicked.connect(self.add_picked_date)
        self.wake_title = QLabel()
        self.wake = Stepper("hours-wake", self.step_wake)
        self.commands = QLabel()
        self.commands.setWordWrap(True)
        self.commands.setTextFormat(Qt.TextFormat.PlainText)

        follow = QHBoxLayout()
        follow_text = QVBoxLayout()
        follow_text.addWidget(self.follow_label)
        follow_text.addWidget(self.follow_hint)
        follow.addLayout(follow_text, 1)
        follow.addWidget(self.follow_button)
        self.dates_list = QGridLayout()
        self.dates_list.setColumnStretch(3, 1)
        picker = QHBoxLayout()
        picker.addWidget(self.date_picker)
        picker.addWidget(self.add_date_button)
        picker.addStretch(1)
        wake = QHBoxLayout()
        wake.addWidget(self.wake_title)
        wake.addWidget(self.wake)
        wake.addStretch(1)
        self.follow_row = follow
        self.week_column = QVBoxLayout()
        self.week_column.addLayout(follow)
        self.week_column.addLayout(self.week)
        self.week_column.addStretch(1)
        self.more_column = QVBoxLayout()
        self.more_column.addWidget(self.dates_title)
        self.more_column.addLayout(self.dates_list)
        self.more_column.addLayout(picker)
        self.more_column.addLayout(wake)
        self.more_column.addWidget(self.commands)
        self.more_column.addStretch(1)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addLayout(self.week_column, 3)
        self.columns.addLayout(self.more_column, 2)
        self.outer = QVBoxLayout(self)
        self.outer.addWidget(self.title)
        self.outer.addLayout(self.columns, 1)
        self.date_chips: list[QWidget] = []  # the dates' buttons, or the line saying there are none
        self._fill()

    # Public API ------------------------------------------------------------------------------

    def hours(self) -> OpeningHours:
        return msgspec.structs.replace(self.draft)

    def set_hours(self, hours: OpeningHours) -> None:
        self.draft = msgspec.structs.replace(hours)
        self._fill()

    def problems(self) -> list[Problem]:
        return check_opening_hours(self.draft)

    def set_language(self, language: Language) -> None:
        self.language = language
        self._fill()

    # Editing ---------------------------------------------------------------------------------

    def _edit(self, **changes: object) -> None:
        self.draft = msgspec.structs.replace(self.draft, **changes)
        self._fill()
        self.changed.emit()

    def toggle_enabled(self) -> None:
        self._edit(enabled=not self.draft.enabled)

    def toggle_day(self, day: Weekday) -> None:
        week = dict(self.draft.week)
        if week.get(day):
            week.pop(day)
        else:
            week[day] = [DEFAULT_PERIOD]
        self._edit(week={name: week[name] for name in WEEKDAYS if name in week})

    def shift(self, day: Weekday, edge: str, step: int) -> None:
        """Move the day's opening or closing by half an hour, keeping at least half an hour open."""
        periods = self.draft.week.get(day, [])
        if len(periods) != 1:
            return
        opening, closing = minutes_of(periods[0].open), minutes_of(periods[0].close)
        if edge == "open":
            opening = min(max(0, opening + step * STEP_MINUTES), closing - STEP_MINUTES)
        else:
            closing = max(min(24 * 60, closing + step * STEP_MINUTES), opening + STEP_MINUTES)
        week = dict(self.draft.week)
        week[day] = [OpeningPeriod(_time_text(opening), _time_text(closing))]
        self._edit(week=week)

    def step_date(self, step: int) -> None:
        self.picked_date = max(self.clock.now().date(), self.picked_date + dt.timedelta(days=step))
        self._fill()

    def add_picked_date(self) -> None:
        text = self.picked_date.isoformat()
        if text in self.draft.closed_dates:
            return
        self._edit(closed_dates=sorted([*self.draft.closed_dates, text]))

    def remove_date(self, text: str) -> None:
        self._edit(closed_dates=[item for item in self.draft.closed_dates if item != text])

    def step_wake(self, step: int) -> None:
        low, high = limits_of(OpeningHours, "wake_minutes")
        self._edit(wake_minutes=min(high, max(low, self.draft.wake_minutes + step * WAKE_STEP)))

    # Display ---------------------------------------------------------------------------------

    def text(self, key: StaffKey) -> str:
        return staff_text(key, self.language)

    def _date(self, day: dt.date) -> str:
        return full_date(day, self.language)

    def _fill(self) -> None:
        draft = self.draft
        self.title.setText(self.text("tab_hours"))
        # The label says what is set now; the button says what a tap does.
        state = self.text("is_on" if draft.enabled else "is_off")
        self.follow_label.setText(self.text("follow_state").format(state=state))
        self.follow_hint.setText(self.text("follow_hint"))
        self.follow_button.setChecked(draft.enabled)
        self.follow_button.setText(self.text("turn_off" if draft.enabled else "turn_on"))
        for day in WEEKDAYS:
            periods = draft.week.get(day, [])
            self.day_labels[day].setText(weekday_name(day, self.language))
            toggle = self.day_toggles[day]
            toggle.setChecked(bool(periods))
            toggle.setText(self.text("open" if periods else "closed"))
            single = len(periods) == 1
            self.opens[day].setVisible(single)
            self.closes[day].setVisible(single)
            self.dashes[day].setVisible(single)
            self.notes[day].setVisible(len(periods) > 1)
            if single:
                self.opens[day].value.setText(periods[0].open)
                self.closes[day].value.setText(periods[0].close)
            elif periods:
                spans = ", ".join(f"{period.open}–{period.close}" for period in periods)
                self.notes[day].setText(f"{spans}  ·  {self.text('periods')}")
            for widget in (self.day_labels[day], toggle, self.opens[day], self.closes[day]):
                widget.setEnabled(draft.enabled)
        self.dates_title.setText(self.text("closed_dates"))
        self._fill_dates()
        self.date_picker.value.setText(self._date(self.picked_date))
        self.add_date_button.setText(self.text("add_date"))
        self.wake_title.setText(self.text("wake"))
        self.wake.value.setText(self.text("play_for").format(minutes=draft.wake_minutes))
        lines = []
        commands: tuple[tuple[StaffKey, list[str]], ...] = (
            ("display_off", draft.display_off_command),
            ("display_on", draft.display_on_command),
        )
        for key, command in commands:
            lines.append(f"{self.text(key)}:  {' '.join(command) if command else self.text('not_set')}")
        self.commands.setText("\n".join(lines))

    def _fill_dates(self) -> None:
        for chip in self.date_chips:
            self.dates_list.removeWidget(chip)
            chip.deleteLater()
        self.date_chips = []
        today = self.clock.now().date().isoformat()
        upcoming = [text for text in self.draft.closed_dates if text >= today]
        for index, text in enumerate(upcoming[:MAX_CLOSED_DATES_SHOWN]):
            chip = touch_button(f"hours-date-{text}", f"{self._date(dt.date.fromisoformat(text))}  ×")
            chip.clicked.connect(lambda _c=False, t=text: self.remove_date(t))
            chip.setStyleSheet(self._chip_style())
            columns = 3 if self.metrics.portrait else 2
            self.dates_list.addWidget(chip, index // columns, index % columns, Qt.AlignmentFlag.AlignLeft)
            self.date_chips.append(chip)
        if not upcoming:
            none = label("status")
            none.setText(self.text("none"))
            self.dates_list.addWidget(none, 0, 0)
            self.date_chips.append(none)

    def _chip_style(self) -> str:
        m = self.metrics
        return (
            f"background: {theme.SURFACE_RAISED}; border-radius: {m.px(theme.TOUCH_TARGET_PX) // 2}px;"
            f" padding: 0 {m.px(24)}px; font-size: {m.px(theme.BODY_PX - 2)}px;"
        )

    # Layout ----------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        # Type and targets scale with the screen, not with the part of it this page is given.
        self.set_metrics(theme.Metrics.for_size(self.window().size()))
        super().resizeEvent(event)

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.metrics = metrics
        # Inside the staff panel (no title of its own) the panel's page margins are the margins.
        margin = 0 if self.title.isHidden() else metrics.px(theme.MARGIN_PX * 0.75)
        self.outer.setContentsMargins(margin, 0 if self.title.isHidden() else metrics.px(36), margin, margin)
        self.outer.setSpacing(metrics.px(22))
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if metrics.portrait else QBoxLayout.Direction.LeftToRight
        )
        # Landscape: the seven days take the whole left column, the switch heads the right one.
        for column in (self.week_column, self.more_column):
            column.removeItem(self.follow_row)
        (self.week_column if metrics.portrait else self.more_column).insertLayout(0, self.follow_row)
        self.columns.setSpacing(metrics.px(theme.MARGIN_PX))
        for index, stretch in enumerate((0, 1) if metrics.portrait else (3, 2)):
            self.columns.setStretch(index, stretch)
        for column in (self.week_column, self.more_column):
            column.setSpacing(metrics.px(20))
        self.week.setHorizontalSpacing(metrics.px(theme.GAP_PX / 2))
        self.week.setVerticalSpacing(metrics.px(10))
        for dash in self.dashes.values():
            dash.setMinimumWidth(metrics.px(24))
        self.title.setStyleSheet(f"font-size: {metrics.px(theme.SECTION_PX + 4)}px; font-weight: bold;")
        body = f"font-size: {metrics.px(theme.BODY_PX)}px;"
        for heading in (self.follow_label, self.dates_title, self.wake_title, *self.day_labels.values()):
            heading.setStyleSheet(body + " font-weight: bold;")
        caption = f"font-size: {metrics.px(theme.CAPTION_PX)}px; color: {theme.TEXT_MUTED};"
        self.follow_hint.setStyleSheet(caption)
        self.commands.setStyleSheet(caption)
        for note in self.notes.values():
            note.setStyleSheet(caption)
        toggle_width = metrics.px(150)
        for button in (self.follow_button, *self.day_toggles.values(), self.add_date_button):
            button.setMinimumWidth(toggle_width)
            button.setMinimumHeight(metrics.px(theme.TOUCH_TARGET_PX))
        for day in WEEKDAYS:
            self.opens[day].fix_size(metrics, 110)
            self.closes[day].fix_size(metrics, 110)
        self.date_picker.fix_size(metrics, 280)
        self.wake.fix_size(metrics, 160)
        self._fill()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(QRectF(self.rect()), theme.colour(theme.GROUND_DEEP))
        painter.end()
