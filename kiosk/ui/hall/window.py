"""The hall console's window: every kiosk's card, refreshed within a second of its status file
changing, and the emergency message. It writes only into the hall folder and connects to no kiosk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import Language
from kiosk.fleet.cards import KioskCard, read_cards
from kiosk.fleet.emergency import read_message
from kiosk.i18n.languages import OFFERED_TO_STAFF, in_language, next_language
from kiosk.ui.hall.card_view import THUMBNAIL_WIDTH, KioskCardView, KioskDetails
from kiosk.ui.hall.emergency_dialog import EmergencyDialog
from kiosk.ui.hall.texts import text
from kiosk.ui.style import theme

# File events come in bursts (a temp file, a rename): the cards are read once they settle.
SETTLE_MS = 200
# Ages and staleness move on with no file event.
AGES_EVERY_MS = 30_000
CARD_WIDTH = THUMBNAIL_WIDTH + 84


def console_style(family: str) -> str:
    """The kiosk's colours at a desk's density: normal-size type, small controls."""
    return f"""
    QMainWindow, QDialog, QScrollArea, QWidget#Cards {{ background: {theme.GROUND}; }}
    QWidget {{ color: {theme.TEXT}; font-family: "{family}"; font-size: 13px; }}
    QLabel#ConsoleTitle {{ font-size: 20px; font-weight: bold; }}
    QLabel#Banner {{ background: {theme.ACCENT}; color: {theme.GROUND_DEEP}; padding: 6px 10px;
        font-weight: bold; border-radius: 4px; }}
    QFrame#KioskCard {{ background: {theme.SURFACE}; border: 1px solid {theme.HAIRLINE};
        border-radius: 8px; }}
    QFrame#KioskCard[attention="true"] {{ border: 2px solid {theme.ACCENT}; }}
    QFrame#KioskCard:focus {{ border: 2px solid {theme.TEXT}; }}
    QLabel#CardName {{ font-size: 16px; font-weight: bold; }}
    QLabel#CardKey {{ color: {theme.TEXT_MUTED}; }}
    QLabel#CardProblem {{ color: {theme.ACCENT}; font-weight: bold; }}
    QLabel#CardPicture {{ background: {theme.GROUND_DEEP}; color: {theme.TEXT_MUTED}; }}
    QPushButton {{ background: {theme.SURFACE_RAISED}; border: 1px solid {theme.HAIRLINE}; border-radius: 4px;
        padding: 6px 14px; min-height: 0px; min-width: 0px; font-size: 14px; }}
    QPushButton:hover {{ background: {theme.SELECTED}; }}
    QPushButton#EmergencyButton, QPushButton#SendMessage {{ background: {theme.ACCENT};
        color: {theme.GROUND_DEEP}; font-weight: bold; }}
    QCheckBox::indicator, QRadioButton::indicator {{ width: 14px; height: 14px;
        background: {theme.GROUND_DEEP}; border: 1px solid {theme.TEXT_MUTED}; }}
    QRadioButton::indicator {{ border-radius: 8px; }}
    QCheckBox::indicator:checked, QRadioButton::indicator:checked {{ background: {theme.ACCENT};
        border: 1px solid {theme.ACCENT}; }}
    QLineEdit, QPlainTextEdit, QComboBox, QDateTimeEdit {{ background: {theme.GROUND_DEEP};
        border: 1px solid {theme.HAIRLINE}; padding: 4px; }}
    """


@dataclass(frozen=True)
class _Titles:
    """A message's title in each of its languages, as the language rules read columns."""

    zh: str
    en: str


