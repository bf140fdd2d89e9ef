"""The hub: the four topics as large tiles, and the figures wall, "数说 2023"."""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QRadialGradient
from PySide6.QtWidgets import QAbstractButton, QGridLayout, QSizePolicy, QWidget

from kiosk.content import strings
from kiosk.content.models import VISITOR_TOPICS, ContentPack, Language, TopicInfo
from kiosk.ui.style import theme
from kiosk.ui.style.icons import paint_icon, registry
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.visitor.pages.headings import styled_label
from kiosk.ui.visitor.pages.page import Page

_WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)
# A run a line may not break inside: a word of a spaced script, or one CJK character.
_UNBREAKABLE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+")
# The smallest icon worth drawing, at 1080p: below it the icon gives way to the text altogether.
MIN_ICON_PX = 40


# A topic tile's title font, icon side and subtitle font.
TileLayout = tuple[QFont, float, QFont]


def _steps_down(nominal: int) -> list[int]:
    """Font sizes from `nominal` down to half of it, 7 % apart."""
    sizes = [nominal]
    while sizes[-1] > max(1, nominal // 2):
        sizes.append(max(1, min(sizes[-1] - 1, round(sizes[-1] * 0.93))))
    return sizes


def _widest_run(font: QFont, text: str) -> float:
    metrics = QFontMetricsF(font)
    return max((metrics.horizontalAdvance(run) for run in _UNBREAKABLE.findall(text)), default=0.0)


class TopicTile(QAbstractButton):
    """A large touch target for one topic: icon, title and subtitle on a card in its colour."""

    def __init__(self, info: TopicInfo, family: str) -> None:
        super().__init__()
        self.info = info
        self.family = family
        self.colour = theme.TOPIC_COLOURS[info.id]
        self.language: Language = "zh"
        self.metrics = theme.Metrics.for_size(self.size())
        self._layout_cache: tuple[tuple[int, int, str, theme.Metrics], TileLayout] | None = None
        # The hub's topic tiles, this one included, which share a title size and an icon size.
        self.peers: list[TopicTile] = [self]
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.pressed.connect(self.update)
        self.released.connect(self.update)
        registry().loaded.connect(self.update)

    def set_language(self, language: Language) -> None:
        self.language = language
        self.setText(self.info.title.get(language))
        self.update()

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.metrics = metrics
        self.setMinimumHeight(metrics.px(theme.TOUCH_TARGET_PX * 2))
        self.update()

    def wide(self) -> bool:
        return self.width() > 2.5 * self.height()

    def icon_rect(self) -> QRectF:
        """The icon's square: at the top left, or beside the text on a wide tile; smaller when larger
        text needs the room, empty when not even a small icon is left room."""
        pad, side = self.metrics.px(36), self._shared_layout()[1]
        top = (self.height() - side) / 2 if self.wide() else pad
        return QRectF(pad, top, side, side)

    def title_font(self) -> QFont:
        return self._shared_layout()[0]

    def subtitle_font(self) -> QFont:
        return self._shared_layout()[2]

    def _shared_layout(self) -> TileLayout:
        """The tiles of a row look alike: the smallest title, icon and subtitle any of them needs."""
        layouts = [peer._layout() for peer in self.peers if peer.wide() == self.wide()] or [self._layout()]
        return (
            min((layout[0] for layout in layouts), key=lambda font: font.pixelSize()),
            min(layout[1] for layout in layouts),
            min((layout[2] for layout in layouts), key=lambda font: font.pixelSize()),
        )

    def _layout(self) -> TileLayout:
        """The title's font, the icon's side and the subtitle's font, for this tile's size, text and
        language.

        The title is as large as the type scale asks. A word is never cut: the title steps down until
        its widest word fits the width. Under the full-size icon it may step down to 70 % (a long
        English title, a short landscape row); in larger-text mode it does not, the icon gives way
        instead (smaller, or none): the text is what larger text is for. Only when even that leaves
        the text too tall does the subtitle step down to the caption size.
        """
        m = self.metrics
        key = (self.width(), self.height(), self.language, m)
        if self._layout_cache is not None and self._layout_cache[0] == key:
            return self._layout_cache[1]
        result = self._layout_with(theme.font(self.family, m.text_px(theme.BODY_PX)))
        if result is None:
            result = self._layout_with(theme.font(self.family, m.text_px(theme.CAPTION_PX)), last=True)
        assert result is not None, "the last try always answers"
        self._layout_cache = (key, result)
        return result

    def _layout_with(self, subtitle_font: QFont, last: bool = False) -> TileLayout | None:
        """The layout with this subtitle font; None when the text does not fit (unless `last`)."""
        m = self.metrics
        pad, gap, full_side = m.px(36), m.px(16), m.px(96)
        width = self._text_left_and_width()[1]
        title = self.info.title.get(self.language)
        subtitle = self._wrapped_height(subtitle_font, self.info.subtitle.get(self.language), width)
        room = self.height() - 2 * pad
        nominal = m.text_px(theme.TITLE_PX - 12)
        sizes = _steps_down(nominal)
        fitting = [size for size in sizes if _widest_run(self._font(size), title) <= width] or [sizes[-1]]
        if self.wide():
            return (self._font(fitting[0]), full_side, subtitle_font)
        floor = nominal * (0.7 if m.text_scale == 1.0 else 1.0)
        for size in fitting:
            if size < floor:
                break
            if self._wrapped_height(self._font(size), title, width) + subtitle + full_side + gap <= room:
                return (self._font(size), full_side, subtitle_font)
        # The text first, at the largest size the tile holds; the icon takes what is left above.
        held = [
            size
            for size in fitting
            if self._wrapped_height(self._font(size), title, width) + subtitle <= room
        ]
        if not held and not last:
            return None
        size = held[0] if held else fitting[-1]
        left = room - self._wrapped_height(self._font(size), title, width) - subtitle - gap
        side = min(full_side, left) if left >= m.px(MIN_ICON_PX) else 0.0
        return (self._font(size), side, subtitle_font)

    def _font(self, size: int) -> QFont:
        return theme.font(self.family, size, bold=True)

    def _text_left_and_width(self) -> tuple[float, float]:
        m = self.metrics
        pad = m.px(36)
        left = pad * 2 + m.px(96) if self.wide() else pad + m.px(8)
        return left, self.width() - left - pad

    def text_rects(self) -> tuple[QRectF, QRectF]:
        """Where the title and subtitle go: under the icon, or beside it on a wide tile.

        Heights are measured for the text itself, wrapped to the width, so a long English title
        gets the lines it needs; the tests check both rectangles fit inside the tile, clear of the icon.
        """
        pad = self.metrics.px(36)
        left, width = self._text_left_and_width()
        title_height = self._wrapped_height(self.title_font(), self.info.title.get(self.language), width)
        subtitle_height = self._wrapped_height(
            self.subtitle_font(), self.info.subtitle.get(self.language), width
        )
        if self.wide():
            top = (self.height() - title_height - subtitle_height) / 2
        else:
            top = self.height() - pad - subtitle_height - title_height
        return (
            QRectF(left, top, width, title_height),
            QRectF(left, top + title_height, width, subtitle_height),
        )

    def words_fit(self) -> bool:
        """No word of the title is wider than its line (a word wider than the line is cut)."""
        return (
            _widest_run(self.title_font(), self.info.title.get(self.language))
            <= self._text_left_and_width()[1]
        )

    @staticmethod
    def _wrapped_height(font: QFont, text: str, width: float) -> float:
        return QFontMetricsF(font).boundingRect(QRectF(0, 0, max(1.0, width), 10_000), _WRAP, text).height()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        m = self.metrics
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = m.px(theme.RADIUS_PX)
        path = QPainterPath()
        path.addRoundedRect(QRectF(self.rect()), radius, radius)
        # Pressed, the card fills with its colour and its text turns dark: the tap shows at once.
        pressed = self.isDown()
        ink = theme.ON_BRIGHT if pressed else self.colour
        if pressed:
            painter.fillPath(path, theme.colour(self.colour))
        else:
            painter.fillPath(path, theme.colour(theme.SURFACE))
            glow = QRadialGradient(QPointF(self.width(), 0), max(self.width(), self.height()) * 0.8)
            glow.setColorAt(0.0, theme.colour(self.colour, 0.22))
            glow.setColorAt(1.0, theme.colour(self.colour, 0.0))
            painter.fillPath(path, glow)
            stripe = QRectF(0, radius, m.px(8), self.height() - 2 * radius)
            painter.fillRect(stripe, theme.colour(self.colour))
        icon = self.icon_rect()
        if icon.width() > 0:
            paint_icon(painter, icon.center(), round(icon.width()), self.info.icon, ink)
        title_rect, subtitle_rect = self.text_rects()
        painter.setPen(theme.colour(theme.ON_BRIGHT if pressed else theme.TEXT))
        painter.setFont(self.title_font())
        painter.drawText(title_rect, _WRAP, self.info.title.get(self.language))
        painter.setPen(theme.colour(ink))
        painter.setFont(self.subtitle_font())
        painter.drawText(subtitle_rect, _WRAP, self.info.subtitle.get(self.language))
        painter.end()


class HubPage(Page):
    page_id = "hub"
    topic_chosen = Signal(str)

    def __init__(self, pack: ContentPack, family: str, driver: FrameDriver) -> None:
        super().__init__(pack, family, driver)
        self.heading = styled_label("PageTitle")
        self.subheading = styled_label("Lead")
        self.column.addWidget(self.heading)
        self.column.addWidget(self.subheading)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.column.addWidget(self.grid_host, 1)
        self.tiles = {topic: TopicTile(pack.topic(topic), family) for topic in (*VISITOR_TOPICS, "intro")}
        for topic, tile in self.tiles.items():
            tile.clicked.connect(lambda _checked=False, chosen=topic: self.topic_chosen.emit(chosen))
            tile.peers = list(self.tiles.values())
        self._portrait: bool | None = None

    def retranslate(self) -> None:
        self.heading.setText(self.text(strings.HUB_HEADING))
        self.subheading.setText(self.text(strings.HUB_SUBHEADING))
        for tile in self.tiles.values():
            tile.set_language(self.language)

    def apply_metrics(self) -> None:
        m = self.metrics
        self.heading.setStyleSheet(f"font-size: {m.text_px(theme.TITLE_PX + 8)}px; font-weight: bold;")
        self.subheading.setStyleSheet(
            f"font-size: {m.text_px(theme.BODY_PX + 4)}px; color: {theme.TEXT_MUTED};"
        )
        self.grid.setSpacing(m.px(theme.GAP_PX))
        if self._portrait != m.portrait:
            self._portrait = m.portrait
            for tile in self.tiles.values():
                self.grid.removeWidget(tile)
            topics = [self.tiles[topic] for topic in VISITOR_TOPICS]
            columns = 2 if m.portrait else 4
            for index, tile in enumerate(topics):
                self.grid.addWidget(tile, index // columns, index % columns)
            self.grid.addWidget(self.tiles["intro"], (len(topics) - 1) // columns + 1, 0, 1, columns)
            for row in range(self.grid.rowCount()):
                self.grid.setRowStretch(row, 2 if row < self.grid.rowCount() - 1 else 1)
        # The tiles take whatever height the screen leaves under the heading: the hub is one
        # screen, never a page to scroll (a fixed height ran 67 px under the navigation bar).
        self.grid_host.setMinimumHeight(m.px(1000 if m.portrait else 520))
        for tile in self.tiles.values():
            tile.set_metrics(m)
