"""One registry of slide kinds, for the pack's slides and staff's alike (napari's `layer_to_controls`).

Each kind is a line of `SLIDE_KINDS`: the model it plays (the pack's `Slide`, or a staff slide's
struct, whose texts and option are the editor's fields and whose own checks are its refusals), the view
that plays it (anything the player can play: `PlayableSlide`), the label staff read for it and, for
staff kinds, the check that its text fits the screen and the files it is made from (`importer`). A
thumbnail is the view's last frame, whatever the kind. The player, the staff editor, thumbnails,
`kiosk render` and `kiosk slide` find a slide's kind here and nowhere else; a new kind is its module
and one line below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from PySide6.QtCore import QSize

from kiosk.content.models import Slide
from kiosk.i18n.keys import StaffKey
from kiosk.playlist.slide_models import (
    IMAGE_SUFFIXES,
    SLIDE_SCHEMA_VERSION,
    ImageSlide,
    SlideText,
    StaffSlide,
    Template,
    TextSlide,
    VideoSlide,
)
from kiosk.playlist.slide_refusals import SlideRefusedError, content_refusal
from kiosk.ui.authoring.image_import import import_image
from kiosk.ui.authoring.multimedia import quiet_multimedia
from kiosk.ui.authoring.staff_text import caption_fits, text_fits
from kiosk.ui.showcase.slide_base import PlayableSlide, SlideContext
from kiosk.ui.showcase.slides import FiguresWallSlide, SpotlightSlide, StorySlide, TitleSlide
from kiosk.ui.showcase.staff_slides import ImageSlideView, TextSlideView


class SlideModel(Protocol):
    """What the registry reads of any slide's model: its id and the name of its kind."""

    @property
    def id(self) -> str: ...

    @property
    def kind(self) -> str: ...


Model = TypeVar("Model")
# Build a slide's view: its model, the player's context, and its media file when it has one.
Build = Callable[[Model, SlideContext, Path | None], PlayableSlide]
# Make a staff slide of a file from a USB stick: the file, the config dir, the new slide's id, the
# font's characters and the screen; raises ImportRefusedError with the reason.
Importer = Callable[[Path, Path, str, set[int] | None, QSize], StaffSlide]


# What staff call each template of a text card.
TEMPLATE_NAMES: dict[Template, StaffKey] = {
    "welcome": "template_welcome",
    "notice": "template_notice",
    "closing": "template_closing",
}


@dataclass(frozen=True)
class RegisteredKind:
    """One kind of slide, as `slide_kind` registers it."""

    name: str
    model: type
    build: Build[object]
    # The catalogue key of the words staff read for a slide of this kind.
    label_key: Callable[[object], StaffKey | None]
    # Why a slide of this kind does not fit the screen, or None (staff kinds; measured with the font).
    fit_refusal: Callable[[object, str], SlideRefusedError | None]
    # The files (by suffix) a slide of this kind is made from, and how.
    imports: tuple[str, ...] = ()
    importer: Importer | None = None


def slide_kind(
    name: str,
    model: type[Model],
    build: Build[Model],
    label_key: Callable[[Model], StaffKey | None] = lambda _slide: None,
    fit_refusal: Callable[[Model, str], SlideRefusedError | None] = lambda _slide, _family: None,
    imports: tuple[str, ...] = (),
    importer: Importer | None = None,
) -> RegisteredKind:
    """A kind whose functions take its own model; they are only ever called with one."""

    def narrowed(slide: object) -> Model:
        if not isinstance(slide, model):
            raise TypeError(f"a {type(slide).__name__} is not a slide of the kind {name!r}")
        return slide

    return RegisteredKind(
        name,
        model,
        lambda slide, context, media: build(narrowed(slide), context, media),
        lambda slide: label_key(narrowed(slide)),
        lambda slide, family: fit_refusal(narrowed(slide), family),
        imports,
        importer,
    )


def _chart(slide: Slide, context: SlideContext, _media: Path | None) -> PlayableSlide:
    # Imported when first played: the chart loads pyqtgraph, which the first frame must not wait for.
    from kiosk.ui.showcase.chart_slide import ChartSlide

    return ChartSlide(slide, context)


def _video(slide: VideoSlide, _context: SlideContext, media: Path | None) -> PlayableSlide:
    # Imported when first played: QtMultimedia loads only for a program with a film in it.
    quiet_multimedia()
    from kiosk.ui.showcase.video_slide import VideoSlideView

    return VideoSlideView(slide, media)


def _text_fit(slide: TextSlide, family: str) -> SlideRefusedError | None:
    return None if text_fits(slide, family) else SlideRefusedError("too_long")


def _caption_fit(slide: ImageSlide, family: str) -> SlideRefusedError | None:
    return None if caption_fits(slide, family) else SlideRefusedError("caption_too_long")


SLIDE_KINDS: dict[str, RegisteredKind] = {
    kind.name: kind
    for kind in (
        slide_kind("figures_wall", Slide, lambda slide, context, _media: FiguresWallSlide(slide, context)),
        slide_kind("spotlight", Slide, lambda slide, context, _media: SpotlightSlide(slide, context)),
        slide_kind("title", Slide, lambda slide, context, _media: TitleSlide(slide, context)),
        slide_kind("story", Slide, lambda slide, context, _media: StorySlide(slide, context)),
        slide_kind("chart", Slide, _chart),
        slide_kind(
            "text",
            TextSlide,
            lambda slide, context, _media: TextSlideView(slide, context.family),
            lambda slide: TEMPLATE_NAMES[slide.template],
            _text_fit,
        ),
        slide_kind(
            "image",
            ImageSlide,
            lambda slide, context, media: ImageSlideView(slide, media, context.family),
            lambda _slide: "kind_picture",
            _caption_fit,
            IMAGE_SUFFIXES,
            lambda path, config_dir, slide_id, font_chars, screen: import_image(
                path, config_dir, slide_id, "fit", None, font_chars, screen
            ),
        ),
        # Imported with `kiosk slide import-video`; the staff file picker lists pictures only until it
        # has a film's thumbnail and probe.
        slide_kind("video", VideoSlide, _video, lambda _slide: "kind_video"),
    )
}


def kind_of(slide: SlideModel) -> RegisteredKind:
    return SLIDE_KINDS[slide.kind]


def importable_suffixes() -> tuple[str, ...]:
    """Every file suffix some kind makes a slide from: what the staff file picker lists."""
    return tuple(suffix for kind in SLIDE_KINDS.values() for suffix in kind.imports)


def importer_for(path: Path) -> Importer | None:
    """How to make a slide of `path`, by its suffix; None when no kind takes such a file."""
    suffix = path.suffix.lower()
    return next((kind.importer for kind in SLIDE_KINDS.values() if suffix in kind.imports), None)


def build_slide(slide: SlideModel, context: SlideContext, media: Path | None = None) -> PlayableSlide:
    """The view of any slide; raises (and the player skips the slide) when it cannot be shown."""
    return kind_of(slide).build(slide, context, media)


def slide_refusal(slide: StaffSlide, family: str, font_chars: set[int] | None) -> SlideRefusedError | None:
    """Why a staff slide may not be saved, or None: what `content_refusal` finds, else its kind's
    check that its text fits the screen at its smallest size."""
    return content_refusal(slide, font_chars) or kind_of(slide).fit_refusal(slide, family)


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
