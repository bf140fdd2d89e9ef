"""The hall's emergency or priority message: one file in the hall folder that every kiosk it names
shows full screen, in both languages, until its end time or until it goes.

The staff PC writes `<hall>/emergency.json` (atomically; Syncthing carries it to the kiosks); "end
now" writes it again with the end time set to the moment it was ended, so the ending travels the
same way and the file says what was shown. A kiosk reads it on every configuration change and
refuses a bad one with a sentence, keeping what it showed before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import msgspec

from kiosk.documents.decoding import ContentError, Problem, decode_document
from kiosk.fleet.layout import valid_kiosk_id
from kiosk.fleet.status import utc_text
from kiosk.migrations import FileKind
from kiosk.storage import atomic_write

EMERGENCY_FILE = "emergency.json"
MESSAGE_VERSION = 1
MESSAGE_KIND = FileKind("emergency message", current=MESSAGE_VERSION, steps={}, missing_version=1)
MAX_LINES = 2
TITLE_CHARS = {"zh": 30, "en": 60}
LINE_CHARS = {"zh": 60, "en": 120}


class MessageText(msgspec.Struct, forbid_unknown_fields=True):
    """One language's words: a title and one or two lines under it."""

    title: str
    lines: list[str]


class EmergencyMessage(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """What the hall tells its visitors now, and until when."""

    schema_version: int = MESSAGE_VERSION
    # Names this message in the status files and the proof of play: each new message has a new id.
    id: str
    zh: MessageText
    en: MessageText
    # The kiosks that show it; empty for every kiosk of the hall.
    kiosks: list[str] = msgspec.field(default_factory=list)
    # UTC, ISO 8601 ("2026-12-07T18:30:00Z"): the message leaves the screens at this moment.
    ends_at: str

    def end_time(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.ends_at.replace("Z", "+00:00")).astimezone(dt.UTC)

    def reaches(self, kiosk_id: str) -> bool:
        return not self.kiosks or kiosk_id in self.kiosks

    def current_for(self, kiosk_id: str, now: dt.datetime) -> bool:
        """On this kiosk's screen at `now` (an aware time)."""
        return self.reaches(kiosk_id) and now < self.end_time()


@dataclass(frozen=True)
class MessageRead:
    """The hall's message file as a kiosk finds it: the message, none, or why it was refused."""

    message: EmergencyMessage | None
    refusal: str | None = None


def message_path(hall_dir: Path) -> Path:
    return hall_dir / EMERGENCY_FILE


def check_message(message: EmergencyMessage) -> list[Problem]:
    """What makes a decoded message unfit for a screen, each as a sentence."""
    problems: list[Problem] = []

    def problem(path: str, text: str) -> None:
        problems.append(Problem(EMERGENCY_FILE, path, text))

    if not valid_kiosk_id(message.id):
        problem("$.id", f"{message.id!r} is not an id: use lower-case letters, digits, '.', '-' and '_'.")
    for language in ("zh", "en"):
        text: MessageText = getattr(message, language)
        if not text.title.strip():
            problem(f"$.{language}.title", "the title is empty: a message needs a title in both languages.")
        elif len(text.title) > TITLE_CHARS[language]:
            problem(f"$.{language}.title", f"the title is longer than {TITLE_CHARS[language]} characters.")
        if not 1 <= len(text.lines) <= MAX_LINES:
            problem(f"$.{language}.lines", f"give one or two lines, not {len(text.lines)}.")
        for index, line in enumerate(text.lines):
            if not line.strip():
                problem(f"$.{language}.lines[{index}]", "the line is empty.")
            elif len(line) > LINE_CHARS[language]:
                problem(
                    f"$.{language}.lines[{index}]",
                    f"the line is longer than {LINE_CHARS[language]} characters.",
                )
    for index, kiosk in enumerate(message.kiosks):
        if not valid_kiosk_id(kiosk):
            problem(f"$.kiosks[{index}]", f"{kiosk!r} is not a kiosk id.")
    try:
        ends = dt.datetime.fromisoformat(message.ends_at.replace("Z", "+00:00"))
    except ValueError:
        problem("$.ends_at", f"{message.ends_at!r} is not a time: write it as 2026-12-07T18:30:00Z.")
    else:
        if ends.tzinfo is None:
            problem("$.ends_at", "the end time has no time zone: end it with Z (UTC) or +08:00.")
    return problems


def decode_message(data: bytes) -> EmergencyMessage:
    """The message in `data`, or ContentError naming every fault."""
    message = decode_document(data, EmergencyMessage, EMERGENCY_FILE, MESSAGE_KIND)
    problems = check_message(message)
    if problems:
        raise ContentError(problems)
    return message


def read_message(hall_dir: Path | None) -> MessageRead:
    """The hall's message file: absent (no message), a message, or a refusal as one sentence."""
    if hall_dir is None:
        return MessageRead(None)
    path = message_path(hall_dir)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return MessageRead(None)
    except OSError as error:
        return MessageRead(None, f"{EMERGENCY_FILE} cannot be read: {error.strerror}.")
    try:
        return MessageRead(decode_message(data))
    except ContentError as error:
        return MessageRead(None, "; ".join(str(problem) for problem in error.problems))


def write_message(hall_dir: Path, message: EmergencyMessage) -> Path:
    """Put the message in the hall folder whole (a kiosk never reads half of it); refused if unfit."""
    problems = check_message(message)
    if problems:
        raise ContentError(problems)
    path = message_path(hall_dir)
    atomic_write(path, msgspec.json.format(msgspec.json.encode(message), indent=2) + b"\n", keep_backup=False)
    return path


def end_message(hall_dir: Path, now: dt.datetime) -> EmergencyMessage | None:
    """ "End now": the message file again, ending at `now`; None when there is no message to end."""
    found = read_message(hall_dir)
    if found.message is None:
        return None
    ended = msgspec.structs.replace(found.message, ends_at=utc_text(now))
    write_message(hall_dir, ended)
    return ended
