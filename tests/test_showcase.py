"""The attract loop as a visitor and an operator meet it, driven by the injected clock."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from kiosk_harness import current_slide, discard
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.clock import ManualClock
from kiosk.content.models import ContentPack, Slide, Text
from kiosk.content.reading import default_duration_s
from kiosk.playlist.models import SCHEMA_VERSION, Playlist, PlaylistItem, Schedule, ScheduleRule, Transition
from kiosk.playlist.program import Program
from kiosk.playlist.sequencer import BUILTIN_PLAYLIST_ID
from kiosk.playlist.store import Library, load_library
from kiosk.settings import Settings
from kiosk.ui.runtime.render import grab
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase.kinds import build_slide
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.showcase.slides import FiguresWallSlide
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.style.resources import bundled_playlists
from kiosk.ui.widgets.figure_tile import FigureTile

LANDSCAPE = QSize(1920, 1080)
FRIDAY_NOON = dt.datetime(2024, 3, 1, 12, 0)


@pytest.fixture(autouse=True)
def players(qapp: QApplication) -> Iterator[list[ShowcasePlayer]]:
    """Players made by a test are destroyed before the next test, not at interpreter exit."""
    made: list[ShowcasePlayer] = []
    yield made
    discard(*made)


def playlist(playlist_id: str, *items: tuple[str, float] | tuple[str, float, Transition, bool]) -> Playlist:
    entries = []
    for entry in items:
        transition: Transition
        if len(entry) == 2:
            (slide, duration), transition, enabled = entry, "fade", True
        else:
            slide, duration, transition, enabled = entry
        entries.append(PlaylistItem(slide=slide, duration_s=duration, transition=transition, enabled=enabled))
    return Playlist(SCHEMA_VERSION, playlist_id, Text(zh=playlist_id, en=playlist_id), entries)


def library(*playlists: Playlist, schedule: Schedule | None = None) -> Library:
    by_id = {item.id: item for item in playlists}
    default = schedule or Schedule(SCHEMA_VERSION, default_playlist=playlists[0].id if playlists else "none")
    return Library(by_id, set(), default)


def make_player(
    players: list[ShowcasePlayer],
    runtime: Runtime,
    lib: Library,
    pack: ContentPack | None = None,
    settings: Settings | None = None,
    forced: str | None = None,
    clock: ManualClock | None = None,
) -> tuple[ShowcasePlayer, ManualClock]:
    clock = clock or ManualClock(start=FRIDAY_NOON)
    settings = settings or Settings()
    pack = pack or runtime.pack
    slide_ids = [slide.id for slide in pack.slides]
    context = SlideContext(pack, runtime.family, FrameDriver(clock), settings.reduced_motion)
    player = ShowcasePlayer(
        context, Program(lib, slide_ids, forced), settings.default_language, settings.display_only
    )
    players.append(player)
    player.set_language(settings.default_language)
    player.resize(LANDSCAPE)
    player.show()
    player.start()
    return player, clock


def advance(player: ShowcasePlayer, clock: ManualClock, seconds: float) -> None:
    clock.advance(seconds)
    player.context.driver.tick()
    player.poll()


def visible_texts(widget: QWidget) -> list[str]:
    """Every label text a visitor can see on the widget."""
    return [
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget) and label.text()
    ]


def shown_slide(player: ShowcasePlayer) -> str:
    view = current_slide(player)
    assert view.isVisible()
    return view.slide.id


def test_items_play_in_order_for_their_durations(
    qtbot: QtBot, players: list[ShowcasePlayer], runtime: Runtime
) -> None:
    loop = playlist("mine", ("title_industry", 5), ("story_industry_service_team", 7), ("title_regional", 4))
    player, clock = make_player(players, runtime, library(loop))

    assert shown_slide(player) == "title_industry"
    assert "产业登高" in visible_texts(current_slide(player))
    advance(player, clock, 4.9)
    assert shown_slide(player) == "title_industry"
    advance(player, clock, 0.1)
    assert shown_slide(player) == "story_industry_service_team"
    assert "“雷锋式”服务专班" in visible_texts(current_slide(player))
    advance(player, clock, 6.9)
    assert shown_slide(player) == "story_industry_service_team"
    advance(player, clock, 0.1)
    assert shown_slide(player) == "title_regional"
    advance(player, clock, 4.0)
    assert shown_slide(player) == "title_industry", "the loop starts again after the last item"


def test_disabled_items_are_skipped(qtbot: QtBot, players: list[ShowcasePlayer], runtime: Runtime) -> None:
    loop = playlist(
        "mine",
        ("title_industry", 5, "fade", True),
        ("title_innovation", 5, "fade", False),
        ("title_livelihood", 5, "fade", True),
    )
    player, clock = make_player(players, runtime, library(loop))
    seen = [shown_slide(player)]
    for _ in range(3):
        advance(player, clock, 5)
        seen.append(shown_slide(player))
    assert seen == ["title_industry", "title_livelihood", "title_industry", "title_livelihood"]


def pack_with_broken_slide(pack: ContentPack) -> ContentPack:
    broken = Slide(id="chart_missing", kind="chart", topic="industry", chart="no_such_chart")
    return msgspec.structs.replace(pack, slides=[*pack.slides, broken])


def test_a_broken_slide_is_skipped_and_logged_once(
    qtbot: QtBot, players: list[ShowcasePlayer], runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    loop = playlist("mine", ("title_industry", 5), ("chart_missing", 5), ("title_regional", 5))
    with caplog.at_level(logging.ERROR):
        player, clock = make_player(
            players, runtime, library(loop), pack=pack_with_broken_slide(runtime.pack)
        )
        seen = [shown_slide(player)]
        for _ in range(6):
            advance(player, clock, 5)
            seen.append(shown_slide(player))
    assert "chart_missing" not in seen
    assert seen[:3] == ["title_industry", "title_regional", "title_industry"]
    failures = [record for record in caplog.records if "chart_missing" in record.getMessage()]
    assert len(failures) == 1, "a broken slide is reported once, not on every loop"


def test_an_invalid_staff_playlist_falls_back_and_the_screen_is_never_empty(
    qtbot: QtBot, players: list[ShowcasePlayer], runtime: Runtime, tmp_path: Path
) -> None:
    staff = tmp_path / "playlists"
    staff.mkdir()
    (staff / "mine.json").write_text(
        '{"schema_version": 1, "id": "mine", "name": {"zh": "我的", "en": "Mine"},'
        ' "items": [{"slide": "title_industry", "duration_s": 9999999999999}]}',
        encoding="utf-8",
    )
    slide_ids = {slide.id for slide in runtime.pack.slides}
    lib = load_library(bundled_playlists(), tmp_path, slide_ids)
    assert "mine" not in lib.playlists
    assert any("mine.json" in str(problem) and "duration_s" in problem.path for problem in lib.problems)

    player, clock = make_player(players, runtime, lib, forced="mine")
    assert player.sequencer.active_playlist().id == BUILTIN_PLAYLIST_ID
    first = [slide.id for slide in runtime.pack.slides[:3]]
    seen = [shown_slide(player)]
    advance(player, clock, 10)
    seen.append(shown_slide(player))
    advance(player, clock, 10)
    seen.append(shown_slide(player))
    assert seen == first


def test_a_playlist_whose_every_item_is_broken_falls_back_to_the_builtin_loop(
    qtbot: QtBot, players: list[ShowcasePlayer], runtime: Runtime
) -> None:
    loop = playlist("mine", ("chart_missing", 5))
    player, _ = make_player(players, runtime, library(loop), pack=pack_with_broken_slide(runtime.pack))
    assert shown_slide(player) == runtime.pack.slides[0].id


def test_the_schedule_picks_the_playlist_across_midnight(
    qtbot: QtBot, players: list[ShowcasePlayer], runtime: Runtime
) -> None:
    night = playlist("night", ("title_regional", 30))
    day = playlist("day", ("title_industry", 30))
    rule = ScheduleRule(days=["fri"], start="22:00", end="02:00", playlist="night")
    schedule = Schedule(SCHEMA_VERSION, default_playlist="day", rules=[rule])
    clock = ManualClock(start=dt.datetime(2024, 3, 1, 21, 59, 45))  # a Friday
    player, clock = make_player(players, runtime, library(day, night, schedule=schedule), clock=clock)
    assert shown_slide(player) == "title_industry"
    advance(player, clock, 30)  # Friday 22:00:15
    assert shown_slide(player) == "title_regional"
    clock.set_wall(dt.datetime(2024, 3, 2, 1, 59, 0))  # Saturday, still the Friday night window
    advance(player, clock, 30)  # Saturday 01:59:30
    assert shown_slide(player) == "title_regional"
    advance(player, clock, 30)  # Saturday 02:00:00, the window has closed
    assert shown_slide(player) == "title_industry"


def uniform_extreme(image: QImage) -> bool:
    """True when the frame is a single black or white colour: a flash."""
    small = image.scaled(
        64, 36, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    colours = {small.pixel(x, y) for x in range(small.width()) for y in range(small.height())}
    if len(colours) > 1:
        return False
    only = QColor(colours.pop())
    return only.lightness() < 8 or only.lightness() > 247


@pytest.mark.parametrize("transition", ["fade", "slide"])
def test_no_frame_of_a_transition_is_blank(
    qtbot: QtBot, players: list[ShowcasePlayer], runtime: Runtime, transition: Transition
) -> None:
    loop = playlist(
        "mine", ("spotlight_investment", 5, transition, True), ("title_regional", 5, transition, True)
    )
    player, clock = make_player(players, runtime, library(loop))
    advance(player, clock, 5)
    assert player.overlay.isVisible(), "the change of slide is animated"
    for _ in range(7):
        frame = grab(player, LANDSCAPE)
        assert not uniform_extreme(frame)
        darkest = frame.scaled(32, 18).pixelColor(0, 0)
        assert darkest.lightness() > 8, "the ground stays navy, never black"
        advance(player, clock, 0.1)
    advance(player, clock, 0.2)
    assert not player.overlay.isVisible(), "the overlay leaves once the transition is over"


def test_a_count_up_starts_near_zero_passes_midway_and_lands_exactly(
    qtbot: QtBot, players: list[ShowcasePlayer], runtime: Runtime
) -> None:
    loop = playlist("mine", ("spotlight_investment", 8, "none", True))
    player, clock = make_player(players, runtime, library(loop))
    tile = current_slide(player).findChild(FigureTile)
    assert tile is not None
    assert tile.value_text() == "0亿元"
    advance(player, clock, 0.6)
    middle = tile.value_text()
    number = int(middle.removesuffix("亿元"))
    assert 0 < number < 1030
    assert len(middle) <= len("1030亿元")
    advance(player, clock, 1.3)
    assert tile.value_text() == "1030亿元"

    player.set_language("en")
    assert tile.value_text() == "103 billion yuan"


def test_reduced_motion_shows_final_values_at_once(
    qtbot: QtBot, players: list[ShowcasePlayer], runtime: Runtime
) -> None:
    loop = playlist("mine", ("wall_box_2023", 8, "fade", True))
    player, _ = make_player(players, runtime, library(loop), settings=Settings(reduced_motion=True))
    tiles = current_slide(player).findChildren(FigureTile)
    assert [tile.value_text() for tile in tiles][:3] == ["50.8%", "27家", "5家"]
    assert not player.context.driver.running, "nothing animates, so no timer runs"


def test_a_touch_or_click_means_a_visitor_arrived(
    qtbot: QtBot, players: list[ShowcasePlayer], runtime: Runtime
) -> None:
    player, _ = make_player(players, runtime, library(playlist("mine", ("title_industry", 5))))
    with qtbot.waitSignal(player.visitor_arrived, timeout=1000):
        QTest.mouseClick(player, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    device = QTest.createTouchDevice()
    with qtbot.waitSignal(player.visitor_arrived, timeout=1000):
        QTest.touchEvent(player, device).press(0, QPoint(500, 500), player).commit()
    QTest.touchEvent(player, device).release(0, QPoint(500, 500), player).commit()


def test_display_only_ignores_visitors(qtbot: QtBot, players: list[ShowcasePlayer], runtime: Runtime) -> None:
    player, _ = make_player(
        players,
        runtime,
        library(playlist("mine", ("title_industry", 5))),
        settings=Settings(display_only=True),
    )
    with qtbot.assertNotEmitted(player.visitor_arrived):
        QTest.mouseClick(player, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
        device = QTest.createTouchDevice()
        QTest.touchEvent(player, device).press(0, QPoint(500, 500), player).commit()
        QTest.touchEvent(player, device).release(0, QPoint(500, 500), player).commit()
    assert shown_slide(player) == "title_industry"


@pytest.mark.parametrize("scheduled", ["a missing playlist", "a playlist of slides the new pack lacks"])
def test_a_new_pack_plays_its_own_slides_in_the_fallback_loop_each_for_its_own_time(
    qtbot: QtBot,
    players: list[ShowcasePlayer],
    runtime: Runtime,
    caplog: pytest.LogCaptureFixture,
    scheduled: str,
) -> None:
    """A pack switched in while nothing scheduled can play: the loop that plays instead is the new
    pack's, not the one the kiosk started with, and each slide stays its reading time, not 10 s."""
    with caplog.at_level(logging.ERROR):
        if scheduled == "a missing playlist":
            player, clock = make_player(players, runtime, library(), forced="nowhere")
        else:
            player, clock = make_player(players, runtime, library(playlist("mine", ("title_industry", 5))))
        stories = [slide for slide in runtime.pack.slides if slide.kind == "story"][:2]
        smaller = msgspec.structs.replace(runtime.pack, slides=stories)
        player.use_pack(smaller)
        assert player.cue is not None
        seen: list[tuple[str, float]] = []
        for _ in range(4):
            advance(player, clock, player.cue.duration_s)
            seen.append((shown_slide(player), player.cue.duration_s))
    expected = {slide.id: default_duration_s(slide, smaller) for slide in stories}
    assert {slide for slide, _ in seen} == set(expected)
    assert all(duration == expected[slide] for slide, duration in seen)
    assert set(expected.values()) != {10.0}, "story slides read longer than the old flat 10 s"


