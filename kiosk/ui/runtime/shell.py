"""The kiosk window: a frameless full-screen shell that hosts the showcase and the visitor pages.

In kiosk mode visitors cannot leave it: no window frame, Escape and Alt+F4 do nothing, a close
request is refused, no context menu opens anywhere and the mouse cursor hides on a touchscreen.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QStackedLayout, QWidget

from kiosk.content.models import ContentPack, Language
from kiosk.settings import Settings
from kiosk.ui.runtime.input_router import InputRouter, Route
from kiosk.ui.runtime.lockdown import Lockdown
from kiosk.ui.runtime.screen import Screen, ScreenMachine
from kiosk.ui.runtime.state import KioskState
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.visitor.view import VisitorView

log = logging.getLogger(__name__)


class ShellWindow(QWidget):
    """Showcase when nobody is there; the visitor pages from the first touch until the idle return."""

    def __init__(
        self,
        state: KioskState,
        player: ShowcasePlayer,
        visitor: VisitorView,
        kiosk_mode: bool,
    ) -> None:
        super().__init__()
        self.kiosk_mode = kiosk_mode
        # Set only by an orderly quit (exit timer, signal, staff); visitors cannot close the window.
        self.allow_close = not kiosk_mode
        # What plays and how: the one owner, which the window keeps for the kiosk's lifetime.
        self.state = state
        state.setParent(self)
        self.player = player
        self.setObjectName("KioskRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle("Xiangjiang New Area 2023")
        self.visitor = visitor
        self.stack = QStackedLayout(self)
        self.stack.addWidget(player)
        self.stack.addWidget(visitor)
        # What is on screen, and the only code that changes it.
        self.screens = ScreenMachine(self.stack, player, visitor, self.default_language, self)
        player.visitor_arrived.connect(self.screens.visitor_arrived)
        visitor.timed_out.connect(self.screens.end_visit)
        # A new pack's visitor pages wait while a visitor reads the old ones.
        self._pages_stale = False
        state.pack_changed.connect(self._pack_changed)
        state.settings_changed.connect(self._settings_changed)
        self.screens.changed.connect(self._screen_changed)
        # The one application-wide event filter: staff mode, statistics and opening hours attach theirs.
        self.input = InputRouter(self)
        self.input.attach(Route.COUNTDOWN, visitor.idle.countdown_input)
        self.input.attach(Route.POINTER_SCROLL, visitor.pointer_scroll.handle_input)
        self.input.attach(Route.IDLE_ACTIVITY, visitor.idle.activity_input)
        self.lockdown: Lockdown | None = None
        if kiosk_mode:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            self.lockdown = Lockdown(player.clock, self)
            self.input.attach(Route.LOCKDOWN, self.lockdown.handle_input)
        self.input.install()

    def default_language(self) -> Language:
        """The language every visit and every return to the showcase starts in."""
        return self.state.settings.default_language

    def showing_visitor_pages(self) -> bool:
        return self.stack.currentWidget() is self.visitor

    def _settings_changed(self, settings: Settings) -> None:
        """Settings that change live: idle timeouts now, the default language at the next return."""
        self.visitor.use_settings(settings.idle_timeout_s, settings.idle_countdown_s, settings.reduced_motion)
        if settings.display_only:
            self.screens.end_visit()  # signage from now on: the visit ends

    def _pack_changed(self, pack: ContentPack) -> None:
        if self.screens.state == Screen.VISITOR:
            self._pages_stale = True  # a visitor is reading: the pages change when the visit ends
            return
        self.visitor.use_pack(pack)
        self.screens.restart_showcase()  # the new pack shows now, from the start of what is scheduled

    def _screen_changed(self, _old: str, new: str) -> None:
        if self._pages_stale and new != Screen.VISITOR:
            self._pages_stale = False
            self.visitor.use_pack(self.state.pack)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if self.kiosk_mode and _is_exit_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self.allow_close:
            log.info("close refused; use staff mode to quit")
            event.ignore()
            return
        self.input.release()
        if self.lockdown is not None:
            self.lockdown.cursor.release()
        super().closeEvent(event)


def _is_exit_key(event: QKeyEvent) -> bool:
    """Escape, or Alt+F4 where no window manager takes it first (cage, a bare X server)."""
    if event.key() == Qt.Key.Key_Escape:
        return True
    return event.key() == Qt.Key.Key_F4 and bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
