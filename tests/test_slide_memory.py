"""A loop of image slides holds only the picture on screen and the one coming in, decoded; the
rest are files on disk until their turn."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk_harness import discard, playing
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from slide_media import plain_png

from kiosk.clock import ManualClock
from kiosk.settings import Locations, Settings
from kiosk.ui.authoring.image_import import import_image
from kiosk.ui.runtime.startup import Runtime, build_showcase, load_state
from kiosk.ui.showcase.staff_slides import ImageSlideView


def live_pictures() -> int:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return sum(isinstance(widget, ImageSlideView) for widget in QApplication.allWidgets())


def test_only_the_current_and_the_next_picture_are_decoded(
    runtime: Runtime, config_dir: Path, tmp_path: Path
) -> None:
    ids = []
    for number in range(6):
        source = tmp_path / f"photo-{number}.png"
        source.write_bytes(plain_png(400 + number, 300))
        ids.append(import_image(source, config_dir, f"photo-{number}").id)
    playlist = {
        "schema_version": 1,
        "id": "images",
        "name": {"zh": "图片", "en": "Pictures"},
        "items": [{"slide": slide_id, "duration_s": 4, "transition": "fade"} for slide_id in ids],
    }
    (config_dir / "playlists").mkdir()
    (config_dir / "playlists" / "images.json").write_text(json.dumps(playlist), encoding="utf-8")
    clock = ManualClock()
    state = load_state(runtime, clock, Locations(config_dir, tmp_path / "data"), Settings())
    player = build_showcase(state, runtime.family, clock, "images")
    player.resize(960, 540)
    player.show()
    player.start()
    counts = []
    shown = []
    for _ in range(3 * len(ids)):
        shown.append(playing(player).slide)
        clock.advance(0.3)  # mid-transition: the outgoing and the incoming slide both exist
        player.context.driver.tick()
        counts.append(live_pictures())
        clock.advance(playing(player).ends_at() - clock.monotonic())
        player.poll()
    assert shown == ids * 3
    assert max(counts) <= 2 and counts[-1] >= 1
    discard(player)
    assert live_pictures() == 0
