"""Frames cost only what changes on screen, and what they leave on screen is what a full paint shows."""

from __future__ import annotations

import pytest
from kiosk_factory import KioskUnderTest, MakeKiosk
from kiosk_harness import discard
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QImage, QPaintEvent
from PySide6.QtWidgets import QApplication

from kiosk.clock import ManualClock
from kiosk.content.models import Text
from kiosk.playlist.models import SCHEMA_VERSION, Playlist, PlaylistItem, Schedule
from kiosk.playlist.program import Program
from kiosk.playlist.store import Library
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase import invitation
from kiosk.ui.showcase.chart_slide import ChartSlide
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.style import icons, theme
from kiosk.ui.style.motion import FrameDriver, moving_region
from kiosk.ui.widgets.charts import RingChart
from kiosk.ui.widgets.figure_tile import FigureTile

FRAME_S = 1 / 60


def on_screen(kiosk: KioskUnderTest) -> QImage:
    """What the window's backing store holds: the frames as painted, not a fresh paint."""
    screen = QGuiApplication.primaryScreen()
    return screen.grabWindow(kiosk.shell.winId()).toImage().convertToFormat(QImage.Format.Format_RGB32)


def fully_painted(kiosk: KioskUnderTest) -> QImage:
    kiosk.shell.repaint()
    return on_screen(kiosk)


def screen_against_full_paint(kiosk: KioskUnderTest) -> float:
    """How much of the screen a full repaint would change. The invitation's halo is left out: it
    breathes on its own timer, so a repaint between two of its frames moves it."""
    halo = kiosk.shell.player.cue_label
    ignored = QRect(halo.mapTo(kiosk.shell, halo.rect().topLeft()), halo.size())
    return differing_share(on_screen(kiosk), fully_painted(kiosk), ignored)


def differing_share(first: QImage, second: QImage, ignored: QRect) -> float:
    """Share of pixels (every other row and column) differing by more than 8 levels, outside `ignored`."""
    assert first.size() == second.size()
    differing = 0
    for y in range(0, first.height(), 2):
        for x in range(0, first.width(), 2):
            if ignored.contains(x, y):
                continue
            a, b = first.pixelColor(x, y), second.pixelColor(x, y)
            if max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) > 8:
                differing += 1
    return differing / ((first.height() + 1) // 2 * ((first.width() + 1) // 2))


def tiles(kiosk: KioskUnderTest) -> list[FigureTile]:
    current = kiosk.shell.player.current
    assert current is not None
    found = current.as_widget().findChildren(FigureTile)
    assert len(found) == 12, "the figures playlist opens on the 12-figure wall"
    return found


def frames(kiosk: KioskUnderTest, seconds: float, step: float = FRAME_S) -> None:
    """The frame driver's ticks at `step` apart, as its timer would give them."""
    driver = kiosk.shell.player.context.driver
    for _ in range(round(seconds / step)):
        kiosk.clock.advance(step)
        driver.tick()


def test_a_count_up_frame_repaints_the_digits_not_the_tiles(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(playlist="figures")
    frames(kiosk, 0.5)
    kiosk.clock.advance(FRAME_S)
    window = kiosk.shell.player.window()
    counting = [tile for tile in tiles(kiosk) if tile.needs_frame()]
    assert counting, "mid-count, some digits change from this frame to the next"
    region = moving_region(counting, window)
    whole = sum(tile.width() * tile.height() for tile in counting)
    painted = sum(tile.moving_rect().width() * tile.moving_rect().height() for tile in counting)
    assert painted < whole * 0.4, (painted, whole)
    for tile in counting:
        digits = QRect(tile.mapTo(window, tile.moving_rect().topLeft()), tile.moving_rect().size())
        assert region.contains(digits)


def test_tiles_waiting_for_their_turn_are_not_repainted(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(playlist="figures")
    frames(kiosk, 0.05)
    # A 12-figure wall staggers its tiles 0.12 s apart: after 0.05 s only the first has started.
    waiting = tiles(kiosk)[1:]
    assert not any(tile.needs_frame() for tile in waiting), "their zero is already on screen"


def test_count_up_frames_leave_on_screen_what_a_full_paint_shows(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(playlist="figures")
    for _ in range(4):
        frames(kiosk, 0.4)
        assert screen_against_full_paint(kiosk) == 0.0


@pytest.mark.parametrize("step", [FRAME_S, 0.25], ids=["60fps", "late-frames"])
def test_the_last_frame_of_a_count_up_lands_every_final_figure(make_kiosk: MakeKiosk, step: float) -> None:
    kiosk = make_kiosk(playlist="figures")
    frames(kiosk, theme.COUNT_UP_S + 11 * theme.STAGGER_S + 0.3, step)
    assert not kiosk.shell.player.context.driver.running, "the count-up is over"
    for tile in tiles(kiosk):
        assert not tile.needs_frame()
    assert screen_against_full_paint(kiosk) == 0.0


def test_a_halo_frame_draws_the_pill_once(make_kiosk: MakeKiosk, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []
    real = icons.paint_icon

    def counted(*args: object, **kwargs: object) -> bool:
        drawn.append("icon")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(invitation, "paint_icon", counted)
    kiosk = make_kiosk()
    halo = kiosk.shell.player.cue_label
    first = halo.grab().toImage()
    for _ in range(5):
        kiosk.clock.advance(0.1)
        halo.repaint()
    second = halo.grab().toImage()
    assert first != second, "the halo breathes"
    assert len(drawn) <= 1, "the icon and the text are drawn once, not on every halo frame"


def test_a_frame_paints_each_animation_where_it_is_at_that_frame(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    painted: list[float] = []
    real = RingChart.paintEvent

    def recorded(chart: RingChart, event: QPaintEvent) -> None:
        painted.append(chart.progress)
        real(chart, event)

    # Before the chart is made: PySide6 looks a paint override up when it wraps the widget.
    monkeypatch.setattr(RingChart, "paintEvent", recorded)
    clock = ManualClock()
    driver = FrameDriver(clock)
    ring_only = Playlist(
        SCHEMA_VERSION,
        "ring",
        Text(zh="ring", en="ring"),
        [PlaylistItem("chart_intro_shares", 600.0, "none")],
    )
    library = Library({"ring": ring_only}, set(), Schedule(SCHEMA_VERSION, default_playlist="ring"))
    slide_ids = [slide.id for slide in runtime.pack.slides]
    player = ShowcasePlayer(SlideContext(runtime.pack, runtime.family, driver), Program(library, slide_ids))
    player.resize(1920, 1080)
    player.show()
    player.start()
    QApplication.processEvents()
    slide = player.current
    assert isinstance(slide, ChartSlide) and isinstance(slide.chart, RingChart)
    for _ in range(6):
        clock.advance(FRAME_S)
        driver.tick()
        assert painted, "the frame repaints the growing ring"
        assert painted[-1] == slide.grow.value(), "not the frame before"
        painted.clear()
    discard(player)
