"""One kiosk's card on the console, and the details it opens."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import Language
from kiosk.fleet.cards import KioskCard
from kiosk.fleet.status import short_age
from kiosk.i18n.keys import HallKey
from kiosk.ui.hall.texts import MODE_NAMES, text

THUMBNAIL_WIDTH = 224


def age_text(card: KioskCard, language: Language) -> str:
    row = card.row
    if row.age_s is None:
        return "-"
    ago = text("ago", language, age=short_age(row.age_s))
    return f"{text('stale', language)} · {ago}" if row.stale else ago


class KioskCardView(QFrame):
    """Name, thumbnail and the morning check's facts; a click (or Enter) opens the details."""

    opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KioskCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.card: KioskCard | None = None
        self.name = QLabel(self)
        self.name.setObjectName("CardName")
        self.picture = QLabel(self)
        self.picture.setObjectName("CardPicture")
        self.picture.setFixedSize(THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 9 // 16)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem = QLabel(self)
        self.problem.setObjectName("CardProblem")
        self.problem.setWordWrap(True)
        self.facts = QGridLayout()
        self.values: dict[str, QLabel] = {}
        self.keys: dict[str, QLabel] = {}
        for index, key in enumerate(
            ("last-seen", "mode", "playing", "content", "config", "errors", "visits")
        ):
            name, value = QLabel(self), QLabel(self)
            name.setObjectName("CardKey")
            value.setObjectName("CardValue")
            value.setWordWrap(True)
            self.keys[key], self.values[key] = name, value
            self.facts.addWidget(name, index, 0, Qt.AlignmentFlag.AlignTop)
            self.facts.addWidget(value, index, 1)
        self.facts.setColumnStretch(1, 1)
        self.facts.setVerticalSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(6)
        layout.addWidget(self.name)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.problem)
        layout.addLayout(self.facts)
        layout.addStretch(1)
        self._pixmap_key: tuple[str, float] | None = None

    def show_card(self, card: KioskCard, language: Language, picture_stamp: float | None) -> None:
        self.card = card
        row = card.row
        self.name.setText(
            row.kiosk_name if row.kiosk_name == row.kiosk_id else f"{row.kiosk_name}  ({row.kiosk_id})"
        )
        self.problem.setText(row.problem or "")
        self.problem.setVisible(row.problem is not None)
        self.setProperty(
            "attention", "true" if (row.problem or row.stale or card.mode != "normal") else "false"
        )
        errors = len(row.errors) + len(row.refused_packs)
        values: dict[HallKey, str] = {
            "last-seen": age_text(card, language),
            "mode": text(MODE_NAMES.get(card.mode, "mode--"), language),
            "playing": row.now_playing,
            "content": row.content,
            "config": row.config,
            "errors": str(errors) if errors else text("none", language),
            "visits": str(card.visits_today) if card.visits_today is not None else "-",
        }
        for key, value in values.items():
            self.keys[key].setText(text(key, language))
            self.values[key].setText(value)
        self._show_picture(card, language, picture_stamp)
        self.style().unpolish(self)
        self.style().polish(self)

    def _show_picture(self, card: KioskCard, language: Language, stamp: float | None) -> None:
        if card.thumbnail is None or stamp is None:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(text("no-picture", language))
            self._pixmap_key = None
            return
        key = (str(card.thumbnail), stamp)
        if key == self._pixmap_key:
            return  # the same picture: not read again
        pixmap = QPixmap(str(card.thumbnail))
        self.picture.setPixmap(
            pixmap.scaled(
                self.picture.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self._pixmap_key = key

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton and self.card is not None:
            self.opened.emit(self.card.kiosk_id)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.card is not None:
            self.opened.emit(self.card.kiosk_id)
            return
        super().keyPressEvent(event)


class KioskDetails(QDialog):
    """A kiosk's recent errors, refused packs and its status file's faults, as text to read or copy."""

    def __init__(self, card: KioskCard, language: Language, parent: QWidget) -> None:
        super().__init__(parent)
        row = card.row
        self.setWindowTitle(f"{text('details', language)} · {row.kiosk_name}")
        self.resize(720, 480)
        lines = [f"{row.kiosk_name} ({row.kiosk_id})", f"{text('last-seen', language)}: {row.last_seen}"]
        if row.problem:
            lines.append(row.problem)
        if card.status is not None and card.status.safe_reason:
            lines.append(f"{text('mode-safe', language)}: {card.status.safe_reason}")
        lines += ["", text("recent-errors", language) + ":"]
        lines += [f"  {error}" for error in row.errors] or [f"  {text('none', language)}"]
        lines += ["", text("refused", language) + ":"]
        lines += [f"  {line}" for line in row.refusal_lines()] or [f"  {text('none', language)}"]
        self.body = QPlainTextEdit("\n".join(lines), self)
        self.body.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(text("close", language))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body)
        layout.addWidget(buttons)
