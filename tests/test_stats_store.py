"""The statistics store: what it writes, that a SIGKILL loses only the last moments, that a corrupt
file is replaced while recording goes on, retention and the size cap, and the reports on top."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.clock import ManualClock
from kiosk.system import stats
from kiosk.system.stats import StatsStore
from kiosk.system.stats_db import MIGRATIONS, SCHEMA_VERSION, connect, prune, stats_path, used_bytes
from kiosk.system.stats_report import StatsReader, format_rows, today_summary

REPO = Path(__file__).resolve().parent.parent
MORNING = dt.datetime(2024, 3, 1, 10, 0)


def at(minutes: float) -> dt.datetime:
    return MORNING + dt.timedelta(minutes=minutes)


def test_a_visit_and_plays_are_stored_and_reported(tmp_path: Path) -> None:
    store = StatsStore(stats_path(tmp_path), now=MORNING)
    store.record_play("wall_box_2023", "full", at(0), at(0.25), "completed")
    store.record_play("industry_title", "full", at(0.25), at(0.3), "visitor")
    session = store.begin_session(at(0.3), "zh")
    store.record_page_view(session, "hub", "zh", at(0.3), at(0.8))
    store.record_event(session, "language", "en", at(0.8))
    store.record_page_view(session, "industry", "en", at(0.8), at(2.3))
    store.end_session(session, at(0.3), at(3.3), "idle", "en", 2)
    store.close()

    reader = StatsReader.for_data_dir(tmp_path)
    csv_text = format_rows("plays", reader.rows("plays", MORNING.date(), MORNING.date()), "csv")
    assert csv_text.splitlines() == [
        "slide,playlist,started_at,ended_at,duration_s,completed,ended_by",
        "wall_box_2023,full,2024-03-01 10:00:00.000,2024-03-01 10:00:15.000,15,1,completed",
        "industry_title,full,2024-03-01 10:00:15.000,2024-03-01 10:00:18.000,3,0,visitor",
    ]
    sessions = reader.rows("sessions", MORNING.date(), MORNING.date())
    assert sessions == [(1, "2024-03-01 10:00:18.000", "2024-03-01 10:03:18.000", 180.0, "idle", "en", 2)]
    pages = reader.rows("pages", MORNING.date(), MORNING.date())
    assert [(row[1], row[2], row[5]) for row in pages] == [("hub", "zh", 30.0), ("industry", "en", 90.0)]
    summary = today_summary(tmp_path, at(60))
    assert summary == {
        "date": "2024-03-01",
        "sessions": 1,
        "median_session_s": 180.0,
        "median_dwell_s": 60.0,
        "top_pages": [{"page": "hub", "views": 1}, {"page": "industry", "views": 1}],
        "plays_per_slide": {"industry_title": 1, "wall_box_2023": 1},
    }
    assert (
        reader.rows("plays", MORNING.date() + dt.timedelta(days=1), MORNING.date() + dt.timedelta(days=2))
        == []
    )


def test_a_missing_database_reads_as_no_data(tmp_path: Path) -> None:
    reader = StatsReader.for_data_dir(tmp_path)
    assert reader.rows("sessions", MORNING.date(), MORNING.date()) == []
    assert today_summary(tmp_path, MORNING)["sessions"] == 0
    assert not stats_path(tmp_path).exists()


def test_sigkill_loses_at_most_the_last_moments_and_leaves_a_consistent_file(tmp_path: Path) -> None:
    path = stats_path(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, str(REPO / "tests" / "stats_writer_child.py"), str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    recorded = -1
    started = time.monotonic()
    # Let it write for a while (several commit intervals), then cut the power.
    while time.monotonic() - started < 3.0:
        line = child.stdout.readline()
        if not line:
            break
        recorded = int(line)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert recorded > 100, "the child did not get going"

    connection = connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    slides = [row[0] for row in connection.execute("SELECT slide FROM plays ORDER BY id")]
    connection.close()
    # Every row is whole and in order, with no gap: the file holds a prefix of what was recorded...
    assert slides == [f"slide-{number}" for number in range(len(slides))]
    # ...missing at most the last commit interval (0.5 s) and the batch in flight, at ~200 plays/s.
    assert len(slides) >= recorded - 400, (len(slides), recorded)


def test_a_corrupt_database_is_moved_aside_and_recording_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = stats_path(tmp_path)
    path.write_bytes(b"this is not an SQLite file at all, it is what a bad sector leaves behind" * 100)
    store = StatsStore(path, now=MORNING)
    with caplog.at_level(logging.ERROR, logger="kiosk.system.stats"):
        store.record_play("wall_box_2023", "full", at(0), at(0.25), "completed")
        assert store.flush()
    assert any("unusable" in record.getMessage() for record in caplog.records)
    aside = list(tmp_path.glob("stats.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")

    # The file goes bad under a running store: the next batch starts yet another file.
    store.record_play("industry_title", "full", at(1), at(1.25), "completed")
    assert store.flush()
    store.close()
    path.write_bytes(b"\0" * 8192)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    store = StatsStore(path, now=MORNING)
    store.record_play("regional_title", "full", at(2), at(2.25), "completed")
    store.close()
    rows = StatsReader(path).rows("plays", MORNING.date(), MORNING.date())
    assert [row[0] for row in rows] == ["regional_title"]
    assert len(list(tmp_path.glob("stats.sqlite3.corrupt-*"))) >= 1


def test_a_database_from_a_newer_kiosk_is_set_aside(tmp_path: Path) -> None:
    path = stats_path(tmp_path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    store = StatsStore(path, now=MORNING)
    store.record_play("wall_box_2023", "full", at(0), at(0.25), "completed")
    store.close()
    assert len(StatsReader(path).rows("plays", MORNING.date(), MORNING.date())) == 1
    assert list(tmp_path.glob("stats.sqlite3.corrupt-*"))


def test_sessions_open_at_a_crash_are_closed_at_their_last_page_on_reopening(tmp_path: Path) -> None:
    store = StatsStore(stats_path(tmp_path), now=MORNING)
    session = store.begin_session(at(0), "zh")
    store.record_page_view(session, "hub", "zh", at(0), at(1))
    store.close()
    StatsStore(stats_path(tmp_path), now=MORNING).close()
    rows = StatsReader.for_data_dir(tmp_path).rows("sessions", MORNING.date(), MORNING.date())
    assert rows == [(1, "2024-03-01 10:00:00.000", "2024-03-01 10:01:00.000", 60.0, "shutdown", "zh", 1)]


def test_retention_keeps_n_days_and_the_size_cap_drops_the_oldest_days(tmp_path: Path) -> None:
    path = stats_path(tmp_path)
    store = StatsStore(path, now=MORNING)
    for day in range(10):
        moment = MORNING - dt.timedelta(days=day)
        for number in range(300):
            began = moment + dt.timedelta(seconds=number)
            store.record_play("wall_box_2023", "full-playlist-with-a-long-name", began, began, "completed")
    store.close()
    connection = connect(path)
    prune(connection, MORNING, retention_days=5, max_bytes=1 << 30)
    days = [row[0] for row in connection.execute("SELECT DISTINCT substr(started_at, 1, 10) FROM plays")]
    assert sorted(days) == [f"2024-02-{day}" for day in (25, 26, 27, 28, 29)] + ["2024-03-01"]
    cap = used_bytes(connection) * 3 // 4
    dropped = prune(connection, MORNING, retention_days=400, max_bytes=cap)
    assert used_bytes(connection) <= cap
    remaining = [row[0] for row in connection.execute("SELECT DISTINCT substr(started_at, 1, 10) FROM plays")]
    connection.close()
    assert dropped >= 1
    assert "2024-03-01" in remaining and "2024-02-25" not in remaining


def test_a_version_1_database_is_migrated_with_its_rows_rolled_up(tmp_path: Path) -> None:
    path = stats_path(tmp_path)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.executescript(MIGRATIONS[0])
    connection.execute("PRAGMA user_version = 1")
    connection.execute(
        "INSERT INTO sessions VALUES (7, '2024-03-01 10:00:00.000', '2024-03-01 10:02:00.000',"
        " 120.0, 'idle', 'en', 1)"
    )
    connection.execute(
        "INSERT INTO page_views VALUES (1, 7, 'industry', 'en', '2024-03-01 10:00:00.000',"
        " '2024-03-01 10:01:00.000', 60.0)"
    )
    connection.close()
    connect(path).close()
    insights = StatsReader(path).insights(MORNING.date(), 30)
    assert insights.sessions == 1 and insights.languages == {"en": 1}
    assert insights.sessions_per_hour[10] == 1 and insights.median_session_s == 120.0
    assert insights.page_views == [("industry", 1)]
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    connection.close()


def test_the_median_visit_is_exact(tmp_path: Path) -> None:
    store = StatsStore(stats_path(tmp_path), now=MORNING)
    for minutes, length_s in ((0, 40), (5, 130), (10, 75), (15, 600)):
        session = store.begin_session(at(minutes), "zh")
        store.end_session(session, at(minutes), at(minutes) + dt.timedelta(seconds=length_s), "idle", "zh", 1)
    store.close()
    assert StatsReader(stats_path(tmp_path)).insights(MORNING.date()).median_session_s == 102.5


def test_a_database_that_cannot_be_opened_is_left_alone_and_logged_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = stats_path(tmp_path)
    path.mkdir()  # something in the way that is not a damaged database: nothing to move aside
    store = StatsStore(path, now=MORNING)
    with caplog.at_level(logging.ERROR, logger="kiosk.system.stats"):
        for minute in range(3):
            store.record_play("wall_box_2023", "full", at(minute), at(minute + 0.25), "completed")
            assert store.flush()
    store.close()
    errors = [record.getMessage() for record in caplog.records]
    assert len(errors) == 1 and "unable to open database file" in errors[0]
    assert path.is_dir() and not list(tmp_path.glob("stats.sqlite3.corrupt-*"))


# A data dir that cannot be written: one line, quiet retries on the project's clock, one line back ---

HOUR_S = 3600


def run_for_an_hour(store: StatsStore, clock: ManualClock, first: int = 0) -> None:
    """A play a second for a simulated hour, each second ending in the writer's commit."""
    for second in range(first, first + HOUR_S):
        began = MORNING + dt.timedelta(seconds=second)
        store.record_play(f"slide-{second}", "full", began, began + dt.timedelta(seconds=1), "completed")
        assert store.flush()
        clock.advance(1.0)