class HallWindow(QMainWindow):
    """Cards from `status_dir`; the emergency message written into `hall_dir`."""

    def __init__(
        self,
        hall_dir: Path,
        status_dir: Path,
        family: str,
        language: Language = "zh",
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__()
        self.hall_dir = hall_dir
        self.status_dir = status_dir
        self.language: Language = language
        self.now = now or (lambda: dt.datetime.now(dt.UTC))
        self.cards: list[KioskCard] = []
        self.views: dict[str, KioskCardView] = {}
        self.setStyleSheet(console_style(family))
        self.setMinimumSize(1024, 640)
        self.heading = QLabel(self)
        self.heading.setObjectName("ConsoleTitle")
        self.folders = QLabel(self)
        self.folders.setObjectName("CardKey")
        self.switch_language = QPushButton(self)
        self.switch_language.clicked.connect(self.toggle_language)
        self.emergency_button = QPushButton(self)
        self.emergency_button.setObjectName("EmergencyButton")
        self.emergency_button.clicked.connect(self.open_emergency)
        self.banner = QLabel(self)
        self.banner.setObjectName("Banner")
        self.banner.hide()
        self.empty = QLabel(self)
        self.grid_host = QWidget()
        self.grid_host.setObjectName("Cards")
        self.grid = QGridLayout(self.grid_host)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.grid.setSpacing(12)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.cards_area = scroll
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.folders, 1)
        top.addWidget(self.switch_language)
        top.addWidget(self.emergency_button)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        self.setCentralWidget(central)
        self.watcher = QFileSystemWatcher(self)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.refresh)
        self.watcher.directoryChanged.connect(lambda _path: self.settle.start())
        self.watcher.fileChanged.connect(lambda _path: self.settle.start())
        self.ages = QTimer(self)
        self.ages.setInterval(AGES_EVERY_MS)
        self.ages.timeout.connect(self.refresh)
        self.ages.start()
        self._columns = 0
        self.refresh()

    # Reading -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read every status file again and show it; re-arm the watch (a rename drops a file's)."""
        self._arm()
        self.cards = read_cards(self.status_dir, self.hall_dir, self.now())
        self._show()

    def _arm(self) -> None:
        wanted = [str(self.status_dir), str(self.hall_dir)]
        wanted += [str(path) for path in sorted(self.status_dir.glob("*.json"))]
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        missing = [path for path in wanted if path not in watched and Path(path).exists()]
        if missing:
            self.watcher.addPaths(missing)

    # Showing -----------------------------------------------------------------------------------

    def _show(self) -> None:
        language = self.language
        self.setWindowTitle(text("title", language))
        self.heading.setText(text("title", language))
        self.folders.setText(f"  {self.hall_dir}  ·  {self.status_dir}")
        self.switch_language.setText(text("language", language))
        self.emergency_button.setText(text("emergency", language))
        self.empty.setText(text("no-kiosks", language))
        self.empty.setVisible(not self.cards)
        self._show_banner()
        ids = [card.kiosk_id for card in self.cards]
        for kiosk_id in list(self.views):
            if kiosk_id not in ids:
                self.views.pop(kiosk_id).deleteLater()
        for card in self.cards:
            view = self.views.get(card.kiosk_id)
            if view is None:
                view = KioskCardView(self.grid_host)
                view.opened.connect(self.open_details)
                self.views[card.kiosk_id] = view
            stamp = _mtime(card.thumbnail)
            view.show_card(card, language, stamp)
        self._lay_out(force=True)

    def _show_banner(self) -> None:
        message = read_message(self.hall_dir).message
        if message is None or self.now() >= message.end_time():
            self.banner.hide()
            return
        title = in_language(_Titles(message.zh.title, message.en.title), self.language)
        until = message.end_time().astimezone().strftime("%Y-%m-%d %H:%M")
        self.banner.setText(text("message-on", self.language, title=title, until=until))
        self.banner.show()

    def _lay_out(self, force: bool = False) -> None:
        width = self.cards_area.viewport().width()
        columns = max(1, width // (CARD_WIDTH + self.grid.spacing()))
        if columns == self._columns and not force:
            return
        self._columns = columns
        for index, card in enumerate(self.cards):
            view = self.views[card.kiosk_id]
            self.grid.addWidget(view, index // columns, index % columns)
            view.setFixedWidth(CARD_WIDTH)
        # The cards keep their height; the space below the last row stays empty.
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch((len(self.cards) + columns - 1) // columns, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._lay_out()

    # Actions -----------------------------------------------------------------------------------

    def toggle_language(self) -> None:
        self.language = next_language(self.language, OFFERED_TO_STAFF)
        self._show()

    def card(self, kiosk_id: str) -> KioskCard:
        return next(card for card in self.cards if card.kiosk_id == kiosk_id)

    def open_details(self, kiosk_id: str) -> KioskDetails:
        details = KioskDetails(self.card(kiosk_id), self.language, self)
        details.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        details.show()
        return details

    def open_emergency(self) -> EmergencyDialog:
        dialog = EmergencyDialog(
            self.hall_dir,
            [card.kiosk_id for card in self.cards if card.status],
            self.language,
            self.now,
            self,
        )
        dialog.setStyleSheet(self.styleSheet())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.show()
        return dialog


def _mtime(path: Path | None) -> float | None:
    if path is None:
        return None
    try:
        return path.stat().st_mtime
    except OSError:
        return None
