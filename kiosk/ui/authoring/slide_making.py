"""The last check a staff slide passes before it is saved: its text fits the screen, measured with the
kiosk's font. Every other check, and the sentences staff read, are Qt-free in
kiosk/playlist/slide_refusals.py."""

from __future__ import annotations

from kiosk.playlist.slide_refusals import SlideRefusedError, content_refusal
from kiosk.playlist.staff_slides import SLIDE_SCHEMA_VERSION, ImageSlide, SlideText, StaffSlide, TextSlide
from kiosk.ui.authoring.staff_text import caption_fits, text_fits


def slide_refusal(slide: StaffSlide, family: str, font_chars: set[int] | None) -> SlideRefusedError | None:
    """Why `slide` may not be saved, or None: what `content_refusal` finds, else a text that does not
    fit the screen at its smallest size."""
    refusal = content_refusal(slide, font_chars)
    if refusal is not None:
        return refusal
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
