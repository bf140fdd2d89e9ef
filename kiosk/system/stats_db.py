"""The statistics database as a file: where it lives, its schema and migrations, how a connection is
opened, how an unusable file is set aside, and retention with a size cap. Used by the writer
(`stats.StatsStore`) and the readers (`stats_report`)."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

STATS_FILE = "stats.sqlite3"
SCHEMA_VERSION = 2

# Index i holds the script that takes a database from user_version i to i + 1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE plays (
        id INTEGER PRIMARY KEY,
        slide TEXT NOT NULL,
        playlist TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        duration_s REAL NOT NULL,
        completed INTEGER NOT NULL,
        ended_by TEXT NOT NULL
    );
    CREATE INDEX plays_started_at ON plays (started_at);
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        duration_s REAL,
        ended_by TEXT,
        language TEXT NOT NULL,
        pages INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sessions_started_at ON sessions (started_at);
    CREATE TABLE page_views (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL,
        page TEXT NOT NULL,
        language TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        dwell_s REAL NOT NULL
    );
    CREATE INDEX page_views_started_at ON page_views (started_at, page);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        session_id INTEGER,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX events_at ON events (at);
    """,
    # 2: daily roll-ups kept by triggers, so the Insights page reads a few thousand small rows
    # instead of a month of sessions and page views; the wide index they replace goes.
    """
    CREATE TABLE page_days (
        day TEXT NOT NULL,
        page TEXT NOT NULL,
        views INTEGER NOT NULL,
        dwell_s REAL NOT NULL,
        PRIMARY KEY (day, page)
    ) WITHOUT ROWID;
    CREATE TABLE session_hours (
        day TEXT NOT NULL,
        hour INTEGER NOT NULL,
        language TEXT NOT NULL,
        sessions INTEGER NOT NULL,
        PRIMARY KEY (day, hour, language)
    ) WITHOUT ROWID;
    CREATE TABLE session_lengths (
        day TEXT NOT NULL,
        seconds INTEGER NOT NULL,
        sessions INTEGER NOT NULL,
        PRIMARY KEY (day, seconds)
    ) WITHOUT ROWID;
    INSERT INTO page_days (day, page, views, dwell_s)
        SELECT substr(started_at, 1, 10), page, count(*), sum(dwell_s) FROM page_views GROUP BY 1, 2;
    INSERT INTO session_hours (day, hour, language, sessions)
        SELECT substr(started_at, 1, 10), CAST(substr(started_at, 12, 2) AS INTEGER), language, count(*)
        FROM sessions WHERE ended_at IS NOT NULL GROUP BY 1, 2, 3;
    INSERT INTO session_lengths (day, seconds, sessions)
        SELECT substr(started_at, 1, 10), CAST(round(duration_s) AS INTEGER), count(*)
        FROM sessions WHERE ended_at IS NOT NULL GROUP BY 1, 2;
    CREATE TRIGGER page_views_roll_up AFTER INSERT ON page_views BEGIN
        INSERT INTO page_days (day, page, views, dwell_s)
            VALUES (substr(NEW.started_at, 1, 10), NEW.page, 1, NEW.dwell_s)
            ON CONFLICT (day, page) DO UPDATE SET views = views + 1, dwell_s = dwell_s + excluded.dwell_s;
    END;
    CREATE TRIGGER sessions_roll_up AFTER UPDATE OF ended_at ON sessions
        WHEN OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL BEGIN
        INSERT INTO session_hours (day, hour, language, sessions)
            VALUES (substr(NEW.started_at, 1, 10), CAST(substr(NEW.started_at, 12, 2) AS INTEGER),
                    NEW.language, 1)
            ON CONFLICT (day, hour, language) DO UPDATE SET sessions = sessions + 1;
        INSERT INTO session_lengths (day, seconds, sessions)
            VALUES (substr(NEW.started_at, 1, 10), CAST(round(NEW.duration_s) AS INTEGER), 1)
            ON CONFLICT (day, seconds) DO UPDATE SET sessions = sessions + 1;
    END;
    DROP INDEX page_views_started_at;
    CREATE INDEX page_views_started_at ON page_views (started_at);
    """,
)
assert len(MIGRATIONS) == SCHEMA_VERSION

