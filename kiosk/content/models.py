"""Typed models of the content pack: one msgspec Struct per JSON file.

The pack is split into files so that a validation error names the file a curator must open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, Protocol, TypeVar

import msgspec

from kiosk.i18n.catalogue import is_visitor_key, visitor_text
from kiosk.i18n.languages import TRANSLATED, TranslatedLanguage, in_language
from kiosk.i18n.languages import Language as Language

# The languages a content file carries text in.
LANGUAGES: tuple[Language, ...] = TRANSLATED

Topic = Literal["intro", "industry", "innovation", "livelihood", "regional"]
TOPICS: tuple[Topic, ...] = ("intro", "industry", "innovation", "livelihood", "regional")
VISITOR_TOPICS: tuple[Topic, ...] = ("industry", "innovation", "livelihood", "regional")

Status = Literal["shown", "withheld"]
Qualifier = Literal["exact", "over", "about"]

# Units the one formatter knows. A unit outside this list fails validation, so a figure can never
# reach the screen in a unit nobody has decided how to print in English.
Unit = Literal[
    "亿元",
    "万元",
    "%",
    "个",
    "家",
    "项",
    "件",
    "条",
    "栋",
    "万个",
    "万人",
    "万平方米",
    "平方公里",
    "亩",
    "rank",
    "",
]


class Text(msgspec.Struct, forbid_unknown_fields=True):
    """A visitor-facing string in each language a content file carries."""

    zh: str
    en: str

    def get(self, language: Language) -> str:
        return in_language(self, language)


def with_text(text: Text, language: TranslatedLanguage, words: str) -> Text:
    """`text` with its `language` column replaced by `words`."""
    return msgspec.structs.replace(text, **{language: words})


def text_in_each(words: Callable[[TranslatedLanguage], str]) -> Text:
    """A `Text` with `words(language)` in each language's column."""
    return Text(**{language: words(language) for language in TRANSLATED})


class Ranking(msgspec.Struct, forbid_unknown_fields=True):
    position: int
    among: Text
    # The size of the field, only where the source states it ("全国19个国家级新区中…第六").
    out_of: int | None = None


