"""The story cards: one at a time, turned by a swipe or the arrows, with dots for where you are."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QResizeEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import Language, Story
from kiosk.i18n.catalogue import visitor_text
from kiosk.ui.style import theme
from kiosk.ui.style.icons import IconView
from kiosk.ui.style.motion import FrameDriver, Tween
from kiosk.ui.visitor.pages.headings import styled_label
from kiosk.ui.widgets.text import BrokenLabel


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
        self.column = layout = QVBoxLayout(self)
        layout.addWidget(self.icon)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_language(self, language: Language) -> None:
        self.title.setText(self.story.title.get(language))
        self.body.set_source_text(self.story.body.get(language))
        self.setAccessibleName(self.story.title.get(language))
        self.setAccessibleDescription(self.story.body.get(language))

    def set_metrics(self, metrics: theme.Metrics) -> None:
        self.stripe = metrics.px(6)
        pad = metrics.px(40)
        self.column.setContentsMargins(pad, pad, pad, pad)
        self.column.setSpacing(metrics.px(16))
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
        self.slide = Tween(driver, theme.TRANSITION_S / 2, lambda _: self._place_cards(), self)
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
        # One story is a card, not a carousel: no arrows to nowhere, no single dot.
        lone = len(self.cards) < 2
        for control in (self.previous_button, self.next_button, self.dots, self.swipe_hint):
            control.setVisible(not lone)
        self._update_buttons()

    def set_language(self, language: Language) -> None:
        for card in self.cards:
            card.set_language(language)
        self.previous_button.setAccessibleName(visitor_text("stories.previous", language))
        self.next_button.setAccessibleName(visitor_text("stories.next", language))
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
        return self.slide.running

    def current_story(self) -> Story:
        return self.cards[self.index].story

    def go(self, index: int) -> None:
        target = max(0, min(index, len(self.cards) - 1))
        if target == self.index:
            return
        self._slide_from = self._offset()
        self.index = target
        self.dots.set_current(target)
        self._update_buttons()
        self.slide.start(self.driver.clock.monotonic(), self.reduced_motion)
        self.changed.emit(target)

    def reset(self) -> None:
        self.index = 0
        self.slide.stop()
        self.dots.set_current(0)
        self._update_buttons()
        self._place_cards()

    def _update_buttons(self) -> None:
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.cards) - 1)

    def _offset(self) -> float:
        """Position of the strip of cards, in cards: 0 shows the first, 1 the second."""
        progress = self.slide.value()
        if progress >= 1.0:
            return float(self.index)
        return self._slide_from + (self.index - self._slide_from) * progress

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
