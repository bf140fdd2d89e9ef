"""Statistics benchmark (issue 12): the cost of recording, the size of a busy year, the Insights queries.

    python benchmarks/stats_bench.py [--runs 2] [--loop-seconds 60] [--days 400] [--sessions-per-day 2000]

1. `kiosk run` loops the `full` playlist for --loop-seconds with statistics off and on, alternately,
   --runs times each, in one invocation: frame paint p50/p99 from `--stats-json`, and the child's CPU
   time over wall time. Medians per setting, and on minus off.
2. A database of a busy hall (--days days of --sessions-per-day visits, plays all day) is generated
   with the store's schema: its size on disk, and the time of the Insights page's queries and of
   today's summary (medians of 5).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from busy_hall import fill_busy_hall
from machine import describe

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kiosk.system.stats import stats_path  # noqa: E402
from kiosk.system.stats_report import StatsReader, today_summary  # noqa: E402


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def loop_once(seconds: float, stats_enabled: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "config"
        config.mkdir()
        (config / "settings.json").write_text(json.dumps({"stats_enabled": stats_enabled}), encoding="utf-8")
        report = Path(scratch) / "run.json"
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "PYTHONPATH": str(REPO),
        }
        command = [
            sys.executable, "-m", "kiosk", "run", "--size", "1920x1080", "--playlist", "full",
            "--exit-after", str(seconds), "--stats-json", str(report),
            "--config-dir", str(config), "--data-dir", f"{scratch}/data",
        ]  # fmt: skip
        cpu_before, wall_before = _children_cpu_s(), time.perf_counter()
        subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True, timeout=seconds + 60)
        cpu = _children_cpu_s() - cpu_before
        wall = time.perf_counter() - wall_before
        figures = json.loads(report.read_text(encoding="utf-8"))
        plays = StatsReader.for_data_dir(Path(scratch) / "data").rows(
            "plays", dt.date.today(), dt.date.today()
        )
        return {
            "frame_ms_p50": figures["frame_ms_p50"],
            "frame_ms_p99": figures["frame_ms_p99"],
            "cpu_percent": round(100 * cpu / wall, 1),
            "slides_shown": figures["slides_shown"],
            "plays_recorded": len(plays),
        }


def dark_cpu_percent(settle_s: float = 8.0, measure_s: float = 10.0) -> float:
    """CPU of a kiosk outside opening hours (black screen), after it settled: % of one core."""
    import psutil

    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "config"
        config.mkdir()
        closed = {"opening_hours": {"enabled": True, "week": {}}}
        (config / "settings.json").write_text(json.dumps(closed), encoding="utf-8")
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "PYTHONPATH": str(REPO),
        }
        command = [
            sys.executable, "-m", "kiosk", "run", "--size", "1920x1080",
            "--exit-after", str(settle_s + measure_s + 2),
            "--config-dir", str(config), "--data-dir", f"{scratch}/data",
        ]  # fmt: skip
        child = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        process = psutil.Process(child.pid)
        time.sleep(settle_s)
        before = process.cpu_times()
        time.sleep(measure_s)
        after = process.cpu_times()
        child.wait(timeout=60)
        used = (after.user - before.user) + (after.system - before.system)
        return round(100 * used / measure_s, 2)


def loop_comparison(runs: int, seconds: float) -> dict[str, object]:
    samples: dict[str, list[dict[str, float]]] = {"off": [], "on": []}
    for _ in range(runs):
        for setting in ("off", "on"):
            samples[setting].append(loop_once(seconds, setting == "on"))
    medians = {
        setting: {key: round(statistics.median(run[key] for run in runs_), 3) for key in runs_[0]}
        for setting, runs_ in samples.items()
    }
    return {
        "statistics_off": medians["off"],
        "statistics_on": medians["on"],
        "frame_ms_p99_change_percent": _change(medians["off"]["frame_ms_p99"], medians["on"]["frame_ms_p99"]),
        "cpu_change_percent": _change(medians["off"]["cpu_percent"], medians["on"]["cpu_percent"]),
        "runs_each": runs,
        "loop_seconds": seconds,
    }


def _change(before: float, after: float) -> float | None:
    return round(100 * (after - before) / before, 1) if before else None


def busy_year(days: int, sessions_per_day: int) -> dict[str, object]:
    from kiosk.content.loader import DirectorySource, load_pack

    slides = [slide.id for slide in load_pack(DirectorySource(REPO / "assets" / "content")).slides]
    last_day = dt.date.today()
    with tempfile.TemporaryDirectory() as scratch:
        path = stats_path(Path(scratch))
        began = time.perf_counter()
        fill_busy_hall(path, last_day, days, sessions_per_day, slides)
        generated_s = time.perf_counter() - began
        size = sum(file.stat().st_size for file in Path(scratch).iterdir())
        reader = StatsReader(path)
        insights_ms, summary_ms = [], []
        for _ in range(5):
            began = time.perf_counter()
            insights = reader.insights(last_day, 30)
            insights_ms.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            today_summary(Path(scratch), dt.datetime.combine(last_day, dt.time(18)))
            summary_ms.append((time.perf_counter() - began) * 1000)
        connection = sqlite3.connect(path)
        counts = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("sessions", "page_views", "plays", "events")
        }
        connection.close()
        return {
            "days": days,
            "sessions_per_day": sessions_per_day,
            "rows": counts,
            "database_mib": round(size / 2**20, 1),
            "insights_query_ms_median": round(statistics.median(insights_ms), 1),
            "insights_query_ms_max": round(max(insights_ms), 1),
            "today_summary_ms_median": round(statistics.median(summary_ms), 1),
            "sessions_in_last_30_days": insights.sessions,
            "generated_in_s": round(generated_s, 1),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--loop-seconds", type=float, default=60.0)
    parser.add_argument("--days", type=int, default=400)
    parser.add_argument("--sessions-per-day", type=int, default=2000)
    parser.add_argument("--skip-loop", action="store_true", help="only the database figures")
    args = parser.parse_args()
    result: dict[str, object] = {"machine": describe()}
    result["busy_hall"] = busy_year(args.days, args.sessions_per_day)
    if not args.skip_loop:
        result["loop"] = loop_comparison(args.runs, args.loop_seconds)
        result["cpu_percent_dark"] = dark_cpu_percent()
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
