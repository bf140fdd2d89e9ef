"""Why a staff slide may not be saved, before its text is fitted on screen: headless, no Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.loader import DirectorySource, load_pack
from kiosk.playlist.slide_models import MAX_TEXT_CHARS, SLIDE_SCHEMA_VERSION, SlideText, TextSlide
from kiosk.playlist.slide_refusals import SlideRefusedError, content_refusal, taken_slide_ids

REPO = Path(__file__).resolve().parent.parent
PACK = load_pack(DirectorySource(REPO / "assets" / "content"))
FONT_CHARS = {ord(char) for char in "热烈欢迎 Welcome"}


def welcome(zh: str = "热烈欢迎", en: str = "Welcome", line2: SlideText | None = None) -> TextSlide:
    return TextSlide(
        schema_version=SLIDE_SCHEMA_VERSION,
        id="welcome",
        template="welcome",
        text=SlideText(zh=zh, en=en),
        line2=line2 or SlideText(),
    )


def test_a_slide_with_text_the_font_can_draw_is_not_refused() -> None:
    assert content_refusal(welcome(), FONT_CHARS) is None


@pytest.mark.parametrize(
    ("slide", "en"),
    [
        (welcome(zh=" ", en=""), "Type a Chinese or an English text."),
        (welcome(en="W" * (MAX_TEXT_CHARS + 1)), f"Each text may have at most {MAX_TEXT_CHARS} characters."),
        (welcome(zh="热烈欢迎龘龘"), "The kiosk's font has no 龘: use other characters."),
        (
            welcome(line2=SlideText(zh="代表团")),
            "The kiosk's font has no 代、表、团: use other characters.",
        ),
    ],
)
def test_each_refusal_is_a_sentence_in_both_languages(slide: TextSlide, en: str) -> None:
    refusal = content_refusal(slide, FONT_CHARS)
    assert refusal is not None
    assert refusal.text("en") == en
    assert refusal.text("zh") and refusal.text("zh") != en


def test_what_the_slide_file_refuses_is_passed_on() -> None:
    refusal = content_refusal(welcome(zh="热烈\x07欢迎"), None)
    assert refusal is not None and refusal.key == "other"
    assert "U+0007" in refusal.text("en")


def test_a_taken_id_is_named_in_the_sentence() -> None:
    assert (
        SlideRefusedError("id_taken", id="welcome").text("en")
        == "A slide with the id welcome already exists."
    )


def test_taken_ids_are_the_packs_slides_and_every_staff_slide_file(tmp_path: Path) -> None:
    slides = tmp_path / "slides"
    slides.mkdir()
    (slides / "welcome.json").write_text("{}", encoding="utf-8")
    (slides / "notice.json.tmp").write_text("{}", encoding="utf-8")  # a save in progress still takes its id
    taken = taken_slide_ids(tmp_path, PACK)
    assert {slide.id for slide in PACK.slides} <= taken
    assert {"welcome", "notice"} <= taken
