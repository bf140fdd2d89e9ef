"""One page class for every topic, fed by the topic's entry in the pack: header, hero figures,
charts, story cards, timeline. The "数说 2023" figures page is the intro topic."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from kiosk.content import strings
from kiosk.content.models import ContentPack, Topic, TopicInfo
from kiosk.ui.style import theme
from kiosk.ui.style.icons import IconView
from kiosk.ui.style.motion import FrameDriver, Tween
from kiosk.ui.visitor.pages.headings import SectionTitle, styled_label
from kiosk.ui.visitor.pages.hero_figures import HeroFigures
from kiosk.ui.visitor.pages.page import Page
from kiosk.ui.visitor.pages.stories import StoryCarousel
from kiosk.ui.visitor.pages.timeline import Timeline
from kiosk.ui.widgets.chart_view import ChartView
from kiosk.ui.widgets.charts import build_chart
from kiosk.ui.widgets.network_diagram import NetworkDiagram

# Below this share of its readable minimum a first chart moves below the fold instead: more would
# cut its value labels; less leaves only a few pixels in the fade above "swipe up for more".
FOLD_SLACK = 0.95


class TopicPage(Page):
    def __init__(
        self, pack: ContentPack, topic: Topic, family: str, driver: FrameDriver, reduced_motion: bool = False
    ) -> None:
        super().__init__(pack, family, driver)
        self.page_id = topic
        self.info: TopicInfo = pack.topic(topic)
        self.colour = theme.TOPIC_COLOURS[topic]
        self._composed: tuple[object, ...] = ()

        self.icon = IconView(self.info.icon, self.colour)
        self.title = styled_label("PageTitle")
        self.subtitle = styled_label("Lead")
        header_text = QVBoxLayout()
        header_text.setSpacing(0)
        header_text.addWidget(self.title)
        header_text.addWidget(self.subtitle)
        header = QHBoxLayout()
        header.addWidget(self.icon)
        header.addLayout(header_text, 1)
        self.column.addLayout(header)

        self.hero = HeroFigures([pack.figure(i) for i in self.info.hero], family, self.colour, driver)
        self.column.addWidget(self.hero)

        self.charts: list[ChartView] = []
        self.chart_titles: list[SectionTitle] = []
        # Empty unless the first chart has too little room above the fold: it then starts below it.
        self.fold_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.column.addItem(self.fold_gap)
        for chart_id in self.info.charts:
            title = SectionTitle(self.colour)
            chart = build_chart(pack, chart_id, family, self.colour)
            self.chart_titles.append(title)
            self.charts.append(chart)
            self.column.addWidget(title)
            self.column.addWidget(chart)

        stories = [story for story in pack.stories if story.topic == topic]
        self.stories_title = SectionTitle(self.colour)
        self.carousel = StoryCarousel(stories, self.colour, driver) if stories else None
        if self.carousel is not None:
            self.column.addWidget(self.stories_title)
            self.column.addWidget(self.carousel)

        events = [event for event in pack.events if event.topic == topic]
        self.timeline_title = SectionTitle(self.colour)
        self.timeline = Timeline(events, family, self.colour) if events else None
        if self.timeline is not None:
            self.column.addWidget(self.timeline_title)
            self.column.addWidget(self.timeline)
        self.column.addStretch(1)
        # Where the figures come from, at the foot of every topic page as on every slide.
        self.credit = styled_label("Caption")
        self.column.addWidget(self.credit)
        self.reduced_motion = reduced_motion
        self.charts_grow = Tween(driver, theme.COUNT_UP_S, self._set_charts_progress, self)

    def retranslate(self) -> None:
        self.title.setText(self.info.title.get(self.language))
        self.subtitle.setText(self.info.subtitle.get(self.language))
        self.hero.set_language(self.language)
        for chart_id, title, chart in zip(self.info.charts, self.chart_titles, self.charts, strict=True):
            model = self.pack.chart(chart_id)
            title.set_text(model.title.get(self.language))
            chart.set_language(self.language)
        self.stories_title.set_text(self.text(strings.PAGE_STORIES))
        if self.carousel is not None:
            self.carousel.set_language(self.language)
            self.carousel.swipe_hint.setText(self.text(strings.PAGE_SWIPE_HINT))
        self.timeline_title.set_text(self.text(strings.PAGE_TIMELINE))
        # The pages have the room the slides lack (the invitation sits beside their credit): the
        # article's authors too.
        authors = self.pack.meta.source_attribution.get(self.language)
        self.credit.setText(f"{self.text(strings.SOURCE_CREDIT)} {authors}")
        if self.timeline is not None:
            self.timeline.set_language(self.language)

    def apply_metrics(self) -> None:
        m = self.metrics
        self.icon.set_side(m.px(96))
        self.title.setStyleSheet(f"font-size: {m.text_px(theme.TITLE_PX)}px; font-weight: bold;")
        self.subtitle.setStyleSheet(f"font-size: {m.text_px(theme.BODY_PX + 4)}px; color: {self.colour};")
        self.hero.set_metrics(m)
        for title, chart in zip(self.chart_titles, self.charts, strict=True):
            title.set_metrics(m)
            chart.set_scale(m.scale)
            chart.setFixedHeight(m.px(720 if m.portrait else 560))
        self._compose_first_screen()
        self.stories_title.set_metrics(m)
        if self.carousel is not None:
            self.carousel.set_metrics(m)
        self.timeline_title.set_metrics(m)
        if self.timeline is not None:
            self.timeline.set_metrics(m)

    def _compose_first_screen(self, reuse: bool = False) -> None:
        """Landscape: header, figures and the first chart whole on the first screen, the chart
        taking the height left above the fold (no less than a readable minimum); a chart cut
        by the navigation bar, its value labels half gone, looked broken."""
        m = self.metrics
        if self.height() <= 1:
            return
        if m.portrait:
            # Portrait has room below; only figures whose words would be cut grow.
            self.column.activate()
            self.hero.grow_to_fit()
            return
        key = (m, self.size(), self.language)
        if reuse and key == self._composed:
            return  # composed on screen for this size already: a repeat visit costs nothing
        # Only a page on screen has its real layout; composed off screen, it is done again when opened.
        self._composed = key if self.isVisible() else ()
        # Where things start, from the laid-out column: a widget's own height never moves its top.
        self.fold_gap.changeSize(0, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.column.invalidate()
        self.column.activate()
        self.more_below.place(m, self.rect())
        # Content ends above the "swipe up for more" text; the fade above it may cover its foot.
        reserve = self.more_below.height() - self.more_below.label.y() + m.px(16)
        rows = self.hero.rows()
        if rows > 1:
            # A wall of figures (数说 2023): as many whole rows as fit above the fold at a readable
            # height, sized to end there exactly; the rest follow below, never a row cut in half.
            top = self.hero.mapTo(self.content, QPoint(0, 0)).y()
            gap = self.hero.grid.spacing()
            room = self.height() - top - reserve
            shortest = m.px(240)  # a label of two lines and a ranking under the number
            whole_rows = max(1, min(rows, (room + gap) // (shortest + gap)))
            height = (room - gap * (whole_rows - 1)) // whole_rows
            self.hero.set_tile_height(max(shortest, min(m.px(340), height)))
            return
        self.hero.grow_to_fit()
        self.column.activate()
        # The partner network needs its full height to stay legible; it may continue below.
        if not self.charts or isinstance(self.charts[0], NetworkDiagram):
            return
        top = self.charts[0].mapTo(self.content, QPoint(0, 0)).y()
        room = self.height() - top - reserve
        shortest = m.px(290)  # below this a chart's labels no longer read
        if room < shortest:
            # Figures grown for their longer labels give back what the chart needs to stay whole.
            self.hero.give_back(shortest - room)
            self.column.activate()
            room = self.height() - self.charts[0].mapTo(self.content, QPoint(0, 0)).y() - reserve
        if room >= shortest * FOLD_SLACK:
            # A chart a few pixels short of its minimum runs into the fade above "swipe up for more".
            self.charts[0].setFixedHeight(max(shortest, min(m.px(620), room)))
            return
        # Far too little (much longer words): the chart starts below the fold, whole, at its own height.
        fold = self.height() - reserve
        title_top = self.chart_titles[0].mapTo(self.content, QPoint(0, 0)).y()
        self.fold_gap.changeSize(0, fold - title_top, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.charts[0].setFixedHeight(m.px(560))
        self.column.invalidate()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().height() != event.size().height():
            self._compose_first_screen()

    def opened(self, start: float) -> None:
        self._compose_first_screen(reuse=True)
        self.hero.count_up(start, self.reduced_motion)
        self.charts_grow.start(start, self.reduced_motion)

    def reset(self) -> None:
        super().reset()
        if self.carousel is not None:
            self.carousel.reset()

    def moving_parts(self) -> list[QWidget]:
        parts = super().moving_parts()
        if self.charts_grow.running:
            parts += self.charts
        if self.carousel is not None and self.carousel.sliding():
            parts.append(self.carousel)
        return parts

    def _set_charts_progress(self, progress: float) -> None:
        for chart in self.charts:
            chart.set_progress(progress)
