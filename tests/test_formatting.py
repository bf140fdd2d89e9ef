"""The one number formatter: every unit in both languages, its refusals, and the count-up text."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import get_args

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kiosk.content.formatting import (
    FormatError,
    NumberDisplay,
    format_count,
    format_figure,
    format_ranking,
    format_ranking_scope,
    format_value,
    parse_value,
)
from kiosk.content.models import Figure, Ranking, Text, Unit
from kiosk.i18n.languages import ordinal

NEW_AREAS = Text(zh="国家级新区", en="national new areas")


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        ("1030", "亿元", "1030亿元", "103 billion yuan"),
        ("545", "亿元", "545亿元", "54.5 billion yuan"),
        ("254", "亿元", "254亿元", "25.4 billion yuan"),
        ("22", "亿元", "22亿元", "2.2 billion yuan"),
        ("3.8", "万个", "3.8万个", "38,000"),
        ("3.2", "万个", "3.2万个", "32,000"),
        ("33.43", "万人", "33.43万人", "334,300"),
        ("7.8", "万人", "7.8万人", "78,000"),
        ("19.04", "万平方米", "19.04万平方米", "190,400 m²"),
        ("1", "万平方米", "1万平方米", "10,000 m²"),
        ("12.5", "万元", "12.5万元", "125,000 yuan"),
        ("50.8", "%", "50.8%", "50.8%"),
        ("100", "%", "100%", "100%"),
        ("0", "%", "0%", "0%"),
        ("1200", "平方公里", "1200平方公里", "1,200 km²"),
        ("1950", "个", "1950个", "1,950"),
        ("249", "个", "249个", "249"),
        ("500", "家", "500家", "500"),
        ("183", "项", "183项", "183"),
        ("262", "件", "262件", "262"),
        ("5", "条", "5条", "5"),
        ("17", "栋", "17栋", "17"),
        ("1000", "亩", "1000亩", "66.7 hectares"),
        ("15", "亩", "15亩", "1 hectare"),
        ("2", "", "2", "2"),
        ("2", "rank", "第2", "2nd"),
        ("19", "rank", "第19", "19th"),
    ],
)
def test_format_value_per_unit_and_language(value: str, unit: Unit, zh: str, en: str) -> None:
    assert format_value(value, unit, "zh").text == zh
    assert format_value(value, unit, "en").text == en


def test_every_unit_of_the_model_has_an_english_format() -> None:
    # A unit the model accepts but the formatter cannot print would pass the schema and then fail
    # on screen; walk the whole Literal so a new unit without a format fails here.
    for unit in get_args(Unit):
        for language in ("zh", "en"):
            assert format_value("1", unit, language).text.strip(), (unit, language)


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "zh", "en"),
    [
        ("2000", "亿元", "over", "超2000亿元", "over 200 billion yuan"),
        ("6000", "亿元", "over", "超6000亿元", "over 600 billion yuan"),
        ("1000", "亩", "about", "约1000亩", "about 66.7 hectares"),
        ("1", "万平方米", "about", "约1万平方米", "about 10,000 m²"),
        ("1950", "个", "exact", "1950个", "1,950"),
    ],
)
def test_qualifiers(value: str, unit: Unit, qualifier: str, zh: str, en: str) -> None:
    assert format_value(value, unit, "zh", qualifier).text == zh  # type: ignore[arg-type]
    assert format_value(value, unit, "en", qualifier).text == en  # type: ignore[arg-type]


def test_english_number_part_is_grouped_and_chinese_is_not() -> None:
    assert format_value("1950", "个", "zh").number_text == "1950"
    assert format_value("1950", "个", "en").number_text == "1,950"
    assert format_value("33.43", "万人", "en").number_text == "334,300"
    # Percentages and ranks are never grouped, even when large enough to be.
    assert format_value("1234", "rank", "en").number_text == "1234"


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (10, "10th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (19, "19th"),
        (20, "20th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (113, "113th"),
    ],
)
def test_ordinals(position: int, expected: str) -> None:
    assert ordinal(position, "en") == expected
    assert format_value(str(position), "rank", "en").text == expected
    assert format_value(str(position), "rank", "zh").text == f"第{position}"


def test_format_ranking_both_languages() -> None:
    ranking = Ranking(position=2, out_of=19, among=NEW_AREAS)
    assert format_ranking(ranking, "zh") == "19个国家级新区中第2"
    assert format_ranking(ranking, "en") == "2nd of 19 national new areas"
    assert format_ranking_scope(ranking, "zh") == "19个国家级新区中"
    assert format_ranking_scope(ranking, "en") == "of 19 national new areas"
    third = Ranking(position=3, out_of=19, among=NEW_AREAS)
    assert format_ranking(third, "en") == "3rd of 19 national new areas"


def test_ranking_without_a_stated_field_never_invents_its_size() -> None:
    ranking = Ranking(position=2, among=NEW_AREAS)
    assert format_ranking(ranking, "zh") == "国家级新区中第2"
    assert format_ranking(ranking, "en") == "2nd among national new areas"
    assert format_ranking_scope(ranking, "zh") == "国家级新区中"
    assert format_ranking_scope(ranking, "en") == "among national new areas"


@pytest.mark.parametrize(
    ("value", "unit", "en"),
    [
        ("1030", "亿元", "103 billion yuan"),
        ("2000", "亿元", "200 billion yuan"),
        ("100", "亿元", "10 billion yuan"),
        ("1000", "亿元", "100 billion yuan"),
        ("315", "亿元", "31.5 billion yuan"),
        ("3", "万个", "30,000"),
        ("1500", "亩", "100 hectares"),
    ],
)
def test_english_conversions_never_add_a_trailing_zero(value: str, unit: Unit, en: str) -> None:
    assert format_value(value, unit, "en").text == en


def test_format_figure_uses_value_unit_and_qualifier() -> None:
    figure = Figure(
        id="annual_investment",
        topic="industry",
        value="2000",
        unit="亿元",
        qualifier="over",
        label=Text(zh="年度投资", en="Annual investment"),
        context=Text(zh="全域", en="Across the area"),
        source="年度投资超2000亿元",
        status="shown",
    )
    assert format_figure(figure, "zh").text == "超2000亿元"
    assert format_figure(figure, "en").text == "over 200 billion yuan"


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        ("100.1", "%"),
        ("101", "%"),
        ("-1", "个"),
        ("-0.5", "%"),
        ("NaN", "个"),
        ("nan", "%"),
        ("sNaN", "个"),
        ("Infinity", "亿元"),
        ("-Infinity", "亿元"),
        ("inf", "个"),
        ("1e3", "个"),
        ("1E3", "亿元"),
        (" 5", "个"),
        ("5 ", "个"),
        ("+5", "个"),
        ("", "个"),
        ("five", "个"),
        ("0x10", "个"),
        ("0", "rank"),
        ("2.5", "rank"),
        ("-1", "rank"),
    ],
)
def test_refuses_values_it_cannot_display_faithfully(value: str, unit: Unit) -> None:
    for language in ("zh", "en"):
        with pytest.raises(FormatError):
            format_value(value, unit, language)


@pytest.mark.parametrize(
    "value",
    [
        "1_000",  # Decimal() accepts digit separators
        "５",  # full-width digit
        "٣",  # Arabic-Indic digit
        "-0",  # would print as "-0"
        "-0.0",
        ".5",
        "5.",
    ],
)
def test_values_are_plain_ascii_digits(value: str) -> None:
    # The pack is hand-written; a value must read exactly as it will be compared with its quote.
    with pytest.raises(FormatError):
        parse_value(value)


def test_parse_value_is_exact() -> None:
    assert parse_value("33.43") == Decimal("33.43")
    assert parse_value("0") == Decimal(0)
    assert parse_value("1030") == Decimal(1030)


# --- count-up -------------------------------------------------------------------------------


def test_text_at_zero_keeps_the_final_number_of_decimals() -> None:
    share = format_value("50.8", "%", "zh")
    assert share.text == "50.8%"
    assert share.text_at(0) == "0.0%"
    assert format_value("1030", "亿元", "zh").text_at(0) == "0亿元"
    assert format_value("1030", "亿元", "en").text_at(0) == "0 billion yuan"
    assert format_value("545", "亿元", "en").text_at(0) == "0.0 billion yuan"
    assert format_value("33.43", "万人", "zh").text_at(0) == "0.00万人"
    assert format_value("2000", "亿元", "zh", "over").text_at(0) == "超0亿元"
    assert format_value("6", "rank", "zh").text_at(0) == "第0"


def test_text_at_intermediate_values() -> None:
    share = format_value("50.8", "%", "en")
    assert share.text_at(25.4) == "25.4%"
    assert share.text_at(12.34) == "12.3%"
    assert share.text_at(12.35) == "12.4%"  # half-up, as the final text is rounded
    people = format_value("33.43", "万人", "en")
    assert people.text_at(123456.0) == "123,456"
    assert format_value("545", "亿元", "en").text_at(27.25) == "27.3 billion yuan"


def test_text_at_clamps_to_the_target_and_to_zero() -> None:
    share = format_value("50.8", "%", "zh")
    assert share.text_at(50.8) == "50.8%"
    assert share.text_at(51) == "50.8%"
    assert share.text_at(1e300) == "50.8%"
    assert share.text_at(math.inf) == "50.8%"
    assert share.text_at(-3) == "0.0%"
    assert share.text_at(-math.inf) == "0.0%"


def test_text_at_never_shows_nan() -> None:
    share = format_value("5", "%", "zh")
    assert share.text_at(math.nan) == "0%"


_UNITS_EXCEPT_RANK = [unit for unit in get_args(Unit) if unit != "rank"]
# Digits a float carries exactly; the count-up is driven by floats.
_FLOAT_DIGITS = 15


@st.composite
def displays(draw: st.DrawFn) -> NumberDisplay:
    unit: Unit = draw(st.sampled_from([*_UNITS_EXCEPT_RANK, "rank"]))
    language = draw(st.sampled_from(["zh", "en"]))
    qualifier = draw(st.sampled_from(["exact", "over", "about"]))
    if unit == "rank":
        value = str(draw(st.integers(min_value=1, max_value=10_000)))
    else:
        places = draw(st.integers(min_value=0, max_value=4))
        high = 100 if unit == "%" else 10**16
        number = draw(st.decimals(min_value=0, max_value=high, places=places))
        value = f"{number:f}"
    return format_value(value, unit, language, qualifier)  # type: ignore[arg-type]


_PROGRESS = st.floats() | st.floats(min_value=0, max_value=1.2)
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?")


@settings(max_examples=500, deadline=None)
@given(display=displays(), fraction=_PROGRESS, absolute=st.floats())
@example(display=format_value("50.8", "%", "zh"), fraction=0.0, absolute=math.nan)
@example(display=format_value("5", "%", "zh"), fraction=math.nan, absolute=math.inf)
@example(display=format_value("12345678901234567.8", "个", "en"), fraction=1.0, absolute=1e30)
def test_text_at_never_wider_than_final_nor_above_target(
    display: NumberDisplay, fraction: float, absolute: float
) -> None:
    final = display.text
    for shown in (display.text_at(float(display.target) * fraction), display.text_at(absolute)):
        assert len(shown) <= len(final), (shown, final)
        # Prefix and suffix stay put; only the number part counts.
        assert shown.startswith(display.prefix), (shown, final)
        assert shown.endswith(display.suffix), (shown, final)
        number = shown[len(display.prefix) : len(shown) - len(display.suffix)]
        assert _NUMBER.fullmatch(number), (shown, final)
        assert len(number.partition(".")[2]) == display.decimals, (shown, final)
        assert Decimal(number.replace(",", "")) <= display.target, (shown, final)
    if len(display.target.normalize().as_tuple().digits) <= _FLOAT_DIGITS:
        assert display.text_at(float(display.target)) == final


@pytest.mark.parametrize(("count", "text"), [(0, "0"), (999, "999"), (1000, "1,000"), (1234567, "1,234,567")])
def test_counts_staff_read_are_grouped_by_thousands(count: int, text: str) -> None:
    assert format_count(count) == text
