"""Checks of a decoded pack that a schema cannot express.

Each check returns Problems phrased for the curator: which file, which JSON path, what is wrong.
The most important rule: no number reaches a visitor unless it is traceable to the source and
consistent with the formatter's rendering of a shown figure.
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from kiosk.content.formatting import FormatError, format_figure, ordinal
from kiosk.content.loader import Problem
from kiosk.content.models import (
    LANGUAGES,
    TOPICS,
    ContentPack,
    Figure,
    Text,
)
from kiosk.content.strings import REQUIRED_STRINGS

MAX_SOURCE_CHARS = 40
MIN_DUPLICATE_CHARS = 6
_HAN = re.compile(r"[\u3400-\u9fff]")
# Half-width punctuation next to Chinese text is an extraction fault of the source.
_HALF_WIDTH_IN_ZH = re.compile(r"(?<=[\u3400-\u9fff])[,;:?!()]|[,;:?!()](?=[\u3400-\u9fff])")
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
# Characters outside GB2312 that Chinese typography needs and the bundled font keeps.
_ZH_EXTRA_CHARS = set("—–·")
_YEARS = range(2020, 2031)


def validate_pack(pack: ContentPack, font_chars: set[int] | None = None) -> list[Problem]:
    """Every problem of the pack; empty when it is fit to show."""
    problems: list[Problem] = []
    problems += _check_ids(pack)
    problems += _check_meta(pack)
    problems += _check_translations(pack)
    problems += _check_figures(pack)
    problems += _check_references(pack)
    problems += _check_story_numbers(pack)
    problems += _check_duplicates(pack)
    if font_chars is not None:
        problems += _check_font(pack, font_chars)
    return problems


def visitor_texts(pack: ContentPack) -> Iterator[tuple[str, str, Text]]:
    """(file, JSON path, text) of every string a visitor can see; withheld figures are not seen."""
    yield "pack.json", "$.title", pack.meta.title
    yield "pack.json", "$.source_attribution", pack.meta.source_attribution
    yield "pack.json", "$.source_title", pack.meta.source_title
    for index, topic in enumerate(pack.meta.topics):
        yield "pack.json", f"$.topics[{index}].title", topic.title
        yield "pack.json", f"$.topics[{index}].subtitle", topic.subtitle
        yield "pack.json", f"$.topics[{index}].nav", topic.nav
    for index, figure in enumerate(pack.figures):
        if figure.status == "shown":
            yield "figures.json", f"$.figures[{index}].label", figure.label
            yield "figures.json", f"$.figures[{index}].context", figure.context
    for index, story in enumerate(pack.stories):
        yield "stories.json", f"$.stories[{index}].title", story.title
        yield "stories.json", f"$.stories[{index}].body", story.body
    for index, chart in enumerate(pack.charts):
        yield "charts.json", f"$.charts[{index}].title", chart.title
        if chart.caption is not None:
            yield "charts.json", f"$.charts[{index}].caption", chart.caption
    for index, event in enumerate(pack.events):
        yield "events.json", f"$.events[{index}].title", event.title
    yield "network.json", "$.title", pack.network.title
    for index, node in enumerate(pack.network.nodes):
        yield "network.json", f"$.nodes[{index}].name", node.name
        yield "network.json", f"$.nodes[{index}].role", node.role
    for index, slide in enumerate(pack.slides):
        if slide.title is not None:
            yield "slides.json", f"$.slides[{index}].title", slide.title
    for key, text in pack.strings.items():
        yield "strings.json", f"$.strings[{key!r}]", text


def _check_ids(pack: ContentPack) -> list[Problem]:
    problems: list[Problem] = []
    collections: list[tuple[str, str, list[str]]] = [
        ("figures.json", "figures", [item.id for item in pack.figures]),
        ("stories.json", "stories", [item.id for item in pack.stories]),
        ("charts.json", "charts", [item.id for item in pack.charts]),
        ("events.json", "events", [item.id for item in pack.events]),
        ("network.json", "nodes", [item.id for item in pack.network.nodes]),
        ("slides.json", "slides", [item.id for item in pack.slides]),
    ]
    for file, key, ids in collections:
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if not re.fullmatch(r"[a-z][a-z0-9_]*", item_id):
                problems.append(
                    Problem(file, f"$.{key}[{index}].id", f"id {item_id!r} must be lower_snake_case.")
                )
            if item_id in seen:
                problems.append(Problem(file, f"$.{key}[{index}].id", f"id {item_id!r} is used twice."))
            seen.add(item_id)
    return problems


def _check_meta(pack: ContentPack) -> list[Problem]:
    problems: list[Problem] = []
    listed = [topic.id for topic in pack.meta.topics]
    for topic in TOPICS:
        if listed.count(topic) != 1:
            problems.append(Problem("pack.json", "$.topics", f"topic {topic!r} must be listed exactly once."))
    for key in REQUIRED_STRINGS:
        if key not in pack.strings:
            problems.append(
                Problem("strings.json", "$.strings", f"the string {key!r} the screens use is missing.")
            )
    return problems


def _check_translations(pack: ContentPack) -> list[Problem]:
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


def _check_figures(pack: ContentPack) -> list[Problem]:
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


def _check_references(pack: ContentPack) -> list[Problem]:
    problems: list[Problem] = []
    figures = {figure.id: figure for figure in pack.figures}
    stories = {story.id for story in pack.stories}
    charts = {chart.id: chart for chart in pack.charts}
    events = {event.id for event in pack.events}
    nodes = {node.id for node in pack.network.nodes}

    def check_figure(file: str, path: str, figure_id: str) -> Figure | None:
        figure = figures.get(figure_id)
        if figure is None:
            problems.append(Problem(file, path, f"refers to figure {figure_id!r}, which does not exist."))
        elif figure.status != "shown":
            problems.append(
                Problem(
                    file,
                    path,
                    f"refers to figure {figure_id!r}, which is withheld and never shown.",
                )
            )
        return figure

    for index, story in enumerate(pack.stories):
        for position, figure_id in enumerate(story.figures):
            check_figure("stories.json", f"$.stories[{index}].figures[{position}]", figure_id)
        for position, event_id in enumerate(story.events):
            if event_id not in events:
                problems.append(
                    Problem(
                        "stories.json",
                        f"$.stories[{index}].events[{position}]",
                        f"refers to event {event_id!r}, which does not exist.",
                    )
                )

    for index, chart in enumerate(pack.charts):
        path = f"$.charts[{index}]"
        chart_figures = [
            check_figure("charts.json", f"{path}.figures[{position}]", figure_id)
            for position, figure_id in enumerate(chart.figures)
        ]
        known = [figure for figure in chart_figures if figure is not None]
        if chart.whole is not None:
            whole = check_figure("charts.json", f"{path}.whole", chart.whole)
            if whole is not None and known and whole.unit != known[0].unit:
                problems.append(
                    Problem("charts.json", f"{path}.whole", "the whole must share its part's unit.")
                )
        problems += _chart_shape_problems(chart.kind, chart.whole, known, f"{path}")

    for index, topic in enumerate(pack.meta.topics):
        for position, figure_id in enumerate(topic.hero):
            check_figure("pack.json", f"$.topics[{index}].hero[{position}]", figure_id)
        for position, chart_id in enumerate(topic.charts):
            if chart_id not in charts:
                problems.append(
                    Problem(
                        "pack.json",
                        f"$.topics[{index}].charts[{position}]",
                        f"refers to chart {chart_id!r}, which does not exist.",
                    )
                )

    for index, slide in enumerate(pack.slides):
        path = f"$.slides[{index}]"
        for position, figure_id in enumerate(slide.figures):
            check_figure("slides.json", f"{path}.figures[{position}]", figure_id)
        if slide.chart is not None and slide.chart not in charts:
            problems.append(
                Problem(
                    "slides.json",
                    f"{path}.chart",
                    f"refers to chart {slide.chart!r}, which does not exist.",
                )
            )
        if slide.story is not None and slide.story not in stories:
            problems.append(
                Problem(
                    "slides.json",
                    f"{path}.story",
                    f"refers to story {slide.story!r}, which does not exist.",
                )
            )
        expected = {
            "spotlight": (len(slide.figures) == 1, "a spotlight shows exactly one figure."),
            "figures_wall": (
                2 <= len(slide.figures) <= 12,
                "a figures wall shows 2 to 12 figures.",
            ),
            "chart": (slide.chart is not None, "a chart slide names its chart."),
            "story": (slide.story is not None, "a story slide names its story."),
            "title": (True, ""),
        }[slide.kind]
        if not expected[0]:
            problems.append(Problem("slides.json", path, expected[1]))

    for index, link in enumerate(pack.network.links):
        for end in ("source", "target"):
            node_id = getattr(link, end)
            if node_id not in nodes:
                problems.append(
                    Problem(
                        "network.json",
                        f"$.links[{index}].{end}",
                        f"refers to node {node_id!r}, which does not exist.",
                    )
                )
    return problems


def _chart_shape_problems(kind: str, whole: str | None, figures: list[Figure], path: str) -> list[Problem]:
    def problem(message: str) -> list[Problem]:
        return [Problem("charts.json", path, message)]

    if kind == "ring":
        if len(figures) != 1:
            return problem("a ring shows exactly one share.")
        if whole is None and figures[0].unit != "%":
            return problem("a ring without a whole needs a percentage figure.")
    elif kind == "bars":
        if len(figures) < 2:
            return problem("a bar chart compares at least two figures.")
        if len({figure.unit for figure in figures}) > 1:
            return problem("the bars of one chart must share a unit.")
    elif kind == "ranks":
        if any(figure.ranking is None for figure in figures):
            return problem("every figure of a ranks chart needs a ranking.")
    elif kind == "network" and figures:
        return problem("a network chart draws network.json and takes no figures.")
    return []


def _check_story_numbers(pack: ContentPack) -> list[Problem]:
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
    if number.isdigit() and ordinal(int(number)) == number + suffix:
        return number
    return ""


def _check_duplicates(pack: ContentPack) -> list[Problem]:
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


def _check_font(pack: ContentPack, font_chars: set[int]) -> list[Problem]:
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
