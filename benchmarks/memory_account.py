"""Where the showcase loop's memory goes: RSS by stage, by mapping, by allocator, by Python package.

    python benchmarks/memory_account.py [--size 3840x2160] [--seconds 60] [--tracemalloc]
                                        [--without prebuild,warm_up,hub,trim]

Plays the `full` playlist wired as `kiosk run` wires it (the icon font and pyqtgraph after the first
frame, the hub 200 ms later, the topic pages built ahead while the showcase rests), with the real
clock, and reports:

- `stages`: RSS (/proc/self/status VmRSS) after each step of start-up, each page built ahead, and at
  the end; `peak_rss_mib` is VmHWM, the figure `kiosk run --stats-json` reports;
- `mappings_mib`: the end's RSS by mapping (/proc/self/smaps): each shared library and font file,
  the brk heap, and anonymous memory (glibc's other arenas and its mmapped blocks, Qt's large images);
- `malloc_mib`: glibc's own view (mallinfo2): heap in use, free heap it keeps, mmapped blocks;
- `python_mib` (with --tracemalloc, which slows everything down): what Python objects hold, by
  top-level package of the line that allocated them.

`--without` turns pieces off, to measure what each costs against a run with everything on. Prints one
JSON object.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

STAGES: list[tuple[str, float]] = []
FONT_STAGES: list[tuple[str, float]] = []


def rss_mib(field: str = "VmRSS") -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def font_files_mib() -> float:
    """RSS of font files the process has mapped (fontconfig's fallbacks; the bundled font is in memory)."""
    total = 0.0
    font = False
    with open("/proc/self/smaps", encoding="utf-8", errors="replace") as smaps:
        for line in smaps:
            head = line.split()
            if head and not head[0].endswith(":"):
                font = len(head) > 5 and head[5].endswith((".ttf", ".otf", ".ttc"))
            elif font and head[0] == "Rss:":
                total += int(head[1]) / 1024
    return total


def stage(name: str) -> None:
    STAGES.append((name, round(rss_mib(), 1)))
    FONT_STAGES.append((name, round(font_files_mib(), 1)))


stage("python started")
parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--size", default="1920x1080")
parser.add_argument("--seconds", type=float, default=60.0)
parser.add_argument("--playlist", default="full")
parser.add_argument("--without", default="", help="comma-separated: prebuild, warm_up, hub, trim")
parser.add_argument("--tracemalloc", action="store_true")
args = parser.parse_args()
without = {part for part in args.without.split(",") if part}
if args.tracemalloc:
    tracemalloc.start()

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QSize, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

stage("PySide6 QtWidgets imported")

from machine import describe  # noqa: E402

from kiosk.clock import SystemClock  # noqa: E402
from kiosk.settings import Settings  # noqa: E402
from kiosk.ui.runtime.prebuild import PagePrebuilder  # noqa: E402

try:
    from kiosk.ui.runtime.heap_trim import HeapTrimmer
except ImportError:  # a revision from before the free heap was handed back
    HeapTrimmer = None  # type: ignore[assignment, misc]
from kiosk.ui.runtime.startup import build_kiosk, start  # noqa: E402
from kiosk.ui.style.icons import registry  # noqa: E402

stage("kiosk UI modules imported")


class MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def malloc_mib() -> dict[str, float]:
    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = MallInfo2
    info = libc.mallinfo2()
    mib = 1024 * 1024
    return {
        "heap_obtained": round(info.arena / mib, 1),
        "heap_in_use": round(info.uordblks / mib, 1),
        "heap_free_kept": round(info.fordblks / mib, 1),
        "mmapped_blocks": round(info.hblkhd / mib, 1),
        "mmapped_block_count": info.hblks,
    }


def mappings_mib() -> dict[str, float]:
    """RSS by mapping: files by name (libraries grouped by package), the heap, anonymous memory."""
    by_name: dict[str, float] = defaultdict(float)
    name = ""
    with open("/proc/self/smaps", encoding="utf-8", errors="replace") as smaps:
        for line in smaps:
            head = line.split()
            if not head:
                continue
            if not head[0].endswith(":"):
                path = head[5] if len(head) > 5 else ""
                if not path:
                    name = "[anonymous]"
                elif path.startswith("["):
                    name = path
                elif "PySide6" in path or "shiboken6" in path:
                    name = "PySide6 + Qt libraries: " + Path(path).name.split(".so")[0]
                elif "site-packages" in path:
                    name = "other site-packages: " + path.split("site-packages/")[1].split("/")[0]
                elif path.endswith((".ttf", ".otf", ".ttc")):
                    name = "font file: " + Path(path).name
                else:
                    name = "system: " + Path(path).name
            elif head[0] == "Rss:":
                by_name[name] += int(head[1]) / 1024
    qt = sum(mib for key, mib in by_name.items() if key.startswith("PySide6"))
    grouped = {key: mib for key, mib in by_name.items() if not key.startswith("PySide6")}
    grouped["PySide6 + Qt libraries (all)"] = qt
    top = sorted(grouped.items(), key=lambda item: -item[1])
    return {key: round(mib, 1) for key, mib in top if mib >= 0.5}


def python_mib() -> dict[str, float]:
    snapshot = tracemalloc.take_snapshot()
    by_package: dict[str, float] = defaultdict(float)
    for stat in snapshot.statistics("filename"):
        path = stat.traceback[0].filename
        if "site-packages/" in path:
            key = path.split("site-packages/")[1].split("/")[0]
        elif "/kiosk/" in path:
            key = "kiosk"
        elif "<frozen" in path or "/lib/python3" in path:
            key = "standard library and imports"
        else:
            key = path
        by_package[key] += stat.size / (1024 * 1024)
    by_package["(total)"] = sum(by_package.values())
    by_package["(tracemalloc's own overhead)"] = tracemalloc.get_tracemalloc_memory() / (1024 * 1024)
    return {
        key: round(mib, 1) for key, mib in sorted(by_package.items(), key=lambda item: -item[1]) if mib >= 0.1
    }


def main() -> None:
    width, height = (int(part) for part in args.size.split("x"))
    size = QSize(width, height)
    runtime = start(size=size)
    stage("QApplication, fonts, style sheet, content pack")
    settings = Settings(idle_timeout_s=3600)
    shell = build_kiosk(
        runtime, SystemClock(), None, settings, kiosk_mode=False, forced_playlist=args.playlist
    )
    player = shell.player
    shell.resize(size)
    shell.show()
    stage("showcase and shell built")

    def after_first_frame() -> None:
        stage("first frame painted")
        if "warm_up" not in without:
            registry().load()
            stage("icon font")
            import kiosk.ui.widgets.charts  # noqa: F401 - what warm_up loads

            stage("pyqtgraph and numpy (charts module)")
        if "hub" not in without:
            QTimer.singleShot(200, lambda: (shell.visitor.page("hub"), stage("hub page built")))

    player.first_frame_painted.connect(after_first_frame)
    prebuilder = PagePrebuilder(shell) if "prebuild" not in without else None
    if prebuilder is not None:
        original = prebuilder.build_next

        def build_next() -> bool:
            built = original()
            if built:
                stage(f"page built ahead: {prebuilder.prebuilt[-1].page_id}")
            return built

        prebuilder.build_next = build_next  # type: ignore[method-assign]
        prebuilder._timer.timeout.disconnect()
        prebuilder._timer.timeout.connect(build_next)
    began = time.monotonic()
    # What the process was doing each time its peak RSS rose: what sets the peak.
    peak_rises: dict[str, float] = defaultdict(float)
    last_peak = [rss_mib("VmHWM")]

    def watch_peak() -> None:
        peak = rss_mib("VmHWM")
        if peak > last_peak[0]:
            if player.overlay.isVisible():
                doing = "in a transition"
            elif player.context.driver.running:
                doing = "animating"
            else:
                doing = "at rest"
            peak_rises[doing] += peak - last_peak[0]
            last_peak[0] = peak

    watcher = QTimer()
    watcher.setInterval(5)
    watcher.timeout.connect(watch_peak)
    watcher.start()
    if HeapTrimmer is not None and "trim" not in without:
        HeapTrimmer(player.context.driver, shell)
    player.start()
    QTimer.singleShot(round(args.seconds * 1000), runtime.app.quit)
    runtime.app.exec()
    stage(f"end of the {time.monotonic() - began:.0f} s loop")
    report: dict[str, object] = {
        "machine": describe(),
        "size": args.size,
        "without": sorted(without),
        "slides_shown": player.stats.slides_shown,
        "peak_rss_mib": round(rss_mib("VmHWM"), 1),
        "peak_rises_after_start_mib": {key: round(mib, 1) for key, mib in peak_rises.items()},
        "stages": dict(STAGES),
        "font_files_by_stage_mib": dict(FONT_STAGES),
        "mappings_mib": mappings_mib(),
        "malloc_mib": malloc_mib(),
        "env": {key: value for key, value in os.environ.items() if key.startswith("MALLOC_")},
    }
    if args.tracemalloc:
        report["python_mib"] = python_mib()
    print(json.dumps(report, indent=2))
    QApplication.processEvents()


if __name__ == "__main__":
    main()
