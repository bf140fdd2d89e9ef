"""The whole kiosk under test, driven as a visitor drives it: touches on the window, an injected clock.

Shared by the soak and monkey tests (the pattern is tests/test_visitor.py's): the shell is built by
the same functions `kiosk run` uses, every touch goes to the top-level window at a point, as on real
glass, and time moves only when the test moves the ManualClock.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QSize
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.clock import ManualClock
from kiosk.fleet.layout import PLAYLISTS_DIR
from kiosk.i18n.languages import OfferedVisitorLanguage
from kiosk.playlist.sequencer import Cue
from kiosk.settings import Locations, Settings
from kiosk.ui.runtime import startup
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.showcase.slide_base import SlideView

DEVICE = QTest.createTouchDevice()
FRIDAY_NOON = dt.datetime(2024, 3, 1, 12, 0)
LANDSCAPE = QSize(1920, 1080)


@dataclass
class Kiosk:
    shell: ShellWindow
    clock: ManualClock
    settings: Settings

    @property
    def window(self) -> QWidget:
        return self.shell

    def advance(self, seconds: float) -> None:
        """Time passes: animations tick, the showcase moves on, the idle watch looks at the clock."""
        self.clock.advance(seconds)
        self.shell.player.context.driver.tick()
        if self.shell.showing_visitor_pages():
            self.shell.visitor.idle.check()
        else:
            self.shell.player.poll()
        QApplication.processEvents()

    def touch(self, points: list[QPoint]) -> None:
        """One finger down at the first point, along the rest, up at the last; points in window pixels."""
        window = self.shell
        QTest.touchEvent(window, DEVICE).press(0, points[0], window).commit()
        for point in points[1:]:
            QTest.touchEvent(window, DEVICE).move(0, point, window).commit()
        QTest.touchEvent(window, DEVICE).release(0, points[-1], window).commit()
        QApplication.processEvents()

    def tap(self, widget: QWidget, after_s: float = 0.5) -> None:
        """A finger on `widget`'s centre, then a moment passes as it would for a person."""
        self.touch([widget.mapTo(self.shell, widget.rect().center())])
        self.advance(after_s)

    def swipe(self, widget: QWidget, dx: int, after_s: float = 0.5) -> None:
        start = widget.mapTo(self.shell, widget.rect().center())
        self.touch([start, start + QPoint(dx // 2, 0), start + QPoint(dx, 0)])
        self.advance(after_s)


def playing(player: ShowcasePlayer) -> Cue:
    """What the showcase plays now; it has started, so there is always something."""
    assert player.cue is not None, "the showcase has started"
    return player.cue


def current_slide(player: ShowcasePlayer) -> SlideView:
    """The catalogue slide the showcase shows (the tests' loops hold no staff slides)."""
    assert isinstance(player.current, SlideView), "a catalogue slide is on screen"
    return player.current


def every_slide_playlist(runtime: Runtime, config_dir: Path, duration_s: float = 3.0) -> str:
    """A staff playlist of every catalogue slide, with every transition, saved where `kiosk run` finds it."""
    transitions = ("fade", "slide", "none")
    items = [
        {"slide": slide.id, "duration_s": duration_s, "transition": transitions[index % 3], "enabled": True}
        for index, slide in enumerate(runtime.pack.slides)
    ]
    document = {"schema_version": 1, "id": "every-slide", "name": {"zh": "全部", "en": "Everything"}}
    folder = config_dir / PLAYLISTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "every-slide.json").write_text(json.dumps({**document, "items": items}), encoding="utf-8")
    return "every-slide"


def build_kiosk(
    runtime: Runtime,
    config_dir: Path,
    playlist_id: str,
    size: QSize = LANDSCAPE,
    default_language: OfferedVisitorLanguage = "zh",
) -> Kiosk:
    clock = ManualClock(start=FRIDAY_NOON)
    settings = Settings(default_language=default_language)
    locations = Locations(config_dir=config_dir, data_dir=config_dir / "data")
    shell = startup.build_kiosk(
        runtime, clock, locations, settings, kiosk_mode=False, forced_playlist=playlist_id
    )
    assert shell.player.sequencer.playlist.id == playlist_id, "the playlist under test is the one playing"
    shell.resize(size)
    shell.show()
    shell.player.start()
    QApplication.processEvents()
    return Kiosk(shell, clock, settings)


def discard(*widgets: QWidget) -> None:
    """Gone for good, now rather than at interpreter exit: a later test (the monkey's) counts the visible
    top-level windows, and a player left running would keep ticking. The one teardown for what a test made."""
    for widget in widgets:
        if isinstance(widget, ShowcasePlayer):
            widget.stop()
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def close_shell(shell: ShellWindow) -> None:
    """The orderly quit of a kiosk a test built: visitor and showcase stopped, the window closed and gone."""
    shell.player.stop()
    shell.visitor.end()
    shell.allow_close = True  # as staff mode's quit: also hands a hidden cursor back
    discard(shell)
