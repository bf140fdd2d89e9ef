"""Staff mode's Insights page: how the kiosk was used over the last 30 days, and what it played.

A standalone widget for the staff panel: `InsightsPage(reader, clock, pack, family)`; call
`refresh()` when the page is shown (it queries the statistics database, well under 200 ms for a
busy year), `set_language()` on a language change. It lays itself out for landscape or portrait from
its own size. Nothing here writes: the page reads through `StatsReader`, read-only.
"""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import Clock
from kiosk.content import strings
from kiosk.content.models import ContentPack, Language
from kiosk.system.stats_report import Insights, StatsReader
from kiosk.ui import theme

DAYS = 30
# Rows of the proof-of-play chart that stay legible; the rest are counted in its legend.
MAX_SLIDES = 10
MAX_SLIDES_PORTRAIT = 12
CHART_HEIGHT_PX = 380
ROW_PX = 40
PLAYS_HEADER_PX = 170

# Staff-facing words of this page, both languages side by side.
_TEXT: dict[str, tuple[str, str]] = {
    "title": ("数据洞察", "Insights"),
    "period": ("近 {days} 天 · {first} 至 {last}", "Last {days} days · {first} to {last}"),
    "sessions": ("参观人次", "Visits"),
    "median": ("单次停留中位数", "Median visit"),
    "pages": ("页面浏览", "Page views"),
    "english": ("英文访问占比", "Visits in English"),
    "per_hour": ("各时段参观人次", "Visits by hour of day"),
    "per_day": ("每日参观人次", "Visits per day"),
    "topics": ("页面热度", "Most viewed pages"),
    "plays": ("播放记录", "Proof of play"),
    "plays_legend": ("金色为完整播放，灰色为被打断", "Gold: played in full · grey: interrupted"),
    "more_slides": ("；另有 {count} 张未列出", " · {count} more not shown"),
    "no_data": ("暂无记录", "Nothing recorded yet"),
    "no_plays": ("当天没有播放记录", "Nothing played on this day"),
    "minutes": ("{minutes} 分 {seconds} 秒", "{minutes} min {seconds} s"),
    "seconds": ("{seconds} 秒", "{seconds} s"),
}
_PAGE_COLOURS = {"hub": theme.TEXT_MUTED, **theme.TOPIC_COLOURS}
_GREY = "#51677f"


def slide_title(pack: ContentPack, slide_id: str, language: Language) -> str:
    """What staff call a slide: its title, else its story's, chart's, first figure's or topic's."""
    slide = next((item for item in pack.slides if item.id == slide_id), None)
    if slide is None:
        return slide_id
    if slide.title is not None:
        return slide.title.get(language)
    if slide.story is not None:
        return next(item for item in pack.stories if item.id == slide.story).title.get(language)
    if slide.chart is not None:
        return next(item for item in pack.charts if item.id == slide.chart).title.get(language)
    if slide.figures:
        return pack.figure(slide.figures[0]).label.get(language)
    return next(item for item in pack.meta.topics if item.id == slide.topic).title.get(language)


def _count(number: int) -> str:
    return f"{number:,}"


class _Card(QWidget):
    """A rounded surface with a title line and a body."""

    def __init__(self) -> None:
        super().__init__()
        self.radius = 24
        self.title = QLabel()
        self.title.setObjectName("InsightsCardTitle")
        self.header = QHBoxLayout()
        self.header.addWidget(self.title)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.header)
        self.header.addStretch(1)

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.radius = metrics.px(theme.RADIUS_PX)
        pad = metrics.px(28)
        self.body.setContentsMargins(pad, metrics.px(20), pad, pad)
        self.body.setSpacing(metrics.px(12))
        self.title.setStyleSheet(f"font-size: {metrics.px(theme.BODY_PX)}px; font-weight: bold;")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.colour(theme.SURFACE))
        painter.drawRoundedRect(QRectF(self.rect()), self.radius, self.radius)
        painter.end()


