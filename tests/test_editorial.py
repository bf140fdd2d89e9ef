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
from kiosk.content.models import ContentPack, Figure, Text
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
            # The note says what the kiosk does with it: shows it, and refuses a release until confirmed.
            assert "client" in figure.note and "kiosk validate --release" in figure.note, figure_id
            assert "shown once" not in figure.note.lower(), figure_id
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
            {"hero:industry", "story:industry_rankings", "slide:spotlight_hitech_zone_revenue"},
        ),
        ("industry_listings_share", {"story:industry_rankings", "slide:wall_industry_highlights"}),
        ("service_key_projects_started", {"story:industry_service_team", "slide:wall_industry_highlights"}),
        ("precision_base_tax", {"story:industry_precision_base"}),
    ],
)
def test_key_figures_are_where_a_visitor_meets_them(figure_id: str, expected_places: set[str]) -> None:
    figure = PACK.figure(figure_id)
    assert figure.status == "shown" and figure.source in BODY
    assert expected_places <= set(places_showing(figure_id))
    for place in expected_places:
        kind, _, place_id = place.partition(":")
        if kind == "slide":
            assert f'"{place_id}"' in PLAYLIST_FULL, place
    assert '"story_industry_precision_base"' in PLAYLIST_FULL


def test_the_flagship_projects_of_2023_are_told() -> None:
    zh = story_text("industry_flagships", "zh")
    en = story_text("industry_flagships", "en")
    for name in ("中联智慧产业城", "湖南三安半导体产业园", "世界计算·长沙智谷", "拓普智联"):
        assert name in zh and name in BODY
    assert "封顶" in zh and "投入使用" in zh
    assert "topped out" in en and "San'an" in en and "opened" in en
    assert '"story_industry_flagships"' in PLAYLIST_FULL
    assert "6000" in industry_stories() and "22亿元" in industry_stories() and "332" in industry_stories()


# --- each figure under what it measures ------------------------------------------------------------

# Places and projects narrower than the New Area, with the words a heading uses for each (Chinese,
# English). The article keeps them apart: 从岳麓山下的科技园,到桃花岭以南的科创园,再到…湘江科学城.
SUBJECTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "science_city": (("湘江科学城",), ("science city",)),
    "science_park": (("湘江科创二期", "科创园"), ("science park",)),
    "hitech_zone": (("长沙高新区",), ("hi-tech zone",)),
    "precision_base": (("超精密",), ("ultra-precision",)),
    "zoomlion": (("中联智慧产业城",), ("zoomlion",)),
    "western_city": (("高铁西城",), ("high-speed rail city",)),
    "happy_city": (("欢乐城",), ("happy city",)),
}
# What each such figure measures.
MEASURES: dict[str, str] = {
    "science_city_projects": "science_city",
    "campus_buildings": "science_park",
    "campus_floor_area": "science_park",
    "campus_rd_building": "science_park",
    "industry_hitech_zone_revenue": "hitech_zone",
    "precision_base_area": "precision_base",
    "precision_base_investment": "precision_base",
    "precision_base_output": "precision_base",
    "precision_base_tax": "precision_base",
    "zoomlion_host_parks": "zoomlion",
    "zoomlion_component_centres": "zoomlion",
    "zoomlion_research_platforms": "zoomlion",
    "xtw_station_projects": "western_city",
    "xtw_roads": "western_city",
    "xtw_capacity": "western_city",
    "happy_city_subprojects": "happy_city",
}


def headed_groups() -> list[tuple[str, Text, list[str]]]:
    """(place, heading, figures) wherever figures appear under a heading: a wall's title, a story
    slide's story title, a chart's title, and a spotlight's own label (its only heading)."""
    groups: list[tuple[str, Text, list[str]]] = []
    for slide in PACK.slides:
        if slide.kind == "figures_wall" and slide.title is not None:
            groups.append((f"slide:{slide.id}", slide.title, slide.figures))
        elif slide.kind == "spotlight":
            groups.append((f"slide:{slide.id}", PACK.figure(slide.figures[0]).label, slide.figures))
        elif slide.kind == "story" and slide.story is not None:
            story = PACK.story(slide.story)
            groups.append((f"slide:{slide.id}", story.title, story.figures))
    for chart in PACK.charts:
        whole = [chart.whole] if chart.whole else []
        groups.append((f"chart:{chart.id}", chart.title, [*chart.figures, *whole]))
    return groups


def test_every_figure_of_a_named_place_is_mapped() -> None:
    # A new figure about one park or project must say what it measures, or the check below skips it.
    for figure in PACK.shown_figures():
        if any(word in figure.label.zh for words, _ in SUBJECTS.values() for word in words):
            assert figure.id in MEASURES, figure.id


@pytest.mark.parametrize("group", headed_groups(), ids=[place for place, _, _ in headed_groups()])
def test_a_heading_names_what_its_figures_measure(group: tuple[str, Text, list[str]]) -> None:
    place, heading, figure_ids = group
    for figure_id in figure_ids:
        if figure_id not in MEASURES:
            continue  # the New Area's own figure: any heading of the New Area holds it
        zh_words, en_words = SUBJECTS[MEASURES[figure_id]]
        named_zh = any(word in heading.zh for word in zh_words)
        named_en = any(word in heading.en.lower() for word in en_words)
        assert named_zh, f"{place}: {heading.zh!r} holds {figure_id}"
        assert named_en, f"{place}: {heading.en!r} holds {figure_id}"