def stats_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "kiosk.system.stats"]


def test_a_full_disk_is_said_once_retried_with_back_off_and_loses_no_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The disk fills up: SQLite's own "database or disk is full" (its page limit set to what the
    file holds, at the I/O boundary), for a simulated hour of one play a second."""
    disk_full = True
    clock = ManualClock(start=MORNING)
    write_tries: list[float] = []

    def count_tries(statement: str) -> None:
        if statement == "BEGIN":
            write_tries.append(clock.monotonic())

    def connect_to_a_full_disk(path: Path) -> sqlite3.Connection:
        connection = connect(path)
        connection.set_trace_callback(count_tries)
        if disk_full:
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            connection.execute(f"PRAGMA max_page_count = {pages}")
        return connection

    monkeypatch.setattr(stats, "connect", connect_to_a_full_disk)
    path = stats_path(tmp_path)
    with caplog.at_level(logging.INFO, logger="kiosk.system.stats"):
        store = StatsStore(path, now=MORNING, clock=clock)
        run_for_an_hour(store, clock)
        full_lines = stats_lines(caplog)
        gaps = [round(after - before) for before, after in itertools.pairwise(write_tries)]
        disk_full = False
        clock.advance(300.0)
        assert store.flush()
        store.close()
    errors = [record for record in full_lines if record.levelno >= logging.ERROR]
    assert len(errors) == 1 and "database or disk is full" in errors[0].getMessage()
    assert errors[0].exc_info is None, "one line, no traceback"
    # A commit a second until the disk filled, then tries 1 s, 2 s, 4 s ... 5 min apart.
    every_second = gaps.index(2)
    assert gaps[:every_second] == [1] * every_second
    retries = gaps[every_second:]
    assert retries == [2, 4, 8, 16, 32, 64, 128, 256] + [300] * (len(retries) - 8), gaps
    assert len(retries) < 25
    (recovered,) = [record for record in stats_lines(caplog) if "saved again" in record.getMessage()]
    assert "0 rows were lost" in recovered.getMessage()
    assert len(StatsReader(path).rows("plays", MORNING.date(), MORNING.date())) == HOUR_S


def test_a_data_dir_that_cannot_be_made_is_said_once_and_recording_resumes_when_it_can(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir = tmp_path / "data"
    data_dir.write_text("a file where the data dir should be", encoding="utf-8")
    clock = ManualClock(start=MORNING)
    with caplog.at_level(logging.INFO, logger="kiosk.system.stats"):
        store = StatsStore(stats_path(data_dir), now=MORNING, clock=clock)
        run_for_an_hour(store, clock)
        (said,) = stats_lines(caplog)
        data_dir.unlink()
        run_for_an_hour(store, clock, first=HOUR_S)
        store.close()
    assert said.levelno == logging.ERROR and said.exc_info is None
    assert said.getMessage().startswith(
        f"statistics cannot be saved in {stats_path(data_dir)} (File exists: "
    )
    assert sum("saved again" in record.getMessage() for record in stats_lines(caplog)) == 1
    plays = StatsReader.for_data_dir(data_dir).rows("plays", MORNING.date(), MORNING.date())
    assert len(plays) == 2 * HOUR_S


def test_a_data_dir_removed_while_running_is_made_again_and_said_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir = tmp_path / "data"
    clock = ManualClock(start=MORNING)
    store = StatsStore(stats_path(data_dir), now=MORNING, clock=clock)
    store.record_play("before", "full", at(0), at(0.1), "completed")
    assert store.flush()
    shutil.rmtree(data_dir)
    with caplog.at_level(logging.INFO, logger="kiosk.system.stats"):
        for second in range(60):
            store.record_play(f"after-{second}", "full", at(1), at(1.1), "completed")
            assert store.flush()
            clock.advance(1.0)
        store.close()
    warnings = [record.getMessage() for record in stats_lines(caplog) if record.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "removed or replaced while the kiosk ran" in warnings[0]
    plays = StatsReader.for_data_dir(data_dir).rows("plays", MORNING.date(), MORNING.date())
    assert [row[0] for row in plays] == [f"after-{second}" for second in range(60)]


def test_rows_beyond_what_memory_holds_are_counted_as_lost_and_the_newest_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(stats, "HELD_LIMIT", 100)
    data_dir = tmp_path / "data"
    data_dir.write_text("a file where the data dir should be", encoding="utf-8")
    clock = ManualClock(start=MORNING)
    with caplog.at_level(logging.INFO, logger="kiosk.system.stats"):
        store = StatsStore(stats_path(data_dir), now=MORNING, clock=clock)
        for second in range(250):
            store.record_play(f"slide-{second}", "full", at(0), at(0.1), "completed")
            assert store.flush()
            clock.advance(1.0)
        data_dir.unlink()
        clock.advance(300.0)
        assert store.flush()
        store.close()
    (recovered,) = [
        record.getMessage() for record in stats_lines(caplog) if "saved again" in record.getMessage()
    ]
    assert recovered.endswith("150 rows were lost meanwhile")
    plays = StatsReader.for_data_dir(data_dir).rows("plays", MORNING.date(), MORNING.date())
    assert [row[0] for row in plays] == [f"slide-{second}" for second in range(150, 250)]
