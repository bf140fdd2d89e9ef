"""Showcase slides, one class per slide kind, each built from the pack's slide catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content import strings
from kiosk.content.models import ContentPack, Language, Slide, Topic, TopicInfo
from kiosk.ui import theme
from kiosk.ui.icons import icon
from kiosk.ui.motion import FrameDriver
from kiosk.ui.widgets.figure_tile import SPOTLIGHT, WALL, FigureTile, TileGroup


@dataclass
class SlideContext:
    """What every slide needs: the pack, the font, the clock-driven frame driver."""

    pack: ContentPack
    family: str
    driver: FrameDriver
    reduced_motion: bool = False


class SlideView(QWidget):
    """A full-screen slide: topic chip, content, and a footer with the source credit."""

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slide = slide
        self.context = context
        self.language: Language = "zh"
        self.metrics = theme.Metrics.for_size(QSize(1920, 1080))
        self.topic_colour = theme.TOPIC_COLOURS[slide.topic]
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("KioskRoot")

        self._outer = QVBoxLayout(self)
        self._chip_icon = QLabel()
        self._chip_text = QLabel()
        self._chip_text.setObjectName("Chip")
        chip = QHBoxLayout()
        chip.addWidget(self._chip_icon)
        chip.addWidget(self._chip_text)
        chip.addStretch(1)
        self._outer.addLayout(chip)
        self.body = QVBoxLayout()
        self._outer.addLayout(self.body, 1)
        self._credit = QLabel()
        self._credit.setObjectName("Caption")
        self._outer.addWidget(self._credit)

    # Overridden by each kind ---------------------------------------------------------------

    def enter(self, start: float) -> None:
        """The slide is now on screen from clock time `start`: start its animations."""

    def finish(self) -> None:
        """Jump every animation to its end state (reduced motion, renders of the final frame)."""

    def retranslate(self) -> None:
        """Refill visible strings in `self.language`."""

    def apply_metrics(self) -> None:
        """Resize fonts and spacing for `self.metrics`."""

    # Shared -------------------------------------------------------------------------------

    def set_language(self, language: Language) -> None:
        self.language = language
        topic = self.topic_info(self.slide.topic)
        self._chip_text.setText(topic.title.get(language))
        self._credit.setText(self.text(strings.SOURCE_CREDIT))
        self.retranslate()

    def text(self, key: str) -> str:
        return self.context.pack.text(key, self.language)

    def topic_info(self, topic: Topic) -> TopicInfo:
        return next(item for item in self.context.pack.meta.topics if item.id == topic)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self.metrics = theme.Metrics.for_size(event.size())
        m = self.metrics
        margin = m.px(theme.MARGIN_PX)
        self._outer.setContentsMargins(margin, m.px(48), margin, m.px(40))
        self._outer.setSpacing(m.px(theme.GAP_PX))
        chip_px = m.px(theme.CAPTION_PX + 6)
        icon_px = round(chip_px * 1.5)
        self._chip_icon.setPixmap(
            icon(self.topic_info(self.slide.topic).icon, self.topic_colour).pixmap(icon_px, icon_px)
        )
        self._chip_text.setStyleSheet(
            f"color: {self.topic_colour}; font-size: {chip_px}px; font-weight: bold;"
        )
        self.apply_metrics()
        super().resizeEvent(event)


def heading_label(object_name: str = "PageTitle") -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    return label


class FiguresWallSlide(SlideView):
    """A grid of count-up figures, staggered."""

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.title = heading_label()
        self.body.addWidget(self.title)
        self.grid = QGridLayout()
        few = len(slide.figures) <= 4
        if few:
            self.body.addStretch(1)
        self.body.addLayout(self.grid, 3 if few else 1)
        if few:
            self.body.addStretch(1)
        self.tiles = [
            FigureTile(context.pack.figure(figure_id), context.family, self.topic_colour, context.driver, WALL)
            for figure_id in slide.figures
        ]
        self.tile_group = TileGroup(self.tiles)
        self._columns = 0

    def _arrange(self) -> None:
        count = len(self.tiles)
        if self.metrics.portrait:
            columns = 2 if count > 1 else 1
        else:
            columns = count if count <= 4 else (3 if count <= 6 else 4)
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, index // columns, index % columns)

    def apply_metrics(self) -> None:
        self._arrange()
        gap = self.metrics.px(theme.GAP_PX * 0.75)
        self.grid.setSpacing(gap)
        for tile in self.tiles:
            tile.set_scale(self.metrics.scale * (1.25 if len(self.tiles) <= 4 else 1.0))

    def retranslate(self) -> None:
        title = self.slide.title or self.topic_info(self.slide.topic).title
        self.title.setText(title.get(self.language))
        for tile in self.tiles:
            tile.set_language(self.language)

    def enter(self, start: float) -> None:
        if self.context.reduced_motion:
            self.finish()
            return
        for index, tile in enumerate(self.tiles):
            tile.count_up_from(start + index * theme.STAGGER_S)

    def finish(self) -> None:
        for tile in self.tiles:
            tile.show_final()


class SpotlightSlide(SlideView):
    """One figure, huge, with its context and ranking."""

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.figure = context.pack.figure(slide.figures[0])
        self.body.addStretch(1)
        self.tile = FigureTile(self.figure, context.family, self.topic_colour, context.driver, SPOTLIGHT, card=False)
        self.body.addWidget(self.tile, 3)
        self.context_label = heading_label("Lead")
        self.body.addWidget(self.context_label)
        self.body.addStretch(1)

    def apply_metrics(self) -> None:
        self.tile.set_scale(self.metrics.scale)
        self.context_label.setStyleSheet(
            f"color: {theme.TEXT_MUTED}; font-size: {self.metrics.px(theme.BODY_PX + 4)}px;"
        )

    def retranslate(self) -> None:
        self.tile.set_language(self.language)
        self.context_label.setText(self.figure.context.get(self.language))

    def enter(self, start: float) -> None:
        if self.context.reduced_motion:
            self.finish()
        else:
            self.tile.count_up_from(start)

    def finish(self) -> None:
        self.tile.show_final()


class TitleSlide(SlideView):
    """A topic title card: icon, title, subtitle, on a wash of the topic colour."""

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.topic = self.topic_info(slide.topic)
        self.icon_label = QLabel()
        self.title = heading_label("Display")
        self.subtitle = heading_label("Lead")
        self.body.addStretch(2)
        self.body.addWidget(self.icon_label)
        self.body.addWidget(self.title)
        self.body.addWidget(self.subtitle)
        self.body.addStretch(3)

    def apply_metrics(self) -> None:
        m = self.metrics
        size = m.px(160)
        self.icon_label.setPixmap(icon(self.topic.icon, self.topic_colour).pixmap(size, size))
        self.title.setStyleSheet(f"font-size: {m.px(140)}px; font-weight: bold;")
        self.subtitle.setStyleSheet(f"color: {self.topic_colour}; font-size: {m.px(theme.SECTION_PX)}px;")

    def retranslate(self) -> None:
        title = self.slide.title or self.topic.title
        self.title.setText(title.get(self.language))
        self.subtitle.setText(self.topic.subtitle.get(self.language))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        wash = theme.colour(self.topic_colour, 0.10)
        radius = self.height() * 0.9
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(wash)
        painter.drawEllipse(self.rect().topRight(), radius, radius)
        painter.end()


class StorySlide(SlideView):
    """A story card: icon, title and a few sentences, set for reading at a distance."""

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        assert slide.story is not None
        self.story = next(story for story in context.pack.stories if story.id == slide.story)
        self.icon_label = QLabel()
        self.title = heading_label()
        self.story_body = heading_label("StoryBody")
        self.body.addStretch(1)
        self.body.addWidget(self.icon_label)
        self.body.addWidget(self.title)
        self.body.addWidget(self.story_body)
        self.body.addStretch(2)

    def apply_metrics(self) -> None:
        m = self.metrics
        size = m.px(112)
        self.icon_label.setPixmap(icon(self.story.icon, self.topic_colour).pixmap(size, size))
        self.title.setStyleSheet(f"font-size: {m.px(theme.TITLE_PX + 8)}px; font-weight: bold;")
        self.story_body.setStyleSheet(f"font-size: {m.px(theme.BODY_PX + 10)}px; line-height: 150%;")
        width = m.px(1400) if not m.portrait else self.width()
        self.story_body.setMaximumWidth(width)
        self.title.setMaximumWidth(width)

    def retranslate(self) -> None:
        self.title.setText(self.story.title.get(self.language))
        self.story_body.setText(self.story.body.get(self.language))


SLIDE_CLASSES: dict[str, type[SlideView]] = {
    "figures_wall": FiguresWallSlide,
    "spotlight": SpotlightSlide,
    "title": TitleSlide,
    "story": StorySlide,
}


def build_slide(slide: Slide, context: SlideContext, parent: QWidget | None = None) -> SlideView:
    """The widget for a catalogue slide; charts import pyqtgraph only when first needed."""
    if slide.kind == "chart":
        from kiosk.ui.showcase.chart_slide import ChartSlide

        return ChartSlide(slide, context, parent)
    return SLIDE_CLASSES[slide.kind](slide, context, parent)
