"""Stories that quote figures by reference, so a figure's new value reaches every story.

In a story's body, `{figure_id}` stands for the figure as the kiosk shows it in that language
(`format_figure`: "1030亿元", "103 billion yuan"). A curator who changes a value on the sign-off
sheet changes every story that quotes it: `kiosk content import` rewrites only figures.json, and the
stories read the new value when the pack loads. A placeholder may name only a shown figure that the
story lists in its `figures`, so its number is checked like every other number in the story.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import msgspec

from kiosk.content.formatting import format_figure
from kiosk.content.models import LANGUAGES, Figure, Language, Story

PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


@dataclass(frozen=True)
class PlaceholderFault:
    """A placeholder that cannot be filled: where it is and why."""

    index: int
    language: str
    message: str


def fill_stories(
    stories: list[Story], figures: Mapping[str, Figure]
) -> tuple[list[Story], list[PlaceholderFault]]:
    """The stories with every placeholder replaced by its figure's text, and the placeholders that
    name no figure the story may quote (left as written)."""
    filled: list[Story] = []
    faults: list[PlaceholderFault] = []
    for index, story in enumerate(stories):
        texts: dict[str, str] = {}
        for language in LANGUAGES:
            text, messages = _fill(story, language, figures)
            texts[language] = text
            faults += [PlaceholderFault(index, language, message) for message in messages]
        body = msgspec.structs.replace(story.body, **texts)
        filled.append(story if body == story.body else msgspec.structs.replace(story, body=body))
    return filled, faults


def _fill(story: Story, language: Language, figures: Mapping[str, Figure]) -> tuple[str, list[str]]:
    written = story.body.get(language)
    parts: list[str] = []
    messages: list[str] = []
    end = 0
    for match in PLACEHOLDER.finditer(written):
        figure_id = match.group(1)
        figure = figures.get(figure_id)
        message = _fault(story, figure_id, figure)
        parts.append(written[end : match.start()])
        if figure is None or message:
            messages.append(message)
            parts.append(match.group(0))
        else:
            parts.append(format_figure(figure, language).text)
        end = match.end()
    parts.append(written[end:])
    return "".join(parts), messages


def _fault(story: Story, figure_id: str, figure: Figure | None) -> str:
    if figure is None:
        return f"{{{figure_id}}} names no figure in figures.json."
    if figure_id not in story.figures:
        return f"{{{figure_id}}} names a figure the story does not list in its figures."
    if figure.status != "shown":
        return f"{{{figure_id}}} names a withheld figure, which is never shown."
    return ""
