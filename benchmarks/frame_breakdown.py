"""Where a showcase frame's time goes, by kind of frame and by what is painted in it.

    python benchmarks/frame_breakdown.py [--size 3840x2160] [--seconds 40] [--playlist full]

Plays the playlist the way `kiosk run` does (real clock, the frame driver's timer) and times, inside
every frame: the transition overlay's paint (full-window snapshot blends or moves), the live slide's
own painting (slide backgrounds, figure tiles, the emblem), pyqtgraph's views, the invitation, and the
snapshot grabs at the start of each transition. Frames are split into transition frames (the whole
window repainted) and animation frames (only the moving parts). Prints one JSON object, in ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.clock import SystemClock
from kiosk.settings import Settings
from kiosk.ui.runtime.startup import build_kiosk, start, warm_up

frame_parts: dict[str, float] = defaultdict(float)
totals: dict[str, list[float]] = defaultdict(list)


def timed(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            frame_parts[name] += (time.perf_counter() - began) * 1000.0

    return wrapper


def instrument() -> None:
    """Wrap the Python paint events of everything the showcase paints, and the snapshot grabs."""
    import pyqtgraph

    from kiosk.ui.showcase import invitation, player, slides
    from kiosk.ui.showcase.slide_base import SlideView
    from kiosk.ui.widgets import charts, figure_tile

    targets = [
        ("overlay", player.TransitionOverlay),
        ("invitation", invitation.Invitation),
        ("figure_tiles", figure_tile.FigureTile),
        ("emblem", slides.Emblem),
        ("title_slide", slides.TitleSlide),
        ("ring_chart", charts.RingChart),
        ("pyqtgraph_views", pyqtgraph.GraphicsView),
        ("player_ground", player.ShowcasePlayer),
    ]
    for name, cls in targets:
        cls.paintEvent = timed(name, cls.paintEvent)
    # Snapshots: a function of the player's module where a revision has one, else `QWidget.grab()`.
    if hasattr(player, "snapshot"):
        player.snapshot = timed("snapshot_grabs", player.snapshot)
    else:
        SlideView.grab = timed("snapshot_grabs", SlideView.grab)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", default="3840x2160")
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--playlist", default="full")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))

    runtime = start(size=QSize(width, height))
    warm_up()
    instrument()
    settings = Settings(idle_timeout_s=3600)
    shell = build_kiosk(
        runtime, SystemClock(), None, settings, kiosk_mode=False, forced_playlist=args.playlist
    )
    player = shell.player
    shell.resize(width, height)
    shell.show()

    original_tick = player._on_tick
    original_swap = player._swap_to

    def tick(now: float) -> None:
        frame_parts.clear()
        transition = player.overlay.isVisible()
        began = time.perf_counter()
        original_tick(now)
        whole = (time.perf_counter() - began) * 1000.0
        kind = "transition" if transition else "animation"
        totals[f"{kind}:frame"].append(whole)
        for name, ms in frame_parts.items():
            totals[f"{kind}:{name}"].append(ms)

    def swap(*swap_args: Any) -> None:
        frame_parts.clear()
        began = time.perf_counter()
        original_swap(*swap_args)
        totals["slide_change:total"].append((time.perf_counter() - began) * 1000.0)
        for name, ms in frame_parts.items():
            totals[f"slide_change:{name}"].append(ms)

    player.context.driver.frame_due.disconnect(player._on_tick)
    player.context.driver.frame_due.connect(tick)
    player._swap_to = swap  # type: ignore[method-assign]
    player.start()
    QTimer.singleShot(round(args.seconds * 1000), runtime.app.quit)
    runtime.app.exec()

    def summary(samples: list[float]) -> dict[str, float]:
        ordered = sorted(samples)
        return {
            "n": len(samples),
            "mean": round(statistics.fmean(samples), 2),
            "p50": round(ordered[len(ordered) // 2], 2),
            "p99": round(ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))], 2),
            "sum": round(sum(samples), 1),
        }

    print(
        json.dumps(
            {
                "machine": describe(),
                "size": args.size,
                "seconds": args.seconds,
                "slides_shown": player.stats.slides_shown,
                "parts_ms": {key: summary(value) for key, value in sorted(totals.items())},
            },
            indent=2,
        )
    )
    QApplication.processEvents()


if __name__ == "__main__":
    main()
