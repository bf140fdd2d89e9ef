"""Logs an operator can read after weeks: one line per state change, and a bounded size on disk."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from kiosk_factory import MakeKiosk
from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QApplication

from kiosk.clock import ManualClock
from kiosk.content.models import ContentPack, Slide
from kiosk.settings import Locations
from kiosk.system.backoff import LONGEST_WAIT_S, Backoff
from kiosk.system.logs import LOG_BACKUPS, LOG_FILE, MAX_LOG_BYTES, setup_logging
from kiosk.ui.runtime.startup import Runtime

NOON = dt.datetime(2024, 3, 1, 12, 0)  # a Friday
HOUR_S = 3600


def pack_with_broken_slide(pack: ContentPack) -> ContentPack:
    broken = Slide(id="chart_missing", kind="chart", topic="industry", chart="no_such_chart")
    return msgspec.structs.replace(pack, slides=[*pack.slides, broken])


def staff_files(config_dir: Path) -> None:
    """A loop with a slide that cannot be built, and a half hour in which another loop plays."""
    playlists = config_dir / "playlists"
    playlists.mkdir(parents=True)

    def playlist(playlist_id: str, slides: list[str]) -> dict[str, object]:
        items = [{"slide": slide, "duration_s": 3, "transition": "none"} for slide in slides]
        return {
            "schema_version": 1,
            "id": playlist_id,
            "name": {"zh": playlist_id, "en": playlist_id},
            "items": items,
        }

    loop = playlist("loop", ["title_industry", "chart_missing", "title_regional"])
    other = playlist("other", ["title_innovation", "title_livelihood"])
    (playlists / "loop.json").write_text(json.dumps(loop), encoding="utf-8")
    (playlists / "other.json").write_text(json.dumps(other), encoding="utf-8")
    rule = {"days": ["fri"], "start": "12:30", "end": "13:00", "playlist": "other"}
    schedule = {"schema_version": 1, "default_playlist": "loop", "rules": [rule]}
    (config_dir / "schedule.json").write_text(json.dumps(schedule), encoding="utf-8")


def test_an_hour_of_looping_logs_state_changes_only(
    make_kiosk: MakeKiosk, runtime: Runtime, locations: Locations, caplog: pytest.LogCaptureFixture
) -> None:
    staff_files(locations.config_dir)
    visits_at_minutes = {10, 25, 40, 55}
    cues = 0
    with caplog.at_level(logging.DEBUG, logger="kiosk"):
        kiosk = make_kiosk(
            size=QSize(1280, 720), clock=ManualClock(start=NOON), pack=pack_with_broken_slide(runtime.pack)
        )
        # An hour of three-second slides: each wait below ends where the one timer it is for fires.
        kiosk.poll_step_s = HOUR_S
        shell, clock, player = kiosk.shell, kiosk.clock, kiosk.shell.player
        end = clock.monotonic() + 3600
        while clock.monotonic() < end:
            minute = round(clock.now().minute + clock.now().second / 60, 2)
            if int(minute) in visits_at_minutes and not shell.showing_visitor_pages():
                visits_at_minutes.discard(int(minute))
                kiosk.tap(player, after_s=0)
                assert shell.showing_visitor_pages()
                while shell.showing_visitor_pages():  # the visitor walks away: countdown, then back
                    kiosk.advance(1.0)
                continue
            cue = player.sequencer.cue
            assert cue is not None
            kiosk.advance(max(0.0, cue.ends_at() - clock.monotonic()))
            cues += 1
            if cues % 200 == 0:
                QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert cues > 1000
    assert not visits_at_minutes, "every planned visit happened"

    lines = [record.getMessage() for record in caplog.records if record.name.startswith("kiosk")]
    kinds = Counter(
        "broken"
        if "'chart_missing' failed" in line
        else "switched"
        if line.startswith("playlist switched")
        else "arrived"
        if line.startswith("screen: showcase -> visitor")
        else "returned"
        if line.startswith("screen: visitor -> showcase")
        else "idle"
        if line.startswith("visitor idle")
        else line
        for line in lines
    )
    assert kinds == {"broken": 1, "switched": 2, "arrived": 4, "returned": 4, "idle": 4}, lines
    assert len(lines) < 20


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def test_the_log_files_never_exceed_their_budget(tmp_path: Path, restore_logging: None) -> None:
    log_dir = tmp_path / "logs"
    setup_logging(log_dir)
    log = logging.getLogger("kiosk.test")
    ascii_line = "slide 'x' failed and will be skipped: " + "e" * 200
    chinese_line = "幻灯片无法显示，已跳过：" + "湘江新区" * 60  # three bytes a character
    written, index = 0, 0
    budget = MAX_LOG_BYTES * (LOG_BACKUPS + 1)
    while written < 2 * budget:  # twice what the files may hold
        line = ascii_line if index % 2 else chinese_line
        log.info("%d %s", index, line)
        written += len(line.encode("utf-8"))
        index += 1
    log.info("a record larger than a whole file: %s", "x" * (MAX_LOG_BYTES * 2))
    log.info("written after the giant")
    for handler in logging.getLogger().handlers:
        handler.flush()

    files = sorted(log_dir.glob(LOG_FILE + "*"))
    assert len(files) == LOG_BACKUPS + 1, "rotated, and the oldest dropped"
    sizes = [path.stat().st_size for path in files]
    assert max(sizes) <= MAX_LOG_BYTES
    assert sum(sizes) <= budget
    assert "written after the giant" in (log_dir / LOG_FILE).read_text(encoding="utf-8")
    texts = "".join(path.read_text(encoding="utf-8") for path in files)
    assert "a record larger than a whole file: xxx" in texts and "more characters cut" in texts


def kiosk_log_lines(log_dir: Path) -> list[str]:
    return (log_dir / LOG_FILE).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("trouble", ["disk full", "log folder cannot be made"])
def test_a_log_file_that_cannot_be_written_is_said_once_then_retried_quietly(
    tmp_path: Path, restore_logging: None, capsys: pytest.CaptureFixture[str], trouble: str
) -> None:
    """A log line a second for a simulated hour while the file cannot be written: a full disk (the
    file is /dev/full, which answers every write with ENOSPC) or a data dir removed and a file in
    its place. Then the trouble ends."""
    log_dir = tmp_path / "data" / "logs"
    clock = ManualClock()
    if trouble == "disk full":
        log_dir.mkdir(parents=True)
        (log_dir / LOG_FILE).symlink_to("/dev/full")
    setup_logging(log_dir, clock=clock)
    log = logging.getLogger("kiosk.test")
    log.info("before")
    if trouble == "log folder cannot be made":
        shutil.rmtree(tmp_path / "data")
        (tmp_path / "data").write_text("in the way", encoding="utf-8")
    for second in range(3600):
        log.info("slide %d shown", second)
        clock.advance(1.0)
    said = capsys.readouterr().err
    assert said.count("\n") == 1, said
    assert said.startswith(f"kiosk: cannot write the log file {log_dir / LOG_FILE} (")
    assert "Traceback" not in said and "Logging error" not in said

    if trouble == "disk full":
        (log_dir / LOG_FILE).unlink()
    else:
        (tmp_path / "data").unlink()
    clock.advance(300.0)
    log.info("after")
    log.info("and on")
    assert capsys.readouterr().err == ""
    lost = 3601 if trouble == "disk full" else 3600  # "before" too, when the disk was full from the start
    *_, recovered, after, and_on = kiosk_log_lines(log_dir)
    assert recovered.endswith(
        f"the log file is written again after 65 min; {lost} log records were lost meanwhile"
    )
    assert after.endswith("kiosk.test: after") and and_on.endswith("kiosk.test: and on")


def test_a_log_file_removed_while_running_is_made_again(tmp_path: Path, restore_logging: None) -> None:
    log_dir = tmp_path / "data" / "logs"
    setup_logging(log_dir, clock=ManualClock())
    log = logging.getLogger("kiosk.test")
    log.info("before")
    shutil.rmtree(tmp_path / "data")  # a clean-up that went too far
    log.info("after")
    assert kiosk_log_lines(log_dir)[-1].endswith("kiosk.test: after")


def test_a_resource_on_the_edge_is_said_at_most_twice_per_longest_wait() -> None:
    """A disk on the edge of full: every other try fails for an hour. Failures and recoveries are
    said at most once per 5 min each; a failure that then lasts is said within 5 min."""
    clock = ManualClock()
    backoff = Backoff(clock)
    said = 0
    for second in range(HOUR_S):
        if backoff.due():
            if second % 2:
                said += backoff.failed()
            else:
                said += backoff.recovered() is not None
        clock.advance(1.0)
    assert 2 <= said <= 2 * (HOUR_S // LONGEST_WAIT_S + 1), said
    backoff.recovered()
    lasting = 0
    for _ in range(2 * round(LONGEST_WAIT_S)):
        if backoff.due():
            lasting += backoff.failed()
        clock.advance(1.0)
    assert lasting == 1, "a failure that lasts is said, once, even right after the flapping"
