"""Shared staff widgets: the one text-field factory, touch buttons and lists, steppers with
press-and-hold repeat, the inline question bar, and the page base class."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.models import ContentPack, Language
from kiosk.documents.decoding import ContentError, Problem
from kiosk.i18n.catalogue import staff_text
from kiosk.i18n.keys import StaffKey
from kiosk.storage import ConflictError, content_digest
from kiosk.ui.staff import strings
from kiosk.ui.staff.context import StaffContext
from kiosk.ui.staff.keyboard.keyboard import attach_keyboard
from kiosk.ui.style import theme
from kiosk.ui.widgets.fitting_button import FittingButton
from kiosk.ui.widgets.text import ElidedLabel

log = logging.getLogger(__name__)

REPEAT_DELAY_MS = 400
REPEAT_INTERVAL_MS = 90


def text_field(
    object_name: str, pack: ContentPack, placeholder: str = "", typing: Language | None = None
) -> QLineEdit:
    """Every text field in staff mode comes from here: a tap opens the on-screen keyboard (Pinyin
    and Latin, first in `typing`, the language the field is written in), which hands the text back
    with `editingFinished`; the placeholder names the field and titles the keyboard."""
    field = QLineEdit()
    field.setObjectName(object_name)
    field.setPlaceholderText(placeholder)
    field.setProperty("staffRole", "field")
    return attach_keyboard(field, pack, typing)


def touch_button(
    name: str = "", text: str = "", checkable: bool = False, repeat: bool = False
) -> QPushButton:
    """A finger-sized button; `repeat` keeps firing while held (5-minute steps, durations)."""
    button = FittingButton(text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setCheckable(checkable)
    if name:
        button.setObjectName(name)
    if repeat:
        button.setAutoRepeat(True)
        button.setAutoRepeatDelay(REPEAT_DELAY_MS)
        button.setAutoRepeatInterval(REPEAT_INTERVAL_MS)
    return button


def finger_scroll(area: QAbstractScrollArea) -> None:
    """Drag with a finger to scroll; no scroll bars to aim at."""
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)


def touch_list(name: str = "", widget: QListWidget | None = None) -> QListWidget:
    """A touch list: rows elide, the selection is plain to see, and it scrolls by dragging. Makes a
    plain list, or sets up `widget`, a list of a kind of its own."""
    widget = widget if widget is not None else QListWidget()
    if name:
        widget.setObjectName(name)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    widget.setProperty("staffRole", "list")
    finger_scroll(widget)
    return widget


def label(role: str = "", wrap: bool = False) -> QLabel:
    widget = QLabel()
    if role:
        widget.setProperty("staffRole", role)
    widget.setWordWrap(wrap)
    return widget


class Stepper(QWidget):
    """[−] value [+]; each button repeats while held. Limits are the caller's, via `step`. With
    `pick`, the value is a button too: a tap on it opens a picker (a calendar, hours and quarters)."""

    def __init__(
        self, name: str, step: Callable[[int], None], pick: Callable[[], None] | None = None
    ) -> None:
        super().__init__()
        self.less = touch_button(f"{name}-less", "−", repeat=True)
        self.more = touch_button(f"{name}-more", "+", repeat=True)
        self.value: QLabel | QPushButton
        if pick is None:
            self.value = label("value")
            self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        else:
            self.value = touch_button(f"{name}-pick")
            self.value.setProperty("staffRole", "value")
            self.value.clicked.connect(pick)
        self.less.clicked.connect(lambda: step(-1))
        self.more.clicked.connect(lambda: step(1))
        self.row = layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.less)
        layout.addWidget(self.value, 1)
        layout.addWidget(self.more)

    def show_value(self, text: str, can_less: bool = True, can_more: bool = True) -> None:
        self.value.setText(text)
        self.less.setEnabled(can_less)
        self.more.setEnabled(can_more)

    def fix_size(self, metrics: theme.Metrics, value_width: int) -> None:
        """Square buttons of the touch size either side of a value `value_width` reference pixels
        wide: steppers stacked in a grid (the opening hours' week) line up column by column."""
        touch = metrics.px(theme.TOUCH_TARGET_PX)
        for button in (self.less, self.more):
            button.setFixedSize(touch, touch)
            button.setStyleSheet(f"padding: 0; font-size: {metrics.px(theme.SECTION_PX - 4)}px;")
        self.value.setFixedWidth(metrics.px(value_width))
        self.value.setStyleSheet(f"font-size: {metrics.px(theme.BODY_PX + 2)}px; font-weight: bold;")
        self.row.setSpacing(metrics.px(10))


class QuestionBar(QWidget):
    """A question asked in place, with two answers; `answered` carries the chosen answer's key."""

    answered = Signal(str)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("staffRole", "question")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.message = label("question", wrap=True)
        self.first = touch_button(f"{name}-first")
        self.second = touch_button(f"{name}-second")
        self._keys = ("", "")
        self.first.clicked.connect(lambda: self._answer(0))
        self.second.clicked.connect(lambda: self._answer(1))
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        self.hide()

    def ask(self, message: str, first: tuple[str, str], second: tuple[str, str]) -> None:
        """`first` and `second` are (key, label)."""
        self.message.setText(message)
        self.first.setText(first[1])
        self.second.setText(second[1])
        self._keys = (first[0], second[0])
        self.show()

    def _answer(self, position: int) -> None:
        self.hide()
        self.answered.emit(self._keys[position])


class HoldRing(QWidget):
    """The progress ring at the corner while staff hold it for 3 s."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.progress = 0.0
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.hide()

    def set_progress(self, progress: float) -> None:
        self.progress = max(0.0, min(1.0, progress))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(2.0, self.width() / 12)
        box = QRectF(self.rect()).adjusted(width, width, -width, -width)
        painter.setPen(QPen(theme.colour(theme.HAIRLINE), width))
        painter.drawEllipse(box)
        arc = QPen(theme.colour(theme.ACCENT), width)
        arc.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(arc)
        painter.drawArc(box, 90 * 16, -round(360 * 16 * self.progress))
        painter.end()


class StaffPage(QWidget):
    """One page of staff mode: a title, and a view over a draft in the editing core."""

    # Emitted when the page's unsaved state may have changed, for the panel header.
    edited = Signal()

    def __init__(self, context: StaffContext) -> None:
        super().__init__()
        self.context = context
        self.language: Language = "zh"
        # `content_digest` of the file the page's draft was loaded from (None: there was no file).
        self.loaded_digest: str | None = None
        # Why the file the draft would replace was refused as it is on disk (empty: it loads).
        self.refusal: list[Problem] = []
        self.heading = ElidedLabel()
        self.heading.setProperty("staffRole", "pageTitle")
        self.action_bar = QHBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addLayout(self.action_bar)
        # Where "saved" was said last: it goes once staff edit again or come back to the page.
        self._saved_message: tuple[QLabel, StaffKey] | None = None
        self.edited.connect(self._forget_saved)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addLayout(top)
        # Over a refused file: that it is refused and why, in the panel's language, until saved over.
        self.refused_note = label("message", wrap=True)
        self.refused_note.setObjectName("staff-refused-file")
        self.refused_note.hide()
        self.body.addWidget(self.refused_note)

    def text(self, key: StaffKey) -> str:
        return staff_text(key, self.language)

    def title_text(self) -> str:
        return ""

    def refresh(self) -> None:
        """Show the current state, in `self.language`."""
        self.heading.set_source_text(self.title_text())
        self.refused_note.setText(self.refusal_text())
        self.refused_note.setVisible(bool(self.refusal))

    def opened(self) -> None:
        """The panel opened on this page, or staff switched to it."""
        self._forget_saved(always=True)
        self.refresh()

    def _forget_saved(self, always: bool = False) -> None:
        if self._saved_message is None:
            return
        message, saved = self._saved_message
        if (always or self.dirty()) and message.text() == self.text(saved):
            message.setText("")
            self._saved_message = None

    def reloaded(self) -> None:
        """The files on disk were read again (a save, a file copied in, SIGHUP)."""
        self.refresh()

    def dirty(self) -> bool:
        return False

    def save(self, overwrite: bool = False) -> None:
        """Write the page's draft; with `overwrite`, over a file changed since it was loaded."""

    def refusal_text(self) -> str:
        """What the page says over a refused file: that it is refused, why, and what a save does."""
        if not self.refusal:
            return ""
        return self.text("refused_file").format(
            file=self.refusal[0].file, reason=strings.reasons_text(self.refusal, self.language)
        )

    def answer_conflict(self, answer: str) -> None:
        """Staff's answer to the question `write_draft` asks: their file (the draft is dropped), or
        mine, written over theirs."""
        if answer == "theirs":
            self.discard()
        elif answer == "mine":
            self.save(overwrite=True)

    def write_draft(
        self,
        path: Path,
        write: Callable[[str | None], object],
        written: Callable[[], None],
        overwrite: bool,
        message: QLabel,
        question: QuestionBar,
        saved: StaffKey = "saved",
    ) -> bool:
        """Run `write`, a conditional save of this page's draft to `path` given the digest the file
        must still have (the loaded one; with `overwrite`, whatever is there now); say in `message`
        why it was refused, or ask in `question` when the file changed since it was loaded, or when
        the file it replaces was refused (a technician's file, kept until staff say to replace it).
        Once written, `written` marks the draft saved before the kiosk reloads, so the reload finds
        nothing unsaved. True when it was written."""
        if self.refusal and not overwrite:
            log.warning("%s is refused as it is on disk; asking staff before replacing it", path)
            question.ask(
                self.text("refused_replace").format(refused=self.refusal_text()),
                ("theirs", self.text("refused_keep")),
                ("mine", self.text("refused_mine")),
            )
            return False
        try:
            write(content_digest(path) if overwrite else self.loaded_digest)
        except ContentError as error:
            message.setText(strings.problems_text(error.problems, self.language))
            return False
        except ConflictError:
            log.warning("%s changed since the editor loaded it; asking staff", path)
            question.ask(
                self.text("conflict"),
                ("theirs", self.text("conflict_theirs")),
                ("mine", self.text("conflict_mine")),
            )
            return False
        except OSError as error:
            log.error("saving %s failed: %s", path, error)
            message.setText(self.text("write_failed"))
            return False
        written()
        self.loaded_digest = content_digest(path)
        self.refusal = []
        self.context.apply()
        message.setText(self.text(saved))
        self._saved_message = (message, saved)
        self.edited.emit()
        return True

    def discard(self) -> None:
        """Drop unsaved edits: staff chose to leave without saving."""
