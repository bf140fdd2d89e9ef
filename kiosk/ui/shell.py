"""The kiosk window: a frameless full-screen shell that hosts the showcase (and, later, the pages)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QStackedLayout, QWidget

from kiosk.ui.showcase.player import ShowcasePlayer


class ShellWindow(QWidget):
    def __init__(self, player: ShowcasePlayer, kiosk_mode: bool) -> None:
        super().__init__()
        self.kiosk_mode = kiosk_mode
        # Set only by an orderly quit (exit timer, signal, staff); visitors cannot close the window.
        self.allow_close = not kiosk_mode
        self.player = player
        self.setObjectName("KioskRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle("Xiangjiang New Area 2023")
        self.stack = QStackedLayout(self)
        self.stack.addWidget(player)
        # Until the hub exists, a visitor's touch restarts the loop from its first slide.
        player.visitor_arrived.connect(player.restart)
        if kiosk_mode:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

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
