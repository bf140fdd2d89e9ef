"""Fuzzing the decoders staff and curators feed: content pack files, playlists, schedule, settings.

Whatever bytes arrive, a decoder returns its model or raises ContentError whose problems each name
the file and say something; nothing else escapes (no RecursionError, no UnicodeDecodeError, no
OverflowError), and nothing takes long. Three kinds of input: arbitrary bytes, JSON-ish text built
from recursive strategies (NaN, infinities, huge integers, numbers like 1e400), and mutations of the
valid bundled files (truncated, bytes flipped, a value at a random JSON path replaced). Then a corpus
of nasty cases, each its own test.

Long mode (`--long` or KIOSK_SOAK_HOURS) runs every property with LONG_MULTIPLIER times the examples.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import settings as settings_module
from kiosk.content import models as content_models
from kiosk.content.loader import PACK_FILES, MemorySource, load_pack
from kiosk.content.models import ContentPack
from kiosk.documents.decoding import ContentError, Problem, decode_document
from kiosk.playlist import models as playlist_models
from kiosk.playlist.models import Playlist, Schedule, decode_playlist, decode_schedule
from kiosk.settings import Settings, decode_settings

REPO_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = REPO_ROOT / "assets" / "content"
PLAYLIST_DIR = REPO_ROOT / "assets" / "playlists"

CI_EXAMPLES = 40
LONG_MULTIPLIER = 25
SCALES = [
    pytest.param(1, id="ci"),
    pytest.param(LONG_MULTIPLIER, id="long", marks=pytest.mark.slow),
]

PACK_BYTES = {name: (CONTENT_DIR / name).read_bytes() for name in PACK_FILES}
SLIDE_IDS = {slide.id for slide in load_pack(MemorySource(PACK_BYTES)).slides}
PLAYLIST_IDS = {"full", "short", "figures"}
VALID_PLAYLIST = (PLAYLIST_DIR / "short.json").read_bytes()
VALID_SCHEDULE = json.dumps(
    {
        "schema_version": 1,
        "default_playlist": "full",
        "rules": [
            {"days": ["fri", "sat"], "start": "22:00", "end": "02:00", "playlist": "short"},
            {"days": ["mon"], "start": "09:00", "end": "12:30", "playlist": "figures"},
        ],
    },
    indent=2,
).encode()
VALID_SETTINGS = msgspec.json.format(
    msgspec.json.encode(Settings(idle_timeout_s=90, default_language="en", reduced_motion=True))
)
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Target:
    """One way bytes become a model: the call, the file its problems must name, a valid example."""

    id: str
    file: str
    decode: Callable[[bytes], object]
    model: type
    valid: bytes


def _document_target(name: str, model: type[msgspec.Struct]) -> Target:
    return Target(
        f"decode_document-{name}",
        name,
        lambda data: decode_document(data, model, name),
        model,
        PACK_BYTES[name],
    )


def _pack_target(name: str) -> Target:
    def decode(data: bytes) -> ContentPack:
        return load_pack(MemorySource({**PACK_BYTES, name: data}))

    return Target(f"load_pack-{name}", name, decode, ContentPack, PACK_BYTES[name])


TARGETS = [
    *(_document_target(name, model) for name, model in PACK_FILES.items()),
    *(_pack_target(name) for name in PACK_FILES),
    Target(
        "decode_playlist",
        "mine.json",
        lambda data: decode_playlist(data, "mine.json", SLIDE_IDS),
        Playlist,
        VALID_PLAYLIST,
    ),
    Target(
        "decode_schedule",
        "schedule.json",
        lambda data: decode_schedule(data, "schedule.json", PLAYLIST_IDS),
        Schedule,
        VALID_SCHEDULE,
    ),
    Target("decode_settings", "settings.json", decode_settings, Settings, VALID_SETTINGS),
]
TARGET_PARAMS = [pytest.param(target, id=target.id) for target in TARGETS]
BY_ID = {target.id: target for target in TARGETS}


def outcome(target: Target, data: bytes) -> object | None:
    """The model, or None when refused properly; anything else fails the test."""
    try:
        result = target.decode(data)
    except ContentError as error:
        check_problems(target, error)
        return None
    assert isinstance(result, target.model), f"{target.id} returned {type(result).__name__}"
    return result


def check_problems(target: Target, error: ContentError) -> None:
    assert error.problems, f"{target.id}: ContentError without problems"
    for problem in error.problems:
        assert isinstance(problem, Problem)
        assert problem.file == target.file, f"{target.id}: problem names {problem.file!r}: {problem}"
        assert problem.message.strip(), f"{target.id}: empty message at {problem.path!r}"
        assert str(problem).startswith(target.file), str(problem)


def fuzz_settings(scale: int, examples: int = CI_EXAMPLES) -> settings:
    return settings(
        max_examples=examples * scale,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# JSON-ish text -------------------------------------------------------------------------------


class Raw(str):
    """A token written into the text verbatim: 1e400, NaN, a stray bracket."""


def _field_names() -> list[str]:
    names: set[str] = set()
    for module in (content_models, playlist_models, settings_module):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, msgspec.Struct):
                names.update(value.__struct_fields__)
    return sorted(names)


FIELD_NAMES = _field_names()
RAW_TOKENS = [
    "1e400",
    "-1e400",
    "1e-400",
    "NaN",
    "Infinity",
    "-Infinity",
    "-0",
    "1" * 400,
    "9999999999999",
    "-9999999999999",
    "18446744073709551616",
    "[",
    "}",
    ",",
    '"\\ud800"',
    '"\\u0000"',
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([0, -1, 3, 600, 601, 9999999999999, -9999999999999, 2**63, -(2**63) - 1, 10**40]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        sorted(SLIDE_IDS)[:8]
        + sorted(PLAYLIST_IDS)
        + ["fade", "slide", "none", "zh", "en", "mon", "funday", "22:00", "24:00", "withheld", "shown"]
    ),
    st.sampled_from(RAW_TOKENS).map(Raw),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=6),
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12)), children, max_size=6),
    ),
    max_leaves=40,
)


def dump(value: Any) -> str:
    """JSON text that may not be JSON: NaN and Infinity as Python writes them, Raw tokens as they are."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(key))}: {dump(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dump(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False, allow_nan=True)


