"""Crashes: an exception in a slot is logged and the show goes on; a hard crash leaves a traceback."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from kiosk_harness import current_slide, discard
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from kiosk.clock import ManualClock
from kiosk.content.models import Text
from kiosk.playlist.models import SCHEMA_VERSION, Playlist, PlaylistItem, Schedule
from kiosk.playlist.program import Program
from kiosk.playlist.store import Library
from kiosk.system.crash import FATAL_LOG, install_exception_logging
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.showcase.slide_base import SlideContext, SlideView
from kiosk.ui.style.motion import FrameDriver

LOOP = ("title_industry", "title_innovation", "title_livelihood")


@pytest.fixture
def showcase(qapp: QApplication, runtime: Runtime) -> Iterator[tuple[ShowcasePlayer, ManualClock]]:
    items = [PlaylistItem(slide=slide, duration_s=5, transition="none") for slide in LOOP]
    playlist = Playlist(SCHEMA_VERSION, "loop", Text(zh="loop", en="loop"), items)
    library = Library({"loop": playlist}, set(), Schedule(SCHEMA_VERSION, default_playlist="loop"))
    clock = ManualClock(start=dt.datetime(2024, 3, 1, 12, 0))
    context = SlideContext(runtime.pack, runtime.family, FrameDriver(clock))
    player = ShowcasePlayer(context, Program(library, [slide.id for slide in runtime.pack.slides]))
    player.resize(QSize(1280, 720))
    player.show()
    player.start()
    yield player, clock
    discard(player)


def advance(player: ShowcasePlayer, clock: ManualClock, seconds: float) -> None:
    clock.advance(seconds)
    player.context.driver.tick()
    player.poll()


def on_screen(player: ShowcasePlayer) -> str:
    view = current_slide(player)
    assert view.isVisible()
    return view.slide.id


# pytest-qt installs its own sys.excepthook for every test and fails the test when a slot raised.
# Here the exception is the point, and the kiosk's hook must be the one that sees it, so pytest-qt's
# capture is switched off for this test; monkeypatch puts pytest's own hooks back afterwards.
@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_with_its_traceback_and_the_show_goes_on(
    showcase: tuple[ShowcasePlayer, ManualClock],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_exception_logging()
    player, clock = showcase

    def broken_listener(slide_id: str) -> None:
        raise RuntimeError(f"listener failed on {slide_id}")

    player.slide_changed.connect(broken_listener)
    assert on_screen(player) == "title_industry"
    with caplog.at_level(logging.ERROR):
        advance(player, clock, 5)
        assert on_screen(player) == "title_innovation"
        advance(player, clock, 5)
    assert on_screen(player) == "title_livelihood", "the show goes on"
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(errors) == 2
    assert errors[0].exc_info is not None
    assert "listener failed on title_innovation" in caplog.text
    assert "Traceback (most recent call last)" in caplog.text
    assert "broken_listener" in caplog.text, "the traceback names the slot that failed"


def test_a_slide_that_fails_as_it_enters_is_skipped_and_the_show_goes_on(
    showcase: tuple[ShowcasePlayer, ManualClock],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    player, clock = showcase
    original_enter = SlideView.enter

    def enter(view: SlideView, start: float) -> None:
        if view.slide.id == "title_innovation":
            raise ValueError("cannot enter")
        original_enter(view, start)

    monkeypatch.setattr(SlideView, "enter", enter)
    seen = [on_screen(player)]
    with caplog.at_level(logging.ERROR):
        for _ in range(4):
            advance(player, clock, 5)
            seen.append(on_screen(player))
    assert seen == [
        "title_industry",
        "title_livelihood",
        "title_industry",
        "title_livelihood",
        "title_industry",
    ]
    assert player.ms_to_next_cue() >= 0, "the next cue is scheduled: the loop did not stop"
    failures = [record for record in caplog.records if "title_innovation" in record.getMessage()]
    assert len(failures) == 1, "logged once, not on every loop"
    visible = [view.slide.id for view in player.findChildren(SlideView) if view.isVisible()]
    assert visible == ["title_industry"], "the slide that failed to enter does not linger on screen"


FATAL_CHILD = """
import faulthandler, resource, sys
from pathlib import Path
from kiosk.system.crash import enable_fatal_log
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file in the test's directory
enable_fatal_log(Path(sys.argv[1]))
faulthandler._sigsegv()
"""


def test_a_hard_crash_leaves_a_traceback_in_fatal_log(tmp_path: Path) -> None:
    log_dir = tmp_path / "logs"
    result = subprocess.run(
        [sys.executable, "-c", FATAL_CHILD, str(log_dir)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONFAULTHANDLER": ""},
    )
    assert result.returncode != 0
    report = (log_dir / FATAL_LOG).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in report
    assert 'File "<string>", line 7' in report, "the Python stack of the crash"
