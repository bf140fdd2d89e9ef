"""The checks a staff slide passes before it is saved, shared by the touchscreen editor and
`kiosk slide add-text` / `import-image`, so both refuse the same things with the same sentences."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.models import ContentPack, Language
from kiosk.fleet.layout import SLIDES_DIR, resolve_fleet
from kiosk.playlist.staff_slides import (
    MAX_TEXT_CHARS,
    SLIDE_SCHEMA_VERSION,
    ImageSlide,
    SlideText,
    StaffSlide,
    TextSlide,
    check_slide,
    missing_glyphs,
    slide_files,
)
from kiosk.ui.authoring.staff_text import caption_fits, text_fits

REFUSALS: dict[str, tuple[str, str]] = {
    "empty": ("请输入中文或英文文字。", "Type a Chinese or an English text."),
    "too_long": (
        "文字太长，缩到最小字号也放不下：请删减文字。",
        "The text does not fit on the screen even at the smallest size: shorten it.",
    ),
    "too_many_chars": (
        f"每段文字最多 {MAX_TEXT_CHARS} 个字符。",
        f"Each text may have at most {MAX_TEXT_CHARS} characters.",
    ),
    "glyphs": (
        "展示字体中没有这些字符：{chars}。请改用其他字。",
        "The kiosk's font has no {chars}: use other characters.",
    ),
    "caption_too_long": (
        "说明文字太长，放不下：请删减。",
        "The caption does not fit under the picture: shorten it.",
    ),
    "other": ("{problems}", "{problems}"),
    "id_taken": ("已有编号为 {id} 的幻灯片。", "A slide with the id {id} already exists."),
}


class SlideRefusedError(Exception):
    """A slide that may not be saved; `text(language)` is the sentence staff read."""

    def __init__(self, key: str, **details: str) -> None:
        self.key = key
        self.details = details
        super().__init__(self.text("en"))

    def text(self, language: Language) -> str:
        zh, en = REFUSALS[self.key]
        return (zh if language == "zh" else en).format(**self.details)


def slide_refusal(slide: StaffSlide, family: str, font_chars: set[int] | None) -> SlideRefusedError | None:
    """Why `slide` may not be saved, or None: empty, too many characters, a character the font
    lacks (named), or a text that does not fit the screen at its smallest size."""
    texts = [slide.text, slide.line2] if isinstance(slide, TextSlide) else [slide.caption]
    if isinstance(slide, TextSlide) and not slide.text.present():
        return SlideRefusedError("empty")
    values = [value for text in texts for value in (text.zh, text.en)]
    if any(len(value) > MAX_TEXT_CHARS for value in values):
        return SlideRefusedError("too_many_chars")
    if font_chars is not None:
        missing = list(dict.fromkeys(char for value in values for char in missing_glyphs(value, font_chars)))
        if missing:
            return SlideRefusedError("glyphs", chars="、".join(missing))
    problems = check_slide(slide, f"{slide.id}.json", font_chars)
    if problems:
        return SlideRefusedError("other", problems=" ".join(str(problem) for problem in problems))
    if isinstance(slide, TextSlide) and not text_fits(slide, family):
        return SlideRefusedError("too_long")
    if isinstance(slide, ImageSlide) and not caption_fits(slide, family):
        return SlideRefusedError("caption_too_long")
    return None


def caption_refusal(caption: SlideText, family: str, font_chars: set[int] | None) -> SlideRefusedError | None:
    """Why a picture's caption may not be used (checked before the picture is copied)."""
    probe = ImageSlide(
        schema_version=SLIDE_SCHEMA_VERSION,
        id="caption",
        image="media/caption.png",
        sha256="0" * 64,
        width=1,
        height=1,
        caption=caption,
    )
    return slide_refusal(probe, family, font_chars)


def taken_slide_ids(config_dir: Path, pack: ContentPack) -> set[str]:
    """Ids a new slide may not take: the pack's slides and every staff slide file of every layer."""
    taken = {slide.id for slide in pack.slides}
    taken |= {path.stem for path in slide_files(resolve_fleet(config_dir))}
    local = config_dir / SLIDES_DIR
    if local.is_dir():
        taken |= {path.name.split(".")[0] for path in local.iterdir()}
    return taken
