"""How long a slide needs on screen: the time to read its text, plus its figures counting up.

A visitor reads about 250 Chinese characters or 200 English words a minute on a wall display; a
slide's default duration is the slower of its two languages, plus the count-up, clamped to a range
a loop can live with. A playlist that gives an item's duration overrides it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar, assert_never

from kiosk.content.formatting import format_figure
from kiosk.content.models import LANGUAGES, ContentPack, Language, NotInPackError, Slide
from kiosk.i18n.languages import reads_by

CHINESE_CHARS_PER_MINUTE = 250
ENGLISH_WORDS_PER_MINUTE = 200
# Finding where to start, and a moment to look at the figures once they have landed.
ORIENTATION_S = 2.0
COUNT_UP_S = 1.8
STAGGER_S = 0.12
SHORTEST_S = 6.0
LONGEST_S = 30.0

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,%²-]*")

_Item = TypeVar("_Item")


def _named(find: Callable[[str], _Item], item_id: str) -> _Item | None:
    """What a slide names, or None when the pack lacks it: such a slide fails when it is built and the
    showcase skips it, but the loop's durations are worked out before that and must not stop there."""
    try:
        return find(item_id)
    except NotInPackError:
        return None


def slide_texts(slide: Slide, pack: ContentPack, language: Language) -> list[str]:
    """Every string a visitor reads on the slide, in `language`."""
    texts: list[str] = []
    if slide.title is not None:
        texts.append(slide.title.get(language))
    topic = _named(pack.topic, slide.topic)
    if slide.kind == "title" and topic is not None:
        texts += [topic.title.get(language), topic.subtitle.get(language)]
    figure_ids = list(slide.figures)
    story = _named(pack.story, slide.story) if slide.story is not None else None
    if story is not None:
        texts += [story.title.get(language), story.body.get(language)]
        figure_ids += story.figures
    chart = _named(pack.chart, slide.chart) if slide.chart is not None else None
    if chart is not None:
        texts.append(chart.title.get(language))
        if chart.caption is not None:
            texts.append(chart.caption.get(language))
        figure_ids += chart.figures
    for figure_id in figure_ids:
        figure = _named(pack.figure, figure_id)
        if figure is not None:
            texts += [format_figure(figure, language).text, figure.label.get(language)]
    return texts


def reading_time_s(text: str, language: Language) -> float:
    """Seconds to read `text`: Chinese by its characters, English by its words."""
    unit = reads_by(language)
    match unit:
        case "characters":
            han = len(_HAN.findall(text))
            words = len(_WORD.findall(_HAN.sub(" ", text)))
            return han * 60.0 / CHINESE_CHARS_PER_MINUTE + words * 60.0 / ENGLISH_WORDS_PER_MINUTE
        case "words":
            return len(_WORD.findall(text)) * 60.0 / ENGLISH_WORDS_PER_MINUTE
        case _:
            assert_never(unit)


def count_up_s(slide: Slide, pack: ContentPack) -> float:
    count = len(slide.figures)
    story = _named(pack.story, slide.story) if slide.story is not None else None
    if story is not None:
        count += len(story.figures)
    return 0.0 if count == 0 else COUNT_UP_S + STAGGER_S * (count - 1)


def default_durations(pack: ContentPack) -> dict[str, float]:
    """Every catalogue slide's `default_duration_s`, by slide id."""
    return {slide.id: default_duration_s(slide, pack) for slide in pack.slides}


def default_duration_s(slide: Slide, pack: ContentPack) -> float:
    """The slide's time on screen when a playlist does not say: whole seconds, within the range."""
    reading = max(reading_time_s(" ".join(slide_texts(slide, pack, lang)), lang) for lang in LANGUAGES)
    wanted = ORIENTATION_S + reading + count_up_s(slide, pack)
    return float(min(LONGEST_S, max(SHORTEST_S, round(wanted + 0.49))))
