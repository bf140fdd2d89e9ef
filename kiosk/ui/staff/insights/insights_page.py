"""Staff mode's Insights page: how the kiosk was used over the last 30 days, and what it played.

A standalone widget for the staff panel: `InsightsPage(reader, clock, pack, family)`; call
`refresh()` when the page is shown (it queries the statistics database, well under 200 ms for a
busy year), `set_language()` on a language change. It lays itself out for landscape or portrait from
its own size. Nothing here writes: the page reads through `StatsReader`, read-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import Clock
from kiosk.content import strings
from kiosk.content.formatting import format_count
from kiosk.content.models import ContentPack, Language, NotInPackError
from kiosk.i18n.catalogue import staff_text
from kiosk.i18n.keys import StaffKey
from kiosk.i18n.languages import OFFERED_TO_VISITORS, day_and_month, endonym
from kiosk.system.stats_report import Insights, StatsReader
from kiosk.ui.staff.insights.insights_cards import ChartCard, KpiCard
from kiosk.ui.style import theme

DAYS = 30
# Rows of the proof-of-play chart that stay legible; the rest are counted in its legend.
MAX_SLIDES = 10
MAX_SLIDES_PORTRAIT = 12
CHART_HEIGHT_PX = 380
ROW_PX = 40
PLAYS_HEADER_PX = 170

_PAGE_COLOURS: dict[str, str] = dict([("hub", theme.TEXT_MUTED), *theme.TOPIC_COLOURS.items()])
_GREY = "#51677f"


class InsightsPage(QWidget):
    """Visits by hour and by day, page popularity, median visit, language split, proof of play."""

    def __init__(
        self,
        reader: StatsReader,
        clock: Clock,
        pack: ContentPack,
        family: str,
        language: Language = "zh",
        parent: QWidget | None = None,
        slide_title: Callable[[str, Language], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.reader = reader
        self.clock = clock
        self.pack = pack
        # What staff call a slide; the staff panel's knows the slides staff made as well.
        self.slide_title = slide_title or pack.slide_title
        self.family = family
        self.language: Language = language
        self.metrics = theme.Metrics.for_size(QSize(1920, 1080))
        self.insights: Insights | None = None
        self.play_day: dt.date | None = None
        self.setObjectName("InsightsPage")

        self.title = QLabel()
        self.period = QLabel()
        kpi_names: tuple[StaffKey, ...] = ("sessions", "median", "pages", "english")
        self.kpis = {name: KpiCard() for name in kpi_names}
        self.per_hour = ChartCard(family)
        self.per_day = ChartCard(family)
        self.topics = ChartCard(family, horizontal=True)
        self.plays = ChartCard(family, horizontal=True)
        self.previous_day = self._day_button("‹", -1)
        self.day_label = QLabel()
        self.day_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_day = self._day_button("›", 1)
        self.plays.header.addWidget(self.previous_day)
        self.plays.header.addWidget(self.day_label)
        self.plays.header.addWidget(self.next_day)
        self.plays_legend = QLabel()
        self.plays.header.insertWidget(1, self.plays_legend, 1)

        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.title)
        heading.addWidget(self.period)
        self.grid = QGridLayout()
        # Charts keep a legible height and the page scrolls when the staff panel leaves it less room.
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(
            self.scroll_area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        content = QWidget()
        self.outer = QVBoxLayout(content)
        self.outer.addLayout(heading)
        self.outer.addLayout(self.grid, 1)
        self.scroll_area.setWidget(content)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.scroll_area)
        self._portrait: bool | None = None

    def _day_button(self, text: str, step: int) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"insights-day-{'previous' if step < 0 else 'next'}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self.show_day(self._play_day() + dt.timedelta(days=step)))
        return button

    def text(self, key: StaffKey) -> str:
        return staff_text(key, self.language)

    # Public API ------------------------------------------------------------------------------

    def set_language(self, language: Language) -> None:
        self.language = language
        self._fill()

    def refresh(self) -> None:
        """Query the database again: the last 30 days up to today, and the chosen day's plays."""
        today = self.clock.now().date()
        self.insights = self.reader.insights(today, DAYS, self.play_day or today)
        self._fill()

    def show_day(self, day: dt.date) -> None:
        """Proof of play for `day` (not after today)."""
        self.play_day = min(day, self.clock.now().date())
        self.refresh()

    # Layout ----------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        # Type and targets scale with the screen, not with the part of it this page is given.
        self.set_metrics(theme.Metrics.for_size(self.window().size()))
        super().resizeEvent(event)

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.metrics = metrics
        margin = metrics.px(theme.MARGIN_PX * 0.75)
        self.outer.setContentsMargins(margin, metrics.px(36), margin, margin)
        self.outer.setSpacing(metrics.px(24))
        self.grid.setSpacing(metrics.px(theme.GAP_PX * 0.75))
        self.title.setStyleSheet(f"font-size: {metrics.px(theme.SECTION_PX + 4)}px; font-weight: bold;")
        self.period.setStyleSheet(f"font-size: {metrics.px(theme.CAPTION_PX)}px; color: {theme.TEXT_MUTED};")
        self.day_label.setStyleSheet(f"font-size: {metrics.px(theme.BODY_PX - 2)}px; color: {theme.TEXT};")
        self.plays_legend.setStyleSheet(
            f"font-size: {metrics.px(theme.CAPTION_PX - 2)}px; color: {theme.TEXT_MUTED};"
        )
        touch = metrics.px(theme.TOUCH_TARGET_PX)
        for button in (self.previous_day, self.next_day):
            button.setFixedSize(touch, touch)
            button.setStyleSheet(
                f"font-size: {metrics.px(theme.SECTION_PX)}px; border-radius: {touch // 2}px;"
                f" background: {theme.SURFACE_RAISED}; padding: 0;"
            )
        for card in (*self.kpis.values(), self.per_hour, self.per_day, self.topics, self.plays):
            card.set_metrics(metrics)
        for card in (self.per_hour, self.per_day, self.topics):
            card.setMinimumHeight(metrics.px(CHART_HEIGHT_PX))
        rows = MAX_SLIDES_PORTRAIT if metrics.portrait else MAX_SLIDES
        self.plays.setMinimumHeight(metrics.px(PLAYS_HEADER_PX + ROW_PX * rows))
        if self._portrait != metrics.portrait:
            self._portrait = metrics.portrait
            self._arrange(metrics.portrait)
        self._fill()

    def _arrange(self, portrait: bool) -> None:
        for index in reversed(range(self.grid.count())):
            self.grid.takeAt(index)
        for row in range(6):
            self.grid.setRowStretch(row, 0)
        kpis = list(self.kpis.values())
        if portrait:
            for index, kpi in enumerate(kpis):
                self.grid.addWidget(kpi, index // 2, (index % 2) * 6, 1, 6)
            charts = ((self.per_hour, 2), (self.per_day, 2), (self.topics, 2), (self.plays, 3))
            for row, (card, stretch) in enumerate(charts, start=2):
                self.grid.addWidget(card, row, 0, 1, 12)
                self.grid.setRowStretch(row, stretch)
        else:
            for index, kpi in enumerate(kpis):
                self.grid.addWidget(kpi, 0, index * 3, 1, 3)
            self.grid.addWidget(self.per_hour, 1, 0, 1, 5)
            self.grid.addWidget(self.per_day, 1, 5, 1, 7)
            self.grid.addWidget(self.topics, 2, 0, 1, 5)
            self.grid.addWidget(self.plays, 2, 5, 2, 7)
            self.grid.setRowStretch(3, 1)

    # Content ---------------------------------------------------------------------------------

    def _play_day(self) -> dt.date:
        return self.play_day or self.clock.now().date()

    def _duration(self, seconds: float) -> str:
        whole = round(seconds)
        if whole < 60:
            return self.text("seconds").format(seconds=whole)
        return self.text("minutes_seconds").format(minutes=whole // 60, seconds=whole % 60)

    def _date(self, day: dt.date) -> str:
        return day_and_month(day, self.language)

    def _page_name(self, page: str) -> str:
        if page == "hub":
            return self.pack.text(strings.NAV_HOME, self.language)
        try:
            return self.pack.topic(page).nav.get(self.language)
        except NotInPackError:
            return page  # a page recorded under an older pack

    def _slide_name(self, slide_id: str) -> str:
        return self.slide_title(slide_id, self.language)

    def _fill(self) -> None:
        self.title.setText(self.text("insights_title"))
        for name, kpi in self.kpis.items():
            kpi.title.setText(self.text(name))
        self.per_hour.title.setText(self.text("per_hour"))
        self.per_day.title.setText(self.text("per_day"))
        self.topics.title.setText(self.text("topics"))
        self.plays.title.setText(self.text("plays"))
        self.day_label.setText(self._date(self._play_day()))
        self.next_day.setEnabled(self._play_day() < self.clock.now().date())
        insights = self.insights
        if insights is None:
            return
        first = insights.last_day - dt.timedelta(days=insights.days - 1)
        self.period.setText(
            self.text("period").format(
                days=insights.days, first=self._date(first), last=self._date(insights.last_day)
            )
        )
        views = sum(count for _page, count in insights.page_views)
        english = insights.languages.get("en", 0)
        share = round(100 * english / insights.sessions) if insights.sessions else 0
        figures: dict[StaffKey, tuple[str, str]] = {
            "sessions": (format_count(insights.sessions), ""),
            "median": (self._duration(insights.median_session_s) if insights.sessions else "–", ""),
            "pages": (format_count(views), ""),
            "english": (
                f"{share}%",
                " · ".join(
                    f"{endonym(language)} {format_count(insights.languages.get(language, 0))}"
                    for language in OFFERED_TO_VISITORS
                ),
            ),
        }
        for key, (value, detail) in figures.items():
            self.kpis[key].value.setText(value)
            self.kpis[key].detail.setText(detail)
            self.kpis[key].detail.setVisible(bool(detail))
        self._fill_charts(insights)

    def _fill_charts(self, insights: Insights) -> None:
        if insights.sessions == 0:
            for card in (self.per_hour, self.per_day, self.topics):
                card.show_empty(self.text("no_data"))
        else:
            busy = [hour for hour, count in enumerate(insights.sessions_per_hour) if count]
            first, last = max(0, min(min(busy) - 1, 8)), min(23, max(max(busy) + 1, 18))
            hours = list(range(first, last + 1))
            step = 1 if len(hours) <= 12 else 2
            self.per_hour.bars(
                [insights.sessions_per_hour[hour] for hour in hours],
                [(index, f"{hour}") for index, hour in enumerate(hours) if hour % step == 0],
                [theme.ACCENT] * len(hours),
            )
            days = insights.sessions_per_day
            step = 5 if self.metrics.portrait else 7
            self.per_day.bars(
                [count for _day, count in days],
                [
                    (index, self._date(day))
                    for index, (day, _count_) in enumerate(days)
                    if (len(days) - 1 - index) % step == 0
                ],
                [theme.TOPIC_COLOURS["innovation"]] * len(days),
            )
            self.topics.bars(
                [count for _page, count in insights.page_views],
                [(index, self._page_name(page)) for index, (page, _views) in enumerate(insights.page_views)],
                [_PAGE_COLOURS.get(page, theme.TEXT_MUTED) for page, _views in insights.page_views],
                left_width=self.metrics.px(150),
            )
        plays = insights.proof_of_play[: MAX_SLIDES_PORTRAIT if self.metrics.portrait else MAX_SLIDES]
        hidden = len(insights.proof_of_play) - len(plays)
        legend = self.text("plays_legend")
        self.plays_legend.setText(legend + (self.text("more_slides").format(count=hidden) if hidden else ""))
        if not plays:
            self.plays.show_empty(self.text("no_plays"))
            return
        self.plays.bars(
            [slide.plays for slide in plays],
            [(index, self._slide_name(slide.slide)) for index, slide in enumerate(plays)],
            [_GREY] * len(plays),
            left_width=self.metrics.px(420),
        )
        self.plays.overlay([slide.completed for slide in plays], theme.ACCENT)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), theme.colour(theme.GROUND_DEEP))
        painter.end()
