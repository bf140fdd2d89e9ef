"""Checks of the words a visitor reads: translated, typeset for Chinese, said once, and every
character drawable by the bundled font."""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict

from kiosk.content.models import LANGUAGES, ContentPack
from kiosk.content.visitor_texts import visitor_texts
from kiosk.documents.decoding import Problem

MIN_DUPLICATE_CHARS = 6
_HAN = re.compile(r"[\u3400-\u9fff]")
# Half-width punctuation next to Chinese text is an extraction fault of the source.
_HALF_WIDTH_IN_ZH = re.compile(r"(?<=[\u3400-\u9fff])[,;:?!()]|[,;:?!()](?=[\u3400-\u9fff])")
# Characters outside GB2312 that Chinese typography needs and the bundled font keeps.
_ZH_EXTRA_CHARS = set("—–·")


def check_translations(pack: ContentPack) -> list[Problem]:
    problems: list[Problem] = []
    for file, path, text in visitor_texts(pack):
        for language in LANGUAGES:
            value = text.get(language)
            if not value.strip():
                problems.append(Problem(file, f"{path}.{language}", "the translation is missing."))
            elif value != value.strip():
                problems.append(Problem(file, f"{path}.{language}", "has spaces at its start or end."))
        if _HAN.search(text.en) and file != "strings.json":
            problems.append(
                Problem(
                    file,
                    f"{path}.en",
                    f"contains Chinese characters: {text.en!r} is not translated.",
                )
            )
        if _HALF_WIDTH_IN_ZH.search(text.zh):
            problems.append(
                Problem(
                    file,
                    f"{path}.zh",
                    "uses half-width punctuation in Chinese text; use ，：；？！（）.",
                )
            )
        for char in text.zh:
            if ord(char) > 0x7F and char not in _ZH_EXTRA_CHARS and not _in_gb2312(char):
                problems.append(
                    Problem(
                        file,
                        f"{path}.zh",
                        f"character {char!r} is outside GB2312: a traditional form or a typo?",
                    )
                )
    return problems


def check_duplicates(pack: ContentPack) -> list[Problem]:
    """The source repeats whole paragraphs; the pack must not repeat its own captions."""
    places: dict[str, list[str]] = defaultdict(list)
    for file, path, text in visitor_texts(pack):
        if path.endswith(".nav"):
            # A navigation label may well be the topic's title again; that is not a repeat.
            continue
        for language in LANGUAGES:
            value = text.get(language)
            if len(value) >= MIN_DUPLICATE_CHARS:
                places[value].append(f"{file} {path}.{language}")
    problems = []
    for value, where in places.items():
        if len(where) > 1:
            first, *others = where
            problems.append(
                Problem(
                    first.split(" ", 1)[0],
                    first.split(" ", 1)[1],
                    f"the text {value!r} is repeated at {', '.join(others)}.",
                )
            )
    return problems


def check_font(pack: ContentPack, font_chars: set[int]) -> list[Problem]:
    problems: list[Problem] = []
    missing_by_place: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for file, path, text in visitor_texts(pack):
        for language in LANGUAGES:
            for char in text.get(language):
                if ord(char) not in font_chars and not char.isspace():
                    missing_by_place[(file, f"{path}.{language}")][char] += 1
    for (file, path), chars in missing_by_place.items():
        listed = "".join(sorted(chars))
        problems.append(
            Problem(file, path, f"the bundled font has no glyph for {listed!r}; it would show blank.")
        )
    return problems


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def font_chars_from_bytes(font_bytes: bytes) -> set[int]:
    """Code points a font file maps to glyphs (fontTools, no Qt)."""
    # Imported here because only `kiosk validate` needs it and it costs start-up time.
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_bytes), lazy=True)
    return set(font.getBestCmap())
