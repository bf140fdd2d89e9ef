"""Checks that tie numbers to the source article: each shown figure quoted from it verbatim and
stating its value, and every number in a story the value of a figure the story names."""

from __future__ import annotations

import re

from kiosk.content.formatting import FormatError, format_figure
from kiosk.content.models import LANGUAGES, ContentPack
from kiosk.documents.decoding import Problem
from kiosk.i18n.languages import ordinal

MAX_SOURCE_CHARS = 40
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CHINESE_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_YEARS = range(2020, 2031)


def check_figures(pack: ContentPack) -> list[Problem]:
    problems: list[Problem] = []
    for index, figure in enumerate(pack.figures):
        path = f"$.figures[{index}]"

        def add(field: str, message: str, path: str = path) -> None:
            problems.append(Problem("figures.json", f"{path}.{field}" if field else path, message))

        try:
            for language in LANGUAGES:
                format_figure(figure, language)
        except FormatError as error:
            add("value", f"cannot be displayed: {error}.")
            continue
        if not figure.source.strip():
            add("source", "the source quote is missing.")
        elif len(figure.source) > MAX_SOURCE_CHARS:
            add(
                "source",
                f"the source quote has {len(figure.source)} characters; quote at most "
                f"{MAX_SOURCE_CHARS}, the shortest fragment that states the figure.",
            )
        if figure.status == "withheld" and not figure.note.strip():
            add("note", "a withheld figure needs a note saying why it is withheld.")
        if figure.confirm and not figure.note.strip():
            add("note", "a figure awaiting the client's confirmation needs a note saying why.")
        if (
            pack.source_text
            and figure.source.strip()
            and not quote_in_source(figure.source, pack.source_text)
        ):
            add(
                "source",
                f"the quote {figure.source!r} is not in the source article, character for character.",
            )
        if figure.ranking is not None:
            ranking = figure.ranking
            if ranking.position < 1 or (ranking.out_of is not None and ranking.position > ranking.out_of):
                add(
                    "ranking.position",
                    f"position {ranking.position} is impossible out of {ranking.out_of}.",
                )
        if figure.status != "shown":
            continue
        if not number_in_quote(figure.value, figure.source):
            add(
                "value",
                f"the shown value {figure.value} does not appear in its source quote {figure.source!r}.",
            )
        if figure.ranking is not None and not number_in_quote(str(figure.ranking.position), figure.source):
            add(
                "ranking.position",
                f"the ranking {figure.ranking.position} does not appear in its source quote "
                f"{figure.source!r}.",
            )
        if figure.unit == "rank" and (figure.ranking is None or str(figure.ranking.position) != figure.value):
            add("ranking", "a rank figure needs a ranking whose position equals its value.")
    return problems


def check_story_numbers(pack: ContentPack) -> list[Problem]:
    """Every number in a story must be the formatted value of a figure the story names."""
    problems: list[Problem] = []
    figures = {figure.id: figure for figure in pack.figures}
    events = {event.id: event for event in pack.events}
    for index, story in enumerate(pack.stories):
        for language in LANGUAGES:
            allowed = {str(year) for year in _YEARS}
            for figure_id in story.figures:
                figure = figures.get(figure_id)
                if figure is None:
                    continue
                allowed.add(format_figure(figure, language).number_text)
                if figure.ranking is not None:
                    allowed.add(str(figure.ranking.position))
                    if figure.ranking.out_of is not None:
                        allowed.add(str(figure.ranking.out_of))
            for event_id in story.events:
                if event_id in events:
                    allowed.update(str(int(part)) for part in events[event_id].date.split("-"))
            body = story.body.get(language)
            for match in _NUMBER.finditer(body):
                number = match.group().rstrip(",")
                if number not in allowed and _strip_ordinal(body, match) not in allowed:
                    problems.append(
                        Problem(
                            "stories.json",
                            f"$.stories[{index}].body.{language}",
                            f"the number {number} matches no figure the story names "
                            f"({', '.join(story.figures) or 'none'}).",
                        )
                    )
    return problems


def _strip_ordinal(body: str, match: re.Match[str]) -> str:
    number = match.group()
    suffix = body[match.end() : match.end() + 2]
    if number.isdigit() and ordinal(int(number), "en") == number + suffix:
        return number
    return ""


def quote_in_source(quote: str, source_text: str) -> bool:
    """Whether `quote` is a verbatim fragment of the article (the article's own half-width
    punctuation and traditional forms included)."""
    return quote in source_text


def number_in_quote(value: str, quote: str) -> bool:
    """Whether `value` is stated in `quote`, as digits or as a Chinese numeral (第二, 十大)."""
    compact = quote.replace(" ", "")
    if re.search(rf"(?<![\d.]){re.escape(value)}(?![\d]|\.\d)", compact):
        return True
    if value.isdigit():
        return any(
            _chinese_numeral(token) == int(value)
            for token in re.findall(r"[零一二两三四五六七八九十]+", compact)
        )
    return False


def _chinese_numeral(token: str) -> int | None:
    if token in _CHINESE_DIGITS:
        return _CHINESE_DIGITS[token]
    if "十" in token:
        tens_text, _, units_text = token.partition("十")
        tens = _CHINESE_DIGITS.get(tens_text, -1) if tens_text else 1
        units = _CHINESE_DIGITS.get(units_text, -1) if units_text else 0
        if tens >= 0 and units >= 0:
            return tens * 10 + units
    return None
