"""`kiosk slide add-text` and `kiosk slide import-image`: the editor's checks, at a terminal."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.documents.decoding import ContentError
from kiosk.playlist.slide_models import SLIDE_SCHEMA_VERSION, Audio, Fit, SlideText, Template, TextSlide
from kiosk.playlist.slide_refusals import SlideRefusedError, taken_slide_ids
from kiosk.playlist.staff_slides import new_slide_id, save_slide
from kiosk.ui.showcase.kinds import caption_refusal, slide_refusal

if TYPE_CHECKING:
    from kiosk.ui.runtime.startup import Runtime


@dataclass(frozen=True)
class TextSlideRequest:
    """`kiosk slide add-text`: the card's template and texts, and its id when one is wanted."""

    template: Template
    zh: str
    en: str = ""
    line2_zh: str = ""
    line2_en: str = ""
    id: str | None = None


@dataclass(frozen=True)
class PictureSlideRequest:
    """`kiosk slide import-image`: the picture file, its caption, how it fills the screen, its id."""

    file: Path
    caption_zh: str = ""
    caption_en: str = ""
    fit: Fit = "fit"
    id: str | None = None


@dataclass(frozen=True)
class VideoSlideRequest:
    """`kiosk slide import-video`: the film, its sound, how long it plays (times round or seconds), its id."""

    file: Path
    audio: Audio = "off"
    loops: int = 1
    seconds: float | None = None
    id: str | None = None


def _runtime() -> Runtime:
    # Fitting text needs the bundled font, so Qt starts, without ever showing a window (SSH).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.ui.runtime.startup import start

    return start()


def _refuse(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _chosen_id(wanted: str | None, base: str, taken: set[str]) -> str | SlideRefusedError:
    if wanted is None:
        return new_slide_id(base, taken)
    if wanted in taken:
        return SlideRefusedError("id_taken", id=wanted)
    return wanted


def add_text_slide(args: TextSlideRequest, config_dir: Path) -> int:
    from kiosk.ui.style.resources import bundled_font_chars

    runtime = _runtime()
    slide_id = _chosen_id(args.id, args.template, taken_slide_ids(config_dir, runtime.pack))
    if isinstance(slide_id, SlideRefusedError):
        return _refuse(slide_id.text("en"))
    try:
        slide = TextSlide(
            schema_version=SLIDE_SCHEMA_VERSION,
            id=slide_id,
            template=args.template,
            text=SlideText(zh=args.zh, en=args.en),
            line2=SlideText(zh=args.line2_zh, en=args.line2_en),
        )
    except TypeError as error:
        return _refuse(str(error))
    font_chars = bundled_font_chars()
    refusal = slide_refusal(slide, runtime.family, font_chars)
    if refusal is not None:
        return _refuse(refusal.text("en"))
    try:
        save_slide(config_dir, slide, font_chars)
    except ContentError as error:
        return _refuse(" ".join(str(problem) for problem in error.problems))
    except OSError as error:
        return _refuse(
            f"the slide could not be saved in {config_dir}: {error.strerror or error}; nothing was written."
        )
    print(f"saved {config_dir / 'slides' / (slide_id + '.json')}")
    print(slide_id)
    return 0


def import_image_slide(args: PictureSlideRequest, config_dir: Path) -> int:
    from kiosk.playlist.picture_source import ImportRefusedError
    from kiosk.playlist.staff_slides import staff_slide_path
    from kiosk.ui.authoring.image_import import import_image
    from kiosk.ui.style.resources import bundled_font_chars

    runtime = _runtime()
    slide_id = _chosen_id(args.id, args.file.stem, taken_slide_ids(config_dir, runtime.pack))
    if isinstance(slide_id, SlideRefusedError):
        return _refuse(slide_id.text("en"))
    caption = SlideText(zh=args.caption_zh, en=args.caption_en)
    font_chars = bundled_font_chars()
    refusal = caption_refusal(caption, runtime.family, font_chars)
    if refusal is not None:
        return _refuse(f"{args.file.name}: {refusal.text('en')}")
    try:
        slide = import_image(args.file, config_dir, slide_id, args.fit, caption, font_chars)
    except ImportRefusedError as error:
        return _refuse(error.text("en"))
    print(f"saved {staff_slide_path(config_dir, slide.id)} ({slide.width}×{slide.height}, {slide.image})")
    print(slide.id)
    return 0


def import_video_slide(args: VideoSlideRequest, config_dir: Path) -> int:
    from kiosk.playlist.picture_source import ImportRefusedError
    from kiosk.playlist.staff_slides import staff_slide_path
    from kiosk.ui.authoring.multimedia import quiet_multimedia

    quiet_multimedia()
    from kiosk.ui.authoring.video_import import import_video

    runtime = _runtime()
    slide_id = _chosen_id(args.id, args.file.stem, taken_slide_ids(config_dir, runtime.pack))
    if isinstance(slide_id, SlideRefusedError):
        return _refuse(slide_id.text("en"))
    try:
        slide = import_video(args.file, config_dir, slide_id, args.audio, args.loops, args.seconds)
    except ImportRefusedError as error:
        return _refuse(f"{error.text('zh')} {error.text('en')}")
    print(
        f"saved {staff_slide_path(config_dir, slide.id)} ({slide.width}×{slide.height}, "
        f"{slide.fps:g} fps, {slide.duration_ms / 1000:.1f} s, {slide.video})"
    )
    print(slide.id)
    return 0
