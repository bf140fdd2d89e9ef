"""The pack's slide kinds (but the chart, which loads pyqtgraph: chart_slide.py), one class each,
registered in kinds.py."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QRadialGradient
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import Slide
from kiosk.ui.showcase.slide_base import SlideContext, SlideView, heading_label
from kiosk.ui.style import theme
from kiosk.ui.style.icons import IconView, paint_icon, registry
from kiosk.ui.widgets.figure_tile import FigureTile
from kiosk.ui.widgets.text import BrokenLabel
from kiosk.ui.widgets.tile_group import TileGroup, count_up_staggered
from kiosk.ui.widgets.tile_style import SPOTLIGHT, WALL


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
            FigureTile(
                context.pack.figure(figure_id),
                context.family,
                self.topic_colour,
                context.driver,
                WALL,
            )
            for figure_id in slide.figures
        ]
        self.tile_group = TileGroup(self.tiles)
        self._columns = 0

    def _arrange(self) -> None:
        count = len(self.tiles)
        if self.metrics.portrait:
            # Three go one under another, each the full width: side by side, a wide figure
            # (190,400 m²) had half the width and shrank to half the size of its neighbours.
            columns = 2 if count > 1 and count != 3 else 1
        else:
            columns = count if count <= 4 else (3 if count <= 6 else 4)
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            row, column = divmod(index, columns)
            # In portrait the last of an odd number takes its whole row: no empty cell beside it.
            span = columns - column if self.metrics.portrait and index == count - 1 else 1
            self.grid.addWidget(tile, row, column, 1, span)

    def apply_metrics(self) -> None:
        self._arrange()
        # A wall of three rows keeps its gaps tight: the height goes to the numbers.
        crowded = len(self.tiles) > 8
        self.grid.setSpacing(self.metrics.px(theme.GAP_PX * (0.5 if crowded else 0.75)))
        self.body.setSpacing(self.metrics.px(theme.GAP_PX * (0.5 if crowded else 1.0)))
        for tile in self.tiles:
            tile.set_scale(self.metrics.scale * (1.25 if len(self.tiles) <= 4 else 1.0))

    def retranslate(self) -> None:
        title = self.slide.title or self.topic_info(self.slide.topic).title
        self.title.setText(title.get(self.language))
        for tile in self.tiles:
            tile.set_language(self.language)

    def enter(self, start: float) -> None:
        count_up_staggered(self.tiles, start, self.context.reduced_motion)

    def finish(self) -> None:
        for tile in self.tiles:
            tile.show_final()


class SpotlightSlide(SlideView):
    """One figure, huge, with its context and ranking, beside the topic's emblem."""

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.figure = context.pack.figure(slide.figures[0])
        self.tile = FigureTile(
            self.figure, context.family, self.topic_colour, context.driver, SPOTLIGHT, card=False
        )
        self.context_label = BrokenLabel()
        self.context_label.setObjectName("Lead")
        self.emblem = Emblem(self.topic_info(slide.topic).icon, self.topic_colour)
        text_column = QVBoxLayout()
        text_column.addStretch(1)
        text_column.addWidget(self.tile)
        text_column.addWidget(self.context_label)
        text_column.addStretch(1)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.row.addLayout(text_column, 3)
        self.row.addWidget(self.emblem, 2)
        self.body.addLayout(self.row, 1)

    def apply_metrics(self) -> None:
        m = self.metrics
        self.row.setDirection(
            QBoxLayout.Direction.BottomToTop if m.portrait else QBoxLayout.Direction.LeftToRight
        )
        self.tile.set_scale(m.scale)
        self.context_label.setStyleSheet(
            f"color: {theme.TEXT_MUTED}; font-size: {m.px(theme.BODY_PX + 4)}px;"
        )

    def retranslate(self) -> None:
        self.tile.set_language(self.language)
        self.context_label.set_source_text(self.figure.context.get(self.language))

    def enter(self, start: float) -> None:
        if self.context.reduced_motion:
            self.finish()
        else:
            self.tile.count_up_from(start)

    def finish(self) -> None:
        self.tile.show_final()


