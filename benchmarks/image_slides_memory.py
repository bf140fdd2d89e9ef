"""Memory and frame cost of a loop of 20 staff image slides, in a real `kiosk run`.

    python benchmarks/image_slides_memory.py                 # 2 minutes of looping, 1 run
    python benchmarks/image_slides_memory.py --long          # 10 minutes, as issue 11 asks
    python benchmarks/image_slides_memory.py --runs 3 --minutes 4

Twenty different 2400×1600 photos-like pictures are imported into a fresh config dir (through
the same import as the touchscreen: decoded once, downscaled to 1920×1080, written atomically),
a playlist shows each for 3 s with a fade, so one loop is 60 s, and `kiosk run --size 1920x1080
--playlist images` plays it. The child's RSS is read from /proc every second; the figure that
matters is the growth after the first loop (target ≤ 8 MiB). For comparison, the bundled `full`
playlist runs for one loop's time in another child, and the frame costs of both are reported
(transitions are the only frames an image slide paints). Prints one JSON object; each figure is
the median over `--runs`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SLIDES = 20
ITEM_S = 3.0
LOOP_S = SLIDES * ITEM_S


def make_config(config_dir: Path) -> None:
    """Twenty imported pictures and the playlist that loops them."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

    from kiosk.ui.authoring.image_import import import_image

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    pictures = config_dir.parent / "stick"
    pictures.mkdir(parents=True, exist_ok=True)
    ids = []
    for number in range(SLIDES):
        rng = random.Random(number)
        image = QImage(2400, 1600, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        for _ in range(400):
            colour = QColor.fromHsv(rng.randrange(360), rng.randrange(40, 255), rng.randrange(40, 255))
            painter.fillRect(
                QRect(
                    rng.randrange(2400), rng.randrange(1600), rng.randrange(20, 600), rng.randrange(20, 400)
                ),
                colour,
            )
        painter.end()
        path = pictures / f"photo-{number:02d}.jpg"
        image.save(str(path), "JPEG", 88)
        ids.append(import_image(path, config_dir, f"photo-{number:02d}").id)
    playlist = {
        "schema_version": 1,
        "id": "images",
        "name": {"zh": "图片轮播", "en": "Pictures"},
        "items": [{"slide": slide_id, "duration_s": ITEM_S, "transition": "fade"} for slide_id in ids],
    }
    (config_dir / "playlists").mkdir(parents=True, exist_ok=True)
    (config_dir / "playlists" / "images.json").write_text(json.dumps(playlist), encoding="utf-8")


def rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run_child(scratch: Path, config_dir: Path, playlist: str, seconds: float) -> dict[str, object]:
    stats = scratch / f"stats-{playlist}.json"
    env = dict(
        os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), PYTHONPATH=str(REPO)
    )
    command = [
        sys.executable, "-m", "kiosk", "run", "--size", "1920x1080", "--playlist", playlist,
        "--exit-after", str(seconds), "--stats-json", str(stats),
        "--config-dir", str(config_dir), "--data-dir", str(scratch / f"data-{playlist}"),
    ]  # fmt: skip
    child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = time.monotonic()
    samples: list[tuple[float, float]] = []
    while child.poll() is None:
        rss = rss_mib(child.pid)
        if rss is not None:
            samples.append((time.monotonic() - started, rss))
        time.sleep(1.0)
    if child.returncode != 0:
        raise SystemExit(f"kiosk run failed: {child.stderr.read().decode() if child.stderr else ''}")
    report: dict[str, object] = json.loads(stats.read_text(encoding="utf-8"))
    report["rss_samples"] = samples
    return report


def growth_after_first_loop(samples: list[tuple[float, float]]) -> dict[str, float]:
    """RSS at the end of the first loop (plus start-up), and how far it rose after that."""
    settled = [rss for at, rss in samples if at >= LOOP_S + 10]
    if not settled:
        raise SystemExit("the run was shorter than one loop")
    baseline = settled[0]
    return {
        "rss_after_first_loop_mib": round(baseline, 1),
        "rss_at_end_mib": round(settled[-1], 1),
        "rss_growth_after_first_loop_mib": round(max(settled) - baseline, 1),
    }


def one_run(minutes: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as name:
        scratch = Path(name)
        config_dir = scratch / "config"
        make_config(config_dir)
        images = run_child(scratch, config_dir, "images", minutes * 60 + 10)
        built_in = run_child(scratch, config_dir, "full", LOOP_S + 10)
        figures = growth_after_first_loop(images["rss_samples"])  # type: ignore[arg-type]
        figures.update(
            {
                "images_slides_shown": float(images["slides_shown"]),  # type: ignore[arg-type]
                "images_frame_ms_p50": float(images["frame_ms_p50"]),  # type: ignore[arg-type]
                "images_frame_ms_p99": float(images["frame_ms_p99"]),  # type: ignore[arg-type]
                "images_peak_rss_mib": float(images["peak_rss_mib"]),  # type: ignore[arg-type]
                "builtin_frame_ms_p50": float(built_in["frame_ms_p50"]),  # type: ignore[arg-type]
                "builtin_frame_ms_p99": float(built_in["frame_ms_p99"]),  # type: ignore[arg-type]
                "builtin_peak_rss_mib": float(built_in["peak_rss_mib"]),  # type: ignore[arg-type]
            }
        )
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=2.0, help="how long the pictures loop (default 2)")
    parser.add_argument("--long", action="store_true", help="10 minutes, the issue's figure")
    parser.add_argument(
        "--runs", type=int, default=1, help="runs, each in fresh processes; figures are medians"
    )
    args = parser.parse_args()
    minutes = 10.0 if args.long else args.minutes
    runs = [one_run(minutes) for _ in range(args.runs)]
    result: dict[str, object] = {
        key: round(statistics.median(run[key] for run in runs), 2) for key in runs[0]
    }
    result.update(
        {"minutes": minutes, "runs": args.runs, "slides": SLIDES, "loop_s": LOOP_S, "target_growth_mib": 8}
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
