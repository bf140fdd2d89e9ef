"""Pictures on a stick before any decoding: found, read once, recognised by their bytes, whole or not.

Headless: the bytes are written by hand, no Qt image is made."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from kiosk.playlist.picture_source import (
    MAX_FILE_BYTES,
    ImportRefusedError,
    is_complete,
    picture_files,
    read_source,
    removable_roots,
    sniff_format,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40 + b"\x00\x00\x00\x00IEND\xaeB`\x82"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40 + b"\xff\xd9"
WEBP_BODY = b"WEBPVP8 " + b"\x00" * 30
WEBP = b"RIFF" + struct.pack("<I", len(WEBP_BODY)) + WEBP_BODY


@pytest.mark.parametrize(("data", "kind"), [(PNG, "png"), (JPEG, "jpeg"), (WEBP, "webp")])
def test_the_format_comes_from_the_bytes_and_a_whole_file_is_complete(data: bytes, kind: str) -> None:
    assert sniff_format(data) == kind
    assert is_complete(data, kind)


@pytest.mark.parametrize(
    "data", [b"GIF89a" + b"\x00" * 20, b"%PDF-1.7", b"", b"RIFF\x10\x00\x00\x00AVI LIST"]
)
def test_anything_else_has_no_picture_format(data: bytes) -> None:
    assert sniff_format(data) is None


@pytest.mark.parametrize(("data", "kind"), [(PNG, "png"), (JPEG, "jpeg"), (WEBP, "webp")])
def test_a_file_cut_short_is_not_complete(data: bytes, kind: str) -> None:
    assert not is_complete(data[: len(data) // 2], kind)


def test_a_jpeg_padded_with_zeros_after_its_end_is_still_complete() -> None:
    """Some cameras pad the file to a block size after the end-of-image marker."""
    assert is_complete(JPEG + b"\x00" * 100, "jpeg")


def test_the_bytes_are_read_once_and_whole(tmp_path: Path) -> None:
    path = tmp_path / "hall.png"
    path.write_bytes(PNG)
    assert read_source(path) == PNG


@pytest.mark.parametrize(
    ("content", "key", "sentence"),
    [
        (b"", "empty", "hall.png is empty (0 bytes), not a picture."),
        (None, "missing", "hall.png is not there any more: was the USB stick removed?"),
    ],
)
def test_an_empty_or_vanished_file_is_refused_with_a_sentence_naming_it(
    tmp_path: Path, content: bytes | None, key: str, sentence: str
) -> None:
    path = tmp_path / "hall.png"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImportRefusedError) as refused:
        read_source(path)
    assert refused.value.key == key
    assert refused.value.text("en") == sentence
    assert "hall.png" in refused.value.text("zh")


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 64 MB written
    with pytest.raises(ImportRefusedError) as refused:
        read_source(path)
    assert refused.value.text("en") == "huge.png is too large (64 MB); at most 64 MB."


def test_a_folder_lists_its_pictures_by_name_without_hidden_or_other_files(tmp_path: Path) -> None:
    for name in ("b.JPG", "a.png", "c.webp", ".hidden.png", "notes.txt", "._a.png", "d.jpeg"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "folder.png").mkdir()
    assert [path.name for path in picture_files(tmp_path)] == ["a.png", "b.JPG", "c.webp", "d.jpeg"]


def test_a_folder_that_cannot_be_opened_lists_nothing(tmp_path: Path) -> None:
    assert picture_files(tmp_path / "pulled-out") == []


def test_removable_roots_are_the_folders_the_patterns_match_each_once(tmp_path: Path) -> None:
    (tmp_path / "media" / "KINGSTON").mkdir(parents=True)
    (tmp_path / "media" / "SANDISK").mkdir()
    (tmp_path / "media" / "stray-file").write_bytes(b"")
    patterns = [str(tmp_path / "media" / "*"), str(tmp_path / "media" / "K*")]
    assert removable_roots(patterns) == [tmp_path / "media" / "KINGSTON", tmp_path / "media" / "SANDISK"]
