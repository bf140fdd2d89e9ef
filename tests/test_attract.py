"""An attract loop that invites: a bilingual call to action seen from across the hall, a tap that
lands on the topic the showcase was showing, and slides that stay long enough to be read."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from kiosk_factory import VISITOR_PACE_S, KioskUnderTest, MakeKiosk
from kiosk_harness import discard
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.clock import ManualClock
from kiosk.content.models import VISITOR_TOPICS, Language
from kiosk.content.reading import LONGEST_S, SHORTEST_S, default_duration_s, reading_time_s, slide_texts
from kiosk.playlist.sequencer import Sequencer, builtin_loop
from kiosk.settings import Locations, Settings
from kiosk.ui.runtime.startup import Runtime, build_showcase, load_state
from kiosk.ui.style import theme
from kiosk.ui.visitor.pages.page import Page


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk) -> KioskUnderTest:
    return make_kiosk(playlist="full")


def current_page_id(kiosk: KioskUnderTest) -> str:
    page = kiosk.shell.visitor.stack.currentWidget()
    assert isinstance(page, Page)
    return page.page_id


def play_until_topic(kiosk: KioskUnderTest, topic: str) -> str:
    for _ in range(300):  # the full loop, every slide at its reading time: about eight minutes
        if kiosk.shell.player.current_topic() == topic:
            cue = kiosk.shell.player.cue
            assert cue is not None
            return cue.slide
        kiosk.advance(2.0)
    raise AssertionError(f"no {topic} slide came up")


@pytest.mark.parametrize("topic", VISITOR_TOPICS)
def test_a_tap_on_a_topic_slide_opens_that_topic(kiosk: KioskUnderTest, topic: str) -> None:
    slide = play_until_topic(kiosk, topic)
    kiosk.tap(kiosk.shell.player, VISITOR_PACE_S)
    assert kiosk.shell.showing_visitor_pages()
    assert current_page_id(kiosk) == topic, f"a tap on {slide} opens {topic}"
    kiosk.tap(kiosk.shell.visitor.nav.back_button, VISITOR_PACE_S)
    assert current_page_id(kiosk) == "hub", "Back leads to the hub"


def test_a_tap_on_the_opening_slide_opens_the_hub(kiosk: KioskUnderTest) -> None:
    assert kiosk.shell.player.current_topic() == "intro"
    kiosk.tap(kiosk.shell.player, VISITOR_PACE_S)
    assert current_page_id(kiosk) == "hub"


def test_the_invitation_is_bilingual_large_and_breathes(kiosk: KioskUnderTest) -> None:
    invitation = kiosk.shell.player.cue_label
    assert invitation.isVisible()
    assert "轻触屏幕 开始探索" in invitation.text and "Touch to explore" in invitation.text
    assert invitation.text_font().pixelSize() >= 34, "legible from 3 m: well above the 26 px grey cue"
    assert invitation.pill_rect().height() >= theme.TOUCH_TARGET_PX * 0.8
    assert invitation.animating()
    first = invitation.grab().toImage()
    kiosk.clock.advance(1.2)  # half a breath
    second = invitation.grab().toImage()
    assert first != second, "the halo moves"
    assert kiosk.shell.player.rect().contains(invitation.geometry()), "fully on screen"


def test_reduced_motion_keeps_the_invitation_still(runtime: Runtime, tmp_path: Path) -> None:
    clock = ManualClock(start=dt.datetime(2024, 3, 1, 12, 0))
    locations = Locations(config_dir=tmp_path, data_dir=tmp_path / "data")
    state = load_state(runtime, clock, locations, Settings(reduced_motion=True))
    player = build_showcase(state, runtime.family, clock, forced_playlist="short")
    player.resize(1920, 1080)
    player.show()
    player.start()
    assert player.cue_label.isVisible() and not player.cue_label.animating()
    discard(player)


def test_display_only_shows_no_invitation_to_touch(runtime: Runtime, tmp_path: Path) -> None:
    clock = ManualClock(start=dt.datetime(2024, 3, 1, 12, 0))
    locations = Locations(config_dir=tmp_path, data_dir=tmp_path / "data")
    state = load_state(runtime, clock, locations, Settings(display_only=True))
    player = build_showcase(state, runtime.family, clock, forced_playlist="short")
    player.resize(1920, 1080)
    player.show()
    player.start()
    QApplication.processEvents()
    assert not player.cue_label.isVisible()
    assert not player.cue_label.animating(), "and costs nothing"
    discard(player)


def test_reading_rates() -> None:
    assert reading_time_s("新" * 250, "zh") == pytest.approx(60.0)
    assert reading_time_s(" ".join(["word"] * 200), "en") == pytest.approx(60.0)
    assert reading_time_s("2023年以来，专班服务重大项目115个", "zh") > reading_time_s("专班服务", "zh")


def test_a_slide_stays_long_enough_to_read(runtime: Runtime) -> None:
    pack = runtime.pack
    for slide in pack.slides:
        duration = default_duration_s(slide, pack)
        assert SHORTEST_S <= duration <= LONGEST_S
        for language in ("zh", "en"):
            needed = reading_time_s(" ".join(slide_texts(slide, pack, language)), language)
            assert duration >= min(LONGEST_S, needed), f"{slide.id} ({language}) needs {needed:.1f} s"
    stories = [slide for slide in pack.slides if slide.kind == "story"]
    assert all(default_duration_s(slide, pack) > 12 for slide in stories), "12 s was too short for a story"


def test_the_builtin_loop_uses_the_default_durations_and_a_playlist_overrides(runtime: Runtime) -> None:
    pack = runtime.pack
    durations = {slide.id: default_duration_s(slide, pack) for slide in pack.slides}
    loop = builtin_loop(list(durations), durations)
    sequencer = Sequencer(loop, loop)
    cue = sequencer.start(0.0)
    assert cue.duration_s == durations[cue.slide]
    override = loop.items[0]
    explicit = builtin_loop([override.slide], {override.slide: 5.0})
    assert Sequencer(explicit, loop).start(0.0).duration_s == 5.0


@pytest.mark.parametrize(
    "size", [(1920, 1080), (1080, 1920), (3840, 2160)], ids=["landscape", "portrait", "4k"]
)
@pytest.mark.parametrize("language", ["zh", "en", "pseudo"])
def test_the_invitation_keeps_clear_of_the_source_credit(
    runtime: Runtime, tmp_path: Path, size: tuple[int, int], language: Language
) -> None:
    clock = ManualClock(start=dt.datetime(2024, 3, 1, 12, 0))
    locations = Locations(config_dir=tmp_path, data_dir=tmp_path / "data")
    player = build_showcase(load_state(runtime, clock, locations, Settings()), runtime.family, clock, "short")
    player.resize(*size)
    player.show()
    player.set_language(language)
    player.start()
    QApplication.processEvents()
    credit = runtime.pack.text("figure.source_credit", language)
    labels = [label for label in player.findChildren(QLabel) if label.text() == credit and label.isVisible()]
    assert labels
    for label in labels:
        ink = QSize(label.fontMetrics().horizontalAdvance(credit), label.height())
        box = QRect(label.mapTo(player, QPoint(0, 0)), ink)
        assert not box.intersects(player.cue_label.geometry())
    assert player.rect().contains(player.cue_label.geometry())
    discard(player)


@pytest.mark.parametrize("playlist", ["full", "short", "figures"])
def test_a_bundled_playlist_plays_each_slide_at_least_its_reading_time(
    runtime: Runtime, playlist: str
) -> None:
    """A playlist's duration overrides the slide's own: 12 s cut a story that takes 30 s to read."""
    path = Path(__file__).resolve().parent.parent / "assets" / "playlists" / f"{playlist}.json"
    items = json.loads(path.read_text(encoding="utf-8"))["items"]
    short = [
        f"{item['slide']}: {item['duration_s']} s of {needed} s"
        for item in items
        if item["duration_s"]
        < (needed := default_duration_s(runtime.pack.slide(item["slide"]), runtime.pack))
    ]
    assert short == []
