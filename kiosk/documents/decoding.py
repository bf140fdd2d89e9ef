"""The machinery of every JSON file the kiosk reads (the content pack, playlists, the schedule,
settings, staff slides, the hall's files): decoding into a typed model with faults as `Problem`s at
their JSON path, as sentences; an older version upgraded first through `kiosk.migrations`; and the
limits a model declares, checked for a value built in code."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import msgspec

from kiosk.documents.limits import limit_sentence
from kiosk.i18n.keys import SaveReason
from kiosk.migrations import FileKind, MigrationError, needs_upgrade, upgrade, version_of

# A file larger than this is not a hand-written file; refuse it before decoding.
MAX_FILE_BYTES = 4 * 1024 * 1024

_UTF8_BOM = b"\xef\xbb\xbf"
# The first byte of any JSON document: an object, array, string, number, true, false or null.
_JSON_STARTS = frozenset(bytes([byte]) for byte in b'{["-0123456789tfn')
_AT_PATH = re.compile(r"^(?P<message>.*?) - at `(?P<path>\$[^`]*)`$", re.DOTALL)

StructT = TypeVar("StructT", bound=msgspec.Struct)


@dataclass(frozen=True)
class Problem:
    """One fault in a file, at a JSON path, as a sentence; `reason` is what staff are told, in their
    language, when a save is refused for it (the sentence stays English, for the log and curators)."""

    file: str
    path: str
    message: str
    reason: SaveReason = "not_valid"

    def __str__(self) -> str:
        where = f"{self.file}, {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class ContentError(Exception):
    """The content is unusable; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def decode_document(data: bytes, model: type[StructT], file: str, kind: FileKind | None = None) -> StructT:
    """Decode one JSON document into `model`, or raise ContentError naming the file and path.

    With `kind`, a document of an older version is upgraded first (`kiosk.migrations`), and one of a
    newer version is refused with a sentence.
    """
    data = _checked_bytes(data, file)
    if kind is not None and needs_upgrade(kind, _peek_version(kind, data)):
        return _convert(upgraded_document(data, file, kind), model, file)
    try:
        return msgspec.json.decode(data, type=model)
    except msgspec.ValidationError as error:
        # msgspec stops at the first wrong value: a file cut short after it is reported as cut short.
        malformed = _malformed_json(data, file)
        raise ContentError([malformed or _validation_problem(file, str(error), model, data)]) from None
    except msgspec.DecodeError as error:
        raise ContentError([Problem(file, "", f"is not valid JSON ({_lower_first(str(error))})")]) from None


def upgraded_document(data: bytes, file: str, kind: FileKind) -> dict[str, Any]:
    """The file's JSON object in `kind`'s current version, not yet checked against its model."""
    data = _checked_bytes(data, file)
    try:
        document = msgspec.json.decode(data)
    except msgspec.DecodeError as error:
        raise ContentError([Problem(file, "", f"is not valid JSON ({_lower_first(str(error))})")]) from None
    except RecursionError:
        raise ContentError([Problem(file, "", "is nested too deeply to be read.")]) from None
    if not isinstance(document, dict):
        raise ContentError([Problem(file, "$", "expected an object (a JSON {...}).")])
    try:
        upgraded = upgrade(kind, document)
    except MigrationError as error:
        raise ContentError([Problem(file, f"$.{kind.version_field}", str(error))]) from None
    assert isinstance(upgraded, dict)
    return upgraded


def struct_problems(value: msgspec.Struct, file: str) -> list[Problem]:
    """What decoding `value`'s JSON would refuse: the limits its model declares, for a value built in
    code (an editor's draft) rather than read from a file. Empty when it would load."""
    data = msgspec.json.encode(value)
    try:
        msgspec.json.decode(data, type=type(value))
    except msgspec.ValidationError as error:
        return [_validation_problem(file, str(error), type(value), data)]
    return []


def _malformed_json(data: bytes, file: str) -> Problem | None:
    try:
        msgspec.json.decode(data)
    except msgspec.DecodeError as error:
        # A number beyond a float's range is valid JSON the typed decode already placed at its path.
        if str(error).startswith("Number out of range"):
            return None
        return Problem(file, "", f"is not valid JSON ({_lower_first(str(error))})")
    except RecursionError:
        return None
    return None


def _checked_bytes(data: bytes, file: str) -> bytes:
    if len(data) > MAX_FILE_BYTES:
        raise ContentError([oversize_problem(file, len(data))])
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    if not data.strip():
        raise ContentError([Problem(file, "", "the file is empty")])
    # Checked here, before any decoder sees the bytes: which exception a JSON library raises for a
    # file saved as GBK or another legacy encoding changes between its releases (msgspec 0.23 says
    # DecodeError where 0.22 said UnicodeDecodeError), and staff must get the same sentence either way.
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ContentError([_not_utf8_problem(data, file, error.start)]) from None
    return data


def _not_utf8_problem(data: bytes, file: str, bad_at: int) -> Problem:
    """JSON text saved in another encoding (GBK, Big5) is told to be saved as UTF-8; bytes that do not
    even start like JSON (a picture, a UTF-16 file, a damaged copy) are not JSON at all."""
    if data.lstrip()[:1] in _JSON_STARTS:
        return Problem(file, "", "is not UTF-8 text; save it with UTF-8 encoding.")
    return Problem(file, "", f"is not valid JSON (not text: byte {bad_at} is 0x{data[bad_at]:02x})")


def _peek_version(kind: FileKind, data: bytes) -> int | None:
    """The document's version, or None when it cannot be told (the full decode then says why)."""
    try:
        peeked = msgspec.json.decode(data, type=_version_peeker(kind.version_field))
    except (msgspec.DecodeError, RecursionError):
        return None
    fields = {} if peeked.version is None else {kind.version_field: peeked.version}
    return version_of(kind, fields)


@functools.cache
def _version_peeker(field: str) -> type[_Peeked]:
    """A struct reading only the version field, skipping the rest of the document unchecked."""
    peeker = msgspec.defstruct(
        "Peeked", [("version", object, msgspec.field(default=None, name=field))], bases=(_Peeked,)
    )
    return cast(type[_Peeked], peeker)


class _Peeked(msgspec.Struct):
    version: object = None


def _convert(document: dict[str, Any], model: type[StructT], file: str) -> StructT:
    try:
        return msgspec.convert(document, type=model)
    except msgspec.ValidationError as error:
        raise ContentError(
            [_validation_problem(file, str(error), model, msgspec.json.encode(document))]
        ) from None


def _validation_problem(
    file: str, message: str, model: type[msgspec.Struct] | None = None, data: bytes = b""
) -> Problem:
    match = _AT_PATH.match(message)
    if match is None:
        return Problem(file, "$", _sentence(message))
    path = match["path"]
    if model is not None:
        sentence = limit_sentence(model, path, match["message"], data)
        if sentence is not None:
            reason: SaveReason = "duration_out_of_range" if path.endswith(".duration_s") else "out_of_range"
            return Problem(file, path, sentence, reason)
    return Problem(file, path, _sentence(match["message"]))


def oversize_problem(file: str, size: int) -> Problem:
    return Problem(file, "", f"is {size} bytes, larger than the {MAX_FILE_BYTES} bytes allowed")


def _sentence(message: str) -> str:
    text = _lower_first(message.strip())
    return text if text.endswith(".") else text + "."


def _lower_first(text: str) -> str:
    # An acronym keeps its case: "JSON is malformed" must not read "jSON is malformed".
    if text[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]
