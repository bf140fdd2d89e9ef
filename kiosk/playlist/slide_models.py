"""The models of staff's own slides, one msgspec struct per kind, with what the kiosk reads of any
of them: its texts (the editor's fields), its one option, its picture. `kiosk slide schema` prints
their JSON Schema; loading, checking and saving them is kiosk/playlist/staff_slides.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

import msgspec

from kiosk.i18n.languages import Language, in_language
from kiosk.migrations import FileKind

SLIDE_SCHEMA_VERSION = 1
SLIDE_KIND = FileKind("staff slide", current=SLIDE_SCHEMA_VERSION, steps={})
MAX_TEXT_CHARS = 120
MAX_PICTURE_PX = 8192
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
VIDEO_SUFFIXES = (".mp4", ".mov", ".mkv", ".webm")
MAX_VIDEO_LOOPS = 1000
MAX_VIDEO_SECONDS = 3600.0

Template = Literal["welcome", "notice", "closing"]
TEMPLATES: tuple[Template, ...] = ("welcome", "notice", "closing")
Fit = Literal["fit", "fill"]
FITS: tuple[Fit, ...] = ("fit", "fill")

_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_MEDIA_PATTERN = r"^media/[a-z0-9][a-z0-9_.-]{0,120}\.(png|jpg|jpeg|webp)$"
_VIDEO_PATTERN = r"^media/[a-z0-9][a-z0-9_.-]{0,120}\.(mp4|mov|mkv|webm)$"
_SHA256_PATTERN = r"^[0-9a-f]{64}$"
SlideId = Annotated[str, msgspec.Meta(pattern=_ID_PATTERN)]
MediaPath = Annotated[str, msgspec.Meta(pattern=_MEDIA_PATTERN)]
VideoPath = Annotated[str, msgspec.Meta(pattern=_VIDEO_PATTERN)]
Sha256 = Annotated[str, msgspec.Meta(pattern=_SHA256_PATTERN)]
Audio = Literal["off", "on"]
AUDIO_CHOICES: tuple[Audio, ...] = ("off", "on")
StaffText = Annotated[str, msgspec.Meta(max_length=MAX_TEXT_CHARS)]
PictureSide = Annotated[int, msgspec.Meta(ge=1, le=MAX_PICTURE_PX)]
PATTERN_HINTS = {
    _ID_PATTERN: "must be 1 to 64 lower-case letters, digits, '-' or '_'",
    _MEDIA_PATTERN: "must name a PNG, JPEG or WebP file in the media folder, e.g. media/photo.jpg",
    _VIDEO_PATTERN: "must name an MP4, MOV, MKV or WebM file in the media folder, e.g. media/film.mp4",
    _SHA256_PATTERN: "is not the SHA-256 of the picture (64 hex digits)",
}


class SlideText(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Staff text in both languages; either may be empty, and the slide then shows one language."""

    zh: StaffText = ""
    en: StaffText = ""

    def present(self) -> bool:
        return bool(self.zh.strip() or self.en.strip())

    def get(self, language: Language) -> str:
        return in_language(self, language)


@dataclass(frozen=True)
class SlideOption:
    """A staff slide's one choice besides its texts (a card's template, a picture's fit)."""

    field: str
    values: tuple[str, ...]
    chosen: str

    def following(self) -> str:
        return self.values[(self.values.index(self.chosen) + 1) % len(self.values)]


class TextSlide(msgspec.Struct, tag="text", tag_field="kind", forbid_unknown_fields=True, omit_defaults=True):
    """A welcome, notice or closing card: a main text, and optionally a second line (a delegation's
    name, a date) under it, in the template's style."""

    kind: ClassVar[str] = "text"
    needs_text: ClassVar[bool] = True  # without its main text the card says nothing

    schema_version: int
    id: SlideId
    template: Template
    text: SlideText
    line2: SlideText = msgspec.field(default_factory=SlideText)

    def texts(self) -> dict[str, SlideText]:
        """Every text staff type, by its field in the file; the first names the slide."""
        return {"text": self.text, "line2": self.line2}

    def option(self) -> SlideOption:
        return SlideOption("template", TEMPLATES, self.template)

    def picture(self) -> ImagePicture | None:
        return None


