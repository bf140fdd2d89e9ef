"""Chinese line breaking (避头尾 and no lone last character), over the pack's own strings and random
mixed text, with a width model where a CJK character is 1 and a Latin character 0.55."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content.linebreak import CLOSING, OPENING, binds, break_lines, is_cjk, units, violations
from kiosk.content.loader import DirectorySource, load_pack

PACK = load_pack(DirectorySource(Path(__file__).resolve().parent.parent / "assets" / "content"))


def measure(text: str) -> float:
    return sum(
        1.0 if is_cjk(char) or (char in CLOSING | OPENING and ord(char) > 0x2000) else 0.55 for char in text
    )


def pack_strings() -> list[str]:
    texts: list[str] = []
    for story in PACK.stories:
        texts += [story.title.zh, story.title.en, story.body.zh, story.body.en]
    for figure in PACK.shown_figures():
        texts += [figure.label.zh, figure.label.en]
    for chart in PACK.charts:
        texts += [chart.title.zh, chart.title.en]
    for event in PACK.events:
        texts += [event.title.zh, event.title.en]
    for info in PACK.meta.topics:
        texts += [info.title.zh, info.title.en, info.subtitle.zh, info.subtitle.en]
    return [text for text in texts if text]


PACK_STRINGS = pack_strings()


def longest_unit(text: str) -> float:
    return max((measure(unit.rstrip(" ")) for unit in units(text)), default=0.0)


def check(text: str, width: float) -> None:
    lines = break_lines(text, width, measure)
    assert "".join(lines).replace(" ", "") == text.replace(" ", ""), "nothing lost, nothing added"
    found = violations(lines)
    if found and found[-1].startswith("a lone") and len(units(lines[-2])) == 1:
        # The line before is one unbreakable unit and cannot share a line with the last character:
        # nothing can come down with it, so a typesetter has no better break either.
        found.pop()
    # A word that binds to the next line's first word stays only where the two cannot share a line.
    unavoidable = {
        index + 1
        for index, (line, after) in enumerate(itertools.pairwise(lines))
        if measure(f"{line.split(' ')[-1]} {after.split(' ')[0]}") > width
    }
    found = [p for p in found if "belongs to the next" not in p or int(p.split()[1]) not in unavoidable]
    assert found == [], (text, width, lines)
    for line in lines:
        assert measure(line) <= width or len(units(line)) == 1, (line, width)


@settings(max_examples=400, deadline=None)
@given(text=st.sampled_from(PACK_STRINGS), width=st.floats(min_value=4.0, max_value=40.0))
def test_every_pack_string_breaks_like_a_typesetter(text: str, width: float) -> None:
    check(text, max(width, longest_unit(text) + 1.0))


MIXED = st.text(
    alphabet=st.sampled_from(
        list("新区产业科创民生协同小巨人企业项目亿元个") + list("，。、：；！？）」”…（「“") + list("ab1,. ")
    ),
    min_size=1,
    max_size=80,
)


@settings(max_examples=400, deadline=None)
@given(text=MIXED, width=st.floats(min_value=5.0, max_value=30.0))
def test_random_mixed_text_breaks_like_a_typesetter(text: str, width: float) -> None:
    check(text, max(width, longest_unit(text) + 1.0))


def test_an_opening_mark_never_ends_a_line_even_after_a_latin_character() -> None:
    # Found by hypothesis: the opening quote was glued to the "1" before it, as part of a word.
    for text in ("1“ “““", "a“b c", "2023（新区）"):
        for width in (2.0, 3.0, 4.0):
            check(text, max(width, longest_unit(text) + 1.0))


def test_a_lone_character_is_left_only_when_nothing_can_come_down_with_it() -> None:
    # Found by hypothesis: "1！！！" cannot be split (！ never starts a line) nor share a line with 业.
    assert break_lines("1！！！ 业", 5.0, measure) == ["1！！！", "业"]
    check("1！！！ 业", 5.0)
    assert break_lines("1！！ 新区产业", 5.0, measure)[-1] != "业", "where one can come down, it does"


def test_a_lone_last_character_of_a_caption_comes_down_with_company() -> None:
    text = "国家级专精特新“小巨人”企业"
    plain = [text[:13], text[13:]]
    assert plain[-1] == "业", "a greedy break leaves 业 alone"
    lines = break_lines(text, 13.0, measure)
    assert lines[-1] != "业" and len(lines[-1]) >= 2 and "".join(lines) == text


def test_closing_punctuation_never_starts_a_line() -> None:
    lines = break_lines("收集诉求262件，协调解决247件。", 8.0, measure)
    assert all(line[0] not in CLOSING for line in lines[1:]), lines
    assert all(line[-1] not in OPENING for line in lines[:-1]), lines


def test_latin_words_and_numbers_are_never_split() -> None:
    text = "over 200.0 billion yuan of investment in 1,200 km²"
    for width in (3.0, 5.0, 7.0, 11.0):
        lines = break_lines(text, width, measure)
        assert [word for line in lines for word in line.split(" ")] == text.split(" "), lines


def test_english_keeps_a_short_word_with_the_phrase_it_starts() -> None:
    lines = break_lines("Flagship foreign-funded projects of US$10 million or more", 20.0, measure)
    assert lines == ["Flagship foreign-funded projects", "of US$10 million or more"]


def test_english_never_leaves_one_word_alone_on_the_last_line() -> None:
    lines = break_lines("Valid invention patents per 10,000 people", 19.0, measure)
    # "people" alone would end it; "10,000" comes down with it, and "per", which belongs to it, too.
    assert lines == ["Valid invention patents", "per 10,000 people"]
    assert break_lines("Operating revenue of Changsha Hi-tech Zone", 21.0, measure) == [
        "Operating revenue of Changsha",
        "Hi-tech Zone",
    ]


@settings(max_examples=400, deadline=None)
@given(text=st.sampled_from(PACK_STRINGS), width=st.floats(min_value=4.0, max_value=40.0))
def test_no_pack_string_ends_on_a_lone_english_word_that_could_have_company(text: str, width: float) -> None:
    lines = break_lines(text, max(width, longest_unit(text) + 1.0), measure)
    if len(lines) < 2 or any(is_cjk(char) for char in text):
        return
    before, last = lines[-2].split(" "), lines[-1].split(" ")
    room = measure(f"{before[-1]} {lines[-1]}") <= max(width, longest_unit(text) + 1.0)
    # Unless taking the word down would leave "in the" at the end of the line before.
    assert not (len(last) == 1 and len(before) > 2 and room and not binds(before[-2])), lines
