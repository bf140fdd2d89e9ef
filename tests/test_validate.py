"""`kiosk validate`: every fault a curator can make is refused with the file and the JSON path.

Each test edits one file of a private copy of the bundled pack and runs the real CLI entry point.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont

from kiosk.cli import main

REPO_ROOT = Path(__file__).resolve().parent.parent
FONT_FILES = sorted((REPO_ROOT / "assets" / "fonts").glob("*.otf"))

Edit = Callable[[str, Callable[[Any], Any]], Path]


def validate(
    capsys: pytest.CaptureFixture[str], config_dir: Path, content: Path | None = None
) -> tuple[int, str, str]:
    argv = ["validate", "--config-dir", str(config_dir)]
    if content is not None:
        argv += ["--content", str(content)]
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def errors(stderr: str) -> list[str]:
    return [line.removeprefix("error: ") for line in stderr.splitlines() if line.startswith("error: ")]


def assert_refused(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, expected: str
) -> list[str]:
    """Validate `content_dir`; expect exit 1 and one error line that starts with `expected`."""
    code, out, err = validate(capsys, config_dir, content_dir)
    assert code == 1, err
    assert out == ""
    lines = errors(err)
    assert any(line.startswith(expected) for line in lines), f"{expected!r} not in:\n{err}"
    assert err.rstrip().endswith(f"{len(lines)} problem(s) in {content_dir}")
    return lines


def index_of(items: list[dict[str, Any]], item_id: str) -> int:
    return next(i for i, item in enumerate(items) if item["id"] == item_id)


# --- the bundled pack ---------------------------------------------------------------------


def test_bundled_pack_directory_validates(capsys: pytest.CaptureFixture[str], config_dir: Path) -> None:
    code, out, err = validate(capsys, config_dir, REPO_ROOT / "assets" / "content")
    assert (code, err) == (0, "")
    assert out.startswith("ok: ")
    assert "withheld" in out


def test_bundled_pack_from_compiled_resources_validates(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    code, out, err = validate(capsys, config_dir)
    assert (code, err) == (0, "")
    assert out.startswith("ok: the bundled content pack: ")


def test_unedited_copy_validates(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path
) -> None:
    # The baseline of every test below: the copy itself is clean, so each failure is the edit's.
    code, _, err = validate(capsys, config_dir, content_dir)
    assert (code, err) == (0, "")


# --- (a) schema ----------------------------------------------------------------------------


def test_schema_error_names_file_and_path(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    edit_json("figures.json", lambda d: d["figures"][12].update(value=115))
    (line,) = assert_refused(capsys, content_dir, config_dir, "figures.json, $.figures[12].value: ")
    assert line == "figures.json, $.figures[12].value: expected `str`, got `int`."


def test_unknown_field_is_a_schema_error(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    edit_json("stories.json", lambda d: d["stories"][3].update(subtitle={"zh": "副标题", "en": "Sub"}))
    assert_refused(capsys, content_dir, config_dir, "stories.json, $.stories[3]: ")


def test_unit_outside_the_formatter_is_a_schema_error(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    edit_json("figures.json", lambda d: d["figures"][4].update(unit="公顷"))
    assert_refused(capsys, content_dir, config_dir, "figures.json, $.figures[4].unit: ")


# --- (b) references --------------------------------------------------------------------------


def test_slide_referring_to_unknown_figure(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    edit_json("slides.json", lambda d: d["slides"][1]["figures"].__setitem__(0, "no_such_figure"))
    (line,) = assert_refused(capsys, content_dir, config_dir, "slides.json, $.slides[1].figures[0]: ")
    assert line == (
        "slides.json, $.slides[1].figures[0]: refers to figure 'no_such_figure', which does not exist."
    )


def test_slide_referring_to_withheld_figure(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    figures = json.loads((content_dir / "figures.json").read_text(encoding="utf-8"))["figures"]
    withheld = next(f["id"] for f in figures if f["status"] == "withheld")
    slides = json.loads((content_dir / "slides.json").read_text(encoding="utf-8"))["slides"]
    spotlight = next(i for i, s in enumerate(slides) if s["kind"] == "spotlight")
    edit_json("slides.json", lambda d: d["slides"][spotlight].update(figures=[withheld]))
    (line,) = assert_refused(
        capsys, content_dir, config_dir, f"slides.json, $.slides[{spotlight}].figures[0]: "
    )
    assert line.endswith(f"refers to figure {withheld!r}, which is withheld and never shown.")


def test_slide_referring_to_unknown_chart_and_story(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    def change(document: dict[str, Any]) -> None:
        slides = document["slides"]
        slides[next(i for i, s in enumerate(slides) if s["kind"] == "chart")]["chart"] = "no_chart"
        slides[next(i for i, s in enumerate(slides) if s["kind"] == "story")]["story"] = "no_story"

    edit_json("slides.json", change)
    lines = assert_refused(capsys, content_dir, config_dir, "slides.json, $.slides[")
    assert any(line.endswith("refers to chart 'no_chart', which does not exist.") for line in lines)
    assert any(line.endswith("refers to story 'no_story', which does not exist.") for line in lines)


# --- (c) translations --------------------------------------------------------------------------


def test_missing_english_translation(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    edit_json("stories.json", lambda d: d["stories"][0]["title"].update(en=""))
    (line,) = assert_refused(capsys, content_dir, config_dir, "stories.json, $.stories[0].title.en: ")
    assert line == "stories.json, $.stories[0].title.en: the translation is missing."


def test_untranslated_english(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    edit_json("stories.json", lambda d: d["stories"][0]["title"].update(en="小土地，大贡献"))
    assert_refused(capsys, content_dir, config_dir, "stories.json, $.stories[0].title.en: contains Chinese")


# --- (d) source quotes ---------------------------------------------------------------------------


def test_shown_value_not_in_its_quote(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    edit_json("figures.json", lambda d: d["figures"][12].update(value="116"))
    assert_refused(
        capsys,
        content_dir,
        config_dir,
        "figures.json, $.figures[12].value: the shown value 116 does not appear in its source quote "
        "'服务重大项目115个'.",
    )


def test_source_quote_too_long(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    long_quote = (
        "为确保项目快速落地,新区经济发展局邀请相关部门以“政务公开+重点项目见面沟通会”的形式,服务重大项目115个"
    )
    edit_json("figures.json", lambda d: d["figures"][12].update(source=long_quote))
    assert_refused(
        capsys, content_dir, config_dir, "figures.json, $.figures[12].source: the source quote has"
    )


# --- (e) duplicates ------------------------------------------------------------------------------


def test_duplicated_story_body(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    def change(document: dict[str, Any]) -> None:
        stories = document["stories"]
        # Two stories without numbers, so the duplicate is the only fault.
        stories[index_of(stories, "industry_zoomlion")]["body"] = dict(
            stories[index_of(stories, "livelihood_dawangshan")]["body"]
        )

    path = edit_json("stories.json", change)
    stories = json.loads(path.read_text(encoding="utf-8"))["stories"]
    first, second = sorted(
        [index_of(stories, "industry_zoomlion"), index_of(stories, "livelihood_dawangshan")]
    )
    lines = assert_refused(capsys, content_dir, config_dir, f"stories.json, $.stories[{first}].body.zh: ")
    assert len(lines) == 2  # zh and en
    for language in ("zh", "en"):
        body = stories[second]["body"][language]
        assert (
            f"stories.json, $.stories[{first}].body.{language}: the text {body!r} is repeated at "
            f"stories.json $.stories[{second}].body.{language}."
        ) in lines


# --- (f) glyphs of the bundled font ----------------------------------------------------------------


def _font_lacks(char: str) -> bool:
    for path in FONT_FILES:
        with TTFont(path, lazy=True) as font:
            if ord(char) in font.getBestCmap():
                return False
    return True


@pytest.mark.parametrize(
    ("language", "char", "text"),
    [
        ("zh", "龘", "龘字体缺字测试。"),
        ("zh", "\U00020000", "\U00020000字体缺字测试。"),
        ("en", "🚀", "A rocket 🚀 for the test."),
    ],
)
def test_character_missing_from_bundled_font(
    capsys: pytest.CaptureFixture[str],
    content_dir: Path,
    config_dir: Path,
    edit_json: Edit,
    language: str,
    char: str,
    text: str,
) -> None:
    assert FONT_FILES and _font_lacks(char), f"the premise fails: the bundled font has {char!r}"
    edit_json("stories.json", lambda d: d["stories"][5]["body"].update({language: text}))
    lines = assert_refused(
        capsys,
        content_dir,
        config_dir,
        f"stories.json, $.stories[5].body.{language}: the bundled font has no glyph for {char!r}; "
        "it would show blank.",
    )
    assert all(line.startswith(f"stories.json, $.stories[5].body.{language}: ") for line in lines)


# --- (g) files that cannot be read ----------------------------------------------------------------


def test_truncated_json_file(capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path) -> None:
    path = content_dir / "figures.json"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    (line,) = assert_refused(capsys, content_dir, config_dir, "figures.json: is not valid JSON (")
    assert "truncated" in line


def test_empty_file(capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path) -> None:
    (content_dir / "stories.json").write_bytes(b"")
    (line,) = assert_refused(capsys, content_dir, config_dir, "stories.json: ")
    assert line == "stories.json: the file is empty"


def test_whitespace_only_file(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path
) -> None:
    (content_dir / "stories.json").write_bytes(b"\xef\xbb\xbf \n\t\n")
    assert_refused(capsys, content_dir, config_dir, "stories.json: the file is empty")


def test_missing_file(capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path) -> None:
    (content_dir / "events.json").unlink()
    (line,) = assert_refused(capsys, content_dir, config_dir, "events.json: ")
    assert line == f"events.json: the file is missing from {content_dir}"


def test_every_broken_file_is_reported_at_once(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path
) -> None:
    (content_dir / "events.json").unlink()
    (content_dir / "stories.json").write_bytes(b"")
    (content_dir / "charts.json").write_text('{"charts": [', encoding="utf-8")
    lines = assert_refused(capsys, content_dir, config_dir, "charts.json: is not valid JSON")
    assert [line.split(":", 1)[0] for line in lines] == ["stories.json", "charts.json", "events.json"]


def test_file_saved_in_a_chinese_legacy_encoding(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path
) -> None:
    # An editor on a Chinese Windows machine may save as GBK/GB18030 rather than UTF-8.
    path = content_dir / "stories.json"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    (line,) = assert_refused(capsys, content_dir, config_dir, "stories.json: ")
    assert line == "stories.json: is not UTF-8 text; save it with UTF-8 encoding."


def test_unreadable_file(capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path) -> None:
    path = content_dir / "figures.json"
    path.unlink()
    path.mkdir()  # unreadable whoever runs the tests, root included
    lines = assert_refused(capsys, content_dir, config_dir, "figures.json: cannot be read: ")
    assert len(lines) == 1


# --- (g) figures ------------------------------------------------------------------------------------


def test_withheld_figure_without_note(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    figures = json.loads((content_dir / "figures.json").read_text(encoding="utf-8"))["figures"]
    index = next(i for i, f in enumerate(figures) if f["status"] == "withheld")
    edit_json("figures.json", lambda d: d["figures"][index].pop("note"))
    (line,) = assert_refused(capsys, content_dir, config_dir, f"figures.json, $.figures[{index}].note: ")
    assert line.endswith("a withheld figure needs a note saying why it is withheld.")


def test_withheld_figure_with_blank_note(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    figures = json.loads((content_dir / "figures.json").read_text(encoding="utf-8"))["figures"]
    index = next(i for i, f in enumerate(figures) if f["status"] == "withheld")
    edit_json("figures.json", lambda d: d["figures"][index].update(note="   "))
    assert_refused(capsys, content_dir, config_dir, f"figures.json, $.figures[{index}].note: ")


def test_impossible_ranking(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    edit_json("figures.json", lambda d: d["figures"][0]["ranking"].update(out_of=5))
    assert_refused(
        capsys,
        content_dir,
        config_dir,
        "figures.json, $.figures[0].ranking.position: position 6 is impossible",
    )


# --- (g) Chinese text ---------------------------------------------------------------------------------


def test_traditional_character_in_chinese_label(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    edit_json("figures.json", lambda d: d["figures"][12]["label"].update(zh="“雷鋒式”专班服务重大项目"))
    lines = assert_refused(
        capsys,
        content_dir,
        config_dir,
        "figures.json, $.figures[12].label.zh: character '鋒' is outside GB2312: "
        "a traditional form or a typo?",
    )
    # The bundled font is subset to GB2312 plus the content, so it also lacks the glyph.
    assert (
        "figures.json, $.figures[12].label.zh: the bundled font has no glyph for '鋒'; it would show blank."
        in lines
    )


def test_half_width_comma_in_chinese(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    edit_json("stories.json", lambda d: d["stories"][0]["title"].update(zh="小土地,大贡献"))
    (line,) = assert_refused(capsys, content_dir, config_dir, "stories.json, $.stories[0].title.zh: ")
    assert line.startswith("stories.json, $.stories[0].title.zh: uses half-width punctuation in Chinese text")


def test_spaces_around_text(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    edit_json("stories.json", lambda d: d["stories"][0]["title"].update(en=" A small footprint"))
    assert_refused(
        capsys,
        content_dir,
        config_dir,
        "stories.json, $.stories[0].title.en: has spaces at its start or end.",
    )


# --- (g) numbers in stories --------------------------------------------------------------------------


def test_story_number_matching_no_figure(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    edit_json(
        "stories.json",
        lambda d: d["stories"][0]["body"].update(zh=d["stories"][0]["body"]["zh"] + "新区还有999家企业。"),
    )
    (line,) = assert_refused(capsys, content_dir, config_dir, "stories.json, $.stories[0].body.zh: ")
    assert line == (
        "stories.json, $.stories[0].body.zh: the number 999 matches no figure the story names "
        "(intro_area, intro_gdp_share, intro_new_areas, intro_economy_rank)."
    )


def test_story_number_of_a_figure_it_does_not_name(
    capsys: pytest.CaptureFixture[str], content_dir: Path, config_dir: Path, edit_json: Edit
) -> None:
    # 1030 is a real figure of the pack, but the story does not name it: it is not traceable here.
    edit_json(
        "stories.json",
        lambda d: d["stories"][0]["body"].update(en=d["stories"][0]["body"]["en"] + " It invested 1030."),
    )
    assert_refused(
        capsys,
        content_dir,
        config_dir,
        "stories.json, $.stories[0].body.en: the number 1030 matches no figure",
    )


# --- settings in the config dir -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b'{"idle_timeout_s": 9999999999999}',
            "settings.json, $.idle_timeout_s: must be between 15 and 3600, got 9999999999999.",
        ),
        (
            b'{"idle_countdown_s": 0}',
            "settings.json, $.idle_countdown_s: must be between 3 and 120, got 0.",
        ),
        (b'{"idle_timeout_s": "60"}', "settings.json, $.idle_timeout_s: expected `int`, got `str`."),
        (b'{"idle_timeout_s": 60.5}', "settings.json, $.idle_timeout_s: expected `int`, got `float`."),
        (b'{"display_only": "yes"}', "settings.json, $.display_only: expected `bool`, got `str`."),
        (b'{"default_language": "fr"}', "settings.json, $.default_language: invalid enum value 'fr'."),
        (b'{"idle_timeout_s": 60, "pin": "1234"}', "settings.json, $: object contains unknown field `pin`"),
        (b"[]", "settings.json, $: expected `object`, got `array`."),
        (b'{"idle_timeout_s": 6', "settings.json: is not valid JSON ("),
        (b"", "settings.json: the file is empty"),
        ('{"default_language": "中文"}'.encode("gb18030"), "settings.json: is not UTF-8 text"),
    ],
    ids=[
        "absurd",
        "too-small",
        "str-for-int",
        "float-for-int",
        "str-for-bool",
        "unknown-language",
        "unknown-field",
        "array",
        "truncated",
        "empty",
        "not-utf8",
    ],
)
def test_invalid_settings_fail_validation(
    capsys: pytest.CaptureFixture[str], config_dir: Path, content: bytes, expected: str
) -> None:
    (config_dir / "settings.json").write_bytes(content)
    code, out, err = validate(capsys, config_dir, REPO_ROOT / "assets" / "content")
    assert code == 1
    assert out == ""
    lines = errors(err)
    assert len(lines) == 1, err
    assert lines[0].startswith(expected), err


def test_valid_settings_pass(capsys: pytest.CaptureFixture[str], config_dir: Path) -> None:
    (config_dir / "settings.json").write_text(
        '{"idle_timeout_s": 90, "idle_countdown_s": 15, "default_language": "en", "display_only": true}',
        encoding="utf-8",
    )
    code, _, err = validate(capsys, config_dir, REPO_ROOT / "assets" / "content")
    assert (code, err) == (0, "")


def test_settings_from_config_dir_environment(
    capsys: pytest.CaptureFixture[str], config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (config_dir / "settings.json").write_text('{"idle_timeout_s": 1}', encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(config_dir))
    assert main(["validate", "--content", str(REPO_ROOT / "assets" / "content")]) == 1
    assert "settings.json, $.idle_timeout_s: must be between 15 and 3600, got 1." in capsys.readouterr().err


@pytest.mark.parametrize(
    ("placeholder", "reason"),
    [
        ("{no_such_figure}", "names no figure in figures.json."),
        ("{intro_area}", "names a figure the story does not list in its figures."),
    ],
)
def test_a_story_placeholder_must_name_a_figure_the_story_lists(
    capsys: pytest.CaptureFixture[str],
    content_dir: Path,
    config_dir: Path,
    edit_json: Edit,
    placeholder: str,
    reason: str,
) -> None:
    stories = json.loads((content_dir / "stories.json").read_text(encoding="utf-8"))["stories"]
    index = next(i for i, s in enumerate(stories) if s["id"] == "livelihood_everyday")
    edit_json("stories.json", lambda d: d["stories"][index]["body"].update(en=f"About {placeholder}."))
    (line,) = assert_refused(capsys, content_dir, config_dir, f"stories.json, $.stories[{index}].body.en: ")
    assert line.endswith(f"{placeholder} {reason}")
