"""The bundled pack is faithful to its source article, and none of the source's faults reach a visitor.

tests/data/source_article.txt is the newspaper page exactly as extracted (ASCII punctuation, a few
traditional characters, repeated paragraphs); quotes are compared with it byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.loader import DirectorySource, load_pack
from kiosk.content.models import ContentPack, Event, Figure, Text, Unit
from kiosk.content.source_checks import number_in_quote
from kiosk.content.visitor_texts import visitor_texts

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (Path(__file__).parent / "data" / "source_article.txt").read_text(encoding="utf-8")
PACK: ContentPack = load_pack(DirectorySource(REPO_ROOT / "assets" / "content"))
VISITOR_TEXTS = list(visitor_texts(PACK))

# Faults of the source that must never be copied into the pack: traditional forms among simplified
# text, typos and a garbled phrase. Each must really be in the article, or the check proves nothing.
SOURCE_FAULTS = (
    "鋒",  # 雷鋒 for 雷锋
    "項",  # 項目 for 项目
    "超超",  # 超超精密
    "王大山",  # for 大王山
    "湖南南",  # 新长沙、湖南南贡献
    "北极狐、北极狐",
    "国家级综合合作功能区",
    "阿那亚",
    "浏水",
)

# We write our own captions: no visitor-facing Chinese string may share this many consecutive
# characters with the article. A legitimate list of proper names that trips it goes here, only
# after a person has agreed it cannot be phrased otherwise.
MAX_SHARED_RUN = 20
# Proper names listed as the article lists them; rewording a list of names would only garble it.
APPROVED_SHARED_RUNS: frozenset[str] = frozenset({"湘江科学中心、湖南大学科创港、湖南钢铁技术研究院"})

# The statistics box "数说湖南湘江新区 2023": each distinct line, and the figures of the pack it
# states as (value, unit, a word of the figure's label or source that tells it from the others).
BOX_LINES: dict[str, list[tuple[str, Unit, str]]] = {
    "50.8% 战略性新兴产业产品占比比重": [("50.8", "%", "战略性新兴产业")],
    "27家 国家级专精特新“小巨人”企业": [("27", "家", "小巨人")],
    "5家 上市公司": [("5", "家", "上市公司")],
    "500家 高新技术企业": [("500", "家", "高新技术企业")],
    "2 国家级专精特新示范区": [("2", "个", "国家级专精特新示范区")],
    "6000 亿元 地区生产总值": [("6000", "亿元", "地区生产总值")],
    "5% 全社会研发投入强度": [("5", "%", "全社会研发投入强度")],
    "15 家 国家制造业单项冠军企业(产品)": [("15", "家", "单项冠军")],
    "3 国家级专精特新示范区": [("3", "个", "国家级专精特新示范区")],
    "长沙留学人员创新创业竞争力 7 全国第 1 中部第 1": [("7", "", "留学人员")],
    "183 项 万人有效发明专利拥有量 排名 全国第 1": [
        ("183", "项", "万人有效发明专利"),
        ("1", "rank", "万人有效发明专利"),
    ],
    "1 个 国家知识产权示范园区": [("1", "个", "知识产权示范园区")],
    "4000 亿元 研发投入强度 排名 全国第 4": [("4000", "亿元", "研发投入强度")],
    "81% 民生支出占比": [("81", "%", "民生支出")],
    "80 个 改造老旧小区": [("80", "个", "老旧小区")],
    "3.8 万个 新增停车位": [("3.8", "万个", "停车位")],
    "3.2 万个 扩充公办学位": [("3.2", "万个", "公办学位")],
    "48% 占全市新增学位": [("48", "%", "新增学位")],
    "7.8 万人 户籍人口净流入": [("7.8", "万人", "户籍人口净流入")],
    "排名 全国第 1": [("1", "rank", "户籍人口净流入")],
}

# Box lines that contradict the text or each other; every figure quoting them must be withheld.
CONTRADICTORY = ("国家级专精特新示范区", "地区生产总值", "研发投入强度")


def _box_lines() -> list[str]:
    start = ARTICLE.index("数说湖南湘江新区 2023")
    end = ARTICLE.index("数据来源", start)
    lines = [line.strip() for line in ARTICLE[start:end].splitlines()[1:]]
    return [line for line in lines if line]


def _longest_shared_run(text: str, start_length: int) -> str:
    """The longest substring of `text` (at least `start_length` long) that occurs in the article."""
    best = ""
    for start in range(len(text) - start_length + 1):
        end = start + max(start_length, len(best) + 1)
        if end > len(text) or text[start:end] not in ARTICLE:
            continue
        while end < len(text) and text[start : end + 1] in ARTICLE:
            end += 1
        best = text[start:end]
    return best


def _figure_ids(figures: list[Figure]) -> list[str]:
    return [figure.id for figure in figures]


def test_article_copy_is_the_seed_as_extracted() -> None:
    # Guards against the copy being "cleaned": the checks below rely on its faults being there.
    assert ARTICLE.startswith("\n\n走在前 作示范")
    assert "雷鋒式" in ARTICLE and "5%的土地创造了8%的GDP" in ARTICLE
    assert ARTICLE.count("把最好的地块留给科研机构") == 6


@pytest.mark.parametrize("figure", PACK.figures, ids=_figure_ids(PACK.figures))
def test_figure_source_is_verbatim(figure: Figure) -> None:
    assert figure.source and figure.source in ARTICLE, f"{figure.id}: {figure.source!r}"


@pytest.mark.parametrize("event", PACK.events, ids=[event.id for event in PACK.events])
def test_event_source_is_verbatim(event: Event) -> None:
    assert event.source and event.source in ARTICLE, f"{event.id}: {event.source!r}"


@pytest.mark.parametrize("figure", PACK.shown_figures(), ids=_figure_ids(PACK.shown_figures()))
def test_shown_value_is_in_its_quote(figure: Figure) -> None:
    assert number_in_quote(figure.value, figure.source), f"{figure.value} not in {figure.source!r}"
    if figure.ranking is not None:
        assert number_in_quote(str(figure.ranking.position), figure.source), figure.source


def test_number_in_quote_is_exact() -> None:
    # The helper the two tests above rely on; it must not accept a number inside another.
    assert number_in_quote("50.8", "比重为50.8%,居国家级新区第二")
    assert number_in_quote("2", "比重为50.8%,居国家级新区第二")  # 第二
    assert number_in_quote("19.04", "总建筑面积达19.04万平方米")
    assert not number_in_quote("19", "总建筑面积达19.04万平方米")
    assert not number_in_quote("04", "总建筑面积达19.04万平方米")
    assert not number_in_quote("15", "服务重大项目115个")
    assert not number_in_quote("11", "服务重大项目115个")
    assert number_in_quote("1", "万人有效发明专利拥有量 排名 全国第 1")


@pytest.mark.parametrize("fault", SOURCE_FAULTS)
def test_source_fault_never_reaches_a_visitor(fault: str) -> None:
    assert fault in ARTICLE, f"{fault!r} is not in the article; the check would prove nothing"
    for file, path, text in VISITOR_TEXTS:
        for language in ("zh", "en"):
            assert fault not in text.get(language), f"{file} {path}.{language}: {text.get(language)!r}"


def test_network_names_are_not_the_garbled_ones() -> None:
    names = {node.name.zh for node in PACK.network.nodes}
    assert not {"王大山", "浏水", "阿那亚"} & names


@pytest.mark.parametrize(
    "place",
    VISITOR_TEXTS,
    ids=[f"{file}:{path}" for file, path, _ in VISITOR_TEXTS],
)
def test_caption_is_our_own_words(place: tuple[str, str, Text]) -> None:
    file, path, text = place
    shared = _longest_shared_run(text.zh, MAX_SHARED_RUN)
    assert not shared or shared in APPROVED_SHARED_RUNS, (
        f"{file} {path}.zh shares {len(shared)} consecutive characters with the article: {shared!r}"
    )


def test_shared_run_finder() -> None:
    copied = "开头" + "湘江科学中心、湖南大学科创港、湖南钢铁技术研究院" + "结尾"
    assert _longest_shared_run(copied, MAX_SHARED_RUN) == "湘江科学中心、湖南大学科创港、湖南钢铁技术研究院"
    assert _longest_shared_run("新区用占全省5%的土地，贡献了全省8%的GDP", MAX_SHARED_RUN) == ""


def test_statistics_box_hand_list_is_complete() -> None:
    lines = _box_lines()
    assert list(dict.fromkeys(lines)) == list(BOX_LINES)
    # The box repeats one line eighteen times and gives the same item once as 2: the notes say so.
    assert lines.count("3 国家级专精特新示范区") == 18
    assert lines.count("2 国家级专精特新示范区") == 1


@pytest.mark.parametrize("line", list(BOX_LINES))
def test_every_box_line_is_in_the_pack(line: str) -> None:
    for value, unit, word in BOX_LINES[line]:
        matches = [
            figure
            for figure in PACK.figures
            if figure.in_box
            and figure.value == value
            and figure.unit == unit
            and (word in figure.source or word in figure.label.zh)
        ]
        assert len(matches) == 1, f"{line!r}: {value} {unit} ({word}) -> {_figure_ids(matches)}"


def test_every_box_figure_comes_from_a_box_line() -> None:
    stated = {(value, unit, word) for entries in BOX_LINES.values() for value, unit, word in entries}
    for figure in PACK.figures:
        if figure.in_box:
            assert any(
                (figure.value, figure.unit) == (value, unit)
                and (word in figure.source or word in figure.label.zh)
                for value, unit, word in stated
            ), figure.id


@pytest.mark.parametrize("phrase", CONTRADICTORY)
def test_contradictory_box_lines_are_withheld(phrase: str) -> None:
    quoting = [figure for figure in PACK.figures if phrase in figure.source]
    assert quoting, f"no figure quotes {phrase!r}"
    for figure in quoting:
        assert figure.status == "withheld", figure.id
        assert figure.note.strip(), figure.id


def test_withheld_figures_are_never_visitor_facing() -> None:
    withheld_paths = {
        f"$.figures[{index}]" for index, figure in enumerate(PACK.figures) if figure.status == "withheld"
    }
    assert withheld_paths
    for file, path, _ in VISITOR_TEXTS:
        if file == "figures.json":
            assert path.rsplit(".", 1)[0] not in withheld_paths, path
