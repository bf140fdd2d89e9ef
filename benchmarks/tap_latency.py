"""Tap to first frame of the next page, as a visitor moves between the hub and the topic pages.

    python benchmarks/tap_latency.py [--rounds 20] [--size 1920x1080] [--showcase-seconds 6]

The showcase plays for --showcase-seconds before the first visitor arrives, with the kiosk's own
start-up wiring (the visitor pages built ahead while it rests, where the revision does that). A tap
is a mouse press and release on the hub tile (or the nav bar's home button); the time runs from the
press to the end of the next paint of the page that opens. First visits are the first tap on each
page (built on that tap, or ahead); later visits reuse it. RSS is sampled after the first round and
after the last, to show memory stays flat; each page built ahead is listed with its time and RSS.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe
from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.clock import SystemClock
from kiosk.content.models import VISITOR_TOPICS
from kiosk.settings import Settings
from kiosk.ui.runtime.startup import build_kiosk, start, warm_up

try:
    from kiosk.ui.runtime.prebuild import PagePrebuilder
except ImportError:  # a revision from before pages were built ahead (a --baseline run)
    PagePrebuilder = None  # type: ignore[assignment, misc]
try:
    from kiosk.ui.runtime.heap_trim import HeapTrimmer
except ImportError:  # a revision from before the free heap was handed back
    HeapTrimmer = None  # type: ignore[assignment, misc]


class PaintWatch(QObject):
    """Notices when any part of the page that should open is painted."""

    def __init__(self, page_of: callable) -> None:  # type: ignore[valid-type]
        super().__init__()
        self.page_of = page_of
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            page = self.page_of()
            if watched is page or page.isAncestorOf(watched):
                self.seen = True
        return False


def rss_mib() -> float:
    with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def wait(app: QApplication, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def timed_tap(app: QApplication, target: QWidget, page_of: callable) -> float:  # type: ignore[valid-type]
    """Milliseconds from the press to the end of the event-loop pass that painted the new page."""
    before = page_of()
    watch = PaintWatch(page_of)
    app.installEventFilter(watch)
    began = time.perf_counter()
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.rect().center())
    deadline = began + 5.0
    while time.perf_counter() < deadline:
        app.processEvents()
        if watch.seen and page_of() is not before:
            break
    ended = time.perf_counter()
    app.removeEventFilter(watch)
    assert watch.seen and page_of() is not before, "the next page never painted"
    return (ended - began) * 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--showcase-seconds", type=float, default=6.0)
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))

    runtime = start(size=QSize(width, height))
    settings = Settings(idle_timeout_s=3600)
    shell = build_kiosk(runtime, SystemClock(), None, settings, kiosk_mode=False, forced_playlist="short")
    player = shell.player
    shell.resize(width, height)
    # As `kiosk run` wires it: the icon font and pyqtgraph, then the hub, after the first frame.
    player.first_frame_painted.connect(warm_up)
    player.first_frame_painted.connect(lambda: QTimer.singleShot(200, lambda: shell.visitor.page("hub")))
    prebuilder = PagePrebuilder(shell) if PagePrebuilder is not None else None
    if HeapTrimmer is not None:
        HeapTrimmer(player.context.driver, shell)
    shell.show()
    player.start()
    wait(runtime.app, args.showcase_seconds)
    visitor = shell.visitor

    def current() -> QWidget:
        return visitor.stack.currentWidget()

    QTest.mouseClick(player, Qt.MouseButton.LeftButton, pos=QPoint(width // 2, height // 2))
    wait(runtime.app, 0.5)
    hub = visitor.page("hub")
    first_visit: list[float] = []
    repeat_visit: list[float] = []
    home: list[float] = []
    rss_after_first_round = 0.0
    rss_by_round: list[float] = []
    for round_index in range(args.rounds):
        for topic in (*VISITOR_TOPICS, "intro"):
            samples = first_visit if round_index == 0 else repeat_visit
            samples.append(timed_tap(runtime.app, hub.tiles[topic], current))  # type: ignore[attr-defined]
            wait(runtime.app, 0.45)
            home.append(timed_tap(runtime.app, visitor.nav.home_button, current))
            wait(runtime.app, 0.45)
        if round_index == 0:
            rss_after_first_round = rss_mib()
        rss_by_round.append(round(rss_mib(), 1))

    def p(samples: list[float], share: float) -> float:
        ordered = sorted(samples)
        return round(ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))], 1)

    print(
        json.dumps(
            {
                "machine": describe(),
                "size": args.size,
                "rounds": args.rounds,
                "first_visit_ms": {"p50": p(first_visit, 0.5), "max": round(max(first_visit), 1)},
                "repeat_visit_ms": {
                    "p50": round(statistics.median(repeat_visit), 1),
                    "p95": p(repeat_visit, 0.95),
                    "n": len(repeat_visit),
                },
                "home_ms": {"p50": round(statistics.median(home), 1), "p95": p(home, 0.95)},
                "rss_mib_after_first_round": round(rss_after_first_round, 1),
                "rss_mib_after_last_round": round(rss_mib(), 1),
                "rss_mib_by_round": rss_by_round,
                "prebuilt_pages": [
                    {
                        "page": item.page_id,
                        "ms": round(item.build_ms, 1),
                        "rss_mib": round(item.rss_growth_mib, 1),
                    }
                    for item in (prebuilder.prebuilt if prebuilder is not None else [])
                ],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
