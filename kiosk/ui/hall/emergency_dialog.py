"""Composing the hall's emergency message: a template, both languages, which kiosks, until when;
written whole into the hall folder, or ended now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import Language
from kiosk.documents.decoding import ContentError
from kiosk.fleet.emergency import EmergencyMessage, MessageText, end_message, write_message
from kiosk.fleet.status import utc_text
from kiosk.ui.hall.texts import TEMPLATE_NAMES, TEMPLATES, text

DEFAULT_HOURS = 1


class EmergencyDialog(QDialog):
    """Fills from a template; Send writes `<hall>/emergency.json`, End now ends the current one."""

    def __init__(
        self,
        hall_dir: Path,
        kiosk_ids: list[str],
        language: Language,
        now: Callable[[], dt.datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall_dir = hall_dir
        self.language = language
        self.now = now
        self.setWindowTitle(text("compose", language))
        self.template = QComboBox(self)
        for key in TEMPLATES:
            self.template.addItem(text(TEMPLATE_NAMES[key], language), key)
        self.template.currentIndexChanged.connect(self._fill)
        self.title_zh, self.title_en = QLineEdit(self), QLineEdit(self)
        self.lines_zh, self.lines_en = QPlainTextEdit(self), QPlainTextEdit(self)
        for lines in (self.lines_zh, self.lines_en):
            lines.setFixedHeight(64)
        self.everyone = QRadioButton(text("all-kiosks", language), self)
        self.some = QRadioButton(text("some-kiosks", language), self)
        self.everyone.setChecked(True)
        reach = QButtonGroup(self)
        reach.addButton(self.everyone)
        reach.addButton(self.some)
        self.kiosks: dict[str, QCheckBox] = {}
        kiosk_row = QHBoxLayout()
        for kiosk_id in kiosk_ids:
            box = QCheckBox(kiosk_id, self)
            box.toggled.connect(self._kiosk_ticked)
            self.kiosks[kiosk_id] = box
            kiosk_row.addWidget(box)
        kiosk_row.addStretch(1)
        self.ends = QDateTimeEdit(self)
        self.ends.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.ends.setCalendarPopup(True)
        local = now().astimezone() + dt.timedelta(hours=DEFAULT_HOURS)
        self.ends.setDateTime(QDateTime.fromSecsSinceEpoch(round(local.timestamp())))
        self.result_line = QLabel(self)
        self.result_line.setWordWrap(True)
        self.result_line.setObjectName("DialogResult")
        self.send = QPushButton(text("send", language), self)
        self.send.setObjectName("SendMessage")
        self.send.clicked.connect(self.send_message)
        self.end_now = QPushButton(text("end-now", language), self)
        self.end_now.clicked.connect(self.end_message_now)
        close = QPushButton(text("close", language), self)
        close.clicked.connect(self.accept)
        form = QFormLayout()
        form.addRow(text("template", language), self.template)
        form.addRow(text("title-zh", language), self.title_zh)
        form.addRow(text("lines-zh", language), self.lines_zh)
        form.addRow(text("title-en", language), self.title_en)
        form.addRow(text("lines-en", language), self.lines_en)
        reach_row = QHBoxLayout()
        reach_row.addWidget(self.everyone)
        reach_row.addWidget(self.some)
        reach_row.addStretch(1)
        form.addRow(text("reach", language), reach_row)
        form.addRow("", kiosk_row)
        form.addRow(text("ends", language), self.ends)
        buttons = QHBoxLayout()
        buttons.addWidget(self.end_now)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.send)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_line)
        layout.addLayout(buttons)
        self.resize(760, 560)
        self._fill()

    def _kiosk_ticked(self, on: bool) -> None:
        if on:
            self.some.setChecked(True)

    def _fill(self) -> None:
        key = self.template.currentData()
        (title_zh, lines_zh), (title_en, lines_en) = TEMPLATES[str(key)]
        self.title_zh.setText(title_zh)
        self.title_en.setText(title_en)
        self.lines_zh.setPlainText("\n".join(lines_zh))
        self.lines_en.setPlainText("\n".join(lines_en))

    def composed(self) -> EmergencyMessage:
        moment = self.now()
        ends = dt.datetime.fromtimestamp(self.ends.dateTime().toSecsSinceEpoch(), dt.UTC)
        kiosks = (
            [kiosk for kiosk, box in self.kiosks.items() if box.isChecked()] if self.some.isChecked() else []
        )
        return EmergencyMessage(
            id=f"{self.template.currentData()}-{moment.astimezone(dt.UTC):%Y%m%d-%H%M%S}",
            zh=MessageText(self.title_zh.text().strip(), _lines(self.lines_zh)),
            en=MessageText(self.title_en.text().strip(), _lines(self.lines_en)),
            kiosks=kiosks,
            ends_at=utc_text(ends),
        )

    def send_message(self) -> bool:
        """Write the message; a fault is said in the dialog, and nothing is written."""
        if self.some.isChecked() and not any(box.isChecked() for box in self.kiosks.values()):
            self.result_line.setText(text("pick-kiosks", self.language))
            return False
        try:
            path = write_message(self.hall_dir, self.composed())
        except ContentError as error:
            reason = "; ".join(f"{problem.path}: {problem.message}" for problem in error.problems)
            self.result_line.setText(text("refused-message", self.language, reason=reason))
            return False
        except OSError as error:
            self.result_line.setText(text("refused-message", self.language, reason=error.strerror))
            return False
        self.result_line.setText(text("sent", self.language, path=path))
        return True

    def end_message_now(self) -> bool:
        try:
            ended = end_message(self.hall_dir, self.now())
        except (ContentError, OSError) as error:
            self.result_line.setText(text("refused-message", self.language, reason=str(error)))
            return False
        self.result_line.setText(text("ended" if ended is not None else "nothing-to-end", self.language))
        return ended is not None


def _lines(editor: QPlainTextEdit) -> list[str]:
    return [line.strip() for line in editor.toPlainText().splitlines() if line.strip()]
