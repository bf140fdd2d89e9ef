"""The languages the kiosk knows, declared once, and what differs between them beyond words.

`Language` is every language with catalogues; which of them visitors and staff are offered is data
below. The pseudo-locale is English made longer, accented and bracketed: tests run every screen in
it to find text that is clipped or was never put in a catalogue; nobody is offered it. Every
per-language rule is a `match` ending in `assert_never`, so a language added to `Language` fails
mypy at each rule it has not been given, instead of falling through to English.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Literal, Protocol, assert_never, get_args

Language = Literal["zh", "en", "pseudo"]
LANGUAGES: tuple[Language, ...] = get_args(Language)

# The visitors' language and the staff panel's language are separate choices (staff may read English
# while visitors get Chinese); they range over the same languages today.
VisitorLanguage = Language
StaffLanguage = Language

# What the visitors' switch cycles through, and what settings.json may name as their default.
OfferedVisitorLanguage = Literal["zh", "en"]
OFFERED_TO_VISITORS: tuple[OfferedVisitorLanguage, ...] = get_args(OfferedVisitorLanguage)
OFFERED_TO_STAFF: tuple[StaffLanguage, ...] = ("zh", "en")

# Languages written by people: each has a catalogue file of its own (kiosk/i18n/<language>.json) and
# a column in content files (`Text`); the pseudo-locale is made from English's.
TranslatedLanguage = Literal["zh", "en"]
TRANSLATED: tuple[TranslatedLanguage, ...] = get_args(TranslatedLanguage)


class Columns(Protocol):
    """Text with a column per translated language: a content file's `Text`, a staff slide's."""

    @property
    def zh(self) -> str: ...

    @property
    def en(self) -> str: ...


def in_language(columns: Columns, language: Language) -> str:
    """The column for `language`; the pseudo-locale's is English's, made pseudo."""
    match language:
        case "zh":
            return columns.zh
        case "en":
            return columns.en
        case "pseudo":
            return pseudo(columns.en)
        case _:
            assert_never(language)


def next_language(language: Language, offered: tuple[Language, ...]) -> Language:
    """The language a tap on the language switch turns to: the next one offered, round."""
    if language not in offered:
        return offered[0]
    return offered[(offered.index(language) + 1) % len(offered)]


def endonym(language: Language) -> str:
    """The language's name in itself, as the switch that turns to it reads."""
    match language:
        case "zh":
            return "中文"
        case "en":
            return "English"
        case "pseudo":
            return pseudo("English")
        case _:
            assert_never(language)


def ordinal(position: int, language: Language) -> str:
    """A place in a ranking: 第6 / 6th."""
    style = number_style(language)
    match style:
        case "source_units":
            return f"第{position}"
        case "converted":
            return f"{position}{ordinal_suffix(position, language)}"
        case _:
            assert_never(style)


def ordinal_suffix(position: int, language: Language) -> str:
    """What follows the number of a place, where the language writes one after it: 6th."""
    match language:
        case "zh":
            return ""  # 第6: the mark comes before the number
        case "en":
            return english_ordinal_suffix(position)
        case "pseudo":
            return pseudo(english_ordinal_suffix(position), bracket=False)
        case _:
            assert_never(language)


NumberStyle = Literal["source_units", "converted"]


def number_style(language: Language) -> NumberStyle:
    """How the language writes the source's figures: in the source's own units (1030亿元, 3.8万个),
    or converted into the scale its readers expect (103 billion yuan, 38,000)."""
    match language:
        case "zh":
            return "source_units"
        case "en" | "pseudo":
            return "converted"
        case _:
            assert_never(language)


def reads_by(language: Language) -> Literal["characters", "words"]:
    """What a reader's speed is counted in, for how long a slide stays."""
    match language:
        case "zh":
            return "characters"
        case "en" | "pseudo":
            return "words"
        case _:
            assert_never(language)


def english_ordinal_suffix(position: int) -> str:
    if 10 <= position % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(position % 10, "th")


_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _month_name(month: int, language: Language) -> str:
    match language:
        case "zh":
            return f"{month}月"
        case "en":
            return _MONTHS_EN[month - 1]
        case "pseudo":
            return pseudo(_MONTHS_EN[month - 1], bracket=False)
        case _:
            assert_never(language)


def partial_date(year: int, month: int, day: int, language: Language) -> str:
    """A date at the precision known (month and day 0 when unknown): 2023年5月15日 / 15 May 2023,
    2023年12月 / December 2023, 2023年 / 2023."""
    match language:
        case "zh":
            return f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
        case "en" | "pseudo":
            if not month:
                return str(year)
            month_name = _month_name(month, language)
            return f"{day} {month_name} {year}" if day else f"{month_name} {year}"
        case _:
            assert_never(language)


def day_and_month(day: dt.date, language: Language) -> str:
    """A day of the month, short, for the axis of a chart: 5月3日 / 3 May."""
    match language:
        case "zh":
            return f"{day.month}月{day.day}日"
        case "en" | "pseudo":
            return f"{day.day} {_month_name(day.month, language)[:3]}"
        case _:
            assert_never(language)


def full_date(day: dt.date, language: Language) -> str:
    """A whole date, short month: 2024年3月2日 / 2 Mar 2024."""
    match language:
        case "zh":
            return f"{day.year}年{day.month}月{day.day}日"
        case "en" | "pseudo":
            return f"{day_and_month(day, language)} {day.year}"
        case _:
            assert_never(language)


# The lower-case vowels the bundled font has accented forms of (its subset keeps Pinyin's tone marks).
_ACCENTED = str.maketrans("aeiou", "áéíóú")
_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")
_VOWEL = re.compile(r"[áéíóú]")
_PSEUDO_GROWTH = 0.4
_MOST_REPEATS = 3


def pseudo(text: str, bracket: bool = True) -> str:
    """English as the pseudo-locale writes it: vowels accented, 40 % longer (each accented vowel
    repeated, up to three more times, then `~` for words without vowels), in brackets; `{placeholders}`
    are kept as they are, so formatting still works. Words grow, they never join: lines still break."""
    core = text.strip()
    if not core:
        return text
    # Spaces around a fragment (" billion yuan", "over ") stay outside its brackets.
    before, after = text[: text.index(core)], text[text.index(core) + len(core) :]
    parts = _PLACEHOLDER.split(core)
    words = [part.translate(_ACCENTED) for part in parts[::2]]
    growth = math.ceil(sum(len(part) for part in words) * _PSEUDO_GROWTH)
    vowels = sum(len(_VOWEL.findall(part)) for part in words)
    share = min(_MOST_REPEATS, growth / vowels) if vowels else 0.0
    seen = 0

    def repeat(match: re.Match[str]) -> str:
        # The growth spread evenly over the vowels, so a long sentence grows in every word.
        nonlocal seen
        extra = math.floor((seen + 1) * share) - math.floor(seen * share)
        seen += 1
        return match.group() * (1 + extra)

    parts[::2] = [_VOWEL.sub(repeat, part) for part in words]
    grown = sum(len(part) for part in parts[::2]) - sum(len(part) for part in words)
    body = "".join(parts) + "~" * max(growth - grown, 0)
    return before + (f"[{body}]" if bracket else body) + after
