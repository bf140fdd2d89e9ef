"""The hub: the four topics as large tiles, and the figures wall, "数说 2023"."""

from __future__ import annotations

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


# The smallest a topic's title steps down to, as a share of its size, for it to fit its tile.
TITLE_SMALLEST = 0.55


class TopicTile(QAbstractButton):
    """A large touch target for one topic: icon, title and subtitle on a card in its colour."""

    def __init__(self, info: TopicInfo, family: str) -> None:
        super().__init__()
        self.info = info
        self.family = family
        self.colour = theme.TOPIC_COLOURS[info.id]
        self.language: Language = "zh"
        self.metrics = theme.Metrics.for_size(self.size())
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

    def icon_centre(self) -> QPointF:
        pad, side = self.metrics.px(36), self.metrics.px(96)
        if self.wide():
            return QPointF(pad + side / 2, self.height() / 2)
        return QPointF(pad + side / 2, pad + side / 2)

    def title_font(self) -> QFont:
        return self._fonts()[0]

    def subtitle_font(self) -> QFont:
        return self._fonts()[1]

    def _fonts(self) -> tuple[QFont, QFont]:
        """The title's and subtitle's sizes: as large as the type scale asks, smaller only when the
        tile is too short.

        Larger text, a long title (English, a longer language) or a short landscape row would
        otherwise push the title into the icon, or a long word past the tile's edge; the title steps
        down to no less than 55 % of its size, and only then the subtitle to the caption size.
        """
        m = self.metrics
        nominal = m.text_px(theme.TITLE_PX - 12)
        pad, side = m.px(36), m.px(96)
        room = self.height() - 2 * pad - (0 if self.wide() else side + m.px(16))
        width = self._text_left_and_width()[1]
        title = self.info.title.get(self.language)
        for subtitle_px in (theme.BODY_PX, theme.CAPTION_PX):
            subtitle_font = theme.font(self.family, m.text_px(subtitle_px))
            subtitle = self._wrapped_height(subtitle_font, self.info.subtitle.get(self.language), width)
            size = nominal
            while size > nominal * TITLE_SMALLEST:
                font = theme.font(self.family, size, bold=True)
                widest_word = max(
                    QFontMetricsF(font).horizontalAdvance(word) for word in title.split() or [""]
                )
                if widest_word <= width and self._wrapped_height(font, title, width) + subtitle <= room:
                    return font, subtitle_font
                size = max(1, round(size * 0.93))
        return theme.font(self.family, size, bold=True), subtitle_font

    def _text_left_and_width(self) -> tuple[float, float]:
        m = self.metrics
        pad = m.px(36)
        left = pad * 2 + m.px(96) if self.wide() else pad + m.px(8)
        return left, self.width() - left - pad

    def text_rects(self) -> tuple[QRectF, QRectF]:
        """Where the title and subtitle go: under the icon, or beside it on a wide tile.

        Heights are measured for the text itself, wrapped to the width, so a long English title
        gets the lines it needs; the tests check both rectangles fit inside the tile.
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
        paint_icon(painter, self.icon_centre(), m.px(96), self.info.icon, ink)
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