def test_the_science_park_and_the_science_city_are_apart() -> None:
    wall = PACK.slide("wall_innovation")
    assert wall.title is not None and "湘江科学城" not in wall.title.zh
    assert "science city" not in wall.title.en.lower()
    assert set(wall.figures) == {"campus_buildings", "campus_floor_area", "campus_rd_building"}
    assert '"story_innovation_science_city"' in PLAYLIST_FULL  # the Science City's 7 projects


def test_box_only_figures_sit_on_no_wall_but_the_statistics_box() -> None:
    box_only = {figure.id for figure in PACK.shown_figures() if figure.in_box and figure.source not in BODY}
    assert len(box_only) == 9
    for slide in PACK.slides:
        if slide.kind == "figures_wall" and box_only & set(slide.figures):
            assert slide.title is not None and slide.title.zh == "数说湖南湘江新区 2023", slide.id


def test_the_hitech_zone_revenue_keeps_the_articles_words_and_stands_alone() -> None:
    # The statistics box calls 6000亿元 the New Area's GDP; the article says it is one park's operating
    # revenue, the first in Hunan past that mark. Never beside the New Area's GDP, never on a wall
    # (a wall tile shows no context), never alone under another heading.
    figure = PACK.figure("industry_hitech_zone_revenue")
    assert figure.source == "全省第一个营业收入突破6000亿元的园区"
    assert "长沙高新区" in figure.label.zh and "营业收入" in figure.label.zh
    assert "Changsha Hi-tech Zone" in figure.label.en and "operating revenue" in figure.label.en.lower()
    assert figure.context.zh.startswith("全省第一个营业收入突破") and figure.context.zh.endswith("园区")
    assert "first park in Hunan to pass" in figure.context.en
    assert figure.id not in PACK.topic("intro").hero
    for slide in PACK.slides:
        if figure.id in slide.figures:
            assert slide.kind == "spotlight", slide.id
    for story in PACK.stories:
        if figure.id in story.figures:
            assert "长沙高新区" in story.body.zh and "Changsha Hi-tech Zone" in story.body.en
    assert "6000" not in story_text("industry_clusters", "zh")


def test_forecasts_stay_with_their_story() -> None:
    # 315亿元 and 22亿元 are what the base expects once in full production, not results of 2023.
    forecasts = [figure for figure in PACK.shown_figures() if "预计" in figure.label.zh]
    assert {figure.id for figure in forecasts} == {"precision_base_output", "precision_base_tax"}
    for figure in forecasts:
        assert figure.label.en.startswith("Expected") and "达产" in figure.context.zh
        assert set(places_showing(figure.id)) == {"story:industry_precision_base"}, figure.id


# Phrases the visitor walkthrough marked as Chinglish or awkward in English.
AWKWARD_ENGLISH = ("high ground", "see the New Area's 2023", "see the New Area’s 2023")


def test_english_reads_as_english() -> None:
    problems = []
    for file, path, text in visitor_texts(PACK):
        english = text.en
        # The bundled font draws “ ” ‘ ’ at the full width of Chinese punctuation: "China’ s".
        if any(mark in english for mark in "“”‘’"):
            problems.append(f"{file} {path}: full-width quotes in {english!r}")
        problems += [f"{file} {path}: {phrase!r}" for phrase in AWKWARD_ENGLISH if phrase in english]
        # Names a foreign visitor cannot know are glossed where they appear.
        if "Five Tens" in english and "top-ten" not in english:
            problems.append(f"{file} {path}: “Five Tens” without its gloss")
        if "Lei Feng" in english and "selfless" not in english and not path.endswith(".title"):
            problems.append(f"{file} {path}: Lei Feng without a word of who he was")
    # "Livelihood" is not a word for a navigation button.
    problems += [f"nav: {topic.nav.en!r}" for topic in PACK.meta.topics if topic.nav.en == "Livelihood"]
    assert problems == []


def test_the_credit_is_the_article_and_the_box_its_own() -> None:
    # The article, by its title; its three authors where there is room (the touch pages).
    assert "走在前 作示范" in PACK.text("figure.source_credit", "zh")
    assert "Leading the Way" in PACK.text("figure.source_credit", "en")
    assert PACK.meta.source_attribution.zh == "胡益虎 洪虹 袁雨晴"
    assert "Hu Yihu" in PACK.meta.source_attribution.en
    # 湘江融媒 published the statistics box: its wall alone credits it.
    credited = {slide.id for slide in PACK.slides if slide.credit is not None}
    assert credited == {"wall_box_2023"}
    assert "湘江融媒" in PACK.slide("wall_box_2023").credit.zh  # type: ignore[union-attr]


def test_the_opening_slide_names_the_new_area() -> None:
    opening = PACK.slide("title_intro")
    assert opening.title is not None
    assert "湖南湘江新区" in opening.title.zh and "Hunan Xiangjiang New Area" in opening.title.en