class ImageSlide(
    msgspec.Struct, tag="image", tag_field="kind", forbid_unknown_fields=True, omit_defaults=True
):
    """A picture, already downscaled to the screen at import, shown whole (`fit`) or cropped to fill
    the screen (`fill`) on the theme's ground, with an optional caption."""

    kind: ClassVar[str] = "image"
    needs_text: ClassVar[bool] = False

    schema_version: int
    id: SlideId
    image: MediaPath
    sha256: Sha256
    width: PictureSide
    height: PictureSide
    fit: Fit = "fit"
    caption: SlideText = msgspec.field(default_factory=SlideText)
    # What staff call the picture until it has a caption: its file name without the extension
    # (新区夜景 2023.jpg → 新区夜景 2023). Shown in the panel only, never to visitors.
    title: StaffText = ""

    def texts(self) -> dict[str, SlideText]:
        return {"caption": self.caption}

    def option(self) -> SlideOption:
        return SlideOption("fit", FITS, self.fit)

    def picture(self) -> ImagePicture | None:
        return ImagePicture(self.image, self.sha256, self.width, self.height)


@dataclass(frozen=True)
class ImagePicture:
    """The picture file a slide shows (`media/<id>-<hash>.<ext>`), the SHA-256 it was made with, its size."""

    image: str
    sha256: str
    width: int
    height: int


class VideoSlide(
    msgspec.Struct, tag="video", tag_field="kind", forbid_unknown_fields=True, omit_defaults=True
):
    """A film copied as it is (never re-encoded), probed at import: its size, frame rate and length;
    `stills` is a JPEG of its first frame above the frame at a tenth of its length (what a transition
    into it paints, and its thumbnail). It plays `loops` times, or for `seconds` when set, silent
    unless `audio` is on."""

    kind: ClassVar[str] = "video"
    needs_text: ClassVar[bool] = False

    schema_version: int
    id: SlideId
    video: VideoPath
    sha256: Sha256
    width: PictureSide
    height: PictureSide
    duration_ms: Annotated[int, msgspec.Meta(ge=1)]
    fps: Annotated[float, msgspec.Meta(gt=0)]
    stills: MediaPath
    audio: Audio = "off"
    loops: Annotated[int, msgspec.Meta(ge=1, le=MAX_VIDEO_LOOPS)] = 1
    seconds: Annotated[float, msgspec.Meta(gt=0, le=MAX_VIDEO_SECONDS)] | None = None
    title: SlideText = msgspec.field(default_factory=SlideText)

    def texts(self) -> dict[str, SlideText]:
        return {"title": self.title}

    def option(self) -> SlideOption:
        return SlideOption("audio", AUDIO_CHOICES, self.audio)

    def picture(self) -> ImagePicture | None:
        return ImagePicture(self.video, self.sha256, self.width, self.height)

    def length_s(self) -> float:
        """How long the slide plays: its set time, else the film as many times as it loops."""
        return self.seconds if self.seconds is not None else self.duration_ms / 1000 * self.loops


StaffSlide = TextSlide | ImageSlide | VideoSlide


def slide_json_schema() -> dict[str, object]:
    return msgspec.json.schema(StaffSlide)


def encode_slide(slide: StaffSlide) -> bytes:
    return msgspec.json.format(msgspec.json.encode(slide), indent=2) + b"\n"


def main_text(slide: StaffSlide) -> SlideText:
    """The text that names the slide (a card's main text, a picture's caption)."""
    return next(iter(slide.texts().values()))


def slide_name(slide: StaffSlide) -> str:
    """What staff named the slide apart from its text: a picture's title (its file name), else ""."""
    return slide.title if isinstance(slide, ImageSlide) else ""
