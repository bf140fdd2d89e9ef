"""Looking items of the content pack up by id: `slide()`, `story()`, `chart()`, `topic()`, `figure()`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from kiosk.content.loader import DirectorySource, load_pack
from kiosk.content.models import ContentPack, NotInPackError
from kiosk.content.reading import SHORTEST_S, default_duration_s, default_durations

PACK: ContentPack = load_pack(DirectorySource(Path(__file__).resolve().parent.parent / "assets" / "content"))


def test_each_kind_is_found_by_its_id() -> None:
    for items, lookup in (
        (PACK.slides, PACK.slide),
        (PACK.stories, PACK.story),
        (PACK.charts, PACK.chart),
        (PACK.meta.topics, PACK.topic),
        (PACK.figures, PACK.figure),
    ):
        assert items, "the bundled pack has some of each"
        for item in items:
            assert lookup(item.id) is item


def test_every_reference_a_slide_makes_resolves_in_the_bundled_pack() -> None:
    for slide in PACK.slides:
        assert PACK.topic(slide.topic).id == slide.topic
        if slide.story is not None:
            assert PACK.story(slide.story).id == slide.story
        if slide.chart is not None:
            assert PACK.chart(slide.chart).id == slide.chart


@pytest.mark.parametrize(
    ("lookup", "kind"),
    [
        (PACK.slide, "slide"),
        (PACK.story, "story"),
        (PACK.chart, "chart"),
        (PACK.topic, "topic"),
        (PACK.figure, "figure"),
    ],
)
def test_an_unknown_id_is_a_key_error_whose_sentence_names_the_kind_and_the_id(
    lookup: Callable[[str], object], kind: str
) -> None:
    with pytest.raises(KeyError) as raised:
        lookup("no_such_thing")
    assert str(raised.value) == f"the content pack has no {kind} with the id 'no_such_thing'."
    assert isinstance(raised.value, NotInPackError)
    assert (raised.value.kind, raised.value.item_id) == (kind, "no_such_thing")


def test_slide_titles_come_from_the_slide_or_what_it_shows() -> None:
    wall = PACK.slide("wall_intro")
    assert wall.title is not None
    assert PACK.slide_title("wall_intro", "en") == wall.title.en
    assert PACK.slide_title("story_industry_flagships", "zh") == PACK.story("industry_flagships").title.zh
    assert PACK.slide_title("chart_intro_shares", "en") == PACK.chart("intro_shares").title.en
    spotlight = PACK.slide("spotlight_investment")
    assert PACK.slide_title("spotlight_investment", "en") == PACK.figure(spotlight.figures[0]).label.en
    assert PACK.slide_title("title_regional", "zh") == PACK.topic("regional").title.zh


def test_a_slide_the_pack_lacks_is_called_by_its_id() -> None:
    """A staff slide, or one a newer pack dropped, still has a name on the staff pages."""
    assert PACK.slide_title("welcome-delegation", "zh") == "welcome-delegation"


@pytest.mark.parametrize(
    "broken",
    [{"chart": "no_such_chart"}, {"story": "no_such_story"}, {"figures": ["no_such_figure"]}],
)
def test_a_slide_naming_what_the_pack_lacks_still_gets_a_duration(broken: dict[str, object]) -> None:
    """The showcase skips such a slide when it fails to build; working out the loop's durations
    beforehand must not stop the kiosk."""
    slide = msgspec.structs.replace(PACK.slides[0], id="broken", **broken)
    pack = msgspec.structs.replace(PACK, slides=[*PACK.slides, slide])
    assert default_durations(pack)["broken"] == default_duration_s(slide, pack) >= SHORTEST_S
