"""The staff panel over the kiosk: a header (what plays now, what is unsaved, the staff language,
the way out), one tab per page of `STAFF_PAGES`, and the guard that asks before edits are lost."""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import Language
from kiosk.history import set_saver
from kiosk.i18n.catalogue import staff_text
from kiosk.i18n.languages import OFFERED_TO_STAFF, endonym, next_language
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.keyboard.keyboard import close_keyboard, set_keyboard_language
from kiosk.ui.staff.pages import STAFF_PAGES, PageSpec
from kiosk.ui.staff.widgets import QuestionBar, StaffPage, label, touch_button
from kiosk.ui.style import theme
from kiosk.ui.widgets.fitting_button import fit_rules

log = logging.getLogger(__name__)

__all__ = ["StaffContext", "StaffPanel"]


def staff_style_sheet(metrics: theme.Metrics) -> str:
    """The visitor theme's tokens, calmer: smaller titles, flat surfaces, one accent for action."""
    px = metrics.px
    return f"""
    * {{ font-size: {px(theme.BODY_PX)}px; color: {theme.TEXT}; }}
    QLabel[staffRole="pageTitle"] {{ font-size: {px(theme.SECTION_PX)}px; font-weight: bold; }}
    QLabel[staffRole="section"], QLabel[staffRole="fieldLabel"] {{ color: {theme.TEXT_MUTED}; }}
    QLabel[staffRole="status"], QLabel[staffRole="header"] {{ color: {theme.TEXT_MUTED}; }}
    QLabel[staffRole="unsaved"] {{ color: {theme.ACCENT}; font-weight: bold; }}
    QLabel[staffRole="message"], QLabel[staffRole="report"] {{ color: {theme.ACCENT}; }}
    QLabel[staffRole="dots"] {{ font-size: {px(theme.SECTION_PX)}px; color: {theme.ACCENT}; }}
    QLabel[staffRole="value"] {{ font-weight: bold; }}
    QLabel[staffRole="card"] {{
        background: {theme.SURFACE}; border-radius: {px(theme.RADIUS_PX * 0.6)}px; padding: {px(16)}px;
    }}
    QPushButton {{
        min-height: {px(theme.TOUCH_TARGET_PX)}px; min-width: {px(theme.TOUCH_TARGET_PX)}px;
        padding: 0 {px(theme.GAP_PX * 0.6)}px; border-radius: {px(theme.RADIUS_PX * 0.6)}px;
        background: {theme.SURFACE_RAISED}; border: none;
    }}
    {fit_rules(px(theme.BODY_PX))}
    QPushButton:pressed {{ background: {theme.HAIRLINE}; }}
    QPushButton:checked {{ background: {theme.HAIRLINE}; color: {theme.ACCENT}; font-weight: bold; }}
    QPushButton:disabled {{ color: {theme.HAIRLINE}; background: {theme.SURFACE}; }}
    QPushButton[staffRole="primary"] {{
        background: {theme.ACCENT}; color: {theme.GROUND_DEEP}; font-weight: bold;
    }}
    QPushButton[staffRole="primary"]:disabled {{ background: {theme.SURFACE}; color: {theme.HAIRLINE}; }}
    QListWidget {{ background: {theme.SURFACE}; border: none; border-radius: {px(theme.RADIUS_PX * 0.6)}px; }}
    QListWidget::item {{ min-height: {px(theme.TOUCH_TARGET_PX)}px; padding: 0 {px(16)}px; }}
    QListWidget::item:selected {{ background: {theme.HAIRLINE}; color: {theme.ACCENT}; }}
    QLineEdit {{
        min-height: {px(theme.TOUCH_TARGET_PX)}px; background: {theme.SURFACE}; border: none;
        border-bottom: {px(3)}px solid {theme.HAIRLINE}; padding: 0 {px(16)}px;
    }}
    QLineEdit:focus {{ border-bottom-color: {theme.ACCENT}; }}
    QScrollArea {{ background: transparent; border: none; }}
    QPlainTextEdit[staffRole="licence"] {{
        background: {theme.SURFACE}; border: none; border-radius: {px(theme.RADIUS_PX * 0.6)}px;
        padding: {px(16)}px; font-size: {px(theme.CAPTION_PX)}px;
    }}
    QWidget[staffRole="question"] {{
        background: {theme.SURFACE_RAISED}; border-radius: {px(theme.RADIUS_PX * 0.6)}px;
    }}
    QWidget#staff-timeout {{ border: {px(3)}px solid {theme.ACCENT}; }}
    QPushButton[staffRole="day"] {{ padding: 0; }}
    """


