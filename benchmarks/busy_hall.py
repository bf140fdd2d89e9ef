"""A busy hall's statistics, generated: the days before `last_day`, each with `sessions_per_day` visits.

Shaped like a real hall open 09:00-17:00: more visitors late morning and mid-afternoon and at the
weekend, 2 to 7 pages a visit, one visit in four in English, a loop of slides all day, one in
fifteen plays cut short by a visitor. Written with the statistics store's own schema (its
`connect`), in one transaction a day, so the file is what a kiosk would have after that many days.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from kiosk.system.stats_db import connect, timestamp

PAGES = ("hub", "industry", "innovation", "livelihood", "regional", "intro")
PAGE_WEIGHTS = (0.0, 30, 24, 20, 14, 12)
# Visitors per hour from 09:00 to 16:00, relative.
HOURLY = (0.6, 1.3, 1.4, 0.8, 0.7, 1.2, 1.3, 0.7)


def fill_busy_hall(
    path: Path,
    last_day: dt.date,
    days: int,
    sessions_per_day: int,
    slides: list[str],
    playlist: str = "full",
    slide_s: float = 10.0,
    seed: int = 2023,
) -> None:
    rng = random.Random(seed)
    connection = connect(path)
    session_id = int(connection.execute("SELECT coalesce(max(id), 0) FROM sessions").fetchone()[0])
    for offset in range(days - 1, -1, -1):
        day = last_day - dt.timedelta(days=offset)
        weekend = day.weekday() >= 5
        count = round(sessions_per_day * (1.35 if weekend else 0.85) * rng.uniform(0.8, 1.2))
        opening = dt.datetime.combine(day, dt.time(9))
        sessions, pages, plays, events = [], [], [], []
        starts = sorted(
            opening + dt.timedelta(hours=rng.choices(range(8), HOURLY)[0], seconds=rng.uniform(0, 3600))
            for _ in range(count)
        )
        for start in starts:
            session_id += 1
            language = "en" if rng.random() < 0.25 else "zh"
            moment = start
            visited = ["hub", *rng.choices(PAGES[1:], PAGE_WEIGHTS[1:], k=rng.randint(1, 6))]
            for page in visited:
                dwell = rng.lognormvariate(3.4, 0.6)
                end = moment + dt.timedelta(seconds=dwell)
                pages.append((session_id, page, language, timestamp(moment), timestamp(end), round(dwell, 3)))
                if page != "hub" and rng.random() < 0.4:
                    events.append((session_id, "story_swipe", f"{page}_story", timestamp(moment)))
                moment = end
            idle = 70.0
            end = moment + dt.timedelta(seconds=idle)
            ended_by = "idle" if rng.random() < 0.9 else "home"
            duration = round((end - start).total_seconds(), 3)
            sessions.append(
                (session_id, timestamp(start), timestamp(end), duration, ended_by, language, len(visited))
            )
        moment, index = opening, 0
        closing = dt.datetime.combine(day, dt.time(17))
        while moment < closing:
            end = moment + dt.timedelta(seconds=slide_s)
            cut = rng.random() < 1 / 15
            if cut:
                end = moment + dt.timedelta(seconds=rng.uniform(1, slide_s))
            plays.append(
                (
                    slides[index % len(slides)],
                    playlist,
                    timestamp(moment),
                    timestamp(end),
                    round((end - moment).total_seconds(), 3),
                    0 if cut else 1,
                    "visitor" if cut else "completed",
                )
            )
            moment, index = end, index + 1
        connection.execute("BEGIN")
        # As the store writes them: a session row at the start, completed at the end (the roll-up
        # triggers fire on that update).
        connection.executemany(
            "INSERT INTO sessions (id, started_at, language) VALUES (?, ?, ?)",
            [(row[0], row[1], row[5]) for row in sessions],
        )
        connection.executemany(
            "UPDATE sessions SET ended_at = ?, duration_s = ?, ended_by = ?, pages = ? WHERE id = ?",
            [(row[2], row[3], row[4], row[6], row[0]) for row in sessions],
        )
        connection.executemany(
            "INSERT INTO page_views (session_id, page, language, started_at, ended_at, dwell_s)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            pages,
        )
        connection.executemany(
            "INSERT INTO plays (slide, playlist, started_at, ended_at, duration_s, completed, ended_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            plays,
        )
        connection.executemany(
            "INSERT INTO events (session_id, kind, subject, at) VALUES (?, ?, ?, ?)", events
        )
        connection.execute("COMMIT")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
