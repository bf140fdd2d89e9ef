"""Upgrading versioned files: one registry of steps, applied to the decoded JSON before the typed decode.

Each kind of file (settings, playlist, schedule, staff slide, PIN, content pack) declares its current
`schema_version` and, for every older version it still reads, a step that turns a document of that
version into one of the next. An older file is upgraded in memory only: it is written in the new
version when someone saves it, so an old kiosk sharing the hall's files keeps reading it until then.
A file from a newer kiosk is refused with a sentence rather than read half-understood.

This module knows nothing of the models, so every layer, the content pack's included, can use it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Document = dict[str, Any]
Step = Callable[[Document], Document]


@dataclass(frozen=True)
class FileKind:
    """`current` is the version this code writes; `steps[v]` upgrades a version-`v` document to v + 1.

    `missing_version` is what a document without its version field counts as (None: the field is
    required, and its absence is left to the typed decode to report). `version_field` is
    `schema_version` in every file staff or curators write.
    """

    name: str
    current: int
    steps: Mapping[int, Step]
    missing_version: int | None = None
    version_field: str = "schema_version"

    def __post_init__(self) -> None:
        if set(self.steps) != set(range(1, self.current)):
            raise ValueError(f"{self.name}: a step is needed from every version below {self.current}")


class MigrationError(ValueError):
    """The document's version cannot be read by this code; the message is a sentence for staff."""


def version_of(kind: FileKind, document: object) -> int | None:
    """The document's schema version, or None when it has none usable (the typed decode says why)."""
    if not isinstance(document, dict):
        return None
    version = document.get(kind.version_field, kind.missing_version)
    # bool is an int in Python, but `true` is no version.
    if isinstance(version, bool) or not isinstance(version, int):
        return None
    return version


def needs_upgrade(kind: FileKind, version: int | None) -> bool:
    """Whether a document of `version` must go through `upgrade` (to be upgraded or refused)."""
    return version is not None and version != kind.current


def upgrade(kind: FileKind, document: object) -> object:
    """`document` in the current version; unchanged when it is current or has no usable version.

    Raises MigrationError for a version newer than `kind.current` or below 1.
    """
    version = version_of(kind, document)
    if version is None or not isinstance(document, dict):
        return document
    if version > kind.current:
        raise MigrationError(
            f"was written by a newer kiosk (schema version {version}; this kiosk reads up to "
            f"{kind.current}); update this kiosk's software, or restore the file's previous version."
        )
    if version < 1:
        raise MigrationError(f"schema version {version} does not exist; versions start at 1.")
    upgraded: Document = dict(document)
    while version < kind.current:
        upgraded = kind.steps[version](upgraded)
        version += 1
        upgraded[kind.version_field] = version
    return upgraded
