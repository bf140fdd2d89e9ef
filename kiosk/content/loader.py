"""Loading the content pack from a source of bytes, with errors a curator can act on."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

import msgspec

from kiosk.content.limits import limit_sentence
from kiosk.content.models import (
    ChartsFile,
    ContentPack,
    EventsFile,
    FiguresFile,
    NetworkFile,
    PackMeta,
    SlidesFile,
    StoriesFile,
    StringsFile,
)
from kiosk.content.story_figures import fill_stories
from kiosk.migrations import FileKind, MigrationError, needs_upgrade, upgrade, version_of

# pack.json's version: the pack as a whole; the other files follow it.
PACK_KIND = FileKind("content pack", current=1, steps={})

PACK_FILES: dict[str, type[msgspec.Struct]] = {
    "pack.json": PackMeta,
    "figures.json": FiguresFile,
    "stories.json": StoriesFile,
    "charts.json": ChartsFile,
    "events.json": EventsFile,
    "network.json": NetworkFile,
    "slides.json": SlidesFile,
    "strings.json": StringsFile,
}

# The article as extracted, optional: when a pack carries it, every quote is checked against it.
SOURCE_TEXT_FILE = "source.txt"

# A pack file larger than this is not a hand-written caption file; refuse it before decoding.
MAX_FILE_BYTES = 4 * 1024 * 1024

_UTF8_BOM = b"\xef\xbb\xbf"
# The first byte of any JSON document: an object, array, string, number, true, false or null.
_JSON_STARTS = frozenset(bytes([byte]) for byte in b'{["-0123456789tfn')
_AT_PATH = re.compile(r"^(?P<message>.*?) - at `(?P<path>\$[^`]*)`$", re.DOTALL)

StructT = TypeVar("StructT", bound=msgspec.Struct)


@dataclass(frozen=True)
class Problem:
    """One fault in a file, at a JSON path, as a sentence."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class ContentError(Exception):
    """The content is unusable; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class PackSource(Protocol):
    """Where pack files come from: a directory, or bytes the UI layer read from resources."""

    def read(self, name: str) -> bytes:
        """The file's bytes; FileNotFoundError when it is absent."""
        ...

    def describe(self) -> str: ...


class DirectorySource:
    def __init__(self, root: Path) -> None:
        self.root = root

    def read(self, name: str) -> bytes:
        path = self.root / name
        if path.stat().st_size > MAX_FILE_BYTES:
            raise OversizeError(path.stat().st_size)
        return path.read_bytes()

    def describe(self) -> str:
        return str(self.root)


class MemorySource:
    def __init__(self, files: Mapping[str, bytes], label: str = "bundled content") -> None:
        self.files = dict(files)
        self.label = label

    def read(self, name: str) -> bytes:
        try:
            return self.files[name]
        except KeyError:
            raise FileNotFoundError(name) from None

    def describe(self) -> str:
        return self.label


class OversizeError(Exception):
    def __init__(self, size: int) -> None:
        self.size = size
        super().__init__(size)


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
        raise ContentError([_oversize_problem(file, len(data))])
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


def load_pack(source: PackSource) -> ContentPack:
    """Decode every pack file; collect all decoding problems before raising."""
    decoded: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, model in PACK_FILES.items():
        try:
            data = source.read(name)
        except FileNotFoundError:
            problems.append(Problem(name, "", f"the file is missing from {source.describe()}"))
            continue
        except OversizeError as error:
            problems.append(_oversize_problem(name, error.size))
            continue
        except OSError as error:
            problems.append(Problem(name, "", f"cannot be read: {error.strerror}."))
            continue
        try:
            decoded[name] = decode_document(data, model, name, PACK_KIND if name == "pack.json" else None)
        except ContentError as error:
            problems.extend(error.problems)
    source_text = ""
    try:
        source_text = source.read(SOURCE_TEXT_FILE).decode("utf-8")
    except (FileNotFoundError, OversizeError):
        pass
    except (OSError, UnicodeDecodeError):
        problems.append(Problem(SOURCE_TEXT_FILE, "", "cannot be read as UTF-8 text."))
    if problems:
        raise ContentError(problems)
    figures = decoded["figures.json"].figures
    stories, faults = fill_stories(decoded["stories.json"].stories, {figure.id: figure for figure in figures})
    if faults:
        raise ContentError(
            [Problem("stories.json", f"$.stories[{f.index}].body.{f.language}", f.message) for f in faults]
        )
    return ContentPack(
        meta=decoded["pack.json"],
        figures=figures,
        stories=stories,
        charts=decoded["charts.json"].charts,
        events=decoded["events.json"].events,
        network=decoded["network.json"],
        slides=decoded["slides.json"].slides,
        strings=decoded["strings.json"].strings,
        source_text=source_text,
    )


def pack_digest(source: PackSource) -> str:
    """A short hash of the pack's files, shown in diagnostics and the sign-off sheet."""
    digest = hashlib.sha256()
    for name in PACK_FILES:
        digest.update(name.encode())
        try:
            digest.update(source.read(name))
        except (FileNotFoundError, OversizeError):
            digest.update(b"<missing>")
    return digest.hexdigest()[:12]


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
            return Problem(file, path, sentence)
    return Problem(file, path, _sentence(match["message"]))


def _oversize_problem(file: str, size: int) -> Problem:
    return Problem(file, "", f"is {size} bytes, larger than the {MAX_FILE_BYTES} bytes allowed")


def _sentence(message: str) -> str:
    text = _lower_first(message.strip())
    return text if text.endswith(".") else text + "."


def _lower_first(text: str) -> str:
    # An acronym keeps its case: "JSON is malformed" must not read "jSON is malformed".
    if text[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]
