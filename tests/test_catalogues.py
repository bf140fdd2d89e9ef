"""The language system: every catalogue complete in every language, placeholders kept by translators,
refusals told by their code (never by matching English), the pseudo-locale as tests rely on it."""

from __future__ import annotations

import json
import string
from pathlib import Path

import msgspec
import pytest

from kiosk.content.models import Text, text_in_each, with_text
from kiosk.documents.decoding import Problem
from kiosk.i18n.catalogue import CATALOGUE_DIR, CATALOGUES, Catalogue, CatalogueError, load_catalogue
from kiosk.i18n.languages import (
    LANGUAGES,
    OFFERED_TO_STAFF,
    OFFERED_TO_VISITORS,
    TRANSLATED,
    Language,
    endonym,
    next_language,
    pseudo,
)
from kiosk.opening_hours import OpeningHours, check_opening_hours
from kiosk.playlist.slide_models import SlideText
from kiosk.ui.staff.strings import problems_text


def placeholders(message: str) -> set[str]:
    return {field for _text, field, _spec, _conversion in string.Formatter().parse(message) if field}


def messages(catalogue: Catalogue) -> dict[str, str]:
    return {
        f"{field.name}.{key}": message
        for field in msgspec.structs.fields(Catalogue)
        for key, message in getattr(catalogue, field.name).items()
    }


def test_every_language_has_a_catalogue_with_every_key() -> None:
    english = messages(CATALOGUES["en"])
    for language in LANGUAGES:
        assert messages(CATALOGUES[language]).keys() == english.keys(), language


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_translation_keeps_the_placeholders_of_english(language: Language) -> None:
    english = messages(CATALOGUES["en"])
    translated = messages(CATALOGUES[language])
    wrong = {
        key for key, message in translated.items() if placeholders(message) != placeholders(english[key])
    }
    assert wrong == set()


def test_a_catalogue_file_lacking_a_key_is_refused_naming_it(tmp_path: Path) -> None:
    data = json.loads((CATALOGUE_DIR / "en.json").read_text(encoding="utf-8"))
    del data["staff"]["save"]
    (tmp_path / "xx.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"xx.json lacks staff\.save"):
        load_catalogue(tmp_path / "xx.json")


def test_a_catalogue_file_with_a_key_the_code_does_not_know_is_refused(tmp_path: Path) -> None:
    data = json.loads((CATALOGUE_DIR / "en.json").read_text(encoding="utf-8"))
    data["staff"]["sav"] = "Save"
    (tmp_path / "xx.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CatalogueError, match="sav"):
        load_catalogue(tmp_path / "xx.json")


def test_a_refusal_is_told_by_its_reason_not_by_the_words_of_its_message() -> None:
    # The message says "does not exist", which the old matching of English words took for a missing
    # playlist in the schedule; its reason says what it is.
    problem = Problem("mine.json", "$.items[0]", "refers to figure 'x', which does not exist.")
    assert problems_text([problem], "en") == "Cannot save: the content is not valid"
    named = Problem("schedule.json", "$.rules[0].playlist", "playlist 'gone' is missing.", "playlist_missing")
    assert problems_text([named], "zh") == "无法保存：排期用到的播放列表不存在"


def test_opening_hours_beyond_a_declared_limit_keep_their_reason() -> None:
    problems = check_opening_hours(OpeningHours(wake_minutes=100_000))
    assert [problem.path for problem in problems] == ["$.opening_hours.wake_minutes"]
    assert problems_text(problems, "en") == "Cannot save: a value is out of range"


def test_the_pseudo_locale_is_accented_longer_and_bracketed_and_keeps_placeholders() -> None:
    made = pseudo("Delete “{name}”?")
    assert made.startswith("[") and made.endswith("]")
    assert "{name}" in made
    assert made.format(name="x").count("x") == 1
    assert not set("aeiou") & set(made.replace("{name}", ""))
    for english in ("Save", "Playing now: {name}", "PIN", "Touch to explore"):
        assert len(pseudo(english).format(name="")) - 2 >= 1.4 * len(english.format(name=""))
    assert pseudo("") == ""


def test_visitors_and_staff_are_never_offered_the_pseudo_locale() -> None:
    assert "pseudo" not in OFFERED_TO_VISITORS
    assert "pseudo" not in OFFERED_TO_STAFF
    seen = {next_language(language, OFFERED_TO_VISITORS) for language in LANGUAGES}
    assert seen == set(OFFERED_TO_VISITORS)
    assert next_language("zh", OFFERED_TO_VISITORS) == "en"
    assert next_language("en", OFFERED_TO_VISITORS) == "zh"
    assert [endonym(language) for language in OFFERED_TO_STAFF] == ["中文", "English"]


def test_content_text_reads_in_every_language() -> None:
    text = Text(zh="新区", en="The new area")
    assert [text.get(language) for language in LANGUAGES] == ["新区", "The new area", pseudo("The new area")]
    assert with_text(text, "en", "New area") == Text(zh="新区", en="New area")
    assert text_in_each(lambda language: language.upper()) == Text(zh="ZH", en="EN")
    assert SlideText(zh="欢迎").get("pseudo") == ""
    assert SlideText(en="Welcome").get("pseudo") == pseudo("Welcome")
