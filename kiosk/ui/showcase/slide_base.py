"""What every showcase slide shares: its context (pack, font, frame driver), what the player asks of
a slide (`PlayableSlide`) with the answers a widget gives (`WidgetSlide`), and the slide frame of the
pack's slides (topic chip, content, source credit); slide kinds build on it in their own modules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import strings
from kiosk.content.models import ContentPack, Language, Slide, Topic, TopicInfo
from kiosk.ui.style import theme
from kiosk.ui.style.icons import IconView
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.widgets.figure_tile import FigureTile


@dataclass
class SlideContext:
    """What every slide needs: the pack, the font, the clock-driven frame driver."""

    pack: ContentPack
    family: str
    driver: FrameDriver
    reduced_motion: bool = False


# Which frame of a slide a transition paints: the first as it comes in, the last as it goes.
Moment = Literal["first", "last"]


class PlayableSlide(Protocol):
    """What the player needs of a slide of any kind."""

    def as_widget(self) -> QWidget:
        """The widget the player places, shows and finally deletes."""
        ...

    def set_language(self, language: Language) -> None: ...

    def enter(self, start: float) -> None:
        """The slide is on screen from clock time `start`: start its animations (or its media)."""
        ...

    def finish(self) -> None:
        """Jump to the final state (reduced motion, renders of the final frame)."""
        ...

    def moving_parts(self) -> list[QWidget]:
        """The widgets changing right now; a frame repaints only these."""
        ...

    def snapshot(self, moment: Moment) -> QImage:
        """The slide's first or last frame, opaque, at the screen's pixel density, for a transition."""
        ...

    def duration_s(self) -> float | None:
        """How long the slide plays by its own nature (a video's length), or None: as its playlist says."""
        ...


def snapshot(widget: QWidget) -> QImage:
    """The widget as it looks now, on the navy ground, in an opaque image at the screen's pixel density.

    Opaque, so painting it is a copy rather than a per-pixel blend: at 4K a frame moves 8 million pixels.
    """
    # A slide built for this transition has not had its layout requests delivered yet: lay it out now,
    # outermost first, as the next paint would.
    for part in (widget, *widget.findChildren(QWidget)):
        layout = part.layout()
        if layout is not None:
            layout.activate()
    ratio = widget.devicePixelRatioF()
    image = QImage(round(widget.width() * ratio), round(widget.height() * ratio), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(theme.colour(theme.GROUND))
    widget.render(image)
    return image


class WidgetSlide(QWidget):
    """A slide that is a widget painting its own frames: its first and last frames are what it shows,
    and it plays as long as its playlist says."""

    def as_widget(self) -> QWidget:
        return self

    def snapshot(self, moment: Moment) -> QImage:
        return snapshot(self)

    def duration_s(self) -> float | None:
        return None


class SlideView(WidgetSlide):
    """A full-screen slide of the pack: topic chip, content, and a footer with the source credit."""

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
        self._chip_icon = IconView(self.topic_info(slide.topic).icon, self.topic_colour)
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

    def moving_parts(self) -> list[QWidget]:
        """The widgets an animation is changing right now; a frame repaints only these."""
        return [tile for tile in self.findChildren(FigureTile) if tile.needs_frame()]

    def apply_metrics(self) -> None:
        """Resize fonts and spacing for `self.metrics`."""

    # Shared -------------------------------------------------------------------------------

    def set_language(self, language: Language) -> None:
        self.language = language
        self.setAccessibleName(self.context.pack.slide_title(self.slide.id, language))
        topic = self.topic_info(self.slide.topic)
        self._chip_text.setText(topic.title.get(language))
        credit = self.slide.credit
        self._credit.setText(credit.get(language) if credit is not None else self.text(strings.SOURCE_CREDIT))
        self.retranslate()

    def text(self, key: str) -> str:
        return self.context.pack.text(key, self.language)

    def topic_info(self, topic: Topic) -> TopicInfo:
        return self.context.pack.topic(topic)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self.metrics = theme.Metrics.for_size(event.size())
        m = self.metrics
        margin = m.px(theme.MARGIN_PX)
        self._outer.setContentsMargins(margin, m.px(48), margin, m.px(40))
        self._outer.setSpacing(m.px(theme.GAP_PX))
        chip_px = m.px(theme.CAPTION_PX + 6)
        icon_px = round(chip_px * 1.5)
        self._chip_icon.set_side(icon_px)
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
