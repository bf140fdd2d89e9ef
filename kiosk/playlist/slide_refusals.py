"""Why a staff slide may not be saved, as a code with its sentence in staff's language (kiosk/i18n/):
every check but the fitting of its text on screen (which needs the font, and so Qt: each kind's
`fit_refusal` in kiosk/ui/showcase/kinds.py).

Shared by the touchscreen editor and `kiosk slide add-text` / `import-image`, so both refuse the same
things with the same sentences."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.models import ContentPack
from kiosk.fleet.layout import SLIDES_DIR, resolve_fleet
from kiosk.i18n.catalogue import slide_refusal
from kiosk.i18n.keys import SlideRefusal
from kiosk.i18n.languages import StaffLanguage
from kiosk.playlist.slide_models import MAX_TEXT_CHARS, StaffSlide, main_text
from kiosk.playlist.staff_slides import check_slide, missing_glyphs, slide_files


class SlideRefusedError(Exception):
    """A slide that may not be saved; `text(language)` is the sentence staff read."""

    def __init__(self, key: SlideRefusal, **details: str) -> None:
        self.key: SlideRefusal = key
        self.details = details
        super().__init__(self.text("en"))

    def text(self, language: StaffLanguage) -> str:
        return slide_refusal(self.key, language).format(max_chars=MAX_TEXT_CHARS, **self.details)


def content_refusal(slide: StaffSlide, font_chars: set[int] | None) -> SlideRefusedError | None:
    """Why `slide` may not be saved whatever the screen, or None: no text, too many characters, a
    character the font lacks (named), or what the slide file's own checks refuse."""
    texts = list(slide.texts().values())
    if slide.needs_text and not main_text(slide).present():
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
    return None


def taken_slide_ids(config_dir: Path, pack: ContentPack) -> set[str]:
    """Ids a new slide may not take: the pack's slides and every staff slide file of every layer."""
    taken = {slide.id for slide in pack.slides}
    taken |= {path.stem for path in slide_files(resolve_fleet(config_dir))}
    local = config_dir / SLIDES_DIR
    if local.is_dir():
        taken |= {path.name.split(".")[0] for path in local.iterdir()}
    return taken
