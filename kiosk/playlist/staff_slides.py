"""Staff's own slides on disk (their models: kiosk/playlist/slide_models.py): checked, loaded
with the last good version of a refused file, saved and deleted.

One JSON file per slide, `slides/<id>.json`, in the config dir (and in the hall's layers, like
playlists); an image slide's picture is `media/<id>-<hash>.<ext>` beside it. The media name
carries a hash of its bytes, so a new version of a slide never overwrites the picture the last
good version shows: the picture is written first, the JSON second, and a reader (the kiosk, a
sync in progress) sees either the old unit or the new one, never a slide without its picture.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from kiosk.content.linebreak import manual_breaks
from kiosk.documents.decoding import ContentError, Problem, decode_document, struct_problems
from kiosk.documents.reading import decode_or_last_good
from kiosk.fleet.layout import MEDIA_DIR, SLIDES_DIR, Fleet, is_temporary
from kiosk.history import ANY_VERSION, save_file
from kiosk.i18n.languages import TRANSLATED, Language
from kiosk.playlist.editing import unique_id
from kiosk.playlist.models import Playlist
from kiosk.playlist.slide_models import (
    MAX_TEXT_CHARS,
    PATTERN_HINTS,
    SLIDE_KIND,
    SLIDE_SCHEMA_VERSION,
    ImagePicture,
    StaffSlide,
    encode_slide,
    main_text,
    slide_name,
)
from kiosk.storage import atomic_write, delete_keeping_backup

log = logging.getLogger(__name__)


def _texts(slide: StaffSlide) -> list[tuple[str, str]]:
    """Every staff-typed text with its JSON path."""
    return [
        (f"$.{field}.{language}", getattr(text, language))
        for field, text in slide.texts().items()
        for language in ("zh", "en")
    ]


def missing_glyphs(text: str, font_chars: set[int]) -> list[str]:
    """The characters of `text` the bundled font cannot draw (spaces and line ends aside)."""
    seen: dict[str, None] = {}
    for char in text:
        if char not in " \n" and ord(char) not in font_chars:
            seen[char] = None
    return list(seen)


def check_slide(slide: StaffSlide, file: str, font_chars: set[int] | None = None) -> list[Problem]:
    """The model's declared limits (for a slide built in code), and what a schema cannot see: the
    version, an empty text, control characters, characters the bundled font lacks (named)."""
    problems = [_with_hint(problem) for problem in struct_problems(slide, file)]
    if slide.schema_version != SLIDE_SCHEMA_VERSION:
        problems.append(
            Problem(
                file,
                "$.schema_version",
                f"schema version {slide.schema_version} is not {SLIDE_SCHEMA_VERSION}.",
            )
        )
    if slide.needs_text and not main_text(slide).present():
        field = next(iter(slide.texts()))
        problems.append(
            Problem(file, f"$.{field}", "the slide has no text: type a Chinese or an English text.")
        )
    for path, text in _texts(slide):
        controls = sorted(
            {char for char in text if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn")}
        )
        if controls:
            named = ", ".join(f"U+{ord(char):04X}" for char in controls)
            problems.append(Problem(file, path, f"holds characters that cannot be shown: {named}."))
        elif font_chars is not None:
            missing = missing_glyphs(text, font_chars)
            if missing:
                problems.append(
                    Problem(
                        file,
                        path,
                        f"the kiosk's font cannot draw {'、'.join(missing)}; use other characters.",
                    )
                )
    return problems


def _with_hint(problem: Problem) -> Problem:
    for pattern, hint in PATTERN_HINTS.items():
        # msgspec quotes the pattern as a Python literal, with its backslashes doubled.
        if pattern in problem.message or pattern.replace("\\", "\\\\") in problem.message:
            return Problem(problem.file, problem.path, hint + ".")
    return problem


def decode_slide(data: bytes, file: str, font_chars: set[int] | None = None) -> StaffSlide:
    """A slide from its file, or ContentError with every problem as a sentence."""
    try:
        slide: StaffSlide = decode_document(data, StaffSlide, file, SLIDE_KIND)  # type: ignore[arg-type]
    except ContentError as error:
        raise ContentError([_with_hint(problem) for problem in error.problems]) from None
    problems = check_slide(slide, file, font_chars)
    if Path(file).suffix == ".json" and Path(file).stem != slide.id:
        problems.append(Problem(file, "$.id", f"the id {slide.id!r} differs from the file name {file!r}."))
    if problems:
        raise ContentError(problems)
    return slide


@dataclass
class StaffSlides:
    """Every usable staff slide by id, where its picture is, and the problems met loading them."""

    slides: dict[str, StaffSlide] = field(default_factory=dict)
    media: dict[str, Path] = field(default_factory=dict)
    # Ids of every slide file, good or not, so a playlist naming a broken slide still loads (the
    # player skips that slide); and which file gave each id.
    ids: set[str] = field(default_factory=set)
    paths: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # The last good slide of each file, so a bad edit of the file keeps the old one playing.
    files: dict[str, StaffSlide] = field(default_factory=dict)


def slide_files(fleet: Fleet) -> list[Path]:
    """Every slide file of every layer, lowest layer first; a later one replaces an earlier one by id."""
    files: list[Path] = []
    for layer in fleet.layers():
        folder = layer.directory / SLIDES_DIR
        if folder.is_dir():
            files += [path for path in sorted(folder.glob("*.json")) if not is_temporary(path.name)]
    return files


def media_path(slide_file: Path, slide: ImagePicture) -> Path:
    """The picture of a slide, relative to the layer its file is in."""
    return slide_file.parent.parent / slide.image


def media_problem(slide_file: Path, slide: ImagePicture) -> Problem | None:
    """The picture is missing, empty or not the one the slide was made with (a sync half done)."""
    path = media_path(slide_file, slide)
    try:
        # Streamed: a film may be gigabytes.
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return Problem(slide_file.name, "$.image", f"the picture {slide.image} is missing.")
    except OSError as error:
        return Problem(
            slide_file.name, "$.image", f"the picture {slide.image} cannot be read: {error.strerror}."
        )
    if digest != slide.sha256:
        return Problem(
            slide_file.name, "$.image", f"the picture {slide.image} is not the one this slide was made with."
        )
    return None


def load_staff_slides(
    fleet: Fleet | None,
    reserved_ids: set[str],
    font_chars: set[int] | None = None,
    previous: StaffSlides | None = None,
) -> StaffSlides:
    """Every layer's slide files; `reserved_ids` are the built-in slides a staff slide may not shadow.

    A refused file is reported; with `previous` (a reload) its last good version keeps playing. A
    slide whose picture is missing is reported and left out, so the player skips it.
    """
    result = StaffSlides()
    for path in slide_files(fleet) if fleet is not None else []:
        if path.stem in reserved_ids:
            result.problems.append(
                Problem(path.name, "$.id", f"{path.stem!r} is the id of a built-in slide.")
            )
            continue
        result.ids.add(path.stem)
        slide = decode_or_last_good(
            path,
            lambda data, name: decode_slide(data, name, font_chars),
            result.problems,
            previous.files if previous is not None else None,
        )
        if slide is None:
            continue
        picture = slide.picture()
        if picture is not None:
            problem = media_problem(path, picture)
            if problem is not None:
                result.problems.append(problem)
                continue
            result.media[slide.id] = media_path(path, picture)
        result.files[str(path)] = slide
        result.slides[slide.id] = slide
        result.paths[slide.id] = path
    return result


# Writing ---------------------------------------------------------------------------------------


def staff_slide_path(config_dir: Path, slide_id: str) -> Path:
    return config_dir / SLIDES_DIR / f"{slide_id}.json"


def new_slide_id(base: str, existing: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3`…: an id no slide (staff or built-in) has yet."""
    stem = re.sub(r"[^a-z0-9_-]+", "-", base.lower()).strip("-_")[:56] or "slide"
    return unique_id(stem, existing)


