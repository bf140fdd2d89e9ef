"""Staff mode's on-screen keyboard (Latin and Pinyin) for every staff text field: the API staff pages use.

    field = attach_keyboard(QLineEdit(), pack)    # in the staff text-field factory
    set_keyboard_language("en")                   # when staff switch their language
    close_keyboard()                              # when the staff panel closes
    KeyboardSession.shared().activity.connect(...)        # staff typing: restart the panel's idle timer
    KeyboardSession.shared().unavailable.connect(...)     # (field, sentence): the keyboard cannot run

A tap on an attached field opens the keyboard: `kiosk keyboard` (kiosk/ui/staff/keyboard/keyboard_window.py)
in its own process, full screen over the staff panel, with the field's text; Done (or Enter) puts the
edited text back into the field (`textChanged`, then `editingFinished`), Cancel leaves it as it was.

Why another process: Qt chooses its input method once, when the application is created, and Qt Virtual
Keyboard's plugin links QtQuick. Choosing it in the kiosk process cost every visitor start-up about
7 MiB of memory and 14 ms (README, "On-screen keyboard"); in a process of its own it costs the
visitor path nothing, and staff wait about a second for the keyboard to appear.

Where the keyboard cannot run (PySide6-Addons missing, a QML error, the process failing), the field
says so in a sentence in the staff language and stays an ordinary field: a physical keyboard types in
it and every other staff function works.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import ClassVar

from PySide6.QtCore import QEvent, QObject, QProcess, Signal
from PySide6.QtWidgets import QLineEdit

from kiosk.content.models import ContentPack, Language

log = logging.getLogger(__name__)

UNAVAILABLE_TEXT_KEY = "staff.keyboard_unavailable"
# The field's own language ("zh" or "en"), when it has one: the keyboard opens in it.
TYPING_PROPERTY = "keyboardTyping"


def keyboard_program() -> tuple[str, list[str]]:
    """The command that runs the keyboard window: this kiosk's own executable."""
    if getattr(sys, "frozen", False):  # the PyInstaller build: the executable is the kiosk command
        return sys.executable, ["keyboard"]
    return sys.executable, ["-m", "kiosk", "keyboard"]