class _Kpi(_Card):
    """One headline figure: a caption, the value in gold, an optional line under it."""

    def __init__(self) -> None:
        super().__init__()
        self.value = QLabel()
        self.detail = QLabel()
        self.body.addWidget(self.value)
        self.body.addWidget(self.detail)
        self.body.addStretch(1)

    def set_metrics(self, metrics: theme.Metrics) -> None:
        super().set_metrics(metrics)
        pad = metrics.px(24)
        self.body.setContentsMargins(pad, metrics.px(16), pad, metrics.px(18))
        self.body.setSpacing(metrics.px(4))
        self.title.setStyleSheet(f"font-size: {metrics.px(theme.CAPTION_PX)}px; color: {theme.TEXT_MUTED};")
        self.value.setStyleSheet(
            f"font-size: {metrics.px(theme.SECTION_PX + 4)}px; font-weight: bold; color: {theme.ACCENT};"
        )
        self.detail.setStyleSheet(f"font-size: {metrics.px(theme.CAPTION_PX)}px; color: {theme.TEXT_MUTED};")


class _ChartCard(_Card):
    """A card holding one pyqtgraph plot, styled as the rest of staff mode, with an empty state."""

    def __init__(self, family: str, horizontal: bool = False) -> None:
        super().__init__()
        self.family = family
        self.horizontal = horizontal
        self.plot = pg.PlotWidget(background=theme.SURFACE)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setFrameShape(pg.QtWidgets.QFrame.Shape.NoFrame)
        self.plot.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plot.showGrid(x=horizontal, y=not horizontal, alpha=0.12)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(theme.HAIRLINE))
            axis.setTextPen(pg.mkPen(theme.TEXT_MUTED))
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.plot, 1)
        self.body.addWidget(self.empty, 1)
        self.empty.hide()
        self.labels: list[pg.TextItem] = []
        self.font_px = 20

    def set_metrics(self, metrics: theme.Metrics) -> None:
        super().set_metrics(metrics)
        self.font_px = metrics.px(theme.CAPTION_PX)
        font = theme.font(self.family, self.font_px, tabular=True)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setStyle(tickFont=font, tickLength=0, tickTextOffset=metrics.px(10))
        self.empty.setStyleSheet(f"font-size: {metrics.px(theme.BODY_PX)}px; color: {theme.TEXT_MUTED};")

    def show_empty(self, text: str) -> None:
        self.plot.hide()
        self.empty.setText(text)
        self.empty.show()

    def bars(
        self, values: list[int], ticks: list[tuple[int, str]], colours: list[str], left_width: int = 0
    ) -> None:
        """Vertical bars (or horizontal, top to bottom, with their counts beside them)."""
        self.empty.hide()
        self.plot.show()
        self.plot.clear()
        self.labels = []
        positions = list(range(len(values)))
        brushes = [pg.mkBrush(colour) for colour in colours]
        top = max(values, default=0) or 1
        if self.horizontal:
            rows = [len(values) - 1 - index for index in positions]
            item = pg.BarGraphItem(
                x0=0, y=rows, height=0.62, width=values, brushes=brushes, pen=pg.mkPen(None)
            )
            self.plot.addItem(item)
            for row, value in zip(rows, values, strict=True):
                label = pg.TextItem(_count(value), color=theme.TEXT, anchor=(0, 0.5))
                label.setFont(theme.font(self.family, self.font_px, tabular=True))
                label.setPos(value + top * 0.02, row)
                self.plot.addItem(label)
                self.labels.append(label)
            left = self.plot.getAxis("left")
            # An axis drops a label wider than itself: long slide names are shortened instead.
            metrics = QFontMetrics(theme.font(self.family, self.font_px))
            room = (left_width or metrics.horizontalAdvance("M" * 12)) - self.font_px
            left.setTicks(
                [
                    [
                        (len(values) - 1 - index, metrics.elidedText(text, Qt.TextElideMode.ElideRight, room))
                        for index, text in ticks
                    ]
                ]
            )
            left.setWidth(left_width or None)
            self.plot.getAxis("bottom").setTicks(None)
            self.plot.hideAxis("bottom")
            self.plot.setXRange(0, top * 1.3, padding=0)
            self.plot.setYRange(-0.6, len(values) - 0.4, padding=0)
        else:
            item = pg.BarGraphItem(
                x=positions, height=values, width=0.66, brushes=brushes, pen=pg.mkPen(None)
            )
            self.plot.addItem(item)
            self.plot.getAxis("bottom").setTicks([ticks])
            self.plot.showAxis("bottom")
            self.plot.setXRange(-0.7, len(values) - 0.3, padding=0)
            self.plot.setYRange(0, top * 1.1, padding=0)

    def overlay(self, values: list[int], colour: str) -> None:
        """Horizontal bars drawn over the main ones (the completed part of each slide's plays)."""
        rows = [len(values) - 1 - index for index in range(len(values))]
        self.plot.addItem(
            pg.BarGraphItem(
                x0=0, y=rows, height=0.62, width=values, brush=pg.mkBrush(colour), pen=pg.mkPen(None)
            )
        )


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
    ) -> None:
        super().__init__(parent)
        self.reader = reader
        self.clock = clock
        self.pack = pack
        self.family = family
        self.language: Language = language
        self.metrics = theme.Metrics.for_size(QSize(1920, 1080))
        self.insights: Insights | None = None
        self.play_day: dt.date | None = None
        self.setObjectName("InsightsPage")

        self.title = QLabel()
        self.period = QLabel()
        self.kpis = {name: _Kpi() for name in ("sessions", "median", "pages", "english")}
        self.per_hour = _ChartCard(family)
        self.per_day = _ChartCard(family)
        self.topics = _ChartCard(family, horizontal=True)
        self.plays = _ChartCard(family, horizontal=True)
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
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setStyleSheet("background: transparent;")
        QScroller.grabGesture(self.scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        content = QWidget()
        self.outer = QVBoxLayout(content)
        self.outer.addLayout(heading)
        self.outer.addLayout(self.grid, 1)
        self.scroll.setWidget(content)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.scroll)
        self._portrait: bool | None = None

    def _day_button(self, text: str, step: int) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"insights-day-{'previous' if step < 0 else 'next'}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self.show_day(self._play_day() + dt.timedelta(days=step)))
        return button

    def text(self, key: str) -> str:
        return _TEXT[key][0 if self.language == "zh" else 1]

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
        self.set_metrics(theme.Metrics.for_size(event.size()))
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
        return self.text("minutes").format(minutes=whole // 60, seconds=whole % 60)

    def _date(self, day: dt.date) -> str:
        return f"{day.month}月{day.day}日" if self.language == "zh" else f"{day:%d %b}".lstrip("0")

    def _page_name(self, page: str) -> str:
        if page == "hub":
            return self.pack.text(strings.NAV_HOME, self.language)
        topic = next((info for info in self.pack.meta.topics if info.id == page), None)
        return topic.nav.get(self.language) if topic is not None else page

    def _slide_name(self, slide_id: str) -> str:
        return slide_title(self.pack, slide_id, self.language)

    def _fill(self) -> None:
        self.title.setText(self.text("title"))
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
        figures = {
            "sessions": (_count(insights.sessions), ""),
            "median": (self._duration(insights.median_session_s) if insights.sessions else "–", ""),
            "pages": (_count(views), ""),
            "english": (
                f"{share}%",
                f"中文 {_count(insights.languages.get('zh', 0))} · English {_count(english)}",
            ),
        }
        for name, (value, detail) in figures.items():
            self.kpis[name].value.setText(value)
            self.kpis[name].detail.setText(detail)
            self.kpis[name].detail.setVisible(bool(detail))
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