# Tables with the column that dates their rows, for retention and the size cap.
DATED_TABLES = (
    ("plays", "started_at"),
    ("sessions", "started_at"),
    ("page_views", "started_at"),
    ("events", "at"),
)


def timestamp(moment: dt.datetime) -> str:
    """How times are stored: local wall-clock time to the millisecond, which sorts as text."""
    return moment.isoformat(sep=" ", timespec="milliseconds")


def stats_path(data_dir: Path) -> Path:
    return data_dir / STATS_FILE


def connect(path: Path) -> sqlite3.Connection:
    """A connection in the store's modes, with the schema migrated to the current version."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
    try:
        # Both must come before the first table exists; later they are no-ops.
        connection.execute("PRAGMA auto_vacuum = INCREMENTAL")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        migrate(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def migrate(connection: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION; a file from a newer kiosk is refused as unusable."""
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(f"schema version {version} is newer than this kiosk's {SCHEMA_VERSION}")
    for target in range(version, SCHEMA_VERSION):
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[target]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {target + 1}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        log.info("statistics database migrated to schema version %d", target + 1)


def _statements(script: str) -> list[str]:
    """The statements of a migration script, trigger bodies kept whole."""
    statements, pending = [], ""
    for part in script.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip())
            pending = ""
    return statements


def move_aside(path: Path, reason: str, now: dt.datetime) -> Path:
    """Rename an unusable database (and its WAL and shared-memory files) out of the way."""
    target = path.with_name(f"{path.name}.corrupt-{now:%Y%m%d-%H%M%S}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.replace(target.with_name(target.name + suffix))
    log.error(
        "statistics database %s is unusable (%s); moved to %s and started a new one", path, reason, target
    )
    return target


def used_bytes(connection: sqlite3.Connection) -> int:
    page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
    pages = int(connection.execute("PRAGMA page_count").fetchone()[0])
    free = int(connection.execute("PRAGMA freelist_count").fetchone()[0])
    return (pages - free) * page_size


def _bound(column: str, moment: str) -> str:
    """`moment` as the column holds it: a whole day for `day` columns, else a timestamp."""
    return moment[:10] if column == "day" else moment


def prune(connection: sqlite3.Connection, now: dt.datetime, retention_days: int, max_bytes: int) -> int:
    """Delete rows older than `retention_days`, then whole oldest days while over `max_bytes`.

    Returns the number of days dropped for size; the freed pages go back to the file system.
    """
    cutoff = timestamp(dt.datetime.combine(now.date() - dt.timedelta(days=retention_days), dt.time()))
    for table, column in DATED_TABLES:
        connection.execute(f"DELETE FROM {table} WHERE {column} < ?", (_bound(column, cutoff),))
    dropped_days = 0
    while used_bytes(connection) > max_bytes:
        oldest = connection.execute("SELECT min(started_at) FROM sessions").fetchone()[0]
        oldest_play = connection.execute("SELECT min(started_at) FROM plays").fetchone()[0]
        candidates = [value for value in (oldest, oldest_play) if value is not None]
        if not candidates:
            break
        day_end = timestamp(dt.datetime.fromisoformat(min(candidates)[:10]) + dt.timedelta(days=1))
        connection.execute("BEGIN")
        for table, column in DATED_TABLES:
            connection.execute(f"DELETE FROM {table} WHERE {column} < ?", (_bound(column, day_end),))
        connection.execute("COMMIT")
        dropped_days += 1
    if dropped_days:
        log.warning("statistics over the size cap: dropped the oldest %d day(s)", dropped_days)
    connection.execute("PRAGMA incremental_vacuum")
    return dropped_days
