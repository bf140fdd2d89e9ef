"""The visitor's side of the kiosk: the page area, the navigation bar and the idle countdown.

Pages are built on first visit and kept, so a second visit opens at once; every navigation goes
through `navigate`, which refuses a second request while one is fresh, so rapid or multi-finger
tapping opens one page.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.content import strings
from kiosk.content.models import VISITOR_TOPICS, ContentPack, Language, Topic
from kiosk.i18n.catalogue import visitor_text
from kiosk.i18n.languages import OFFERED_TO_VISITORS, next_language
from kiosk.ui.style import theme
from kiosk.ui.style.motion import FrameDriver, moving_region
from kiosk.ui.visitor.idle import IdleOverlay, IdleWatch
from kiosk.ui.visitor.pages.hub import HubPage
from kiosk.ui.visitor.pages.page import Page
from kiosk.ui.visitor.pointer_scroll import PointerScroll
from kiosk.ui.widgets.fitting_button import FittingButton, fit_rules

log = logging.getLogger(__name__)

HUB = "hub"
NAVIGATION_GUARD_S = 0.4
# Every page but the hub shows one topic (the introduction's too), under the topic's own id.
TOPIC_PAGES: dict[str, Topic] = {topic: topic for topic in (*VISITOR_TOPICS, "intro")}
PAGE_IDS: tuple[str, ...] = (HUB, *TOPIC_PAGES)


def no_double_taps() -> None:
    """Every tap is a tap: nothing in the kiosk uses a double click.

    Qt makes a double click of a second tap within the double-click interval of the previous one,
    wherever it lands, and delivers it without the press; a page's kinetic scroller (QScroller)
    swallows double clicks, so "Home" then a quick tap on a hub tile did nothing. With no interval
    there is no double click.
    """
    QGuiApplication.styleHints().setMouseDoubleClickInterval(0)


class NavBar(QWidget):
    """Home, back, the four topics, the figures wall and the language switch, on every page."""

    navigate = Signal(str)
    back = Signal()
    toggle_language = Signal()
    larger_text = Signal(bool)

    def __init__(self, pack: ContentPack) -> None:
        super().__init__()
        self.pack = pack
        self.setObjectName("NavBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.back_button = self._button("back")
        self.home_button = self._button(HUB)
        self.language_button = self._button("language")
        self.larger_text_button = self._button("larger-text")
        self.topic_buttons = {topic: self._button(topic) for topic in (*VISITOR_TOPICS, "intro")}
        self.back_button.clicked.connect(self.back.emit)
        self.home_button.clicked.connect(lambda: self.navigate.emit(HUB))
        self.language_button.clicked.connect(self.toggle_language.emit)
        self.larger_text_button.toggled.connect(self.larger_text.emit)
        for topic, button in self.topic_buttons.items():
            button.clicked.connect(lambda _checked=False, chosen=topic: self.navigate.emit(chosen))
        self.grid = QGridLayout(self)
        self._portrait: bool | None = None

    def _button(self, name: str) -> QPushButton:
        button = FittingButton()
        button.setObjectName(f"nav-{name}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setCheckable(name not in ("back", "language"))
        return button

    def buttons(self) -> list[QPushButton]:
        return [
            self.back_button,
            self.home_button,
            *self.topic_buttons.values(),
            self.larger_text_button,
            self.language_button,
        ]

    def set_language(self, language: Language) -> None:
        self.back_button.setText("‹  " + self.pack.text(strings.NAV_BACK, language))
        self.home_button.setText(self.pack.text(strings.NAV_HOME, language))
        self.language_button.setText(self.pack.text(strings.NAV_LANGUAGE, language))
        self.larger_text_button.setText(self.pack.text(strings.NAV_LARGER_TEXT, language))
        # "A+" is what the eye reads; a screen reader says what it does.
        self.larger_text_button.setAccessibleName(visitor_text("nav.larger_text_name", language))
        for topic, button in self.topic_buttons.items():
            button.setText(self.pack.topic(topic).nav.get(language))

    def mark_current(self, page_id: str) -> None:
        # The hub is where every visit starts and Home leads: there is nothing to go back to.
        self.back_button.setEnabled(page_id != HUB)
        self.home_button.setChecked(page_id == HUB)
        for topic, button in self.topic_buttons.items():
            button.setChecked(topic == page_id)

    def set_metrics(self, metrics: theme.Metrics) -> None:
        margin = metrics.px(theme.MARGIN_PX / 2)
        self.grid.setContentsMargins(margin, metrics.px(14), margin, metrics.px(14))
        self.grid.setSpacing(metrics.px(12))
        if self._portrait != metrics.portrait:
            self._portrait = metrics.portrait
            for button in self.buttons():
                self.grid.removeWidget(button)
            topics = list(self.topic_buttons.values())
            if metrics.portrait:
                self.grid.addWidget(self.back_button, 0, 0)
                self.grid.addWidget(self.home_button, 0, 1)
                self.grid.addWidget(self.larger_text_button, 0, 3)
                self.grid.addWidget(self.language_button, 0, 4)
                for column, button in enumerate(topics):
                    self.grid.addWidget(button, 1, column)
            else:
                for column, button in enumerate(
                    [
                        self.back_button,
                        self.home_button,
                        *topics,
                        self.larger_text_button,
                        self.language_button,
                    ]
                ):
                    self.grid.addWidget(button, 0, column)
        # Sized here from the one layout metric, not by the application's style sheet, which was
        # built for the first window size: a 4K bar is twice the 1080p bar, padding and corners too.
        target = metrics.px(theme.TOUCH_TARGET_PX)
        sheet = (
            f"QPushButton {{ font-size: {metrics.px(theme.BODY_PX - 2)}px; min-height: {target}px;"
            f" padding: 0 {metrics.px(theme.GAP_PX / 2)}px;"
            f" border-radius: {metrics.px(theme.RADIUS_PX)}px; }}" + fit_rules(metrics.px(theme.BODY_PX - 2))
        )
        for button in self.buttons():
            button.setMinimumHeight(target)
            button.setStyleSheet(sheet)


class VisitorView(QWidget):
    """Hub and topic pages with the navigation bar and the idle countdown over them."""

    timed_out = Signal()
    page_shown = Signal(str)

    def __init__(
        self,
        pack: ContentPack,
        family: str,
        driver: FrameDriver,
        idle_timeout_s: float,
        idle_countdown_s: float,
        reduced_motion: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        no_double_taps()
        self.pack = pack
        self.family = family
        self.driver = driver
        self.clock = driver.clock
        self.reduced_motion = reduced_motion
        self.language: Language = "zh"
        self.metrics = theme.Metrics.for_size(self.size())
        self.setObjectName("KioskRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.stack = QStackedWidget()
        self.nav = NavBar(pack)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.nav)
        self.pages: dict[str, Page] = {}
        self.history: list[str] = []
        self._last_navigation = -1e9
        self.overlay = IdleOverlay(pack, self)
        self.idle = IdleWatch(self.clock, idle_timeout_s, idle_countdown_s, self)
        self.pointer_scroll = PointerScroll(self)
        self.idle.countdown.connect(self.overlay.show_countdown)
        self.idle.resumed.connect(self.overlay.hide)
        self.overlay.keep_exploring.connect(self.idle.activity)
        self.idle.expired.connect(self._expired)
        self.nav.navigate.connect(self.navigate)
        self.nav.back.connect(self.go_back)
        self.nav.toggle_language.connect(self.toggle_language)
        self.nav.larger_text.connect(self.set_larger_text)
        self.larger_text = False
        driver.frame_due.connect(self._on_tick)
        self.frame_ms: list[float] = []

    # A visit --------------------------------------------------------------------------------

    def begin(self, language: Language) -> None:
        """A visitor arrived: the hub, in the default language, timers running."""
        self.set_language(language)
        self.history.clear()
        self._last_navigation = -1e9
        self._show(HUB)
        self.idle.start()

    def end(self) -> None:
        """The visitor left: stop timers, forget where they were."""
        self.idle.stop()
        self.overlay.hide()
        self.nav.larger_text_button.setChecked(False)
        for page in self.pages.values():
            page.reset()
        self.history.clear()

    def _expired(self) -> None:
        log.info("visitor idle: returning to the showcase")
        self.end()
        self.timed_out.emit()

    def use_pack(self, pack: ContentPack) -> None:
        """A new content pack, between visits: the pages built from the old one go, and are built
        again from this one when next opened. The view itself stays, and whoever follows it."""
        self.pack = pack
        self.nav.pack = pack
        self.overlay.pack = pack
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.history.clear()
        self.set_language(self.language)

    def use_settings(self, idle_timeout_s: float, idle_countdown_s: float, reduced_motion: bool) -> None:
        """Settings that change the visit live: the idle return's timing, and motion."""
        self.idle.timer.timeout_s = idle_timeout_s
        self.idle.timer.countdown_s = idle_countdown_s
        self.reduced_motion = reduced_motion
        for page in self.pages.values():
            page.reduced_motion = reduced_motion

    # Navigation -----------------------------------------------------------------------------

    def current_page_id(self) -> str:
        page = self.stack.currentWidget()
        return page.page_id if isinstance(page, Page) else ""

    def navigate(self, page_id: str) -> bool:
        """Open a page; False when refused (unknown, already open, or too soon after the last)."""
        now = self.clock.monotonic()
        refused = page_id not in PAGE_IDS or page_id == self.current_page_id()
        if refused or now - self._last_navigation < NAVIGATION_GUARD_S:
            # A tap on a checkable navigation button toggled its mark though the page stays: mark again.
            self.nav.mark_current(self.current_page_id())
            return False
        self._last_navigation = now
        if self.current_page_id():
            self.history.append(self.current_page_id())
        self._show(page_id)
        return True

    def go_back(self) -> None:
        while self.history and self.history[-1] == self.current_page_id():
            self.history.pop()
        if not self.history:
            self.navigate(HUB)
            return
        target = self.history.pop()
        now = self.clock.monotonic()
        if now - self._last_navigation < NAVIGATION_GUARD_S:
            self.history.append(target)
            return
        self._last_navigation = now
        self._show(target)

    def page(self, page_id: str) -> Page:
        """The page, built on first use and kept."""
        if page_id not in self.pages:
            self.pages[page_id] = self._build(page_id)
        return self.pages[page_id]

    def _build(self, page_id: str) -> Page:
        page: Page
        if page_id == HUB:
            hub = HubPage(self.pack, self.family, self.driver)
            hub.topic_chosen.connect(self.navigate)
            page = hub
        else:
            from kiosk.ui.visitor.pages.topic import TopicPage

            page = TopicPage(self.pack, TOPIC_PAGES[page_id], self.family, self.driver, self.reduced_motion)
        page.reduced_motion = self.reduced_motion
        page.set_language(self.language)
        self.stack.addWidget(page)
        page.resize(self.stack.size())
        page.set_metrics(self.metrics)
        return page

    def _show(self, page_id: str) -> None:
        page = self.page(page_id)
        page.reset()
        self.stack.setCurrentWidget(page)
        self.nav.mark_current(page_id)
        page.opened(self.clock.monotonic())
        self.page_shown.emit(page_id)

    # Language and size ----------------------------------------------------------------------

    def toggle_language(self) -> None:
        self.set_language(next_language(self.language, OFFERED_TO_VISITORS))

    def set_language(self, language: Language) -> None:
        self.language = language
        self.nav.set_language(language)
        self.overlay.set_language(language)
        for page in self.pages.values():
            page.set_language(language)

    def set_larger_text(self, larger: bool) -> None:
        """The visitor's "A+": reading text on every page grows by a quarter, and every page reflows."""
        if larger == self.larger_text:
            return
        self.larger_text = larger
        self.nav.larger_text_button.setChecked(larger)
        self._apply_metrics(self.size())

    def _apply_metrics(self, size: QSize) -> None:
        text_scale = theme.LARGER_TEXT_SCALE if self.larger_text else 1.0
        self.metrics = theme.Metrics.for_size(size, text_scale)
        # The application's style sheet sizes unstyled text at 100 %; larger text restyles the pages only.
        self.stack.setStyleSheet(theme.style_sheet(self.metrics, self.family) if self.larger_text else "")
        self.nav.set_metrics(theme.Metrics.for_size(size))
        self.overlay.set_metrics(self.metrics)
        for page in self.pages.values():
            page.set_metrics(self.metrics)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self._apply_metrics(event.size())
        super().resizeEvent(event)

    # Frames ---------------------------------------------------------------------------------

    def _on_tick(self, now: float) -> None:
        if not self.isVisible():
            return
        page = self.stack.currentWidget()
        if not isinstance(page, Page):
            return
        region = moving_region((part for part in page.moving_parts() if part.isVisible()), self)
        if not region.isEmpty():
            began = time.perf_counter()
            self.repaint(region)
            self.frame_ms.append((time.perf_counter() - began) * 1000.0)
            del self.frame_ms[:-1000]
