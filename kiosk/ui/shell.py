"""The kiosk window: a frameless full-screen shell that hosts the showcase (and, later, the pages)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QStackedLayout, QWidget

from kiosk.content.models import Language
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.visitor import VisitorView


class ShellWindow(QWidget):
    """Showcase when nobody is there; the visitor pages from the first touch until the idle return."""

    def __init__(
        self,
        player: ShowcasePlayer,
        visitor: VisitorView,
        kiosk_mode: bool,
        default_language: Language = "zh",
    ) -> None:
        super().__init__()
        self.kiosk_mode = kiosk_mode
        # Set only by an orderly quit (exit timer, signal, staff); visitors cannot close the window.
        self.allow_close = not kiosk_mode
        self.player = player
        self.setObjectName("KioskRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle("Xiangjiang New Area 2023")
        self.visitor = visitor
        self.default_language: Language = default_language
        self.stack = QStackedLayout(self)
        self.stack.addWidget(player)
        self.stack.addWidget(visitor)
        player.visitor_arrived.connect(self.welcome_visitor)
        visitor.timed_out.connect(self.return_to_showcase)
        if kiosk_mode:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def welcome_visitor(self) -> None:
        self.player.stop()
        self.visitor.begin(self.default_language)
        self.stack.setCurrentWidget(self.visitor)

    def return_to_showcase(self) -> None:
        self.visitor.end()
        self.player.set_language(self.default_language)
        self.stack.setCurrentWidget(self.player)
        self.player.restart()

    def showing_visitor_pages(self) -> bool:
        return self.stack.currentWidget() is self.visitor

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if self.kiosk_mode and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self.allow_close:
            event.ignore()
            return
        super().closeEvent(event)
