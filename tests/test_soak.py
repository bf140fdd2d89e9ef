"""Soak: weeks of looping, compressed. Memory, Python objects and Qt widgets stay flat.

The day in the hall the soak repeats, and what it counts, are in tests/soak_day.py. CI runs 13
cycles, about 650 transitions, in about 40 s, in the test process. Long mode (`--long`, or
KIOSK_SOAK_HOURS=H) simulates H hours (8 by default) in a child process of its own
(tests/soak_child.py), the kiosk alone as in the hall: about 50 transitions per 200 simulated
seconds, so thousands in all, capped at KIOSK_SOAK_MAX_MINUTES of real time (120 by default), with a
sample printed every ten cycles. A third test checks that every slide view, once replaced, is really
gone.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
from kiosk_factory import KioskUnderTest, MakeKiosk
from kiosk_harness import current_slide, every_slide_playlist
from PySide6.QtCore import QObject
from soak_day import CI_CYCLES, settle, soak

from kiosk.settings import Locations
from kiosk.ui.runtime.startup import Runtime

SOAK_CHILD = Path(__file__).resolve().parent / "soak_child.py"


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk, runtime: Runtime, locations: Locations) -> KioskUnderTest:
    playlist = every_slide_playlist(runtime, locations.config_dir)
    kiosk = make_kiosk(playlist=playlist)
    assert kiosk.shell.player.sequencer.playlist.id == playlist, "the playlist under test is the one playing"
    return kiosk


def test_memory_and_objects_stay_flat_over_many_cycles(kiosk: KioskUnderTest) -> None:
    soak(kiosk, CI_CYCLES)


@pytest.mark.slow
def test_memory_and_objects_stay_flat_for_hours() -> None:
    """Long mode: KIOSK_SOAK_HOURS simulated hours (8 by default), KIOSK_SOAK_MAX_MINUTES real cap.

    In a child process: after the rest of long mode in this process, the soak measured what the earlier
    tests had left in the allocator's heap as well as the kiosk (benchmarks/README.md, "The long soak")."""
    hours = float(os.environ.get("KIOSK_SOAK_HOURS") or 8)
    cap_minutes = float(os.environ.get("KIOSK_SOAK_MAX_MINUTES") or 120)
    done = subprocess.run(
        [sys.executable, str(SOAK_CHILD), str(hours), str(cap_minutes)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=cap_minutes * 60 + 600,
    )
    print(done.stdout)
    assert done.returncode == 0, f"the soak failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    assert done.stderr == "", f"the soak wrote to stderr (Qt warnings fail the tests):\n{done.stderr}"


def test_every_replaced_slide_view_is_collected(kiosk: KioskUnderTest) -> None:
    """A slide that has left the screen is deleted by Qt and freed by Python, and so is every widget
    of ours inside it (figure tiles, charts, icons): nothing holds on to them."""
    player = kiosk.shell.player
    kinds_seen = set()
    for _ in range(len(player.sequencer.playlist.items) + 1):
        view = current_slide(player)
        slide = view.slide
        kinds_seen.add(slide.kind)
        ours = [
            view,
            *(item for item in view.findChildren(QObject) if type(item).__module__.startswith("kiosk.")),
        ]
        watched = [(type(item).__name__, weakref.ref(item)) for item in ours]
        del view, ours
        kiosk.advance(0.3)
        kiosk.advance(2.701)
        assert current_slide(player).slide.id != slide.id
        settle()
        alive = [(name, ref()) for name, ref in watched if ref() is not None]
        if alive:
            item = alive[0][1]
            holders = [type(holder).__name__ for holder in gc.get_referrers(item)]
            pytest.fail(
                f"the {slide.kind} slide {slide.id} was replaced, but {[name for name, _ in alive]} "
                f"are still alive; the first is held by {holders}"
            )
    assert kinds_seen == {"title", "figures_wall", "spotlight", "chart", "story"}
