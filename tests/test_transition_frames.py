"""Transition frames show both slides as they are laid out on screen, for moves and fades alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from kiosk_harness import discard
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.clock import ManualClock
from kiosk.content.models import Text
from kiosk.playlist.models import SCHEMA_VERSION, Playlist, PlaylistItem, Schedule, Transition
from kiosk.playlist.program import Program
from kiosk.playlist.store import Library
from kiosk.ui.runtime.render import grab
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.style import theme
from kiosk.ui.style.motion import FrameDriver

LANDSCAPE = QSize(1920, 1080)


@pytest.fixture
def players(qapp: QApplication) -> Iterator[list[ShowcasePlayer]]:
    made: list[ShowcasePlayer] = []
    yield made
    discard(*made)


def play(
    players: list[ShowcasePlayer], runtime: Runtime, transition: Transition
) -> tuple[ShowcasePlayer, ManualClock]:
    items = [PlaylistItem(slide, 5, transition, True) for slide in ("title_intro", "wall_intro")]
    loop = Playlist(SCHEMA_VERSION, "mine", Text(zh="mine", en="mine"), items)
    library = Library({"mine": loop}, set(), Schedule(SCHEMA_VERSION, default_playlist="mine"))
    clock = ManualClock(start=dt.datetime(2024, 3, 1, 12, 0))
    context = SlideContext(runtime.pack, runtime.family, FrameDriver(clock))
    player = ShowcasePlayer(context, Program(library, [slide.id for slide in runtime.pack.slides], None))
    players.append(player)
    player.resize(LANDSCAPE)
    player.show()
    player.start()
    QApplication.processEvents()
    return player, clock


def advance(player: ShowcasePlayer, clock: ManualClock, seconds: float) -> None:
    clock.advance(seconds)
    player.context.driver.tick()
    player.poll()


def share_differing(first: QImage, second: QImage) -> float:
    """Share of sampled pixels whose colour differs by more than rounding."""
    differing = samples = 0
    for y in range(0, first.height(), 6):
        for x in range(0, first.width(), 6):
            a, b = first.pixelColor(x, y), second.pixelColor(x, y)
            samples += 1
            if max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) > 2:
                differing += 1
    return differing / samples


def test_a_slide_move_shows_the_incoming_slide_laid_out_as_it_will_land(
    players: list[ShowcasePlayer], runtime: Runtime
) -> None:
    player, clock = play(players, runtime, "slide")
    advance(player, clock, 5)
    assert player.overlay.isVisible()
    advance(player, clock, theme.TRANSITION_S / 2)
    frame = grab(player, LANDSCAPE)
    # The incoming slide does not move until the transition is over: the live widget is the reference.
    assert player.current is not None
    incoming = grab(player.current.as_widget(), LANDSCAPE)
    eased = 1.0 - (1.0 - 0.5) ** 3
    left = round((1.0 - eased) * LANDSCAPE.width()) + 2
    shown = frame.copy(QRect(left, 0, LANDSCAPE.width() - left, LANDSCAPE.height()))
    expected = incoming.copy(
        QRect(left - round((1.0 - eased) * LANDSCAPE.width()), 0, shown.width(), shown.height())
    )
    assert share_differing(shown, expected) < 0.01


def test_a_fade_shows_the_incoming_slide_through_the_outgoing_one(
    players: list[ShowcasePlayer], runtime: Runtime
) -> None:
    player, clock = play(players, runtime, "fade")
    advance(player, clock, 5)
    assert player.current is not None
    incoming = grab(player.current.as_widget(), LANDSCAPE)
    advance(player, clock, theme.TRANSITION_S * 0.9)
    # Nine tenths in, the outgoing slide is almost gone (eased: 0.1 % of it is left).
    assert share_differing(grab(player, LANDSCAPE), incoming) < 0.05
