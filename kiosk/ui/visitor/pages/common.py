"""Pieces every visitor page is built from: the page frame with kinetic scrolling, section titles,
a row of hero figures, the swipeable story cards and the timeline."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QResizeEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import strings
from kiosk.content.formatting import format_date
from kiosk.content.models import ContentPack, Event, Figure, Language, Story
from kiosk.timing.easing import ease_out_cubic, progress_between
from kiosk.ui.style import theme
from kiosk.ui.style.icons import IconView
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.widgets.figure_tile import WALL, FigureTile, TileGroup, count_up_staggered
from kiosk.ui.widgets.text import BrokenLabel, broken_text


class Page(QWidget):
    """A visitor page: scrolls under a finger, counts its figures up when opened."""

    page_id = ""

    def __init__(self, pack: ContentPack, family: str, driver: FrameDriver) -> None:
        super().__init__()
        self.pack = pack
        self.family = family
        self.driver = driver
        self.language: Language = "zh"
        self.metrics = theme.Metrics.for_size(self.size())
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self._reduced_motion = False
        self.content = QWidget()
        self.content.setObjectName("PageContent")
        self.column = QVBoxLayout(self.content)
        self.scroll.setWidget(self.content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.more_below = MoreBelow(self)
        self.scroll.verticalScrollBar().valueChanged.connect(self._update_more_below)
        self.scroll.verticalScrollBar().rangeChanged.connect(self._update_more_below)

    def text(self, key: str) -> str:
        return self.pack.text(key, self.language)

    def _update_more_below(self) -> None:
        """ "Swipe up for more" while the page continues under the fold and the visitor has not
        started scrolling; gone as soon as they do."""
        bar = self.scroll.verticalScrollBar()
        self.more_below.set_text(self.text(strings.PAGE_MORE_BELOW))
        self.more_below.place(self.metrics, self.rect())
        self.more_below.setVisible(bar.maximum() > 0 and bar.value() == 0)
        self.more_below.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._update_more_below()

    @property
    def reduced_motion(self) -> bool:
        return self._reduced_motion

    @reduced_motion.setter
    def reduced_motion(self, reduced: bool) -> None:
        """Reduced motion: no rubber-band overshoot at the ends of a scroll, no sliding cards."""
        self._reduced_motion = reduced
        scroller = QScroller.scroller(self.scroll.viewport())
        properties = scroller.scrollerProperties()
        policy = (
            QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
            if reduced
            else QScrollerProperties.OvershootPolicy.OvershootWhenScrollable
        )
        for metric in (
            QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
            QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
        ):
            properties.setScrollMetric(metric, policy)
        scroller.setScrollerProperties(properties)
        for carousel in self.findChildren(StoryCarousel):
            carousel.reduced_motion = reduced

    def set_language(self, language: Language) -> None:
        self.language = language
        self.retranslate()
        self._update_more_below()

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.metrics = metrics
        margin = metrics.px(theme.MARGIN_PX)
        self.column.setContentsMargins(margin, metrics.px(32), margin, metrics.px(56))
        self.column.setSpacing(metrics.px(theme.GAP_PX * (1.25 if metrics.portrait else 0.75)))
        self.apply_metrics()
        self._update_more_below()

    def retranslate(self) -> None:
        """Refill every visible string in `self.language`."""

    def apply_metrics(self) -> None:
        """Resize fonts and spacing for `self.metrics`."""

    def opened(self, start: float) -> None:
        """The page has just come on screen at clock time `start`."""

    def reset(self) -> None:
        """Back to how a new visitor should find it: scrolled to the top."""
        QScroller.scroller(self.scroll.viewport()).stop()
        self.scroll.verticalScrollBar().setValue(0)

    def moving_parts(self) -> list[QWidget]:
        return [tile for tile in self.findChildren(FigureTile) if tile.counting()]


def styled_label(role: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(role)
    label.setWordWrap(wrap)
    return label


class MoreBelow(QWidget):
    """The foot of the screen fading into the ground, with "swipe up for more": whatever the fold
    cuts reads as going on below, not as broken."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placed: tuple[object, ...] = ()
        self.hide()

    def set_text(self, text: str) -> None:
        if text != self.label.text():
            self.label.setText(text)

    def place(self, metrics: theme.Metrics, area: QRect) -> None:
        key = (metrics, area, self.label.text())
        if key == self._placed:
            return  # a restyle costs a repolish: not on every scroll step or page visit
        self._placed = key
        self.label.setStyleSheet(
            f"font-size: {metrics.text_px(theme.CAPTION_PX + 2)}px; color: {theme.TEXT}; font-weight: bold;"
        )
        self.label.adjustSize()
        fade = metrics.px(56)
        self.resize(area.width(), self.label.height() + fade + metrics.px(14))
        self.label.move((self.width() - self.label.width()) // 2, fade)
        self.move(area.left(), area.bottom() + 1 - self.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        fade = QLinearGradient(0, 0, 0, self.label.y())
        fade.setColorAt(0.0, theme.colour(theme.GROUND, 0.0))
        fade.setColorAt(1.0, theme.colour(theme.GROUND))
        painter.fillRect(QRectF(0, 0, self.width(), self.label.y()), fade)
        solid = QRectF(0, self.label.y(), self.width(), self.height() - self.label.y())
        painter.fillRect(solid, theme.colour(theme.GROUND))
        painter.end()


class SectionTitle(QWidget):
    """A section heading with a short rule in the topic colour."""

    def __init__(self, colour: str) -> None:
        super().__init__()
        self.colour = colour
        self.rule = 6
        self.label = styled_label("SectionTitle")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)

    def set_text(self, text: str) -> None:
        if text != self.label.text():
            self.label.setText(text)

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.rule = metrics.px(6)
        self.layout().setContentsMargins(metrics.px(22), metrics.px(24), 0, 0)
        self.label.setStyleSheet(f"font-size: {metrics.text_px(theme.SECTION_PX)}px; font-weight: bold;")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(
            QRectF(0, self.height() * 0.3, self.rule, self.height() * 0.55), theme.colour(self.colour)
        )
        painter.end()


class HeroFigures(QWidget):
    """Figures that count up, staggered, in a grid that reflows for portrait."""

    def __init__(self, figures: list[Figure], family: str, colour: str, driver: FrameDriver) -> None:
        super().__init__()
        self.tiles = [FigureTile(figure, family, colour, driver, WALL) for figure in figures]
        self.group = TileGroup(self.tiles) if self.tiles else None
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0

    def set_metrics(self, metrics: theme.Metrics) -> None:
        count = len(self.tiles)
        columns = min(count, (3 if count == 3 else 2) if metrics.portrait else 4) or 1
        if columns != self._columns:
            self._columns = columns
            for tile in self.tiles:
                self.grid.removeWidget(tile)
            for index, tile in enumerate(self.tiles):
                self.grid.addWidget(tile, index // columns, index % columns)
        self.grid.setSpacing(metrics.px(theme.GAP_PX * 0.75))
        for tile in self.tiles:
            tile.set_scale(metrics.scale)
        self.set_tile_height(metrics.px(300 if metrics.portrait else 244))

    def rows(self) -> int:
        return -(-len(self.tiles) // max(1, self._columns))

    def set_tile_height(self, height: int) -> None:
        for tile in self.tiles:
            tile.setFixedHeight(height)

    def set_language(self, language: Language) -> None:
        for tile in self.tiles:
            tile.set_language(language)

    def count_up(self, start: float, reduced_motion: bool = False) -> None:
        count_up_staggered(self.tiles, start, reduced_motion)


class StoryCard(QWidget):
    """One story: icon, title, text, on a card."""

    def __init__(self, story: Story, colour: str) -> None:
        super().__init__()
        self.story = story
        self.colour = colour
        self.stripe = 6
        self.icon = IconView(story.icon, colour)
        self.title = styled_label("CardTitle")
        self.body = BrokenLabel()
        self.body.setObjectName("CardBody")
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.icon)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_language(self, language: Language) -> None:
        self.title.setText(self.story.title.get(language))
        self.body.set_source_text(self.story.body.get(language))

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.stripe = metrics.px(6)
        pad = metrics.px(40)
        self.layout().setContentsMargins(pad, pad, pad, pad)
        self.layout().setSpacing(metrics.px(16))
        self.icon.set_side(metrics.px(72))
        self.title.setStyleSheet(f"font-size: {metrics.text_px(theme.SECTION_PX)}px; font-weight: bold;")
        self.body.setStyleSheet(f"font-size: {metrics.text_px(theme.BODY_PX + 2)}px;")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = self.width() * 0.025
        path = QPainterPath()
        path.addRoundedRect(QRectF(self.rect()), radius, radius)
        painter.fillPath(path, theme.colour(theme.SURFACE))
        painter.fillRect(
            QRectF(0, radius, self.stripe, self.height() - 2 * radius), theme.colour(self.colour)
        )
        painter.end()


class StoryCarousel(QWidget):
    """Story cards one at a time: swipe left or right (finger or mouse), or tap the arrows."""

    changed = Signal(int)

    SWIPE_REFERENCE_PX = 60

    def __init__(self, stories: list[Story], colour: str, driver: FrameDriver) -> None:
        super().__init__()
        self.driver = driver
        self.cards = [StoryCard(story, colour) for story in stories]
        self.index = 0
        self._slide_from = 0.0
        self._slide_started: float | None = None
        self._minimum_height = 0
        self.reduced_motion = False
        self.strip = _CardStrip()
        self.strip.swiped.connect(self._swiped)
        for card in self.cards:
            card.setParent(self.strip)
        self.previous_button = QPushButton("‹")
        self.next_button = QPushButton("›")
        for button in (self.previous_button, self.next_button):
            button.setObjectName("RoundButton")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.previous_button.clicked.connect(lambda: self.go(self.index - 1))
        self.next_button.clicked.connect(lambda: self.go(self.index + 1))
        self.dots = _Dots(len(self.cards), colour)
        self.swipe_hint = styled_label("Caption", wrap=False)
        self.swipe_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        middle = QVBoxLayout()
        middle.addWidget(self.dots, 0, Qt.AlignmentFlag.AlignHCenter)
        middle.addWidget(self.swipe_hint)
        controls = QHBoxLayout()
        controls.addWidget(self.previous_button)
        controls.addStretch(1)
        controls.addLayout(middle)
        controls.addStretch(1)
        controls.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.strip, 1)
        layout.addLayout(controls)
        driver.ticked.connect(self._on_tick)
        # One story is a card, not a carousel: no arrows to nowhere, no single dot.
        lone = len(self.cards) < 2
        for control in (self.previous_button, self.next_button, self.dots, self.swipe_hint):
            control.setVisible(not lone)
        self._update_buttons()

    def set_language(self, language: Language) -> None:
        for card in self.cards:
            card.set_language(language)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the longest story needs at the current width, so no card clips its text."""
        card_width = max(1, round(self.width() * 0.86))
        needed = max((card.heightForWidth(card_width) for card in self.cards), default=0)
        self.strip.setFixedHeight(max(self._minimum_height, needed))
        self._place_cards()

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.strip.threshold = metrics.px(self.SWIPE_REFERENCE_PX)
        for card in self.cards:
            card.set_metrics(metrics)
        self.dots.set_metrics(metrics)
        self._minimum_height = metrics.px(420)
        self._fit_height()

    def sliding(self) -> bool:
        return self._slide_started is not None

    def current_story(self) -> Story:
        return self.cards[self.index].story

    def go(self, index: int) -> None:
        target = max(0, min(index, len(self.cards) - 1))
        if target == self.index:
            return
        self._slide_from = self._offset()
        self.index = target
        if self.reduced_motion:
            self._slide_started = None
        else:
            self._slide_started = self.driver.clock.monotonic()
            self.driver.animate_until(self._slide_started + theme.TRANSITION_S / 2)
        self.dots.set_current(target)
        self._update_buttons()
        self._place_cards()
        self.changed.emit(target)

    def reset(self) -> None:
        self.index = 0
        self._slide_started = None
        self.dots.set_current(0)
        self._update_buttons()
        self._place_cards()

    def _update_buttons(self) -> None:
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.cards) - 1)

    def _offset(self) -> float:
        """Position of the strip of cards, in cards: 0 shows the first, 1 the second."""
        if self._slide_started is None:
            return float(self.index)
        progress = progress_between(
            self._slide_started, theme.TRANSITION_S / 2, self.driver.clock.monotonic()
        )
        if progress >= 1.0:
            self._slide_started = None
            return float(self.index)
        return self._slide_from + (self.index - self._slide_from) * ease_out_cubic(progress)

    def _on_tick(self, now: float) -> None:
        if self._slide_started is not None:
            self._place_cards()

    def _place_cards(self) -> None:
        width = self.strip.width()
        gap = width * 0.04
        card_width = width * 0.86
        offset = self._offset()
        for position, card in enumerate(self.cards):
            x = (position - offset) * (card_width + gap)
            card.setGeometry(round(x), 0, round(card_width), self.strip.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit_height()
        self._place_cards()

    def _swiped(self, travel: float) -> None:
        if travel <= -self.strip.threshold:
            self.go(self.index + 1)
        elif travel >= self.strip.threshold:
            self.go(self.index - 1)


class _CardStrip(QWidget):
    """The cards' window: a swipe here (press, move, release) past the threshold turns the card.

    Only the strip takes touches, not the whole carousel: a finger on the arrow buttons beside it
    must reach them as a tap.
    """

    swiped = Signal(float)

    def __init__(self) -> None:
        super().__init__()
        self.threshold = 60
        self._press_x: float | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:
                x = points[0].position().x()
                if kind == QEvent.Type.TouchBegin:
                    self._press_x = x
                elif kind == QEvent.Type.TouchEnd:
                    self._release(x)
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._press_x = None
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self._press_x = event.position().x()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self._release(event.position().x())

    def _release(self, x: float) -> None:
        if self._press_x is not None:
            travel = x - self._press_x
            self._press_x = None
            self.swiped.emit(travel)


class _Dots(QWidget):
    def __init__(self, count: int, colour: str) -> None:
        super().__init__()
        self.count = count
        self.current = 0
        self.colour = colour
        self.dot = 12

    def set_current(self, index: int) -> None:
        self.current = index
        self.update()

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.dot = metrics.px(14)
        self.setFixedSize(self.count * self.dot * 3, self.dot * 3)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for index in range(self.count):
            colour = self.colour if index == self.current else theme.HAIRLINE
            painter.setBrush(theme.colour(colour))
            centre = QPointF(self.dot * 1.5 + index * self.dot * 3, self.height() / 2)
            painter.drawEllipse(centre, self.dot / 2, self.dot / 2)
        painter.end()


class Timeline(QWidget):
    """Dated events on a line, at the precision the source gives."""

    def __init__(self, events: list[Event], family: str, colour: str) -> None:
        super().__init__()
        self.events = sorted(events, key=lambda event: event.date)
        self.family = family
        self.colour = colour
        self.language: Language = "zh"
        self.metrics = theme.Metrics.for_size(self.size())

    def set_language(self, language: Language) -> None:
        self.language = language
        self._fit_height()

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.metrics = metrics
        self._fit_height()

    def fonts(self) -> tuple[QFont, QFont]:
        m = self.metrics
        date = theme.font(self.family, m.text_px(theme.BODY_PX), bold=True)
        return date, theme.font(self.family, m.text_px(theme.BODY_PX - 2))

    def needed_height(self, width: float) -> float:
        """The height every date and title needs at `width`, laid out as `paintEvent` lays them out."""
        m = self.metrics
        date_font, title_font = self.fonts()
        date_height = QFontMetricsF(date_font).height()
        dot = m.px(12)
        wrap = int(Qt.TextFlag.TextWordWrap)
        titles = QFontMetricsF(title_font)
        if not self.events:
            return 0.0
        box = QRectF(0, 0, self.title_width(width), 1e5)
        tallest = max(titles.boundingRect(box, wrap, title).height() for title in self.broken_titles(width))
        if m.portrait:
            return len(self.events) * (dot * 2 + date_height / 2 + tallest + m.px(24))
        return dot * 4 + date_height + tallest + m.px(16)

    def _fit_height(self) -> None:
        width = (
            self.width() if self.width() > 1 else self.parentWidget().width() if self.parentWidget() else 0
        )
        self.setFixedHeight(max(self.metrics.px(120), round(self.needed_height(max(1, width)))))
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit_height()

    def entries(self) -> list[tuple[str, str]]:
        return [
            (format_date(event.date, self.language), event.title.get(self.language)) for event in self.events
        ]

    def title_width(self, width: float) -> float:
        dot = self.metrics.px(12)
        if self.metrics.portrait:
            return max(1.0, width - dot * 5)
        return max(1.0, width / max(1, len(self.events)) - dot * 3)

    def broken_titles(self, width: float) -> list[str]:
        """Each event's title with its line breaks at the width it is drawn in."""
        title_font = self.fonts()[1]
        return [broken_text(title, title_font, self.title_width(width) - 1) for _, title in self.entries()]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = self.metrics
        date_font, title_font = self.fonts()
        wrap = int(Qt.TextFlag.TextWordWrap)
        titles = self.broken_titles(self.width())
        entries = [(date, titles[index]) for index, (date, _) in enumerate(self.entries())]
        dot = m.px(12)
        line_pen = theme.colour(theme.HAIRLINE)
        # Stroke from the layout metric: a 4K screen draws the line at twice the pixels, same weight.
        stroke = m.px(4)
        # One event is a dated note, not a timeline: the line appears from two events on.
        if len(entries) < 2:
            line_pen = theme.colour(theme.GROUND, 0.0)
        if m.portrait:
            x = dot * 2
            painter.fillRect(QRectF(x - stroke / 2, 0, stroke, self.height()), line_pen)
            row = self.height() / max(1, len(entries))
            for index, (date, title) in enumerate(entries):
                y = index * row + dot * 2
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme.colour(self.colour))
                painter.drawEllipse(QPointF(x, y), dot, dot)
                painter.setPen(theme.colour(self.colour))
                painter.setFont(date_font)
                date_height = QFontMetricsF(date_font).height()
                painter.drawText(QRectF(x + dot * 3, y - date_height / 2, self.width(), date_height), 0, date)
                painter.setPen(theme.colour(theme.TEXT))
                painter.setFont(title_font)
                painter.drawText(
                    QRectF(x + dot * 3, y + date_height / 2, self.width() - x - dot * 3, row), wrap, title
                )
        else:
            y = dot * 2
            painter.fillRect(QRectF(0, y - stroke / 2, self.width(), stroke), line_pen)
            column = self.width() / max(1, len(entries))
            for index, (date, title) in enumerate(entries):
                x = index * column + dot
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme.colour(self.colour))
                painter.drawEllipse(QPointF(x, y), dot, dot)
                painter.setPen(theme.colour(self.colour))
                painter.setFont(date_font)
                date_height = QFontMetricsF(date_font).height()
                painter.drawText(QRectF(x - dot, y + dot * 2, column - dot * 2, date_height), 0, date)
                painter.setPen(theme.colour(theme.TEXT))
                painter.setFont(title_font)
                top = y + dot * 2 + date_height
                painter.drawText(QRectF(x - dot, top, column - dot * 3, self.height() - top), wrap, title)
        painter.end()
