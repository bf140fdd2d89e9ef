"""Child process for test_memory.py: a 4K showcase playing fades, RSS at rest after each one.

    python tests/heap_child.py [--no-trim]

Prints one JSON object: RSS (MiB) once the first slide rests, and after each of the transitions
that follow, once the screen rests again. Its own process, so the figures are this showcase's alone.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from kiosk.clock import ManualClock
from kiosk.content.models import Text
from kiosk.playlist.models import SCHEMA_VERSION, Playlist, PlaylistItem, Schedule
from kiosk.playlist.program import Program
from kiosk.playlist.store import Library
from kiosk.system.process import current_rss_mib
from kiosk.ui.runtime.heap_trim import HeapTrimmer
from kiosk.ui.runtime.startup import start
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.style.motion import FrameDriver

UHD = QSize(3840, 2160)
SLIDES = ("wall_intro", "title_intro", "wall_industry", "title_industry", "wall_innovation", "title_regional")


def settle(player: ShowcasePlayer, clock: ManualClock) -> None:
    """Every frame of what is moving, on the injected clock, until the driver rests."""
    driver = player.context.driver
    while driver.running:
        clock.advance(1 / 60)
        driver.tick()
        QApplication.processEvents()
    QApplication.processEvents()


def main() -> None:
    runtime = start(size=UHD)
    items = [PlaylistItem(slide, 5, "fade", True) for slide in SLIDES]
    loop = Playlist(SCHEMA_VERSION, "mine", Text(zh="mine", en="mine"), items)
    library = Library({"mine": loop}, set(), Schedule(SCHEMA_VERSION, default_playlist="mine"))
    clock = ManualClock(start=dt.datetime(2024, 3, 1, 12, 0))
    context = SlideContext(runtime.pack, runtime.family, FrameDriver(clock))
    player = ShowcasePlayer(context, Program(library, [slide.id for slide in runtime.pack.slides], None))
    if "--no-trim" not in sys.argv:
        HeapTrimmer(context.driver, player)
    player.resize(UHD)
    player.show()
    player.start()
    settle(player, clock)
    at_rest = [round(current_rss_mib(), 1)]
    for _ in SLIDES[1:]:
        clock.advance(5.0)
        player.poll()
        settle(player, clock)
        at_rest.append(round(current_rss_mib(), 1))
    print(json.dumps({"rss_mib_at_rest": at_rest}))


if __name__ == "__main__":
    main()
