"""Offline proof-of-play and visitor statistics in SQLite, written off the paint path.

What is kept: every slide played (slide, playlist, start, end, completed or what interrupted it),
every visitor session (start, end, how it ended, its last language), the pages of a session with
their dwell time, and a few interactions (language switches, story swipes, chart taps). Every value
is an id from the content pack or a fixed word: no free text, nothing that identifies a person.

The UI thread only puts small tuples on a queue; a writer thread commits them in batches every
`commit_interval_s` (WAL, `synchronous=NORMAL`), so a SIGKILL loses at most the rows of the last
interval and the file stays consistent. Anything that goes wrong with the database is logged and
the show goes on: a corrupt file is moved aside and a new one started; a file removed while the
kiosk runs is started again; when the file cannot be written (a full disk, a data dir that is
missing and cannot be made) that is said once, rows wait in memory (up to HELD_LIMIT) and the
writer tries again quietly, 1 s doubling to 5 min, and says once when it saves again. Retention
(days) and a size cap are applied when the store opens and once a day after.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import queue
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kiosk.clock import Clock, SystemClock
from kiosk.system.backoff import LONGEST_WAIT_S, Backoff, duration_text
from kiosk.system.stats_db import connect, move_aside, prune, timestamp

log = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 400
DEFAULT_MAX_MB = 1024
COMMIT_INTERVAL_S = 1.0
MAINTENANCE_INTERVAL_S = 24 * 3600.0
# A full queue means the writer cannot keep up or is stuck: rows are dropped, never the frame rate.
QUEUE_LIMIT = 20_000
BATCH_LIMIT = 2_000
# Rows kept while the file cannot be written, the oldest lost beyond it: about 2 MiB (412 bytes a
# row), hours of a busy hall's plays and visits, within a unit capped at MemoryMax=512M.
HELD_LIMIT = 5_000

PlayEnd = Literal["completed", "visitor", "staff", "closed", "emergency", "shutdown"]
SessionEnd = Literal["idle", "home", "staff", "closed", "emergency", "shutdown"]
EventKind = Literal["language", "story_swipe", "chart_tap"]


class SessionRef:
    """A visitor session as the recorder holds it; the writer fills in its row id."""

    __slots__ = ("row_id",)

    def __init__(self) -> None:
        self.row_id: int | None = None


@dataclass(frozen=True)
class _Op:
    kind: str
    values: tuple[object, ...]
    session: SessionRef | None = None


# Wakes the writer when a commit interval ends with nothing queued.
_TICK = _Op("tick", ())


class StatsStore:
    """The recording side: call the `record_*` methods from any thread; they never block or raise."""

    def __init__(
        self,
        path: Path,
        retention_days: int = DEFAULT_RETENTION_DAYS,
        max_mb: int = DEFAULT_MAX_MB,
        commit_interval_s: float = COMMIT_INTERVAL_S,
        now: dt.datetime | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.path = path
        self.retention_days = retention_days
        self.max_bytes = max_mb * 1024 * 1024
        self.commit_interval_s = commit_interval_s
        self.dropped = 0
        # The wall time of the last row handed in, so retention needs no clock of its own.
        self._latest: dt.datetime = now or dt.datetime.now()
        self._queue: queue.Queue[_Op | threading.Event | None] = queue.Queue(QUEUE_LIMIT)
        self._connection: sqlite3.Connection | None = None
        # Which file the connection has open, to notice one removed or replaced under it.
        self._opened: tuple[int, int] | None = None
        self._last_maintenance: float | None = None
        # Rows not yet saved because the file cannot be written, and how many were lost meanwhile.
        self._held: list[_Op] = []
        self._lost = 0
        self._backoff = Backoff(clock or SystemClock())
        self._thread = threading.Thread(target=self._run, name="stats-writer", daemon=True)
        self._thread.start()

    # Recording -------------------------------------------------------------------------------

    def record_play(
        self, slide: str, playlist: str, started_at: dt.datetime, ended_at: dt.datetime, ended_by: PlayEnd
    ) -> None:
        duration = max(0.0, (ended_at - started_at).total_seconds())
        values = (slide, playlist, timestamp(started_at), timestamp(ended_at), round(duration, 3))
        self._put(_Op("play", (*values, int(ended_by == "completed"), ended_by)), ended_at)

    def begin_session(self, started_at: dt.datetime, language: str) -> SessionRef:
        session = SessionRef()
        self._put(_Op("session_begin", (timestamp(started_at), language), session), started_at)
        return session

    def end_session(
        self,
        session: SessionRef,
        started_at: dt.datetime,
        ended_at: dt.datetime,
        ended_by: SessionEnd,
        language: str,
        pages: int,
    ) -> None:
        duration = round(max(0.0, (ended_at - started_at).total_seconds()), 3)
        self._put(
            _Op("session_end", (timestamp(ended_at), duration, ended_by, language, pages), session), ended_at
        )

    def record_page_view(
        self, session: SessionRef, page: str, language: str, started_at: dt.datetime, ended_at: dt.datetime
    ) -> None:
        dwell = round(max(0.0, (ended_at - started_at).total_seconds()), 3)
        values = (page, language, timestamp(started_at), timestamp(ended_at), dwell)
        self._put(_Op("page", values, session), ended_at)

    def record_event(
        self, session: SessionRef | None, kind: EventKind, subject: str, at: dt.datetime
    ) -> None:
        self._put(_Op("event", (kind, subject, timestamp(at)), session), at)

    def flush(self, timeout_s: float = 10.0) -> bool:
        """Wait until everything handed in so far is committed; False on timeout."""
        done = threading.Event()
        try:
            self._queue.put(done, timeout=timeout_s)
        except queue.Full:
            return False
        return done.wait(timeout_s)

    def close(self, timeout_s: float = 10.0) -> None:
        """Commit what is queued and stop the writer."""
        if not self._thread.is_alive():
            return
        try:
            self._queue.put(None, timeout=timeout_s)
        except queue.Full:
            log.warning("statistics writer is not keeping up; %d queued rows are lost", self._queue.qsize())
            return
        self._thread.join(timeout_s)

    def _put(self, op: _Op, moment: dt.datetime) -> None:
        self._latest = max(self._latest, moment)
        try:
            self._queue.put_nowait(op)
        except queue.Full:
            if self.dropped == 0:
                log.warning("statistics writer is not keeping up; dropping rows")
            self.dropped += 1

    # Writer thread ---------------------------------------------------------------------------

    def _run(self) -> None:
        pending: list[_Op] = []
        waiters: list[threading.Event] = []
        deadline = time.monotonic() + self.commit_interval_s
        stopping = False
        while not stopping:
            try:
                item = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                item = _TICK
            if item is None:
                stopping = True
            elif isinstance(item, threading.Event):
                waiters.append(item)
            elif item is not _TICK:
                pending.append(item)
            due = stopping or waiters or len(pending) >= BATCH_LIMIT or time.monotonic() >= deadline
            if not due:
                continue
            self._commit(pending, last_try=stopping)
            pending = []
            self._maintain_if_due()
            for waiter in waiters:
                waiter.set()
            waiters = []
            deadline = time.monotonic() + self.commit_interval_s
        self._close()

    def _open(self) -> sqlite3.Connection:
        if self._connection is not None and self._opened != _file_identity(self.path):
            log.warning(
                "statistics database %s was removed or replaced while the kiosk ran; starting it again",
                self.path,
            )
            self._close()
        if self._connection is None:
            try:
                self._connection = connect(self.path)
            except sqlite3.OperationalError:
                raise  # cannot open or write (permissions, a full disk): not the file's fault
            except sqlite3.DatabaseError as error:
                move_aside(self.path, str(error), self._latest)
                self._connection = connect(self.path)
            self._opened = _file_identity(self.path)
            self._close_dangling_sessions(self._connection)
            self._maintain_if_due()
        return self._connection

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection, self._opened = None, None

    def _commit(self, ops: list[_Op], last_try: bool = False) -> None:
        """Save the held rows and `ops`; while the file cannot be written, hold them and try again
        only when the back-off says so (and once more at close: held rows are lost after it)."""
        rows = self._held + ops
        if len(rows) > HELD_LIMIT:
            self._lost += len(rows) - HELD_LIMIT
            rows = rows[-HELD_LIMIT:]
        self._held = []
        if not (self._backoff.due() or last_try):
            self._held = rows
            return
        if not rows and self._connection is not None:
            return
        for attempt in (1, 2):
            try:
                connection = self._open()
                connection.execute("BEGIN")
                try:
                    for op in rows:
                        self._apply(connection, op)
                    connection.execute("COMMIT")
                except BaseException:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    raise
            except (sqlite3.OperationalError, OSError) as error:
                # Cannot write here now (a full disk, a missing or read-only data dir): try again later.
                self._close()
                self._held = rows
                self._cannot_save(_sentence(error))
                return
            except sqlite3.DatabaseError as error:
                if attempt == 2:
                    self._close()
                    self._lost += len(rows)
                    self._cannot_save(str(error))
                    return
                # "file is not a database", "database disk image is malformed": start a new file.
                self._close()
                move_aside(self.path, str(error), self._latest)
                for op in rows:
                    if op.session is not None and op.kind != "session_begin":
                        op.session.row_id = None
                continue
            except Exception as error:
                # A row the code cannot write: it is dropped, so it cannot block the rows after it.
                self._lost += len(rows)
                if self._backoff.failed():
                    log.error("statistics not saved (%d rows lost): %r", len(rows), error, exc_info=True)
                return
            self._saved()
            return

    def _cannot_save(self, reason: str) -> None:
        if self._backoff.failed():
            log.error(
                "statistics cannot be saved in %s (%s): rows wait in memory (up to %d) and the kiosk tries"
                " again quietly, every %.0f s doubling to %.0f min",
                self.path,
                reason,
                HELD_LIMIT,
                self._backoff.first_s,
                LONGEST_WAIT_S / 60,
            )

    def _saved(self) -> None:
        outage = self._backoff.recovered()
        if outage is not None:
            log.warning(
                "statistics are saved again in %s after %s; %d rows were lost meanwhile",
                self.path,
                duration_text(outage),
                self._lost,
            )
        if not self._backoff.failing:
            self._lost = 0

    @staticmethod
    def _apply(connection: sqlite3.Connection, op: _Op) -> None:
        if op.kind == "play":
            connection.execute(
                "INSERT INTO plays (slide, playlist, started_at, ended_at, duration_s, completed, ended_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                op.values,
            )
            return
        session = op.session
        if op.kind == "session_begin" and session is not None:
            cursor = connection.execute(
                "INSERT INTO sessions (started_at, language) VALUES (?, ?)", op.values
            )
            session.row_id = cursor.lastrowid
            return
        row_id = session.row_id if session is not None else None
        if op.kind == "session_end":
            connection.execute(
                "UPDATE sessions SET ended_at = ?, duration_s = ?, ended_by = ?, language = ?, pages = ?"
                " WHERE id = ?",
                (*op.values, row_id),
            )
        elif op.kind == "page" and row_id is not None:
            connection.execute(
                "INSERT INTO page_views (session_id, page, language, started_at, ended_at, dwell_s)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (row_id, *op.values),
            )
        elif op.kind == "event":
            connection.execute(
                "INSERT INTO events (session_id, kind, subject, at) VALUES (?, ?, ?, ?)", (row_id, *op.values)
            )

    @staticmethod
    def _close_dangling_sessions(connection: sqlite3.Connection) -> None:
        """Sessions open when the kiosk last stopped end at their last page view, as "shutdown"."""
        last_page = (
            "coalesce((SELECT max(ended_at) FROM page_views WHERE session_id = sessions.id), started_at)"
        )
        connection.execute(
            f"""
            UPDATE sessions SET
                ended_at = {last_page},
                duration_s = round((julianday({last_page}) - julianday(started_at)) * 86400, 3),
                ended_by = 'shutdown',
                pages = (SELECT count(*) FROM page_views WHERE session_id = sessions.id)
            WHERE ended_at IS NULL
            """
        )

    def _maintain_if_due(self) -> None:
        if self._connection is None:
            return
        if (
            self._last_maintenance is not None
            and time.monotonic() - self._last_maintenance < MAINTENANCE_INTERVAL_S
        ):
            return
        self._last_maintenance = time.monotonic()
        try:
            prune(self._connection, self._latest, self.retention_days, self.max_bytes)
        except sqlite3.Error as error:
            log.error("statistics retention failed: %s", error)


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _sentence(error: Exception) -> str:
    """An OSError as "No space left on device: /path", not "[Errno 28] ..."; others as they read."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return str(error)
