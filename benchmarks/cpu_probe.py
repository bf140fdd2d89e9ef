"""CPU share of the showcase while a figures wall counts up, and while the finished slide rests.

`cpu_percent_animating` is CPU time over wall time during the count-up; on a busy machine the frame
driver's timer fires less often than 60 times a second and the share falls with it, so
`cpu_percent_at_60_fps` divides the same CPU time by the driver's ticks and multiplies by 60: the
share the count-up would take at a full 60 frames a second, steadier from one run to the next.

Runs in its own process (started by run_all.py) so the measurement sees only the kiosk.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSize, QTimer

from kiosk.clock import SystemClock
from kiosk.content.models import Text
from kiosk.playlist.models import SCHEMA_VERSION, Playlist, PlaylistItem, Schedule
from kiosk.playlist.program import Program
from kiosk.playlist.store import Library
from kiosk.ui.runtime.startup import start
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.style.motion import FrameDriver


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_for(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def share_over(seconds: float) -> float:
    wall, cpu = time.perf_counter(), cpu_seconds()
    run_for(seconds)
    return (cpu_seconds() - cpu) / (time.perf_counter() - wall) * 100.0


def share_at_60_fps(driver: FrameDriver, seconds: float) -> tuple[float, float]:
    """CPU share over `seconds`, and CPU time per driver tick times 60 ticks a second (in %)."""
    ticks = [0]

    def count(_now: float) -> None:
        ticks[0] += 1

    driver.ticked.connect(count)
    wall, cpu = time.perf_counter(), cpu_seconds()
    run_for(seconds)
    used = cpu_seconds() - cpu
    driver.ticked.disconnect(count)
    return used / (time.perf_counter() - wall) * 100.0, used / max(1, ticks[0]) * 60 * 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("slide", nargs="?", default="wall_box_2023")
    parser.add_argument("--size", default="1920x1080", help="window size, WxH")
    args = parser.parse_args()
    slide = args.slide
    width, height = (int(part) for part in args.size.split("x"))
    runtime = start(size=QSize(width, height))
    loop = Playlist(
        SCHEMA_VERSION, "bench", Text(zh="bench", en="bench"), [PlaylistItem(slide, 600.0, "none")]
    )
    library = Library({"bench": loop}, set(), Schedule(SCHEMA_VERSION, default_playlist="bench"))
    slide_ids = [item.id for item in runtime.pack.slides]
    driver = FrameDriver(SystemClock())
    context = SlideContext(runtime.pack, runtime.family, driver)
    player = ShowcasePlayer(context, Program(library, slide_ids))
    player.set_language("zh")
    player.resize(width, height)
    player.show()
    run_for(1.0)
    player.restart()
    animating, at_60_fps = share_at_60_fps(driver, 1.7)
    # The last tile of a 12-figure wall finishes 1.8 s + 11 x 0.12 s after the slide appears.
    run_for(2.0)
    resting = share_over(5.0)
    print(
        json.dumps(
            {
                "slide": slide,
                "cpu_percent_animating": round(animating, 1),
                "cpu_percent_at_60_fps": round(at_60_fps, 1),
                "cpu_percent_resting": round(resting, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
