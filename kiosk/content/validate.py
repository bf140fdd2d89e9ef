"""Checks of a decoded pack that a schema cannot express.

Each check returns Problems phrased for the curator: which file, which JSON path, what is wrong.
The most important rule: no number reaches a visitor unless it is traceable to the source and
consistent with the formatter's rendering of a shown figure.
"""

from __future__ import annotations

import re

from kiosk.content.models import TOPICS, ContentPack, Figure
from kiosk.content.source_checks import check_figures, check_story_numbers
from kiosk.content.strings import REQUIRED_STRINGS
from kiosk.content.text_checks import check_duplicates, check_font, check_translations
from kiosk.documents.decoding import Problem


def validate_pack(pack: ContentPack, font_chars: set[int] | None = None) -> list[Problem]:
    """Every problem of the pack; empty when it is fit to show."""
    problems: list[Problem] = []
    problems += _check_ids(pack)
    problems += _check_meta(pack)
    problems += check_translations(pack)
    problems += check_figures(pack)
    problems += _check_references(pack)
    problems += check_story_numbers(pack)
    problems += check_duplicates(pack)
    if font_chars is not None:
        problems += check_font(pack, font_chars)
    return problems


def awaiting_confirmation(pack: ContentPack) -> list[Figure]:
    """Shown figures only the statistics box states, not yet confirmed by the client: the sign-off
    sheet's `confirm` column says `yes`. The kiosk shows them; a release is refused while any remains."""
    return [figure for figure in pack.shown_figures() if figure.confirm]


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
