"""The frame every visitor page is built on: kinetic scrolling, reduced motion, and the
"swipe up for more" fade at the fold."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import (
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QVBoxLayout,
    QWidget,
)

from kiosk.content import strings
from kiosk.content.models import ContentPack, Language
from kiosk.ui.style import theme
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.visitor.pages.stories import StoryCarousel
from kiosk.ui.visitor.pointer_scroll import PAGE_VIEWPORT
from kiosk.ui.widgets.figure_tile import FigureTile


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
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.scroll_area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        # A pointer's drag finds the page's scroller by this name (a mouse-like frame has no touch).
        self.scroll_area.viewport().setObjectName(PAGE_VIEWPORT)
        self._reduced_motion = False
        self.content = QWidget()
        self.content.setObjectName("PageContent")
        self.column = QVBoxLayout(self.content)
        self.scroll_area.setWidget(self.content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self.more_below = MoreBelow(self)
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._update_more_below)
        self.scroll_area.verticalScrollBar().rangeChanged.connect(self._update_more_below)

    def text(self, key: str) -> str:
        return self.pack.text(key, self.language)

    def _update_more_below(self) -> None:
        """ "Swipe up for more" while the page continues under the fold and the visitor has not
        started scrolling; gone as soon as they do."""
        bar = self.scroll_area.verticalScrollBar()
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
        scroller = QScroller.scroller(self.scroll_area.viewport())
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
        QScroller.scroller(self.scroll_area.viewport()).stop()
        self.scroll_area.verticalScrollBar().setValue(0)

    def moving_parts(self) -> list[QWidget]:
        return [tile for tile in self.findChildren(FigureTile) if tile.needs_frame()]


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
