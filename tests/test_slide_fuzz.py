"""Fuzzing staff slides: slide files and picture bytes. Every input yields a slide (or a picture
ready for the media folder) or a refusal that names the file in a sentence; nothing else escapes.
Long mode (`--long`) runs each property with 25 times the examples."""

from __future__ import annotations

import json
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slide_media import corrupt_jpeg, encoded, plain_png, rotated_jpeg, two_colour_image

from kiosk.documents.decoding import ContentError
from kiosk.playlist.picture_source import ImportRefusedError
from kiosk.playlist.slide_models import ImageSlide, StaffSlide, TextSlide
from kiosk.playlist.staff_slides import decode_slide
from kiosk.ui.authoring.image_import import PreparedImage, prepare_image
from kiosk.ui.runtime.startup import Runtime

CI_EXAMPLES = 150
LONG_MULTIPLIER = 25
SCALES = [pytest.param(1, id="ci"), pytest.param(LONG_MULTIPLIER, id="long", marks=pytest.mark.slow)]
FILE = "fuzzed.json"


def fuzz_settings(scale: int, examples: int = CI_EXAMPLES) -> settings:
    return settings(
        max_examples=examples * scale,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )


VALID: list[dict[str, Any]] = [
    {
        "schema_version": 1,
        "id": "fuzzed",
        "kind": "text",
        "template": "welcome",
        "text": {"zh": "热烈欢迎", "en": "Welcome"},
        "line2": {"zh": "考察团", "en": "Delegation"},
    },
    {
        "schema_version": 1,
        "id": "fuzzed",
        "kind": "image",
        "image": "media/fuzzed-0123456789ab.jpg",
        "sha256": "b" * 64,
        "width": 1920,
        "height": 1080,
        "fit": "fill",
        "caption": {"zh": "夜景"},
    },
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=200),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def check(outcome: StaffSlide | ContentError) -> None:
    if isinstance(outcome, ContentError):
        assert outcome.problems
        for problem in outcome.problems:
            assert str(problem).startswith(FILE) and problem.message.strip()
    else:
        assert isinstance(outcome, TextSlide | ImageSlide)
        assert outcome.id == "fuzzed"


def decode(data: bytes) -> StaffSlide | ContentError:
    try:
        return decode_slide(data, FILE, font_chars=None)
    except ContentError as error:
        return error


@pytest.mark.parametrize("scale", SCALES)
def test_arbitrary_bytes_are_a_slide_or_a_sentence(scale: int) -> None:
    @fuzz_settings(scale)
    @given(st.binary(max_size=600))
    def run(data: bytes) -> None:
        check(decode(data))

    run()


@pytest.mark.parametrize("scale", SCALES)
def test_valid_slides_with_a_field_changed_are_a_slide_or_a_sentence(scale: int) -> None:
    @fuzz_settings(scale)
    @given(st.sampled_from(VALID), st.data())
    def run(base: dict[str, Any], data: st.DataObject) -> None:
        document = json.loads(json.dumps(base))
        key = data.draw(st.sampled_from([*document, "extra"]))
        target = document
        if isinstance(document.get(key), dict) and data.draw(st.booleans()):
            target = document[key]
            key = data.draw(st.sampled_from([*target, "extra"]))
        target[key] = data.draw(json_values)
        text = json.dumps(document, ensure_ascii=data.draw(st.booleans()), allow_nan=True)
        check(decode(text.encode()))

    run()


@pytest.mark.parametrize("scale", SCALES)
def test_decoded_text_slides_always_lay_out(runtime: Runtime, scale: int) -> None:
    """Whatever staff type, the fitting either fits it or says it does not: never an exception."""
    from kiosk.ui.authoring.staff_text import text_fits

    family = runtime.family
    surrogates: list[Literal["Cs"]] = ["Cs"]  # no lone halves of a UTF-16 pair: no keyboard types one
    texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=surrogates), max_size=120)

    @fuzz_settings(scale, 30)
    @given(texts, texts, texts, texts, st.sampled_from(["welcome", "notice", "closing"]))
    def run(zh: str, en: str, line2_zh: str, line2_en: str, template: str) -> None:
        document = {
            **VALID[0],
            "template": template,
            "text": {"zh": zh, "en": en},
            "line2": {"zh": line2_zh, "en": line2_en},
        }
        outcome = decode(json.dumps(document).encode())
        check(outcome)
        if isinstance(outcome, TextSlide):
            assert text_fits(outcome, family) in (True, False)

    run()


SEEDS = {
    "jpeg": rotated_jpeg(320, 200),
    "png": plain_png(300, 200),
    "webp": encoded(two_colour_image(120, 80), "WEBP"),
    "corrupt": corrupt_jpeg(),
}


def prepare(data: bytes) -> PreparedImage | ImportRefusedError:
    try:
        return prepare_image(data, "stick-photo.jpg")
    except ImportRefusedError as error:
        return error


def check_picture(outcome: PreparedImage | ImportRefusedError) -> None:
    if isinstance(outcome, ImportRefusedError):
        for language in ("zh", "en"):
            assert "stick-photo.jpg" in outcome.text(language)
    else:
        assert outcome.data and 0 < outcome.width <= 1920 and 0 < outcome.height <= 1920


@pytest.mark.parametrize("scale", SCALES)
def test_picture_bytes_are_a_picture_or_a_sentence(qapp: Any, scale: int) -> None:
    @fuzz_settings(scale)
    @given(st.sampled_from(sorted(SEEDS)), st.data())
    def run(kind: str, data: st.DataObject) -> None:
        picture = bytearray(SEEDS[kind])
        for _ in range(data.draw(st.integers(min_value=0, max_value=6))):
            position = data.draw(st.integers(min_value=0, max_value=len(picture) - 1))
            picture[position] = data.draw(st.integers(min_value=0, max_value=255))
        cut = data.draw(st.integers(min_value=0, max_value=len(picture)))
        if data.draw(st.booleans()):
            picture = picture[:cut]
        check_picture(prepare(bytes(picture)))

    run()


@pytest.mark.parametrize("scale", SCALES)
def test_arbitrary_bytes_are_never_a_picture_by_accident(qapp: Any, scale: int) -> None:
    @fuzz_settings(scale)
    @given(st.binary(max_size=2000))
    def run(data: bytes) -> None:
        outcome = prepare(data)
        check_picture(outcome)

    run()


def test_a_good_webp_imports(qapp: Any) -> None:
    outcome = prepare(SEEDS["webp"])
    assert isinstance(outcome, PreparedImage) and (outcome.width, outcome.height) == (120, 80)