@st.composite
def json_documents(draw: st.DrawFn) -> bytes:
    # Mostly objects, as every file is; sometimes any value at all.
    value = draw(
        st.one_of(
            st.dictionaries(st.sampled_from(FIELD_NAMES), json_values, max_size=8),
            json_values,
        )
    )
    text = dump(value)
    prefix = draw(st.sampled_from([b"", b"", b"", UTF8_BOM]))
    return prefix + text.encode("utf-8", "surrogatepass")


# Mutations of the valid files ----------------------------------------------------------------


def json_paths(document: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a document, the root included."""
    paths = [prefix]
    if isinstance(document, dict):
        for key, value in document.items():
            paths += json_paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            paths += json_paths(value, (*prefix, index))
    return paths


PATHS = {target.id: json_paths(json.loads(target.valid)) for target in TARGETS}


def replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return document


def deleted(document: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return document
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    return document


@st.composite
def mutations(draw: st.DrawFn, target: Target) -> bytes:
    valid = target.valid
    kind = draw(st.sampled_from(["truncate", "flip", "replace", "replace", "delete", "add-field"]))
    if kind == "truncate":
        return valid[: draw(st.integers(0, len(valid) - 1))]
    if kind == "flip":
        data = bytearray(valid)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] ^= draw(st.integers(1, 255))
        return bytes(data)
    document = json.loads(valid)
    path = draw(st.sampled_from(PATHS[target.id]))
    if kind == "replace":
        document = replaced(document, path, draw(json_values))
    elif kind == "delete":
        document = deleted(document, path)
    else:
        parent = document
        for step in path:
            if isinstance(parent, dict | list):
                parent = parent[step]
        if isinstance(parent, dict):
            parent[draw(st.sampled_from(FIELD_NAMES))] = draw(json_values)
    return dump(document).encode("utf-8", "surrogatepass")


# Properties ---------------------------------------------------------------------------------


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("target", TARGET_PARAMS)
def test_arbitrary_bytes_are_decoded_or_refused(target: Target, scale: int) -> None:
    @fuzz_settings(scale)
    @given(
        st.one_of(st.binary(max_size=600), st.binary(max_size=50).map(lambda tail: target.valid[:200] + tail))
    )
    def run(data: bytes) -> None:
        outcome(target, data)

    run()


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("target", TARGET_PARAMS)
def test_json_ish_documents_are_decoded_or_refused(target: Target, scale: int) -> None:
    @fuzz_settings(scale)
    @given(json_documents())
    def run(data: bytes) -> None:
        outcome(target, data)

    run()


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("target", TARGET_PARAMS)
def test_mutated_bundled_files_are_decoded_or_refused(target: Target, scale: int) -> None:
    @fuzz_settings(scale)
    @given(mutations(target))
    def run(data: bytes) -> None:
        outcome(target, data)

    run()


def test_the_valid_examples_decode() -> None:
    """The fuzz starts from files that are valid, so the mutations start one step from accepted."""
    for target in TARGETS:
        assert outcome(target, target.valid) is not None, target.id


@pytest.mark.parametrize("scale", SCALES)
def test_an_accepted_playlist_never_has_an_absurd_duration(scale: int) -> None:
    """What decode_playlist lets through is playable: finite durations in range, catalogue slides."""
    target = BY_ID["decode_playlist"]

    @fuzz_settings(scale, examples=150)
    @given(mutations(target))
    def run(data: bytes) -> None:
        playlist = outcome(target, data)
        if isinstance(playlist, Playlist):
            assert playlist.items and any(item.enabled for item in playlist.items)
            for item in playlist.items:
                assert math.isfinite(item.duration_s) and 3 <= item.duration_s <= 600, item
                assert item.slide in SLIDE_IDS

    run()


# The corpus of nasty cases ------------------------------------------------------------------

TEN_MB = 10 * 1024 * 1024


def _inject_into_first_string(valid: bytes, junk: bytes) -> bytes:
    at = valid.index(b'"') + 1
    return valid[:at] + junk + valid[at:]


# Refused by every decoder.
GENERIC_NASTY: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda valid: b"",
    "whitespace": lambda valid: b" \n\t\r\n ",
    "bom-only": lambda valid: UTF8_BOM,
    "two-boms": lambda valid: UTF8_BOM + UTF8_BOM + valid,
    "nul-bytes": lambda valid: b"\x00" * 64,
    "truncated-half": lambda valid: valid[: len(valid) // 2],
    "truncated-last-brace": lambda valid: valid.rstrip()[:-1],
    "trailing-garbage": lambda valid: valid + b"garbage",
    "two-documents": lambda valid: valid + valid,
    "array": lambda valid: b"[]",
    "string": lambda valid: b'"hello"',
    "number": lambda valid: b"42",
    "null": lambda valid: b"null",
    "true": lambda valid: b"true",
    "nan-literal": lambda valid: b"NaN",
    "1e400": lambda valid: b"1e400",
    "invalid-utf8": lambda valid: _inject_into_first_string(valid, b"\xff\xfe\xc3"),
    "gbk-encoded": lambda valid: _inject_into_first_string(valid, "你好".encode("gbk")),
    "utf16": lambda valid: valid.decode("utf-8").encode("utf-16"),
    "lone-surrogate-escape": lambda valid: _inject_into_first_string(valid, b"\\ud800"),
    "deep-arrays-open": lambda valid: b"[" * 100_000,
    "deep-arrays-closed": lambda valid: b"[" * 100_000 + b"]" * 100_000,
    "deep-objects": lambda valid: b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "deep-arrays-in-a-field": lambda valid: b'{"schema_version": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "ten-mb-string": lambda valid: b'{"id": "' + b"a" * TEN_MB + b'"}',
    "ten-mb-of-spaces-then-valid": lambda valid: b" " * TEN_MB + valid,
    "huge-integer": lambda valid: b'{"schema_version": ' + b"9" * 5000 + b"}",
    "1e400-version": lambda valid: b'{"schema_version": 1e400}',
}
GENERIC_CASES = [
    pytest.param(target, case, id=f"{target.id}-{case}") for target in TARGETS for case in GENERIC_NASTY
]


@pytest.mark.parametrize(("target", "case"), GENERIC_CASES)
def test_nasty_input_is_refused_quickly(target: Target, case: str) -> None:
    data = GENERIC_NASTY[case](target.valid)
    began = time.perf_counter()
    with pytest.raises(ContentError) as refused:
        target.decode(data)
    elapsed = time.perf_counter() - began
    check_problems(target, refused.value)
    assert elapsed < 2.0, f"{case} took {elapsed:.2f} s to refuse"
    assert "jSON" not in str(refused.value), "messages keep the acronym's case"


@pytest.mark.parametrize("target", TARGET_PARAMS)
def test_a_utf8_bom_is_accepted(target: Target) -> None:
    """Windows Notepad writes a BOM; the file still reads, as the same model."""
    assert outcome(target, UTF8_BOM + target.valid) == outcome(target, target.valid)


def _playlist_with(**item_fields: Any) -> bytes:
    document = json.loads(VALID_PLAYLIST)
    document["items"][1].update(item_fields)
    return json.dumps(document).encode()


def _playlist_doc(change: Callable[[dict[str, Any]], object]) -> bytes:
    document = json.loads(VALID_PLAYLIST)
    change(document)
    return json.dumps(document, ensure_ascii=False).encode()


# (data, the JSON path the first problem points at; None when the file is not JSON at all).
PLAYLIST_NASTY: dict[str, tuple[bytes, str | None]] = {
    "duration-9999999999999": (_playlist_with(duration_s=9999999999999), "$.items[1].duration_s"),
    "duration-negative": (_playlist_with(duration_s=-5), "$.items[1].duration_s"),
    "duration-minus-9999999999999": (_playlist_with(duration_s=-9999999999999), "$.items[1].duration_s"),
    "duration-zero": (_playlist_with(duration_s=0), "$.items[1].duration_s"),
    "duration-just-short": (_playlist_with(duration_s=2.999), "$.items[1].duration_s"),
    "duration-just-long": (_playlist_with(duration_s=600.001), "$.items[1].duration_s"),
    "duration-1e400": (
        _playlist_with(duration_s=1).replace(b'"duration_s": 1,', b'"duration_s": 1e400,'),
        "$.items[1].duration_s",
    ),
    "duration-nan-literal": (
        _playlist_with(duration_s=1).replace(b'"duration_s": 1,', b'"duration_s": NaN,'),
        None,
    ),
    "duration-nan-string": (_playlist_with(duration_s="NaN"), "$.items[1].duration_s"),
    "duration-string": (_playlist_with(duration_s="10"), "$.items[1].duration_s"),
    "duration-null": (_playlist_with(duration_s=None), "$.items[1].duration_s"),
    "unknown-slide": (_playlist_with(slide="no_such_slide"), "$.items[1].slide"),
    "slide-number": (_playlist_with(slide=42), "$.items[1].slide"),
    "unknown-transition": (_playlist_with(transition="explode"), "$.items[1].transition"),
    "enabled-string": (_playlist_with(enabled="yes"), "$.items[1].enabled"),
    "unknown-item-field": (_playlist_with(colour="red"), "$.items[1]"),
    "items-string": (_playlist_doc(lambda d: d.update(items="all")), "$.items"),
    "items-empty": (_playlist_doc(lambda d: d.update(items=[])), "$.items"),
    "all-disabled": (
        _playlist_doc(lambda d: [item.update(enabled=False) for item in d["items"]]),
        "$.items",
    ),
    "too-many-items": (_playlist_doc(lambda d: d.update(items=d["items"] * 200)), "$.items"),
    "id-with-capitals": (_playlist_doc(lambda d: d.update(id="Mine!")), "$.id"),
    "id-missing": (_playlist_doc(lambda d: d.pop("id")), "$"),
    "name-empty": (_playlist_doc(lambda d: d["name"].update(en="  ")), "$.name.en"),
    "schema-version-2": (_playlist_doc(lambda d: d.update(schema_version=2)), "$.schema_version"),
    "schema-version-string": (_playlist_doc(lambda d: d.update(schema_version="1")), "$.schema_version"),
    "ten-mb-name": (_playlist_doc(lambda d: d["name"].update(en="x" * TEN_MB)), None),
}


@pytest.mark.parametrize("case", list(PLAYLIST_NASTY))
def test_nasty_playlists_are_refused_with_the_field_named(case: str) -> None:
    data, path = PLAYLIST_NASTY[case]
    began = time.perf_counter()
    with pytest.raises(ContentError) as refused:
        decode_playlist(data, "mine.json", SLIDE_IDS)
    assert time.perf_counter() - began < 2.0
    check_problems(BY_ID["decode_playlist"], refused.value)
    first = refused.value.problems[0]
    assert first.path == (path or ""), str(refused.value)


def _schedule_doc(change: Callable[[dict[str, Any]], object]) -> bytes:
    document = json.loads(VALID_SCHEDULE)
    change(document)
    return json.dumps(document).encode()


SCHEDULE_NASTY: dict[str, tuple[bytes, str]] = {
    "unknown-default": (_schedule_doc(lambda d: d.update(default_playlist="gone")), "$.default_playlist"),
    "unknown-rule-playlist": (
        _schedule_doc(lambda d: d["rules"][1].update(playlist="gone")),
        "$.rules[1].playlist",
    ),
    "hour-24": (_schedule_doc(lambda d: d["rules"][0].update(start="24:00")), "$.rules[0].start"),
    "time-as-number": (_schedule_doc(lambda d: d["rules"][0].update(start=2200)), "$.rules[0].start"),
    "same-start-and-end": (_schedule_doc(lambda d: d["rules"][1].update(end="09:00")), "$.rules[1]"),
    "no-days": (_schedule_doc(lambda d: d["rules"][0].update(days=[])), "$.rules[0].days"),
    "funday": (_schedule_doc(lambda d: d["rules"][0].update(days=["funday"])), "$.rules[0].days[0]"),
    "rules-object": (_schedule_doc(lambda d: d.update(rules={})), "$.rules"),
}


@pytest.mark.parametrize("case", list(SCHEDULE_NASTY))
def test_nasty_schedules_are_refused_with_the_field_named(case: str) -> None:
    data, path = SCHEDULE_NASTY[case]
    with pytest.raises(ContentError) as refused:
        decode_schedule(data, "schedule.json", PLAYLIST_IDS)
    check_problems(BY_ID["decode_schedule"], refused.value)
    assert refused.value.problems[0].path == path, str(refused.value)


SETTINGS_NASTY: dict[str, tuple[bytes, str]] = {
    "timeout-negative": (b'{"idle_timeout_s": -1}', "$.idle_timeout_s"),
    "timeout-9999999999999": (b'{"idle_timeout_s": 9999999999999}', "$.idle_timeout_s"),
    "timeout-1e400": (b'{"idle_timeout_s": 1e400}', "$.idle_timeout_s"),
    "timeout-float": (b'{"idle_timeout_s": 60.5}', "$.idle_timeout_s"),
    "timeout-nan-string": (b'{"idle_timeout_s": "NaN"}', "$.idle_timeout_s"),
    "countdown-zero": (b'{"idle_countdown_s": 0}', "$.idle_countdown_s"),
    "language-fr": (b'{"default_language": "fr"}', "$.default_language"),
    "display-only-string": (b'{"display_only": "yes"}', "$.display_only"),
    "unknown-field": (b'{"volume": 11}', "$"),
}


@pytest.mark.parametrize("case", list(SETTINGS_NASTY))
def test_nasty_settings_are_refused_with_the_field_named(case: str) -> None:
    data, path = SETTINGS_NASTY[case]
    with pytest.raises(ContentError) as refused:
        decode_settings(data)
    check_problems(BY_ID["decode_settings"], refused.value)
    assert refused.value.problems[0].path == path, str(refused.value)