class Emblem(QWidget):
    """A topic's icon in soft concentric rings: the visual anchor where a photo would otherwise go."""

    def __init__(self, icon_name: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon_name = icon_name
        self.colour = colour
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # As IconView: only an emblem made before the icon font arrives waits for it.
        if not registry().is_loaded():
            registry().loaded.connect(self.update)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) * 0.9
        centre = QPointF(self.width() / 2, self.height() / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        for share, alpha in ((1.0, 0.06), (0.74, 0.09), (0.5, 0.14)):
            painter.setBrush(theme.colour(self.colour, alpha))
            painter.drawEllipse(centre, side * share / 2, side * share / 2)
        paint_icon(painter, centre, round(side * 0.32), self.icon_name, self.colour)
        painter.end()


class TitleSlide(SlideView):
    """A topic title card: icon, title, subtitle, on a wash of the topic colour."""

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.topic = self.topic_info(slide.topic)
        self.icon_label = IconView(self.topic.icon, self.topic_colour)
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
        self.icon_label.set_side(size)
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
        centre = QPointF(self.width() * 0.92, self.height() * 0.12)
        radius = max(self.width(), self.height()) * 0.75
        glow = QRadialGradient(centre, radius)
        glow.setColorAt(0.0, theme.colour(self.topic_colour, 0.30))
        glow.setColorAt(0.55, theme.colour(self.topic_colour, 0.07))
        glow.setColorAt(1.0, theme.colour(self.topic_colour, 0.0))
        painter.fillRect(self.rect(), glow)
        painter.end()


class StorySlide(SlideView):
    """A story card: icon, title and a few sentences, beside the figures the story names."""

    MAX_FIGURES = 3

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        if slide.story is None:
            raise ValueError(f"story slide {slide.id!r} names no story")
        self.story = context.pack.story(slide.story)
        self.icon_label = IconView(self.story.icon, self.topic_colour)
        self.title = heading_label()
        self.story_body = BrokenLabel()
        self.story_body.setObjectName("StoryBody")
        text_column = QVBoxLayout()
        text_column.addStretch(1)
        text_column.addWidget(self.icon_label)
        text_column.addWidget(self.title)
        text_column.addWidget(self.story_body)
        text_column.addStretch(2)
        self.tiles = [
            FigureTile(
                context.pack.figure(figure_id), context.family, self.topic_colour, context.driver, WALL
            )
            for figure_id in self.story.figures[: self.MAX_FIGURES]
        ]
        self.tile_group = TileGroup(self.tiles) if self.tiles else None
        self.tile_column = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        for tile in self.tiles:
            self.tile_column.addWidget(tile)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.row.addLayout(text_column, 3)
        self.row.addLayout(self.tile_column, 2)
        self.body.addLayout(self.row, 1)

    def apply_metrics(self) -> None:
        m = self.metrics
        portrait = m.portrait
        self.row.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self.row.setSpacing(m.px(theme.MARGIN_PX))
        # Portrait too stacks the figures, each the full width: three side by side left each a
        # third of the width, their numbers shrank and the text above floated over an empty band.
        self.tile_column.setDirection(QBoxLayout.Direction.TopToBottom)
        self.tile_column.setSpacing(m.px(theme.GAP_PX * 0.75))
        size = m.px(104)
        self.icon_label.set_side(size)
        self.title.setStyleSheet(f"font-size: {m.px(theme.TITLE_PX)}px; font-weight: bold;")
        self.story_body.setStyleSheet(f"font-size: {m.px(theme.BODY_PX + 6)}px;")
        for tile in self.tiles:
            tile.set_scale(m.scale)
            tile.setFixedHeight(m.px(240 if portrait else 250))

    def retranslate(self) -> None:
        self.title.setText(self.story.title.get(self.language))
        self.story_body.set_source_text(self.story.body.get(self.language))
        for tile in self.tiles:
            tile.set_language(self.language)

    def enter(self, start: float) -> None:
        # The story's text lands first; its figures follow.
        count_up_staggered(self.tiles, start, self.context.reduced_motion, delay=0.4)

    def finish(self) -> None:
        for tile in self.tiles:
            tile.show_final()
