"""Reading the kiosk's own files (playlists, the schedule, staff slides): a file that cannot be read
is a Problem like any refusal, and a file refused on reload keeps the version that last loaded: the
one last-good loader of them all."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from kiosk.documents.decoding import ContentError, Problem

Decoded = TypeVar("Decoded")


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ContentError([Problem(path.name, "", f"cannot be read: {error.strerror}.")]) from None


def decode_or_last_good(
    path: Path,
    decode: Callable[[bytes, str], Decoded],
    problems: list[Problem],
    last_good: Mapping[str, Decoded] | None,
) -> Decoded | None:
    """The file decoded (`decode` gets its bytes and its name). When it is refused, its problems
    are added to `problems` and the version that last loaded from the same path stands in (None
    when there is none): a bad copy made while the kiosk runs never takes a playing file off air."""
    try:
        return decode(read_file(path), path.name)
    except ContentError as error:
        problems.extend(error.problems)
        return last_good.get(str(path)) if last_good is not None else None


def file_refusal(path: Path, decode: Callable[[bytes, str], object]) -> list[Problem]:
    """Why the file at `path` is refused as it is on disk now (no problems: it loads, or there is
    none): what an editor over it shows, and the reason a save over it must ask first."""
    if not path.exists():
        return []
    try:
        decode(read_file(path), path.name)
    except ContentError as error:
        return error.problems
    return []
