"""A film playing in a video slide, offscreen at 1920x1080: CPU, frames delivered, and the gaps
between frames at the loop boundaries (setLoops), measured at the video output's sink.

    QT_QPA_PLATFORM=offscreen python benchmarks/video_playback.py [--seconds 10] [--loops 5]

Makes its films with ffmpeg (a 10 s 1080p30 H.264 film for CPU, a 1 s 1080p25 one looped for the
gaps), imports them as `kiosk slide import-video` does, plays each and prints what it measured.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtMultimedia import QVideoFrame
from PySide6.QtWidgets import QApplication

from kiosk.fleet.layout import resolve_fleet
from kiosk.playlist.slide_models import VideoSlide
from kiosk.playlist.staff_slides import load_staff_slides
from kiosk.ui.authoring.multimedia import quiet_multimedia
from kiosk.ui.authoring.video_import import import_video
from kiosk.ui.showcase.video_slide import VideoSlideView

WARM_UP_MS = 2000


def make_film(target: Path, seconds: int, rate: int) -> Path:
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", f"testsrc2=s=1920x1080:r={rate}:d={seconds}",
         "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", str(target)],
        check=True,
    )  # fmt: skip
    return target


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def play(app: QApplication, config_dir: Path, slide: VideoSlide, seconds: float) -> list[tuple[float, int]]:
    """Play the slide for `seconds` after a warm-up; the (arrival, start time) of every frame after it."""
    media = load_staff_slides(resolve_fleet(config_dir), set()).media[slide.id]
    view = VideoSlideView(slide, media)
    view.resize(1920, 1080)
    view.show()
    frames: list[tuple[float, int]] = []
    measuring = False

    def arrived(frame: QVideoFrame) -> None:
        if measuring:
            frames.append((time.monotonic(), frame.startTime()))

    def start() -> None:
        nonlocal measuring
        measuring = True

    view.output.videoSink().videoFrameChanged.connect(arrived)
    view.enter(0.0)
    QTimer.singleShot(WARM_UP_MS, start)
    QTimer.singleShot(WARM_UP_MS + round(seconds * 1000), app.quit)
    app.exec()
    view.deleteLater()
    return frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--loops", type=int, default=5)
    args = parser.parse_args()
    app = QApplication([])
    quiet_multimedia()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        config_dir = root / "config"
        long_film = import_video(make_film(root / "long.mp4", 12, 30), config_dir, "long", loops=2)
        before, started = cpu_s(), time.monotonic()
        frames = play(app, config_dir, long_film, args.seconds)
        spent, elapsed = cpu_s() - before, time.monotonic() - started
        print(
            f"1080p30 H.264: {100 * spent / elapsed:.0f} % of one core (warm-up included), "
            f"{len(frames) / args.seconds:.1f} frames/s, peak RSS "
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
        )
        short = import_video(make_film(root / "loop.mp4", 1, 25), config_dir, "loop", loops=args.loops)
        frames = play(app, config_dir, short, args.loops - WARM_UP_MS / 1000)
        pairs = list(itertools.pairwise(frames))
        gaps = sorted((b[0] - a[0]) * 1000 for a, b in pairs)
        boundaries = [(b[0] - a[0]) * 1000 for a, b in pairs if b[1] < a[1]]
        print(
            f"1 s film looped: gap p50 {gaps[len(gaps) // 2]:.1f} ms, max {gaps[-1]:.1f} ms (frame interval "
            f"40 ms); at the loop boundaries {', '.join(f'{gap:.1f}' for gap in boundaries)} ms"
        )


if __name__ == "__main__":
    main()