def media_name(slide_id: str, data: bytes, suffix: str) -> str:
    return f"{MEDIA_DIR}/{slide_id}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"


def save_slide(
    config_dir: Path,
    slide: StaffSlide,
    font_chars: set[int] | None = None,
    media: bytes | None = None,
    loaded_digest: str | None = ANY_VERSION,
) -> Path:
    """Validate, then write the picture (when given) and the slide file, each atomically, picture
    first; with an editor's `loaded_digest`, `ConflictError` instead of overwriting a slide file
    changed since it was loaded. Pictures no slide of the config dir uses any more are removed afterwards."""
    path = staff_slide_path(config_dir, slide.id)
    problems = check_slide(slide, path.name, font_chars)
    picture = slide.picture()
    if picture is not None and media is not None and hashlib.sha256(media).hexdigest() != picture.sha256:
        problems.append(Problem(path.name, "$.sha256", "does not match the picture being saved."))
    if problems:
        raise ContentError(problems)
    if picture is not None and media is not None:
        atomic_write(config_dir / picture.image, media, keep_backup=False)
    save_file(path, encode_slide(slide), loaded_digest)
    log.info("slide %r saved", slide.id)
    remove_unused_media(config_dir)
    return path


def delete_slide(config_dir: Path, slide_id: str) -> None:
    """Remove a staff slide (its last version kept as `.bak`) and any picture only it used."""
    if delete_keeping_backup(staff_slide_path(config_dir, slide_id)):
        log.info("slide %r deleted", slide_id)
    remove_unused_media(config_dir)


def remove_unused_media(config_dir: Path) -> list[Path]:
    """Pictures in the config dir's media folder that no slide file there names (temporary files
    of a copy in progress are left alone)."""
    folder = config_dir / MEDIA_DIR
    if not folder.is_dir():
        return []
    used: set[str] = set()
    for path in (config_dir / SLIDES_DIR).glob("*.json"):
        try:
            document = msgspec.json.decode(path.read_bytes())
        except (OSError, msgspec.DecodeError, UnicodeDecodeError):
            continue
        if isinstance(document, dict):
            # A picture's file, or a film's and its stills.
            used.update(
                document[key] for key in ("image", "video", "stills") if isinstance(document.get(key), str)
            )
    removed = []
    for media in folder.iterdir():
        if media.is_file() and not is_temporary(media.name) and f"{MEDIA_DIR}/{media.name}" not in used:
            media.unlink()
            removed.append(media)
    return removed


def staff_slide_title(slide: StaffSlide, language: Language) -> str:
    """What staff call a slide: its text (or caption) in `language`, else in another, else a
    picture's title, else its id."""
    text = main_text(slide)
    candidates = [text.get(language), *(text.get(other) for other in TRANSLATED), slide_name(slide)]
    named = next((words.strip() for words in candidates if words.strip()), slide.id)
    return manual_breaks(named).split("\n")[0]


def picture_title(file_name: str) -> str:
    """A picture's file name as staff would call it: without its extension, in one line."""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name.lstrip(".") else file_name
    return " ".join("".join(char if char.isprintable() else " " for char in stem).split())[:MAX_TEXT_CHARS]


def playlists_using(slide_id: str, playlists: Mapping[str, Playlist]) -> list[str]:
    """Ids of the playlists with an item showing `slide_id`."""
    return [
        playlist_id
        for playlist_id, playlist in playlists.items()
        if any(item.slide == slide_id for item in playlist.items)
    ]
