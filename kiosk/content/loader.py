"""Loading the content pack from a source of bytes, with errors a curator can act on."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import msgspec

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
from kiosk.documents.decoding import (
    MAX_FILE_BYTES,
    ContentError,
    Problem,
    decode_document,
    oversize_problem,
)
from kiosk.migrations import FileKind

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
            problems.append(oversize_problem(name, error.size))
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
