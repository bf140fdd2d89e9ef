"""The benchmark suite: start-up, frame timing over a looped playlist, CPU, memory, tap latency.

    python benchmarks/run_all.py [--runs 5] [--loop-seconds 60] [--tap-rounds 20] [--baseline GIT_REF]
                                 [--size WxH] [--xvfb] [--cpu-quota PERCENT]

Each figure is the median of --runs runs, each in a fresh process (tap latency runs
benchmarks/tap_latency.py in its own process, --tap-rounds rounds each). With --baseline, the same
measurements run on a checkout of GIT_REF in the same invocation, so the comparison is made on one
machine at one time. --size sets the window size of every child (1920x1080 unless given); --xvfb
starts an Xvfb server of that size and runs the children on it with QT_QPA_PLATFORM=xcb, a real X server
instead of the offscreen platform. --cpu-quota 50 runs every child on one core with a 50 % quota (a
cgroup this script sets up, see cpu_limit.py), as a proxy for a small fanless PC. Prints one JSON
object, which records the size, the platform and the CPU limit.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cpu_limit import CpuLimit, one_core
from machine import describe

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Screen:
    """Where the children draw: a window size, and the platform variables that choose the display."""

    size: str = "1920x1080"
    display: dict[str, str] = field(default_factory=dict)
    # The CPU the children get: the whole machine, or one core and a quota of it.
    cpu_limit: CpuLimit | None = None

    def child_setup(self) -> None:
        if self.cpu_limit is not None:
            self.cpu_limit.enter()

    @property
    def platform(self) -> str:
        return self.display.get("QT_QPA_PLATFORM") or os.environ.get("QT_QPA_PLATFORM", "offscreen")


def _env(tree: Path, screen: Screen) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    env.update(screen.display)
    env["PYTHONPATH"] = str(tree)
    return env


@contextlib.contextmanager
def xvfb(size: str) -> Iterator[dict[str, str]]:
    """An Xvfb server of `size` for the children, on the first free display number it picks itself."""
    binary = shutil.which("Xvfb")
    if binary is None:
        raise SystemExit("--xvfb needs Xvfb (Debian package xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [binary, "-displayfd", str(write_end), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as announced:
            number = announced.readline().strip()
        if not number:
            raise SystemExit("Xvfb did not start")
        yield {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}
    finally:
        server.terminate()
        server.wait(timeout=10)


def _kiosk_run(tree: Path, screen: Screen, seconds: float, playlist: str | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        stats = Path(scratch) / "stats.json"
        command = [
            sys.executable,
            "-m",
            "kiosk",
            "run",
            "--size",
            screen.size,
            "--exit-after",
            str(seconds),
            "--stats-json",
            str(stats),
            "--config-dir",
            f"{scratch}/config",
            "--data-dir",
            f"{scratch}/data",
        ]
        if playlist:
            command += ["--playlist", playlist]
        subprocess.run(
            command,
            cwd=tree,
            env=_env(tree, screen),
            check=True,
            capture_output=True,
            timeout=seconds + 60,
            preexec_fn=screen.child_setup,
        )
        return json.loads(stats.read_text(encoding="utf-8"))


def _script(tree: Path, name: str) -> Path:
    """The tree's own copy of a benchmark script: a baseline from before a module moved cannot run
    today's script, which imports the new paths."""
    own = tree / "benchmarks" / name
    return own if own.exists() else Path(__file__).resolve().parent / name


def _cpu(tree: Path, screen: Screen) -> dict[str, float]:
    probe = _script(tree, "cpu_probe.py")
    done = subprocess.run(
        [sys.executable, str(probe), "--size", screen.size],
        cwd=tree,
        env=_env(tree, screen),
        check=True,
        capture_output=True,
        text=True,
        preexec_fn=screen.child_setup,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _tap_latency(tree: Path, screen: Screen, rounds: int) -> dict[str, float]:
    """One run of tap_latency.py, flattened to the figures the report keeps."""
    script = _script(tree, "tap_latency.py")
    done = subprocess.run(
        [sys.executable, str(script), "--rounds", str(rounds), "--size", screen.size],
        cwd=tree,
        env=_env(tree, screen),
        check=True,
        capture_output=True,
        text=True,
        preexec_fn=screen.child_setup,
        timeout=60 + rounds * 15,
    )
    report = json.loads(done.stdout)
    return {
        "first_visit_ms_p50": report["first_visit_ms"]["p50"],
        "first_visit_ms_max": report["first_visit_ms"]["max"],
        "repeat_visit_ms_p50": report["repeat_visit_ms"]["p50"],
        "repeat_visit_ms_p95": report["repeat_visit_ms"]["p95"],
        "home_ms_p50": report["home_ms"]["p50"],
        "home_ms_p95": report["home_ms"]["p95"],
        "rss_growth_mib": round(report["rss_mib_after_last_round"] - report["rss_mib_after_first_round"], 1),
        "prebuilt_pages": len(report.get("prebuilt_pages", [])),
        "prebuilt_pages_rss_mib": round(sum(page["rss_mib"] for page in report.get("prebuilt_pages", [])), 1),
    }


def _render(tree: Path, screen: Screen) -> dict[str, float]:
    """Wall time of `kiosk render title_intro`, a title card: what a one-off render of a screen costs."""
    with tempfile.TemporaryDirectory() as scratch:
        began = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk",
                "render",
                "title_intro",
                "--out",
                str(Path(scratch) / "title.png"),
            ],
            cwd=tree,
            env=_env(tree, screen),
            check=True,
            capture_output=True,
            timeout=120,
            preexec_fn=screen.child_setup,
        )
        return {"render_title_intro_s": round(time.perf_counter() - began, 3)}


