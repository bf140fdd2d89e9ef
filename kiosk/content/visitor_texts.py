"""Every string a visitor can see in a pack, with the file and JSON path it comes from."""

from __future__ import annotations

from collections.abc import Iterator

from kiosk.content.models import ContentPack, Text


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
        if slide.credit is not None:
            yield "slides.json", f"$.slides[{index}].credit", slide.credit
    for key, text in pack.strings.items():
        yield "strings.json", f"$.strings[{key!r}]", text
