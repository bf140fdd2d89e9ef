"""Which content pack plays: the highest layer's `content/` folder that is whole and valid.

At start a pack that is not ready or not valid is passed over for the next layer down (at the
bottom, the bundled pack). While running, the highest layer's pack either switches in whole or
leaves the last good one playing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.loader import (
    PACK_FILES,
    SOURCE_TEXT_FILE,
    ContentError,
    MemorySource,
    load_pack,
    pack_digest,
)
from kiosk.content.models import ContentPack
from kiosk.content.validate import validate_pack
from kiosk.fleet.layout import CONTENT_DIR, Fleet
from kiosk.fleet.manifest import UnitNotReadyError, read_unit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PackChoice:
    """A pack from a config layer, loaded from the very bytes that were checked."""

    origin: str
    directory: Path
    source: MemorySource
    pack: ContentPack
    digest: str


@dataclass(frozen=True)
class Refusal:
    origin: str
    directory: Path
    reason: str


def load_pack_dir(directory: Path, origin: str, font_chars: set[int] | None) -> PackChoice:
    """The pack in `directory`, whole and valid, or UnitNotReadyError / ContentError saying why not."""
    unit = read_unit(directory, (*PACK_FILES, SOURCE_TEXT_FILE))
    source = MemorySource(unit.files, label=f"{origin} content pack ({directory})")
    pack = load_pack(source)
    problems = validate_pack(pack, font_chars)
    if problems:
        raise ContentError(problems)
    return PackChoice(origin, directory, source, pack, pack_digest(source))


def content_dirs(fleet: Fleet) -> list[tuple[str, Path]]:
    """Every layer's `content/` folder that exists, highest layer first."""
    found = [(layer.label, layer.directory / CONTENT_DIR) for layer in fleet.layers()]
    return [(label, path) for label, path in reversed(found) if path.is_dir()]


def choose_at_start(fleet: Fleet, font_chars: set[int] | None) -> tuple[PackChoice | None, list[Refusal]]:
    """The highest usable pack, or None for the bundled one; with what was passed over and why."""
    refusals: list[Refusal] = []
    for origin, directory in content_dirs(fleet):
        try:
            return load_pack_dir(directory, origin, font_chars), refusals
        except (UnitNotReadyError, ContentError) as error:
            refusals.append(Refusal(origin, directory, _reason(error)))
    return None, refusals


def choose_on_change(
    fleet: Fleet, font_chars: set[int] | None, current_digest: str
) -> PackChoice | Refusal | None:
    """After a file event: a new pack to switch to, a Refusal (the current one keeps playing), or
    None when nothing is to change. With no content folder left, the bundled pack is the choice,
    which the caller asks for by `current_digest` differing from the bundled one."""
    dirs = content_dirs(fleet)
    if not dirs:
        return None
    origin, directory = dirs[0]
    try:
        choice = load_pack_dir(directory, origin, font_chars)
    except (UnitNotReadyError, ContentError) as error:
        return Refusal(origin, directory, _reason(error))
    return None if choice.digest == current_digest else choice


def _reason(error: Exception) -> str:
    if isinstance(error, ContentError):
        shown = "; ".join(str(problem) for problem in error.problems[:3])
        more = f" (and {len(error.problems) - 3} more)" if len(error.problems) > 3 else ""
        return f"invalid: {shown}{more}"
    return str(error)