def _median(samples: list[dict[str, float]], key: str) -> float | None:
    values = [sample[key] for sample in samples if sample.get(key) is not None]
    return round(statistics.median(values), 2) if values else None


def measure(tree: Path, screen: Screen, runs: int, loop_seconds: float, tap_rounds: int) -> dict[str, object]:
    startups = [_kiosk_run(tree, screen, 1.0, None) for _ in range(runs)]
    loops = [_kiosk_run(tree, screen, loop_seconds, "full") for _ in range(max(1, runs // 2))]
    cpus = [_cpu(tree, screen) for _ in range(runs)]
    taps = [_tap_latency(tree, screen, tap_rounds) for _ in range(runs)]
    renders = [_render(tree, screen) for _ in range(runs)]
    return {
        "first_frame_ms": _median(startups, "first_frame_ms"),
        "startup_peak_rss_mib": _median(startups, "peak_rss_mib"),
        "loop_seconds": loop_seconds,
        "loop_runs": len(loops),
        "frame_ms_p50": _median(loops, "frame_ms_p50"),
        "frame_ms_p99": _median(loops, "frame_ms_p99"),
        "fps_animating": _median(loops, "fps_animating"),
        "loop_peak_rss_mib": _median(loops, "peak_rss_mib"),
        "slides_shown": _median(loops, "slides_shown"),
        "cpu_percent_animating": _median(cpus, "cpu_percent_animating"),
        "cpu_percent_at_60_fps": _median(cpus, "cpu_percent_at_60_fps"),
        "cpu_percent_resting": _median(cpus, "cpu_percent_resting"),
        "tap_rounds": tap_rounds,
        "tap_first_visit_ms_p50": _median(taps, "first_visit_ms_p50"),
        "tap_first_visit_ms_max": _median(taps, "first_visit_ms_max"),
        "tap_repeat_visit_ms_p50": _median(taps, "repeat_visit_ms_p50"),
        "tap_repeat_visit_ms_p95": _median(taps, "repeat_visit_ms_p95"),
        "tap_home_ms_p50": _median(taps, "home_ms_p50"),
        "tap_home_ms_p95": _median(taps, "home_ms_p95"),
        "tap_rss_growth_mib": _median(taps, "rss_growth_mib"),
        "tap_prebuilt_pages": _median(taps, "prebuilt_pages"),
        "tap_prebuilt_pages_rss_mib": _median(taps, "prebuilt_pages_rss_mib"),
        "render_title_intro_s": _median(renders, "render_title_intro_s"),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--loop-seconds", type=float, default=60.0)
    parser.add_argument("--tap-rounds", type=int, default=20, help="rounds of tap_latency.py per run")
    parser.add_argument("--baseline", metavar="GIT_REF", help="also measure this revision, in the same run")
    parser.add_argument("--size", default="1920x1080", help="window size of every child, WxH")
    parser.add_argument("--xvfb", action="store_true", help="run the children on an Xvfb server (xcb)")
    parser.add_argument(
        "--cpu-quota", type=float, metavar="PERCENT", help="run every child on one core with this quota of it"
    )
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        display = stack.enter_context(xvfb(args.size)) if args.xvfb else {}
        limit = stack.enter_context(one_core(args.cpu_quota)) if args.cpu_quota else None
        print(json.dumps(run(args, Screen(args.size, display, limit)), indent=2))


def run(args: argparse.Namespace, screen: Screen) -> dict[str, object]:
    # The measurements run in child processes, on the platform _env gives them.
    report: dict[str, object] = {
        "machine": {
            **describe(),
            "qpa": screen.platform,
            "size": screen.size,
            "cpu_limit": screen.cpu_limit.describe() if screen.cpu_limit else None,
        },
        "current": measure(REPO, screen, args.runs, args.loop_seconds, args.tap_rounds),
    }
    if args.baseline:
        with tempfile.TemporaryDirectory() as scratch:
            tree = Path(scratch) / "baseline"
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(tree), args.baseline],
                cwd=REPO,
                check=True,
                capture_output=True,
            )
            try:
                report["baseline"] = {
                    "ref": args.baseline,
                    **measure(tree, screen, args.runs, args.loop_seconds, args.tap_rounds),
                }
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=False)
    return report


if __name__ == "__main__":
    main()
