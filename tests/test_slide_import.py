"""Pictures from a USB stick become slides: the touch picker over a fake removable-media root,
and every way an import can go wrong, each refused with a sentence naming the file and leaving
nothing behind."""

from __future__ import annotations

import errno
import json
import logging
import os
from pathlib import Path
from typing import Any

import msgspec
import pytest
from kiosk_factory import KioskUnderTest
from kiosk_harness import discard, playing
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QListWidgetItem
from pytestqt.qtbot import QtBot
from slide_media import BLUE, RED, corrupt_jpeg, plain_png, rotated_jpeg, truncated_jpeg, write_stick
from staff_helpers import button, open_playlists, staff_page, tap, tap_list_item

from kiosk.fleet.layout import SLIDES_DIR, resolve_fleet
from kiosk.playlist.picture_source import ImportRefusedError
from kiosk.playlist.staff_slides import load_staff_slides, staff_slide_path
from kiosk.settings import SETTINGS_FILE, Locations
from kiosk.ui.authoring.image_import import import_image
from kiosk.ui.runtime.reload import reload_configuration
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.staff.playlists_page import PlaylistsPage


def config_files(config_dir: Path) -> list[str]:
    return sorted(str(path.relative_to(config_dir)) for path in config_dir.rglob("*") if path.is_file())


def close_to(colour: Any, expected: Any) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(colour.getRgb()[:3], expected.getRgb()[:3], strict=True))


def sticks_under(media: Path, shell: ShellWindow, locations: Locations) -> None:
    """A technician's settings file says where the kiosk's USB sticks are mounted."""
    settings = msgspec.structs.replace(shell.state.settings, media_roots=[str(media / "*")])
    (locations.config_dir / SETTINGS_FILE).write_bytes(msgspec.json.encode(settings))
    reload_configuration(shell, locations.config_dir)


def test_two_pictures_import_upright_and_downscaled_two_are_refused_with_sentences(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations, tmp_path: Path
) -> None:
    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    stick = write_stick(tmp_path / "media" / "KINGSTON")
    sticks_under(tmp_path / "media", shell, locations)
    open_playlists(shell, gate, clock, locations)
    tap(button(gate.panel, "staff-tab-slides"), clock)
    page: Any = gate.panel.pages["slides"]

    def open_stick() -> Any:
        tap(button(page, "staff-slide-import"), clock)
        picker = page.picker
        assert picker.isVisible() and picker.folder == stick["png"].parent, "the only stick opens by itself"
        qtbot.waitUntil(lambda: all(not tile.icon().isNull() for tile in tiles_of(picker)), timeout=5000)
        return picker

    def tiles_of(picker: Any) -> list[QListWidgetItem]:
        return [picker.tiles.item(row) for row in range(picker.tiles.count())]

    def row_of(picker: Any, path: Path) -> int:
        names = [picker.tiles.item(row).text().split("\n")[0] for row in range(picker.tiles.count())]
        return names.index(path.name)

    picker = open_stick()
    tiles = {picker.tiles.item(row).text() for row in range(picker.tiles.count())}
    assert tiles == {"IMG_0412.jpg", "poster.png", "broken.jpg\n无法使用", "huge.png\n无法使用"}

    tap_list_item(picker.tiles, row_of(picker, stick["rotated"]), clock)
    assert page.message.text() == "已导入“IMG_0412.jpg”（1080×1620）"
    rotated = page.slide
    stored = QImage(str(locations.config_dir / rotated.image))
    assert (stored.width(), stored.height()) == (1080, 1620), "turned right and downscaled to the screen"
    assert close_to(stored.pixelColor(540, 20), RED) and close_to(stored.pixelColor(540, 1600), BLUE)

    picker = open_stick()
    tap_list_item(picker.tiles, row_of(picker, stick["png"]), clock)
    assert page.message.text() == "已导入“poster.png”（1620×1080）"
    before = config_files(locations.config_dir)

    picker = open_stick()
    tap_list_item(picker.tiles, row_of(picker, stick["corrupt"]), clock)
    assert picker.message.text() == "“broken.jpg”已损坏，无法显示。"
    tap_list_item(picker.tiles, row_of(picker, stick["bomb"]), clock)
    assert picker.message.text() == "“huge.png”像素过多（30000×30000），最多 5000 万像素。"
    assert config_files(locations.config_dir) == before, "nothing left behind"

    # Both pictures are in the playlist editor's catalogue, marked as staff-made.
    staff = shell.player.program.library.staff_slides.slides
    assert sorted(staff) == ["img_0412", "poster"]
    catalogue = staff_page(gate, "playlists", PlaylistsPage).catalogue
    catalogue.refresh("", "zh")
    first = [catalogue.slides.item(row).data(0x0100) for row in range(2)]
    assert first == ["img_0412", "poster"]


@pytest.mark.parametrize(
    ("name", "data", "sentence"),
    [
        ("empty.png", b"", "empty.png is empty (0 bytes), not a picture."),
        (
            "notes.jpg",
            b"minutes of the meeting",
            "notes.jpg is not a PNG, JPEG or WebP picture, whatever its name says.",
        ),
        ("half.jpg", None, "half.jpg is cut short (truncated): copy it again."),
        ("broken.jpg", None, "broken.jpg is damaged and cannot be shown."),
    ],
)
def test_bad_files_are_refused_by_name(
    qapp: Any, config_dir: Path, tmp_path: Path, name: str, data: bytes | None, sentence: str
) -> None:
    made = {"half.jpg": truncated_jpeg, "broken.jpg": corrupt_jpeg}
    path = tmp_path / name
    path.write_bytes(made[name]() if data is None else data)
    with pytest.raises(ImportRefusedError) as refused:
        import_image(path, config_dir, "picture")
    assert refused.value.text("en") == sentence
    assert config_files(config_dir) == []