class KeyboardSession(QObject):
    """The one keyboard process of the kiosk, editing one field at a time."""

    activity = Signal()  # staff are typing: the staff panel's idle timer should start again
    finished = Signal(QLineEdit)
    # The field, and the sentence it now shows as its placeholder (a page may also show it elsewhere,
    # for a field that already holds text).
    unavailable = Signal(QLineEdit, str)

    instance: ClassVar[KeyboardSession | None] = None

    def __init__(self) -> None:
        super().__init__()
        self.language: Language = "zh"
        self.process: QProcess | None = None
        self.field: QLineEdit | None = None
        self.failure: str | None = None
        self.output = b""
        self.results: list[dict[str, object]] = []

    @classmethod
    def shared(cls) -> KeyboardSession:
        if cls.instance is None:
            cls.instance = cls()
        return cls.instance

    @property
    def busy(self) -> bool:
        return self.process is not None

    def open(self, field: QLineEdit, pack: ContentPack) -> None:
        """Start the keyboard for `field`; where it has failed before, say so in the field instead."""
        if self.busy:
            return
        if self.failure is not None:
            self._say_unavailable(field, pack)
            return
        window = field.window()
        frame = window.geometry()
        program, arguments = keyboard_program()
        arguments += [
            "--text",
            field.text(),
            "--label",
            field.accessibleName(),
            "--language",
            self.language,
            "--typing",
            field.property(TYPING_PROPERTY) or self.language,
            "--geometry",
            f"{frame.x()},{frame.y()},{frame.width()},{frame.height()}",
        ]
        if window.isFullScreen():
            arguments.append("--full-screen")
        process = QProcess(self)
        process.setProgram(program)
        process.setArguments(arguments)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(lambda code, _status: self._done(field, pack, code))
        process.errorOccurred.connect(lambda error: self._failed_to_start(field, pack, error))
        if not field.property("keyboardWatched"):
            field.setProperty("keyboardWatched", True)
            field.destroyed.connect(self._field_gone)
        self.process, self.field, self.output, self.results = process, field, b"", []
        field.setReadOnly(True)
        log.info("staff keyboard opened for %r", field.objectName())
        process.start()

    def close(self) -> None:
        """End the keyboard without changing the field (the staff panel closed, or the field went)."""
        process = self.process
        if process is None:
            return
        self.process = None
        # The keyboard window ends itself when its standard input closes; a hung one is killed.
        process.closeWriteChannel()
        if not process.waitForFinished(2000):
            process.kill()
            process.waitForFinished(2000)
        process.deleteLater()
        if self.field is not None:
            self.field.setReadOnly(False)
        self.field = None

    def _field_gone(self) -> None:
        self.field = None
        self.close()

    def _read(self) -> None:
        if self.process is None:
            return
        self.output += bytes(self.process.readAllStandardOutput().data())
        *lines, self.output = self.output.split(b"\n")
        for message in map(_decode, lines):
            if message.get("active"):
                self.activity.emit()
            elif message:
                self.results.append(message)

    def _done(self, field: QLineEdit, pack: ContentPack, code: int) -> None:
        if self.process is None:  # closed by us: nothing to take from it
            return
        self._read()
        self.results += [message for message in [_decode(self.output)] if message and "active" not in message]
        errors = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace")
        self.process.deleteLater()
        self.process, self.field = None, None
        field.setReadOnly(False)
        result = self.results[-1] if self.results else {}
        if "text" in result and isinstance(result["text"], str):
            field.setText(result["text"])
            field.editingFinished.emit()
        elif not result.get("cancelled"):
            reason = result.get("unavailable") or f"the keyboard process ended with status {code}"
            self.failure = str(reason)
            log.error("staff keyboard unavailable: %s %s", reason, errors[-2000:])
            self._say_unavailable(field, pack)
        self.finished.emit(field)

    def _failed_to_start(self, field: QLineEdit, pack: ContentPack, error: QProcess.ProcessError) -> None:
        if error != QProcess.ProcessError.FailedToStart or self.process is None:
            return
        self.process.deleteLater()
        self.process, self.field = None, None
        field.setReadOnly(False)
        self.failure = f"the keyboard process did not start ({error.name})"
        log.error("staff keyboard unavailable: %s", self.failure)
        self._say_unavailable(field, pack)
        self.finished.emit(field)

    def _say_unavailable(self, field: QLineEdit, pack: ContentPack) -> None:
        field.setPlaceholderText(pack.text(UNAVAILABLE_TEXT_KEY, self.language))
        field.setToolTip(field.placeholderText())
        self.unavailable.emit(field, field.placeholderText())


def _decode(line: bytes) -> dict[str, object]:
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return message if isinstance(message, dict) else {}


class _KeyboardOpener(QObject):
    """Opens the keyboard when its field is tapped."""

    def __init__(self, field: QLineEdit, pack: ContentPack) -> None:
        super().__init__(field)
        self.setObjectName("KeyboardOpener")
        self.field = field
        self.pack = pack

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        field = self.field
        if event.type() == QEvent.Type.MouseButtonRelease and field.isEnabled() and not field.isReadOnly():
            KeyboardSession.shared().open(field, self.pack)
        return False


def attach_keyboard(field: QLineEdit, pack: ContentPack, typing: Language | None = None) -> QLineEdit:
    """Give `field` the on-screen keyboard (a tap opens it); returns the field. Idempotent.

    The field's accessibleName, when set, is the title shown above the text being edited; `typing`,
    the language the field is written in, chooses the keys the keyboard opens with.
    """
    if typing is not None:
        field.setProperty(TYPING_PROPERTY, typing)
    if field.findChild(_KeyboardOpener, "KeyboardOpener") is None:
        field.installEventFilter(_KeyboardOpener(field, pack))
    return field


def set_keyboard_language(language: Language) -> None:
    """The staff language: the keyboard's first layout, its buttons, and the sentence on a failure."""
    KeyboardSession.shared().language = language


def close_keyboard() -> None:
    """Close an open keyboard, leaving its field as it was; call when the staff panel closes."""
    KeyboardSession.shared().close()