def test_a_transition_interrupted_by_a_visitor_lets_go_of_its_snapshots(
    qtbot: object, players: list[ShowcasePlayer], runtime: Runtime
) -> None:
    """A visitor who taps mid-transition never sees its end; its two full-screen pictures (at 4K,
    63 MiB) are not kept for the whole visit."""
    loop = playlist("mine", ("spotlight_investment", 5, "fade", True), ("title_regional", 5, "fade", True))
    player, clock = make_player(players, runtime, library(loop))
    advance(player, clock, 5)
    assert player.overlay.isVisible() and player.overlay.old is not None
    player.stop()
    assert player.overlay.isHidden()
    assert player.overlay.old is None and player.overlay.new is None


@pytest.mark.parametrize("slide_id", ["wall_innovation", "wall_industry_highlights"])
def test_a_portrait_wall_of_an_odd_number_leaves_no_empty_cell(runtime: Runtime, slide_id: str) -> None:
    context = SlideContext(runtime.pack, runtime.family, FrameDriver(ManualClock()))
    slide = build_slide(runtime.pack.slide(slide_id), context)
    view = slide.as_widget()
    try:
        slide.finish()
        grab(view, QSize(1080, 1920))
        tiles = view.findChildren(FigureTile)
        assert len(tiles) % 2 == 1
        first, last = tiles[0].geometry(), tiles[-1].geometry()
        # The last starts its row and spans it, as wide as the grid: no empty cell beside it.
        assert isinstance(view, FiguresWallSlide)
        assert last.left() == first.left() and last.width() >= view.grid.geometry().width() - 2
        grab(view, QSize(1920, 1080))
        widths = [tile.width() for tile in tiles]
        assert max(widths) - min(widths) <= 2  # one row in landscape, all alike
    finally:
        discard(view)
