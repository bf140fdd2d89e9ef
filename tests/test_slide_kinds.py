"""The registry of slide kinds: every kind the pack and staff use is registered, and a kind added at
run time (a toy "film" whose length comes from its media and whose transitions use its own first and
last frames) plays in the showcase with no other change to the kiosk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import msgspec
import pytest
from kiosk_harness import discard
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.clock import ManualClock
from kiosk.content.models import Language, Slide, SlideKind, Text
from kiosk.playlist.models import SCHEMA_VERSION, Playlist, PlaylistItem, Schedule
from kiosk.playlist.program import Program
from kiosk.playlist.slide_models import StaffSlide
from kiosk.playlist.store import Library
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase import kinds
from kiosk.ui.showcase.kinds import SLIDE_KINDS, slide_kind
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.showcase.slide_base import Moment, PlayableSlide, SlideContext, WidgetSlide
from kiosk.ui.style.motion import FrameDriver

LANDSCAPE = QSize(1920, 1080)
FILM_LENGTH_S = 4.0
FIRST_FRAME = QColor("#204080")
LAST_FRAME = QColor("#802040")


class FilmView(WidgetSlide):
    """A toy film: it plays for its media's length, and its first and last frames differ from what
    the widget shows (as a video's would)."""

    def __init__(self, slide: Slide) -> None:
        super().__init__()
        self.slide = slide
        self.entered_at: float | None = None

    def set_language(self, language: Language) -> None:
        """A film has no words."""

    def enter(self, start: float) -> None:
        self.entered_at = start

    def finish(self) -> None:
        """Nothing moves but the film."""

    def moving_parts(self) -> list[QWidget]:
        return []

    def snapshot(self, moment: Moment) -> QImage:
        image = QImage(self.size(), QImage.Format.Format_RGB32)
        image.fill(FIRST_FRAME if moment == "first" else LAST_FRAME)
        return image

    def duration_s(self) -> float | None:
        return FILM_LENGTH_S


def build_film(slide: Slide, _context: SlideContext, _media: Path | None) -> PlayableSlide:
    return FilmView(slide)


@pytest.fixture
def players(qapp: QApplication) -> Iterator[list[ShowcasePlayer]]:
    made: list[ShowcasePlayer] = []
    yield made
    discard(*made)


def play(
    players: list[ShowcasePlayer], runtime: Runtime, *items: tuple[str, float]
) -> tuple[ShowcasePlayer, ManualClock]:
    film = msgspec.structs.replace(runtime.pack.slide("title_industry"), id="film", kind="film")
    pack = msgspec.structs.replace(runtime.pack, slides=[*runtime.pack.slides, film])
    loop = Playlist(
        SCHEMA_VERSION,
        "films",
        Text(zh="影片", en="Films"),
        [PlaylistItem(slide=slide, duration_s=duration, transition="fade") for slide, duration in items],
    )
    library = Library({loop.id: loop}, set(), Schedule(SCHEMA_VERSION, default_playlist=loop.id))
    clock = ManualClock(start=dt.datetime(2024, 3, 1, 12, 0))
    player = ShowcasePlayer(
        SlideContext(pack, runtime.family, FrameDriver(clock)),
        Program(library, [slide.id for slide in pack.slides], None),
    )
    players.append(player)
    player.resize(LANDSCAPE)
    player.show()
    player.start()
    return player, clock


def advance(player: ShowcasePlayer, clock: ManualClock, seconds: float) -> None:
    clock.advance(seconds)
    player.context.driver.tick()
    player.poll()


def test_every_kind_of_the_pack_and_of_staff_is_registered() -> None:
    staff_kinds = {model.kind for model in get_args(StaffSlide)}
    assert set(SLIDE_KINDS) == set(get_args(SlideKind)) | staff_kinds
    assert all(name == kind.name for name, kind in SLIDE_KINDS.items())


def test_a_kind_is_only_given_its_own_model(runtime: Runtime) -> None:
    context = SlideContext(runtime.pack, runtime.family, FrameDriver(ManualClock()))
    wall = runtime.pack.slide("title_industry")
    with pytest.raises(TypeError, match="not a slide of the kind 'text'"):
        SLIDE_KINDS["text"].build(wall, context, None)


def test_a_kind_added_to_the_registry_plays_for_its_own_length_between_its_own_frames(
    monkeypatch: pytest.MonkeyPatch, players: list[ShowcasePlayer], runtime: Runtime
) -> None:
    monkeypatch.setitem(kinds.SLIDE_KINDS, "film", slide_kind("film", Slide, build_film))
    player, clock = play(players, runtime, ("title_industry", 5), ("film", 30), ("title_regional", 5))
    advance(player, clock, 5)

    assert player.cue is not None and player.cue.slide == "film"
    film = player.current
    assert isinstance(film, FilmView) and film.entered_at is not None
    assert player.overlay.new is not None and player.overlay.new.pixelColor(10, 10) == FIRST_FRAME, (
        "the fade comes into the film's first frame"
    )
    advance(player, clock, FILM_LENGTH_S - 0.1)
    assert player.cue.slide == "film", "the film plays to its end"
    advance(player, clock, 0.2)
    assert player.cue is not None and player.cue.slide == "title_regional", (
        "after the film's own length, not the playlist's 30 s"
    )
    assert player.overlay.old is not None and player.overlay.old.pixelColor(10, 10) == LAST_FRAME, (
        "the fade leaves from the film's last frame"
    )
