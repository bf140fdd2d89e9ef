"""Issue 13's editorial review, kept true: each claim a visitor can read says what the article says.

Every test here failed on the pack before the review (a wrong claim on screen), and guards against
its return. The article is tests/data/source_article.txt, the seed as extracted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.content.export import sign_off_rows
from kiosk.content.formatting import format_figure
from kiosk.content.loader import DirectorySource, load_pack
from kiosk.content.models import ContentPack, Figure
from kiosk.content.visitor_texts import visitor_texts

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (Path(__file__).parent / "data" / "source_article.txt").read_text(encoding="utf-8")
# The article's body, without the statistics box "数说湖南湘江新区 2023" at its end.
BODY = ARTICLE[: ARTICLE.index("数说湖南湘江新区 2023")]
PACK: ContentPack = load_pack(DirectorySource(REPO_ROOT / "assets" / "content"))
PLAYLIST_FULL = (REPO_ROOT / "assets" / "playlists" / "full.json").read_text(encoding="utf-8")


def story_text(story_id: str, language: str) -> str:
    (story,) = [story for story in PACK.stories if story.id == story_id]
    return f"{story.title.get(language)} {story.body.get(language)}"  # type: ignore[arg-type]


def places_showing(figure_id: str) -> list[str]:
    """Where a visitor meets a figure: topic heroes, charts, stories, slides."""
    places = [f"hero:{topic.id}" for topic in PACK.meta.topics if figure_id in topic.hero]
    places += [
        f"chart:{chart.id}" for chart in PACK.charts if figure_id in chart.figures or chart.whole == figure_id
    ]
    places += [f"story:{story.id}" for story in PACK.stories if figure_id in story.figures]
    places += [f"slide:{slide.id}" for slide in PACK.slides if figure_id in slide.figures]
    return places


def all_visible(language: str) -> str:
    return "\n".join(text.get(language) for _, _, text in visitor_texts(PACK))  # type: ignore[arg-type]


# --- must fix 1: the self-contradicting land share ---------------------------------------------


def test_land_share_that_contradicts_the_area_is_withheld() -> None:
    figure = PACK.figure("intro_land_share")
    assert figure.status == "withheld"
    assert "1200" in figure.note and "0.57%" in figure.note
    assert places_showing("intro_land_share") == []
    assert "5%" not in story_text("intro_overview", "zh") + story_text("intro_overview", "en")
    assert "土地" not in PACK.chart("intro_shares").title.zh


# --- must fix 2: ranks of totals, and "of 19" only where stated ---------------------------------


@pytest.mark.parametrize("figure", [f for f in PACK.figures if f.ranking is not None], ids=lambda f: f.id)
def test_a_rank_says_what_it_ranks(figure: Figure) -> None:
    assert figure.ranking is not None
    if figure.ranking.out_of is not None:
        assert str(figure.ranking.out_of) in figure.source, f"{figure.id}: the article states no field size"
    if "总数" in figure.source:
        # The article ranks the total, not the year's additions: the figure must be that rank.
        assert figure.unit == "rank", f"{figure.id} shows a rank of totals beside a count of new ones"
        assert "总数" in figure.label.zh and "total" in figure.label.en.lower()


def test_counts_of_new_firms_carry_no_rank_on_screen() -> None:
    rows = {row["id"]: row for row in sign_off_rows(PACK)}
    for figure_id in ("industry_little_giants", "industry_new_listings", "industry_high_tech_firms"):
        assert "第" not in rows[figure_id]["display_zh"], rows[figure_id]
        assert "19" not in rows[figure_id]["display_zh"] + rows[figure_id]["display_en"]
    assert rows["industry_little_giants_rank"]["display_en"] == "2nd among national new areas"
    assert rows["intro_economy_rank"]["display_en"] == "6th of 19 national new areas"


# --- must fix 3 to 5 -------------------------------------------------------------------------------


def test_five_tens_context_claims_nothing_the_article_does_not_say() -> None:
    context = PACK.figure("industry_five_tens_investment").context
    assert "省" not in context.zh and "清单" not in context.zh
    assert "Hunan" not in context.en and "list" not in context.en


def test_the_localisation_exclamation_is_an_attributed_quote_not_a_figure() -> None:
    figure = PACK.figure("precision_line_localisation")
    assert figure.status == "withheld" and figure.note
    assert places_showing("precision_line_localisation") == []
    zh = story_text("industry_precision_base", "zh")
    en = story_text("industry_precision_base", "en")
    assert "负责人" in zh and "“100%国产化！”" in zh
    assert "project head says" in en and '"Fully made in China!"' in en
    assert "雏形" in zh and "taking shape" in en  # the line is still being built


def test_the_undated_jinlong_forecast_is_not_shown() -> None:
    figure = PACK.figure("jinlong_buildings")
    assert figure.status == "withheld" and "undated" in figure.note
    assert places_showing("jinlong_buildings") == []
    assert "年内" not in all_visible("zh") and "within the year" not in all_visible("en")
    assert "按计划" in story_text("regional_enclaves", "zh")


# --- also fix ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("story_id", "language", "present", "absent"),
    [
        ("industry_groundbreaking", "zh", ["两轮"], ["同步"]),
        ("industry_groundbreaking", "en", ["two rounds"], ["at once"]),
        ("industry_precision_base", "zh", ["高性能铜合金和精密部件"], ["精密铜合金"]),
        ("industry_precision_base", "en", ["copper alloys and precision components"], ["copper-alloy parts"]),
        ("regional_opening", "zh", ["省自贸片区协同发展区", "“开放十强”"], []),
        ("regional_opening", "en", ["Pilot Free Trade Zone", "top ten parks for opening up"], []),
        ("livelihood_ocean_park", "zh", ["负责人介绍"], []),
        ("livelihood_ocean_park", "en", ["says it fills a gap"], ["is Hunan's first"]),
        ("livelihood_dawangshan", "zh", ["被称为", "特大"], []),
        ("livelihood_dawangshan", "en", ["billed as", "extra-large"], []),
        (
            "industry_zoomlion",
            "en",
            ["Once built, it is to be", "widest range of products"],
            ["most complete"],
        ),
        ("innovation_platforms", "en", [], ["continuous belt"]),
        ("innovation_platforms", "zh", [], ["连片"]),
        ("livelihood_western_city", "en", ["main structure", "supporting projects"], ["main building"]),
    ],
)
def test_story_says_what_the_article_says(
    story_id: str, language: str, present: list[str], absent: list[str]
) -> None:
    text = story_text(story_id, language)
    for phrase in present:
        assert phrase in text, f"{story_id}.{language} lacks {phrase!r}"
    for phrase in absent:
        assert phrase not in text, f"{story_id}.{language} still says {phrase!r}"


def test_place_names_are_romanised_one_way() -> None:
    english = all_visible("en")
    assert "Dawang Mountain" not in english and "Taohua Ridge" not in english
    assert "Dawangshan" in english and "Taohualing" in english
    assert "Zoomlion Smart City" not in english
    bonded = set(re.findall(r"Xiangtan [A-Za-z ]*Bonded Zone", english))
    assert bonded == {"Xiangtan Comprehensive Bonded Zone"}


def test_english_numbers_have_no_trailing_zero() -> None:
    assert not re.search(r"\d\.0\b", all_visible("en"))
    for figure in PACK.figures:
        assert not re.search(r"\d\.0\b", format_figure(figure, "en").text), figure.id


# Box lines and the word that tells whether the body states the same thing.
BOX_WORDS = {
    "industry_emerging_share": "战略性新兴产业",
    "industry_little_giants": "小巨人",
    "industry_new_listings": "新增上市公司",
    "industry_high_tech_firms": "新增高新技术企业",
    "box_single_champions": "单项冠军",
    "box_patents": "发明专利",
    "box_ip_park": "知识产权示范园区",
    "box_livelihood_spending": "民生支出",
    "box_old_communities": "老旧小区",
    "box_parking": "停车位",
    "box_school_places": "公办学位",
    "box_school_share": "新增学位",
    "box_population_inflow": "户籍人口",
}


def test_box_figures_the_body_never_confirms_await_the_clients_confirmation() -> None:
    shown_box = {figure.id for figure in PACK.shown_figures() if figure.in_box}
    assert shown_box == set(BOX_WORDS)
    for figure_id, word in BOX_WORDS.items():
        figure = PACK.figure(figure_id)
        assert figure.confirm == (word not in BODY), figure_id
        if figure.confirm:
            assert "client" in figure.note
    rows = {row["id"]: row for row in sign_off_rows(PACK)}
    assert rows["box_patents"]["confirm"] == "yes" and rows["industry_little_giants"]["confirm"] == ""


# --- the key facts, where a visitor meets them -----------------------------------------------------


def industry_stories() -> str:
    return "\n".join(story_text(story.id, "zh") for story in PACK.stories if story.topic == "industry")


def test_the_three_national_clusters_are_on_the_industry_page_and_in_the_loop() -> None:
    zh = story_text("industry_clusters", "zh")
    for cluster in ("工程机械", "新一代自主安全计算系统", "下一代信息网络"):
        assert cluster in zh and cluster in BODY
    assert "“国字号”" in zh
    en = story_text("industry_clusters", "en")
    assert "construction machinery" in en and "next-generation information networks" in en
    assert '"story_industry_clusters"' in PLAYLIST_FULL


@pytest.mark.parametrize(
    ("figure_id", "expected_places"),
    [
        (
            "industry_hitech_zone_revenue",
            {"hero:industry", "story:industry_clusters", "slide:wall_industry_highlights"},
        ),
        ("industry_listings_share", {"story:industry_rankings", "slide:wall_industry_highlights"}),
        ("service_key_projects_started", {"story:industry_service_team", "slide:wall_industry_highlights"}),
        ("precision_base_tax", {"story:industry_precision_base", "slide:wall_industry_highlights"}),
    ],
)
def test_key_figures_are_where_a_visitor_meets_them(figure_id: str, expected_places: set[str]) -> None:
    figure = PACK.figure(figure_id)
    assert figure.status == "shown" and figure.source in BODY
    assert expected_places <= set(places_showing(figure_id))
    assert '"wall_industry_highlights"' in PLAYLIST_FULL


def test_the_flagship_projects_of_2023_are_told() -> None:
    zh = story_text("industry_flagships", "zh")
    en = story_text("industry_flagships", "en")
    for name in ("中联智慧产业城", "湖南三安半导体产业园", "世界计算·长沙智谷", "拓普智联"):
        assert name in zh and name in BODY
    assert "封顶" in zh and "投入使用" in zh
    assert "topped out" in en and "San'an" in en and "opened" in en
    assert '"story_industry_flagships"' in PLAYLIST_FULL
    assert "6000" in industry_stories() and "22亿元" in industry_stories() and "332" in industry_stories()
