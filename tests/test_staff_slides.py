"""Staff slide files: the format, validation, layering with the hall, hot reload with the last
good version kept, and the `kiosk slide` commands an operator runs over SSH."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from kiosk.documents.decoding import ContentError
from kiosk.fleet.layout import SLIDES_DIR
from kiosk.playlist.slide_models import SlideText, TextSlide, slide_json_schema
from kiosk.playlist.staff_slides import (
    decode_slide,
    delete_slide,
    playlists_using,
    remove_unused_media,
    save_slide,
)
from kiosk.playlist.store import load_library

BUNDLED = ["title_intro", "title_industry"]


def welcome(slide_id: str = "welcome", zh: str = "热烈欢迎") -> dict[str, object]:
    return {"schema_version": 1, "id": slide_id, "kind": "text", "template": "welcome", "text": {"zh": zh}}


def write(config_dir: Path, name: str, document: object) -> Path:
    path = config_dir / SLIDES_DIR / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def playlist(slides: list[str]) -> bytes:
    return json.dumps(
        {
            "schema_version": 1,
            "id": "hall",
            "name": {"zh": "展厅", "en": "Hall"},
            "items": [{"slide": slide, "duration_s": 8} for slide in slides],
        }
    ).encode()


def test_a_text_slide_round_trips_and_an_empty_language_is_left_out() -> None:
    slide = decode_slide(json.dumps(welcome()).encode(), "welcome.json")
    assert isinstance(slide, TextSlide)
    assert slide.text == SlideText(zh="热烈欢迎", en="")
    assert json.loads(msgspec.json.encode(slide)) == {**welcome(), "line2": {}}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"template": "party"}, "$.template"),
        ({"text": {"zh": " ", "en": ""}}, "the slide has no text"),
        ({"text": {"zh": "欢迎\u200b"}}, "U+200B"),
        ({"text": {"zh": "欢" * 121}}, "at most 120"),
        ({"id": "other"}, "differs from the file name"),
        ({"schema_version": 9}, "schema version 9"),
        ({"kind": "hologram"}, "kind"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_slide_files_are_refused_with_the_file_and_the_path(
    change: dict[str, object], message: str
) -> None:
    document = {**welcome(), **change}
    with pytest.raises(ContentError) as refused:
        decode_slide(json.dumps(document).encode(), "welcome.json")
    text = " ".join(str(problem) for problem in refused.value.problems)
    assert text.startswith("welcome.json") and message in text


def test_an_image_path_outside_the_media_folder_is_refused() -> None:
    document = {
        "schema_version": 1,
        "id": "poster",
        "kind": "image",
        "image": "../../etc/passwd.png",
        "sha256": "0" * 64,
        "width": 10,
        "height": 10,
    }
    with pytest.raises(ContentError) as refused:
        decode_slide(json.dumps(document).encode(), "poster.json")
    assert "must name a PNG, JPEG or WebP file in the media folder" in str(refused.value.problems[0])


def test_the_schema_documents_both_kinds() -> None:
    schema = json.dumps(slide_json_schema())
    for word in ("TextSlide", "ImageSlide", "welcome", "notice", "closing", "fill", "caption", "line2"):
        assert word in schema


def test_slides_load_with_playlists_and_a_playlist_may_name_them(config_dir: Path) -> None:
    write(config_dir, "welcome.json", welcome())
    (config_dir / "playlists").mkdir()
    (config_dir / "playlists" / "hall.json").write_bytes(playlist(["welcome", "title_intro"]))
    library = load_library({}, config_dir, set(BUNDLED))
    assert library.problems == []
    assert list(library.staff_slides.slides) == ["welcome"]
    assert playlists_using("welcome", library.playlists) == ["hall"]


def test_a_broken_slide_file_keeps_its_last_good_version_and_its_playlist(config_dir: Path) -> None:
    path = write(config_dir, "welcome.json", welcome())
    (config_dir / "playlists").mkdir()
    (config_dir / "playlists" / "hall.json").write_bytes(playlist(["welcome"]))
    first = load_library({}, config_dir, set(BUNDLED))
    path.write_text('{"schema_version": 1, "id": "welcome", "kind": "te', encoding="utf-8")
    again = load_library({}, config_dir, set(BUNDLED), previous=first)
    assert [problem.file for problem in again.problems] == ["welcome.json"]
    kept = again.staff_slides.slides["welcome"]
    assert isinstance(kept, TextSlide) and kept.text.zh == "热烈欢迎", "the last good version plays on"
    assert "hall" in again.playlists
    cold = load_library({}, config_dir, set(BUNDLED))
    assert "welcome" not in cold.staff_slides.slides and "hall" in cold.playlists, "skipped, loop goes on"


def test_sync_temporaries_are_never_read_and_the_glass_wins_over_the_hall(config_dir: Path) -> None:
    hall = config_dir / "hall"
    write(hall, "welcome.json", welcome(zh="展厅的欢迎"))
    write(hall, ".syncthing.notice.json.tmp", welcome("notice"))
    write(hall, "notice.json.part", welcome("notice"))
    write(config_dir, "welcome.json", welcome(zh="本机的欢迎"))
    library = load_library({}, config_dir, set(BUNDLED))
    assert library.problems == []
    assert sorted(library.staff_slides.slides) == ["welcome"]
    glass = library.staff_slides.slides["welcome"]
    assert isinstance(glass, TextSlide) and glass.text.zh == "本机的欢迎"


def test_a_staff_slide_cannot_take_a_built_in_id(config_dir: Path) -> None:
    write(config_dir, "title_intro.json", welcome("title_intro"))
    library = load_library({}, config_dir, set(BUNDLED))
    assert "is the id of a built-in slide" in str(library.problems[0])
    assert library.staff_slides.slides == {}


def test_saving_and_deleting_keep_a_backup_and_clear_unused_pictures(config_dir: Path) -> None:
    slide = decode_slide(json.dumps(welcome()).encode(), "welcome.json")
    path = save_slide(config_dir, slide)
    assert json.loads(path.read_text(encoding="utf-8")) == {**welcome(), "line2": {}}
    (config_dir / "media").mkdir()
    orphan = config_dir / "media" / "old-0123456789ab.jpg"
    orphan.write_bytes(b"x")
    copying = config_dir / "media" / ".syncthing.new.jpg.tmp"
    copying.write_bytes(b"x")
    assert remove_unused_media(config_dir) == [orphan]
    assert copying.exists(), "a copy in progress is left alone"
    delete_slide(config_dir, "welcome")
    assert not path.exists() and path.with_name("welcome.json.bak").exists()


def kiosk(*args: str, config_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args, "--config-dir", str(config_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(config_dir)},
    )


def test_the_commands_make_slides_print_the_id_last_and_refuse_with_sentences(
    config_dir: Path, tmp_path: Path
) -> None:
    made = kiosk(
        "slide", "add-text", "--template", "welcome", "--zh", "热烈欢迎", "--line2-zh", "长沙考察团", "--en",
        "Welcome", config_dir=config_dir,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[-1] == "welcome"
    again = kiosk("slide", "add-text", "--template", "welcome", "--zh", "欢迎", config_dir=config_dir)
    assert again.stdout.splitlines()[-1] == "welcome-2"
    taken = kiosk(
        "slide", "add-text", "--template", "notice", "--zh", "闭馆", "--id", "welcome", config_dir=config_dir
    )
    assert taken.returncode == 1 and "A slide with the id welcome already exists." in taken.stderr
    glyph = kiosk("slide", "add-text", "--template", "notice", "--zh", "闭馆☃", config_dir=config_dir)
    assert glyph.returncode == 1 and "The kiosk's font has no ☃" in glyph.stderr
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    refused = kiosk("slide", "import-image", str(empty), "--fill", config_dir=config_dir)
    assert (
        refused.returncode == 1
        and refused.stderr.strip() == "error: empty.png is empty (0 bytes), not a picture."
    )
    assert sorted(path.name for path in (config_dir / SLIDES_DIR).iterdir()) == [
        "welcome-2.json",
        "welcome.json",
    ]
    checked = kiosk("validate", config_dir=config_dir)
    assert checked.returncode == 0, checked.stderr
    schema = subprocess.run(
        [sys.executable, "-m", "kiosk", "slide", "schema"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "TextSlide" in json.loads(schema.stdout)["$defs"]


def test_validate_names_a_bad_slide_and_a_missing_picture(config_dir: Path) -> None:
    write(config_dir, "welcome.json", {**welcome(), "text": {"zh": "欢迎☃"}})
    write(
        config_dir,
        "poster.json",
        {
            "schema_version": 1,
            "id": "poster",
            "kind": "image",
            "image": "media/poster-0123456789ab.jpg",
            "sha256": "a" * 64,
            "width": 1920,
            "height": 1080,
        },
    )
    checked = kiosk("validate", config_dir=config_dir)
    assert checked.returncode == 1
    assert "welcome.json, $.text.zh: the kiosk's font cannot draw ☃" in checked.stderr
    assert "poster.json, $.image: the picture media/poster-0123456789ab.jpg is missing." in checked.stderr
