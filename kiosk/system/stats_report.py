"""Reading the statistics: rows for `kiosk stats`, daily summaries, and the Insights page's figures.

Opens the database read-only, so a report never takes a lock the writer waits on; a missing or
unreadable database reads as no data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import statistics
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kiosk.system.stats_db import stats_path, timestamp

Kind = Literal["plays", "sessions", "pages"]
Output = Literal["table", "csv", "json"]

# The columns of each kind, in the order `kiosk stats` prints them (documented in the README).
COLUMNS: dict[Kind, tuple[str, ...]] = {
    "plays": ("slide", "playlist", "started_at", "ended_at", "duration_s", "completed", "ended_by"),
    "sessions": ("session", "started_at", "ended_at", "duration_s", "ended_by", "language", "pages"),
    "pages": ("session", "page", "language", "started_at", "ended_at", "dwell_s"),
}
_QUERIES: dict[Kind, str] = {
    "plays": "SELECT slide, playlist, started_at, ended_at, duration_s, completed, ended_by FROM plays"
    " WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id",
    "sessions": "SELECT id, started_at, ended_at, duration_s, ended_by, language, pages FROM sessions"
    " WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id",
    "pages": "SELECT session_id, page, language, started_at, ended_at, dwell_s FROM page_views"
    " WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id",
}
TOP_PAGES = 5


@dataclass
class DaySummary:
    day: dt.date
    sessions: int
    median_session_s: float
    median_dwell_s: float
    top_pages: list[tuple[str, int]]
    plays_per_slide: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "sessions": self.sessions,
            "median_session_s": self.median_session_s,
            "median_dwell_s": self.median_dwell_s,
            "top_pages": [{"page": page, "views": views} for page, views in self.top_pages],
            "plays_per_slide": self.plays_per_slide,
        }


@dataclass
class SlidePlays:
    slide: str
    plays: int
    completed: int
    seconds: float


@dataclass
class Insights:
    """Everything the Insights page draws, for the `days` days up to and including `last_day`."""

    last_day: dt.date
    days: int
    sessions_per_hour: list[int] = field(default_factory=lambda: [0] * 24)
    sessions_per_day: list[tuple[dt.date, int]] = field(default_factory=list)
    page_views: list[tuple[str, int]] = field(default_factory=list)
    median_session_s: float = 0.0
    sessions: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    proof_of_play_day: dt.date | None = None
    proof_of_play: list[SlidePlays] = field(default_factory=list)


def _bounds(first: dt.date, last: dt.date) -> tuple[str, str]:
    """Text bounds covering whole days from `first` to `last` inclusive."""
    return timestamp(dt.datetime.combine(first, dt.time())), timestamp(
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    )


def _median(values: Sequence[float]) -> float:
    return round(statistics.median(values), 1) if values else 0.0


def _median_of_counts(counts: dict[int, int]) -> float:
    """The median of values given as {value: how many times}."""
    total = sum(counts.values())
    if total == 0:
        return 0.0
    ordered = sorted(counts.items())
    middle = [(total - 1) // 2, total // 2]
    found: list[int] = []
    seen = 0
    for value, count in ordered:
        while middle and middle[0] < seen + count:
            found.append(value)
            middle.pop(0)
        seen += count
    return round(sum(found) / len(found), 1)


class StatsReader:
    """Read-only queries on the statistics database of a data dir."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> StatsReader:
        return cls(stats_path(data_dir))

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection | None]:
        if not self.path.exists():
            yield None
            return
        try:
            connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5.0)
        except sqlite3.Error:
            yield None
            return
        try:
            yield connection
        finally:
            connection.close()

    def _rows(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        # Any, as sqlite3 gives it: each column is an int, float, str or NULL as the query selects.
        with self._connection() as connection:
            if connection is None:
                return []
            try:
                return list(connection.execute(sql, params))
            except sqlite3.Error:
                return []

    # Rows ------------------------------------------------------------------------------------

    def rows(self, kind: Kind, first: dt.date, last: dt.date) -> list[tuple[Any, ...]]:
        return self._rows(_QUERIES[kind], _bounds(first, last))

    # Summaries -------------------------------------------------------------------------------

    def day_summary(self, day: dt.date) -> DaySummary:
        low, high = _bounds(day, day)
        durations = [
            float(row[0])
            for row in self._rows(
                "SELECT duration_s FROM sessions WHERE started_at >= ? AND started_at < ?"
                " AND duration_s IS NOT NULL",
                (low, high),
            )
        ]
        sessions = self._rows(
            "SELECT count(*) FROM sessions WHERE started_at >= ? AND started_at < ?", (low, high)
        )
        dwell = [
            float(row[0])
            for row in self._rows(
                "SELECT dwell_s FROM page_views WHERE started_at >= ? AND started_at < ?", (low, high)
            )
        ]
        pages = self._rows(
            "SELECT page, views FROM page_days WHERE day = ? ORDER BY views DESC, page LIMIT ?",
            (day.isoformat(), TOP_PAGES),
        )
        plays = self._rows(
            "SELECT slide, count(*) FROM plays WHERE started_at >= ? AND started_at < ?"
            " GROUP BY slide ORDER BY slide",
            (low, high),
        )
        return DaySummary(
            day=day,
            sessions=int(sessions[0][0]) if sessions else 0,
            median_session_s=_median(durations),
            median_dwell_s=_median(dwell),
            top_pages=[(str(page), int(views)) for page, views in pages],
            plays_per_slide={str(slide): int(count) for slide, count in plays},
        )

    def daily_summaries(self, first: dt.date, last: dt.date) -> list[DaySummary]:
        days = (last - first).days + 1
        return [self.day_summary(first + dt.timedelta(days=offset)) for offset in range(max(0, days))]

    # The Insights page -----------------------------------------------------------------------

    def insights(
        self, last_day: dt.date, days: int = 30, proof_of_play_day: dt.date | None = None
    ) -> Insights:
        first = last_day - dt.timedelta(days=days - 1)
        play_day = proof_of_play_day or last_day
        result = Insights(last_day=last_day, days=days, proof_of_play_day=play_day)
        # From the daily roll-ups the store's triggers keep: a few thousand rows at most.
        per_day: dict[str, int] = {}
        for day, hour, language, sessions in self._rows(
            "SELECT day, hour, language, sessions FROM session_hours WHERE day >= ? AND day <= ?",
            (first.isoformat(), last_day.isoformat()),
        ):
            count = int(sessions)
            result.sessions_per_hour[int(hour)] += count
            per_day[str(day)] = per_day.get(str(day), 0) + count
            result.languages[str(language)] = result.languages.get(str(language), 0) + count
        result.sessions = sum(per_day.values())
        result.sessions_per_day = [
            (day, per_day.get(day.isoformat(), 0))
            for day in (first + dt.timedelta(days=n) for n in range(days))
        ]
        lengths: dict[int, int] = {}
        for seconds, sessions in self._rows(
            "SELECT seconds, sum(sessions) FROM session_lengths WHERE day >= ? AND day <= ? GROUP BY seconds",
            (first.isoformat(), last_day.isoformat()),
        ):
            lengths[int(seconds)] = int(sessions)
        result.median_session_s = _median_of_counts(lengths)
        result.page_views = [
            (str(page), int(views))
            for page, views in self._rows(
                "SELECT page, sum(views) AS total FROM page_days WHERE day >= ? AND day <= ?"
                " GROUP BY page ORDER BY total DESC, page",
                (first.isoformat(), last_day.isoformat()),
            )
        ]
        play_low, play_high = _bounds(play_day, play_day)
        result.proof_of_play = [
            SlidePlays(str(slide), int(plays), int(completed), float(seconds))
            for slide, plays, completed, seconds in self._rows(
                "SELECT slide, count(*), sum(completed), sum(duration_s) FROM plays"
                " WHERE started_at >= ? AND started_at < ? GROUP BY slide ORDER BY 2 DESC, slide",
                (play_low, play_high),
            )
        ]
        return result


def today_summary(data_dir: Path, now: dt.datetime) -> dict[str, object]:
    """Today's figures as plain JSON-ready values: for the fleet status file and diagnostics."""
    return StatsReader.for_data_dir(data_dir).day_summary(now.date()).as_dict()


# Output for `kiosk stats` -------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"
    return str(value)


def format_rows(kind: Kind, rows: list[tuple[object, ...]], output: Output) -> str:
    columns = COLUMNS[kind]
    if output == "json":
        return (
            json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=2)
            + "\n"
        )
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(value) for value in row] for row in rows])
        return buffer.getvalue()
    return _table([columns, *([_cell(value) for value in row] for row in rows)])


def format_summaries(summaries: list[DaySummary], output: Output) -> str:
    if output == "json":
        return json.dumps([summary.as_dict() for summary in summaries], ensure_ascii=False, indent=2) + "\n"
    header = ("date", "sessions", "median_session_s", "median_dwell_s", "top_pages", "plays_per_slide")
    rows = [
        (
            summary.day.isoformat(),
            str(summary.sessions),
            _cell(summary.median_session_s),
            _cell(summary.median_dwell_s),
            " ".join(f"{page}:{views}" for page, views in summary.top_pages),
            " ".join(f"{slide}:{count}" for slide, count in summary.plays_per_slide.items()),
        )
        for summary in summaries
    ]
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buffer.getvalue()
    return _table([header, *rows])


def _table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n"
        for row in rows
    )