def test_a_stick_pulled_out_during_import_is_refused(
    qapp: Any, config_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(rotated_jpeg())
    real_open = Path.open

    def pulled(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise OSError(errno.EIO, "Input/output error")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", pulled)
    with pytest.raises(ImportRefusedError) as refused:
        import_image(path, config_dir, "photo")
    assert refused.value.text("zh") == "无法读取“photo.jpg”：U 盘可能已被拔出，或文件已损坏。"
    monkeypatch.undo()
    path.unlink()
    with pytest.raises(ImportRefusedError) as gone:
        import_image(path, config_dir, "photo")
    assert gone.value.text("en") == "photo.jpg is not there any more: was the USB stick removed?"
    assert config_files(config_dir) == []


def test_a_full_disk_leaves_nothing_half_copied(
    qapp: Any, config_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "poster.png"
    path.write_bytes(plain_png(800, 600))
    writes = []
    real_fsync = os.fsync

    def full_after_the_picture(descriptor: int) -> None:
        writes.append(descriptor)
        if len(writes) >= 3:  # the picture and its folder are in; the slide file does not fit
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", full_after_the_picture)
    with pytest.raises(ImportRefusedError) as refused:
        import_image(path, config_dir, "poster")
    monkeypatch.undo()
    assert (
        refused.value.text("en")
        == "The kiosk's disk is full: poster.png was not imported, and nothing was left behind."
    )
    assert len(writes) >= 3, "the picture was written before the disk filled"
    assert config_files(config_dir) == []


def test_a_caption_with_characters_the_font_lacks_names_them(
    runtime: Runtime, config_dir: Path, tmp_path: Path
) -> None:
    from kiosk.playlist.slide_models import SlideText
    from kiosk.ui.showcase.kinds import caption_refusal
    from kiosk.ui.style.resources import bundled_font_chars

    refusal = caption_refusal(SlideText(zh="新区☃夜景🌃"), runtime.family, bundled_font_chars())
    assert refusal is not None
    assert refusal.text("zh") == "展示字体中没有这些字符：☃、🌃。请改用其他字。"


def test_a_missing_picture_is_reported_and_the_loop_skips_the_slide_once(
    runtime: Runtime, config_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from kiosk.clock import ManualClock as Clock
    from kiosk.settings import Settings
    from kiosk.ui.runtime.startup import build_showcase, load_state
    from kiosk.ui.showcase.player import ShowcasePlayer

    source = tmp_path / "poster.png"
    source.write_bytes(plain_png(800, 600))
    slide = import_image(source, config_dir, "poster")
    (config_dir / slide.image).unlink()
    staff = load_staff_slides(resolve_fleet(config_dir), set())
    assert [str(problem) for problem in staff.problems] == [
        f"poster.json, $.image: the picture {slide.image} is missing."
    ]
    assert "poster" in staff.ids and "poster" not in staff.slides

    playlist = {
        "schema_version": 1,
        "id": "hall",
        "name": {"zh": "展厅", "en": "Hall"},
        "items": [{"slide": "poster", "duration_s": 5}, {"slide": "title_intro", "duration_s": 5}],
    }
    (config_dir / "playlists").mkdir()
    (config_dir / "playlists" / "hall.json").write_text(json.dumps(playlist), encoding="utf-8")
    clock = Clock()
    from kiosk.settings import Locations as Places

    state = load_state(runtime, clock, Places(config_dir, tmp_path / "data"), Settings())
    player: ShowcasePlayer = build_showcase(state, runtime.family, clock, "hall")
    player.resize(960, 540)
    with caplog.at_level(logging.ERROR):
        player.start()
        shown = []
        for _ in range(4):
            shown.append(playing(player).slide)
            clock.advance(playing(player).duration_s)
            player.poll()
    assert set(shown) == {"title_intro"}, "the loop goes on without it"
    skipped = [record for record in caplog.records if "'poster'" in record.getMessage()]
    assert len(skipped) == 1, "logged once"
    discard(player)
    assert staff_slide_path(config_dir, "poster") == config_dir / SLIDES_DIR / "poster.json"


def test_an_imported_picture_gets_a_caption_and_fills_the_screen(
    qtbot: QtBot, staff_kiosk: KioskUnderTest, locations: Locations, tmp_path: Path
) -> None:
    from staff_helpers import type_text

    shell, gate, clock = staff_kiosk.shell, staff_kiosk.staff, staff_kiosk.clock
    stick = tmp_path / "media" / "USB"
    stick.mkdir(parents=True)
    (stick / "night.png").write_bytes(plain_png(1600, 900))
    sticks_under(tmp_path / "media", shell, locations)
    open_playlists(shell, gate, clock, locations)
    tap(button(gate.panel, "staff-tab-slides"), clock)
    page: Any = gate.panel.pages["slides"]
    tap(button(page, "staff-slide-import"), clock)
    tap_list_item(page.picker.tiles, 0, clock)
    assert page.message.text() == "已导入“night.png”（1600×900）"
    fields = page.editor.fields
    assert not fields["zh"].isVisibleTo(page) and fields["caption-zh"].isVisibleTo(page)
    type_text(page.editor.fields["caption-zh"], "新区夜景")
    type_text(page.editor.fields["caption-en"], "The new area at night")
    tap(button(page, "staff-slide-fit"), clock)
    assert button(page, "staff-slide-fit").text() == "铺满屏幕"
    tap(button(page, "staff-slide-save"), clock)
    saved = json.loads(staff_slide_path(locations.config_dir, "night").read_text(encoding="utf-8"))
    assert saved["fit"] == "fill"
    assert saved["caption"] == {"zh": "新区夜景", "en": "The new area at night"}
    assert (locations.config_dir / saved["image"]).exists()
