"""Video slides: a film imported (probed by decoding it here, copied under a content-hashed name, its
stills made), every bad file refused with a sentence naming it and nothing left behind, and a film
playing in the kiosk for its own length on the kiosk's clock, then the next slide.

The clips are made here with ffmpeg (a system package CI installs: .ci/run)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from kiosk_factory import MakeKiosk
from kiosk_harness import playing
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from staff_helpers import open_staff_tab

from kiosk.clock import ManualClock
from kiosk.fleet.layout import resolve_fleet
from kiosk.playlist.picture_source import ImportRefusedError
from kiosk.playlist.slide_models import VideoSlide
from kiosk.playlist.staff_slides import load_staff_slides
from kiosk.playlist.video_source import MAX_VIDEO_BYTES
from kiosk.ui.authoring.video_import import import_video
from kiosk.ui.runtime.render import grab
from kiosk.ui.runtime.screen import Screen
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase.kinds import build_slide
from kiosk.ui.showcase.slide_base import Moment, SlideContext
from kiosk.ui.showcase.video_slide import VideoSlideView
from kiosk.ui.staff.slides.slides_page import SlidesPage
from kiosk.ui.style.motion import FrameDriver

RENDERS = Path(os.environ.get("KIOSK_RENDERS", "/tmp/kiosk-renders"))


def ffmpeg(*arguments: str) -> None:
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", *arguments], check=True, timeout=120)


def colour_film(target: Path, seconds: float = 2.0, size: str = "320x180") -> Path:
    """A red first tenth of a second, then blue: H.264 and AAC in MP4, moov first."""
    ffmpeg(
        "-f", "lavfi", "-i", f"color=red:s={size}:r=25:d=0.1",
        "-f", "lavfi", "-i", f"color=blue:s={size}:r=25:d={seconds - 0.1}",
        "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
        "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0,format=yuv420p[v]",
        "-map", "[v]", "-map", "2:a", "-c:v", "libx264", "-c:a", "aac", "-movflags", "+faststart",
        str(target),
    )  # fmt: skip
    return target


class Clips(NamedTuple):
    good: Path
    webm: Path
    truncated: Path
    renamed: Path
    audio_only: Path
    too_sharp: Path
    empty: Path
    too_large: Path
    avi: Path


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> Clips:
    assert shutil.which("ffmpeg"), "ffmpeg makes the test films (.ci/run installs it)"
    stick = tmp_path_factory.mktemp("stick")
    good = colour_film(stick / "promo.mp4")
    webm = stick / "promo.webm"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=1", "-f", "lavfi", "-i", "sine=duration=1",
        "-c:v", "libvpx-vp9", "-deadline", "realtime", "-c:a", "libopus", str(webm),
    )  # fmt: skip
    long_film = colour_film(stick / "long.mp4", seconds=4.0)
    truncated = stick / "cut.mp4"
    truncated.write_bytes(long_film.read_bytes()[: long_film.stat().st_size // 2])
    renamed = stick / "photo.mp4"
    renamed.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    audio_only = stick / "music.mp4"
    ffmpeg("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", str(audio_only))
    too_sharp = stick / "huge.mp4"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "color=c=gray:s=4160x64:r=25:d=0.2",
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        str(too_sharp),
    )
    empty = stick / "empty.mp4"
    empty.touch()
    too_large = stick / "whole-day.mp4"
    with too_large.open("wb") as handle:
        handle.truncate(MAX_VIDEO_BYTES + 1)  # sparse: no disk is spent on it
    avi = stick / "old.avi"
    avi.write_bytes(good.read_bytes())
    return Clips(good, webm, truncated, renamed, audio_only, too_sharp, empty, too_large, avi)


def files_under(config_dir: Path) -> list[str]:
    return sorted(str(path.relative_to(config_dir)) for path in config_dir.rglob("*") if path.is_file())


def close_to(colour: QColor, expected: QColor) -> bool:
    pairs = (
        (colour.red(), expected.red()),
        (colour.green(), expected.green()),
        (colour.blue(), expected.blue()),
    )
    return all(abs(a - b) < 40 for a, b in pairs)


def test_a_film_is_probed_copied_under_its_hash_and_its_stills_made(
    runtime: Runtime, clips: Clips, config_dir: Path
) -> None:
    slide = import_video(clips.good, config_dir, "promo", loops=2)
    assert (slide.width, slide.height, slide.fps) == (320, 180, 25.0)
    assert 1900 <= slide.duration_ms <= 2100
    assert slide.length_s() == pytest.approx(slide.duration_ms / 1000 * 2)
    assert slide.video.startswith("media/promo-") and slide.video.endswith(".mp4")
    assert (config_dir / slide.video).read_bytes() == clips.good.read_bytes()
    staff = load_staff_slides(resolve_fleet(config_dir), set())
    assert staff.problems == [] and isinstance(staff.slides["promo"], VideoSlide)
    # Before it plays, the film's first frame is red (what a transition into it paints), and its
    # thumbnail (the registry's last frame of a view) is the frame at a tenth, blue by then.
    context = SlideContext(runtime.pack, runtime.family, FrameDriver(ManualClock()))
    view = build_slide(staff.slides["promo"], context, staff.media["promo"])
    view.as_widget().resize(960, 540)
    moments: tuple[tuple[Moment, str], ...] = (("first", "red"), ("last", "blue"))
    for moment, colour in moments:
        frame = view.snapshot(moment)
        assert close_to(frame.pixelColor(frame.width() // 2, frame.height() // 2), QColor(colour)), moment
    # Painted as it stands (a render of its final frame), it shows the thumbnail, not the bare ground.
    view.finish()
    painted = grab(view.as_widget(), QSize(960, 540))
    assert close_to(painted.pixelColor(480, 270), QColor("blue"))
    view.as_widget().deleteLater()


def test_a_vp9_opus_webm_film_is_accepted(qapp: QApplication, clips: Clips, config_dir: Path) -> None:
    slide = import_video(clips.webm, config_dir, "webm")
    assert (slide.width, slide.height) == (320, 180)
    assert slide.video.endswith(".webm")


@pytest.mark.parametrize(
    ("clip", "english"),
    [
        ("empty", "empty.mp4 is empty (0 bytes), not a film."),
        ("avi", "old.avi is not an MP4, MOV, MKV or WebM film."),
        ("too_large", "whole-day.mp4 is too large (4096 MB); a film may be at most 4 GB."),
        ("truncated", "cut.mp4 is cut short (truncated): copy it again."),
        ("renamed", "photo.mp4 cannot be played as a film: its format or codec is not supported, or it "
                    "is damaged."),
        ("audio_only", "music.mp4 has sound but no picture."),
        ("too_sharp", "huge.mp4 is too sharp (4160×64); at most 4K (3840×2160)."),
    ],
)  # fmt: skip
def test_a_bad_film_is_refused_by_name_in_both_languages_leaving_nothing(
    qapp: QApplication, clips: Clips, config_dir: Path, clip: str, english: str
) -> None:
    path: Path = getattr(clips, clip)
    with pytest.raises(ImportRefusedError) as refused:
        import_video(path, config_dir, "film")
    assert refused.value.text("en") == english
    assert path.name in refused.value.text("zh")
    assert files_under(config_dir) == []


def test_a_disk_without_room_refuses_the_film_before_copying(
    qapp: QApplication, clips: Clips, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real: Callable[[Path], object] = shutil.disk_usage
    monkeypatch.setattr(
        "kiosk.playlist.video_source.shutil.disk_usage",
        lambda path: real(path)._replace(free=1024),  # type: ignore[attr-defined]
    )
    with pytest.raises(ImportRefusedError) as refused:
        import_video(clips.good, config_dir, "film")
    assert refused.value.text("en").startswith("The kiosk's disk has no room for promo.mp4")
    assert files_under(config_dir) == []


def hall_playlist(config_dir: Path) -> None:
    """The film (30 s in the playlist, longer than the film itself), then a title slide."""
    playlist = {
        "schema_version": 1,
        "id": "hall",
        "name": {"zh": "展厅", "en": "Hall"},
        "items": [
            {"slide": "promo", "duration_s": 30, "transition": "fade"},
            {"slide": "title_intro", "duration_s": 10, "transition": "fade"},
        ],
    }
    (config_dir / "playlists").mkdir()
    (config_dir / "playlists" / "hall.json").write_text(json.dumps(playlist), encoding="utf-8")


def test_a_film_plays_for_its_loops_on_the_kiosk_clock_then_the_next_slide(
    clips: Clips, config_dir: Path, make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    slide = import_video(clips.good, config_dir, "promo", loops=2)
    hall_playlist(config_dir)
    kiosk = make_kiosk(playlist="hall")
    player = kiosk.shell.player
    cue = playing(player)
    assert cue.slide == "promo"
    assert cue.duration_s == pytest.approx(slide.length_s()), "the film's own length, not the playlist's"
    view = player.current
    assert isinstance(view, VideoSlideView)
    first = view.snapshot("first")
    assert close_to(first.pixelColor(first.width() // 2, first.height() // 2), QColor("red")), "never black"
    # The film itself plays in real time; the slide's length is on the kiosk's clock.
    qtbot.waitUntil(lambda: view.output.videoSink().videoFrame().startTime() > 500_000, timeout=5000)
    RENDERS.mkdir(parents=True, exist_ok=True)
    kiosk.shell.grab().save(str(RENDERS / "video-slide-1920x1080.png"))
    last = view.snapshot("last")
    assert close_to(last.pixelColor(last.width() // 2, last.height() // 2), QColor("blue"))
    kiosk.advance(slide.length_s() - 0.5)
    assert playing(player).slide == "promo"
    kiosk.advance(1.0)
    assert playing(player).slide == "title_intro"


def test_a_film_stands_still_beneath_a_visitors_pages(
    clips: Clips, config_dir: Path, make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    import_video(clips.good, config_dir, "promo", audio="on")
    hall_playlist(config_dir)
    kiosk = make_kiosk(playlist="hall")
    view = kiosk.shell.player.current
    assert isinstance(view, VideoSlideView)
    qtbot.waitUntil(lambda: view.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState)
    kiosk.tap(kiosk.shell.player)
    assert kiosk.shell.screens.state == Screen.VISITOR
    assert view.player.playbackState() == QMediaPlayer.PlaybackState.PausedState, "still, and silent"


IMPORTS_AFTER_PLAYING = """
import json, sys
from pathlib import Path
from kiosk.clock import ManualClock
from kiosk.settings import Locations, Settings
from kiosk.ui.runtime.startup import build_showcase, load_state, start
runtime = start()
folder = Path(sys.argv[1])
state = load_state(runtime, ManualClock(), Locations(folder / "config", folder / "data"), Settings())
player = build_showcase(state, runtime.family, ManualClock(), None)
player.start()
print(json.dumps(sorted(name for name in sys.modules if name.startswith("PySide6.QtMultimedia"))))
"""


def test_a_program_without_films_never_loads_qtmultimedia(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS_AFTER_PLAYING, str(tmp_path)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_staff_see_a_film_in_their_slides_with_its_first_frame_as_preview(
    clips: Clips, config_dir: Path, make_kiosk: MakeKiosk
) -> None:
    import_video(clips.good, config_dir, "promo")
    kiosk = make_kiosk(staff=True)
    page = open_staff_tab(kiosk.shell, kiosk.staff, kiosk.clock, kiosk.locations, "slides")
    assert isinstance(page, SlidesPage)
    page.select("promo")
    preview = page.preview_image()
    assert preview is not None
    assert close_to(preview.pixelColor(preview.width() // 2, preview.height() // 2), QColor("red"))


def test_a_half_synced_film_is_reported_and_never_played(
    qapp: QApplication, clips: Clips, config_dir: Path
) -> None:
    slide = import_video(clips.good, config_dir, "promo")
    film = config_dir / slide.video
    film.write_bytes(film.read_bytes()[: film.stat().st_size // 2])
    staff = load_staff_slides(resolve_fleet(config_dir), set())
    assert [str(problem) for problem in staff.problems] == [
        f"promo.json, $.image: the picture {slide.video} is not the one this slide was made with."
    ]
    assert "promo" in staff.ids and "promo" not in staff.slides


def test_a_stick_pulled_out_mid_copy_leaves_nothing(
    qapp: QApplication, clips: Clips, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stick said the film was one byte longer than what could be read from it.
    size = clips.good.stat().st_size
    monkeypatch.setattr("kiosk.ui.authoring.video_import.checked_size", lambda _path: size + 1)
    with pytest.raises(ImportRefusedError) as refused:
        import_video(clips.good, config_dir, "film")
    assert refused.value.text("en").startswith("promo.mp4 could not be read")
    assert files_under(config_dir) == []


def test_a_disk_filling_up_mid_copy_leaves_nothing(
    qapp: QApplication, clips: Clips, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("kiosk.playlist.video_source.os.fsync", full)
    with pytest.raises(ImportRefusedError) as refused:
        import_video(clips.good, config_dir, "film")
    assert refused.value.text("en").startswith("The kiosk's disk is full: promo.mp4 was not imported")
    assert files_under(config_dir) == []


def kiosk_command(*args: str, config_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args, "--config-dir", str(config_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(config_dir)},
        check=False,
    )


def test_the_import_command_prints_the_id_last_and_refuses_in_both_languages(
    clips: Clips, config_dir: Path
) -> None:
    made = kiosk_command(
        "slide", "import-video", str(clips.good), "--audio", "on", "--seconds", "45", config_dir=config_dir
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[-1] == "promo"
    saved = json.loads((config_dir / "slides" / "promo.json").read_text(encoding="utf-8"))
    assert (saved["kind"], saved["audio"], saved["seconds"]) == ("video", "on", 45.0)
    refused = kiosk_command("slide", "import-video", str(clips.audio_only), config_dir=config_dir)
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith(
        "error: “music.mp4”只有声音，没有画面。 music.mp4 has sound but no picture."
    )
    both = kiosk_command(
        "slide", "import-video", str(clips.good), "--loops", "2", "--seconds", "9", config_dir=config_dir
    )
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