TABS_PER_ROW_PORTRAIT = 4


class StaffPanel(QWidget):
    """The staff screen: header, tabs, the current page, and the keep/discard question."""

    closed = Signal()

    def __init__(self, context: StaffContext, parent: QWidget) -> None:
        super().__init__(parent)
        # Staff mode is in this process: every save it makes from now on is staff's, on the glass.
        set_saver("glass")
        self.context = context
        self.language: Language = "zh"
        self.specs: dict[str, PageSpec] = {spec.name: spec for spec in STAFF_PAGES}
        # Pages are built the first time staff open them: a kiosk nobody administers never holds them.
        self.pages: dict[str, StaffPage] = {}
        self.current = STAFF_PAGES[0].name
        self.title = label("header")
        self.playing = label("header")
        self.unsaved = label("unsaved")
        self.unsaved.setObjectName("staff-unsaved")
        self.language_button = touch_button("staff-language")
        self.language_button.clicked.connect(self.toggle_language)
        self.close_button = touch_button("staff-close")
        self.close_button.clicked.connect(self.request_close)
        self.playing.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._playing_text = ""
        header = QGridLayout()
        header.setHorizontalSpacing(24)
        header.addWidget(self.title, 0, 0)
        header.addWidget(self.playing, 0, 1)
        header.addWidget(self.unsaved, 0, 2)
        header.addWidget(self.language_button, 0, 3)
        header.addWidget(self.close_button, 0, 4)
        header.setColumnStretch(1, 1)
        self.header = header
        self.stack = QStackedWidget()
        self.tabs: dict[str, QPushButton] = {}
        self.tab_grid = QGridLayout()
        for name in self.specs:
            tab = touch_button(f"staff-tab-{name}", checkable=True)
            tab.clicked.connect(lambda _c=False, chosen=name: self.request_page(chosen))
            self.tabs[name] = tab
        self._arrange_tabs(per_row=len(self.tabs))
        self.guard = QuestionBar("staff-guard")
        self.guard.answered.connect(self._guard_answered)
        self._after_discard: str | None = None
        layout = QVBoxLayout(self)
        self._layout = layout
        layout.addLayout(header)
        layout.addLayout(self.tab_grid)
        layout.addWidget(self.guard)
        layout.addWidget(self.stack, 1)
        self.hide()

    def page(self, name: str | None = None) -> StaffPage:
        """The page called `name` (the current one by default), built if this is its first showing."""
        name = name or self.current
        if name not in self.pages:
            page = self.specs[name].build(self.context)
            page.language = self.language
            page.edited.connect(self.update_status)
            self.stack.addWidget(page)
            self.pages[name] = page
        return self.pages[name]

    def open(self, language: Language, scale: float) -> None:
        self.language = language
        parent = self.parentWidget()
        assert parent is not None, "the panel covers the window it is made on"
        self.setGeometry(parent.rect())
        metrics = theme.Metrics.for_size(self.size())
        self.setStyleSheet(staff_style_sheet(metrics))
        margin = metrics.px(theme.GAP_PX)
        self._layout.setContentsMargins(margin, margin // 2, margin, margin)
        self._layout.setSpacing(metrics.px(theme.GAP_PX / 2))
        self.guard.hide()
        self.show()
        self.raise_()
        self.show_page(STAFF_PAGES[0].name)

    def set_language(self, language: Language) -> None:
        self.language = language
        set_keyboard_language(language)
        for page in self.pages.values():
            page.language = language
        self.title.setText(staff_text("title", language))
        self.close_button.setText(staff_text("close", language))
        self.language_button.setText(endonym(next_language(language, OFFERED_TO_STAFF)))
        for name, tab in self.tabs.items():
            tab.setText(self.specs[name].tab_text(language))
        self.page().refresh()
        self.update_status()

    def toggle_language(self) -> None:
        self.set_language(next_language(self.language, OFFERED_TO_STAFF))

    def show_page(self, name: str) -> None:
        self.current = name
        self.stack.setCurrentWidget(self.page(name))
        for tab_name, tab in self.tabs.items():
            tab.setChecked(tab_name == name)
        self.set_language(self.language)
        self.pages[name].opened()
        self.update_status()

    def dirty_pages(self) -> list[str]:
        return [name for name, page in self.pages.items() if page.dirty()]

    def _arrange_tabs(self, per_row: int) -> None:
        for tab in self.tabs.values():
            self.tab_grid.removeWidget(tab)
        for index, tab in enumerate(self.tabs.values()):
            self.tab_grid.addWidget(tab, index // per_row, index % per_row)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        """Landscape: what plays and what is unsaved share the top row, the tabs one row; portrait:
        status on a row of its own, and the tabs in rows of four so each keeps a finger's width."""
        portrait = event.size().height() > event.size().width()
        # Portrait: rows of at most four, as even as they go (nine tabs: three rows of three).
        rows = math.ceil(len(self.tabs) / TABS_PER_ROW_PORTRAIT)
        self._arrange_tabs(per_row=math.ceil(len(self.tabs) / rows) if portrait else len(self.tabs))
        self.header.removeWidget(self.playing)
        self.header.removeWidget(self.unsaved)
        if portrait:
            self.header.addWidget(self.playing, 1, 0, 1, 3)
            self.header.addWidget(self.unsaved, 1, 3, 1, 2, Qt.AlignmentFlag.AlignRight)
        else:
            self.header.addWidget(self.playing, 0, 1)
            self.header.addWidget(self.unsaved, 0, 2)
        super().resizeEvent(event)
        self._show_playing()

    def _show_playing(self) -> None:
        metrics = self.playing.fontMetrics()
        width = max(self.playing.width(), metrics.averageCharWidth() * 8)
        self.playing.setText(metrics.elidedText(self._playing_text, Qt.TextElideMode.ElideRight, width))

    def update_status(self) -> None:
        self._playing_text = staff_text("playing_now", self.language).format(name=self.context.now_playing())
        self._show_playing()
        dirty = bool(self.dirty_pages())
        self.unsaved.setText(staff_text("unsaved" if dirty else "all_saved", self.language))
        self.unsaved.setProperty("staffRole", "unsaved" if dirty else "header")
        self.unsaved.style().unpolish(self.unsaved)
        self.unsaved.style().polish(self.unsaved)

    def reloaded(self) -> None:
        """Files were read again: every page shows what is current (drafts with edits stay)."""
        for page in self.pages.values():
            page.reloaded()
        self.update_status()

    # The guard ---------------------------------------------------------------------------------

    def request_page(self, name: str) -> None:
        if name != self.current and self.page().dirty():
            self.tabs[name].setChecked(False)
            self._ask(name)
            return
        self.show_page(name)

    def request_close(self) -> None:
        if self.dirty_pages():
            self._ask("")
            return
        self.close_panel()

    def _ask(self, then: str) -> None:
        self._after_discard = then
        self.guard.ask(
            staff_text("leave_unsaved", self.language),
            ("keep", staff_text("keep_editing", self.language)),
            ("discard", staff_text("discard", self.language)),
        )

    def _guard_answered(self, answer: str) -> None:
        then, self._after_discard = self._after_discard, None
        if answer != "discard" or then is None:
            self.tabs[self.current].setChecked(True)
            return
        if then:
            self.page().discard()
            self.show_page(then)
        else:
            self.close_panel()

    def close_panel(self) -> None:
        """Close; unsaved drafts go with the panel (logged), so nothing stale greets the next visit."""
        close_keyboard()
        for name in self.dirty_pages():
            log.info("staff mode closed with unsaved edits on %s; discarded", name)
            self.pages[name].discard()
        self.guard.hide()
        self.hide()
        self.closed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), theme.colour(theme.GROUND_DEEP))
        painter.end()