class Figure(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    topic: Topic
    value: str
    unit: Unit
    label: Text
    context: Text
    source: str
    status: Status
    qualifier: Qualifier = "exact"
    ranking: Ranking | None = None
    in_box: bool = False
    # Shown, but only the statistics box states it and the article's body never confirms it:
    # the sign-off sheet asks the client to confirm it explicitly.
    confirm: bool = False
    note: str = ""


class FiguresFile(msgspec.Struct, forbid_unknown_fields=True):
    figures: list[Figure]


class Story(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    topic: Topic
    icon: str
    title: Text
    body: Text
    figures: list[str] = []
    events: list[str] = []


class StoriesFile(msgspec.Struct, forbid_unknown_fields=True):
    stories: list[Story]


ChartKind = Literal["bars", "ranks", "ring", "network"]


class Chart(msgspec.Struct, forbid_unknown_fields=True):
    """A chart draws figures of the pack; it never carries numbers of its own."""

    id: str
    topic: Topic
    kind: ChartKind
    title: Text
    figures: list[str]
    caption: Text | None = None
    # For a ring: the figure that is the whole, when the share is a part of it (247 of 262).
    whole: str | None = None


class ChartsFile(msgspec.Struct, forbid_unknown_fields=True):
    charts: list[Chart]


class Event(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    topic: Topic
    # ISO 8601 at the precision the source gives: "2023", "2023-12" or "2023-05-15".
    date: str
    title: Text
    source: str


class EventsFile(msgspec.Struct, forbid_unknown_fields=True):
    events: list[Event]


NodeKind = Literal["hub", "enclave", "alliance", "partner"]


class NetworkNode(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    kind: NodeKind
    name: Text
    role: Text


class NetworkLink(msgspec.Struct, forbid_unknown_fields=True):
    source: str
    target: str


class NetworkFile(msgspec.Struct, forbid_unknown_fields=True):
    title: Text
    nodes: list[NetworkNode]
    links: list[NetworkLink]


SlideKind = Literal["figures_wall", "spotlight", "chart", "title", "story"]


class Slide(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    kind: SlideKind
    topic: Topic
    title: Text | None = None
    figures: list[str] = []
    chart: str | None = None
    story: str | None = None
    # The slide's own source credit, where it is not the article's (the statistics box's wall).
    credit: Text | None = None


class SlidesFile(msgspec.Struct, forbid_unknown_fields=True):
    slides: list[Slide]


class StringsFile(msgspec.Struct, forbid_unknown_fields=True):
    strings: dict[str, Text]


class TopicInfo(msgspec.Struct, forbid_unknown_fields=True):
    id: Topic
    icon: str
    title: Text
    subtitle: Text
    # The short name on the navigation bar.
    nav: Text
    # What the topic's page leads with: figures that count up, then charts.
    hero: list[str] = []
    charts: list[str] = []


class PackMeta(msgspec.Struct, forbid_unknown_fields=True):
    schema_version: int
    id: str
    version: str
    year: int
    title: Text
    source_attribution: Text
    source_title: Text
    topics: list[TopicInfo]


class ContentPack(msgspec.Struct):
    """The whole pack, once every file has decoded."""

    meta: PackMeta
    figures: list[Figure]
    stories: list[Story]
    charts: list[Chart]
    events: list[Event]
    network: NetworkFile
    slides: list[Slide]
    strings: dict[str, Text]
    # The article as extracted, when the pack carries it (source.txt): quotes are checked against it.
    source_text: str = ""

    def figure(self, figure_id: str) -> Figure:
        return _by_id(self.figures, figure_id, "figure")

    def slide(self, slide_id: str) -> Slide:
        return _by_id(self.slides, slide_id, "slide")

    def story(self, story_id: str) -> Story:
        return _by_id(self.stories, story_id, "story")

    def chart(self, chart_id: str) -> Chart:
        return _by_id(self.charts, chart_id, "chart")

    def topic(self, topic_id: str) -> TopicInfo:
        return _by_id(self.meta.topics, topic_id, "topic")

    def slide_title(self, slide_id: str, language: Language) -> str:
        """What staff call a slide: its title, else its story's, chart's, first figure's or topic's;
        its id when the pack has no such slide (a staff slide, or one a newer pack dropped)."""
        try:
            slide = self.slide(slide_id)
        except NotInPackError:
            return slide_id
        if slide.title is not None:
            return slide.title.get(language)
        if slide.story is not None:
            return self.story(slide.story).title.get(language)
        if slide.chart is not None:
            return self.chart(slide.chart).title.get(language)
        if slide.figures:
            return self.figure(slide.figures[0]).label.get(language)
        return self.topic(slide.topic).title.get(language)

    def shown_figures(self) -> list[Figure]:
        return [figure for figure in self.figures if figure.status == "shown"]

    def text(self, key: str, language: Language) -> str:
        found = self.strings.get(key)
        if found is None and is_visitor_key(key):
            return visitor_text(key, language)
        return self.strings[key].get(language)


class NotInPackError(KeyError):
    """A lookup by id found nothing: the message names the kind of item and the id."""

    def __init__(self, kind: str, item_id: str) -> None:
        self.kind = kind
        self.item_id = item_id
        super().__init__(f"the content pack has no {kind} with the id {item_id!r}.")

    def __str__(self) -> str:
        # KeyError's own str() shows the repr of its argument, quotes and all; this is a sentence.
        return str(self.args[0])


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_Identified)


def _by_id(items: Iterable[_Item], item_id: str, kind: str) -> _Item:
    for item in items:
        if item.id == item_id:
            return item
    raise NotInPackError(kind, item_id)
