"""`kiosk content export`: the sign-off sheet the client checks before the hall opens."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main

REPO_ROOT = Path(__file__).resolve().parent.parent
CONTENT = REPO_ROOT / "assets" / "content"
COLUMNS = [
    "id",
    "topic",
    "status",
    "confirm",
    "value",
    "unit",
    "qualifier",
    "display_zh",
    "display_en",
    "label_zh",
    "label_en",
    "context_zh",
    "context_en",
    "source",
    "note",
]


def pack_figures() -> list[dict[str, Any]]:
    figures: list[dict[str, Any]] = json.loads((CONTENT / "figures.json").read_text(encoding="utf-8"))[
        "figures"
    ]
    return figures


def export(capsys: pytest.CaptureFixture[str], *options: str) -> str:
    code = main(["content", "export", *options])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    return captured.out


@pytest.fixture(scope="module")
def figures() -> list[dict[str, Any]]:
    return pack_figures()


@pytest.fixture
def json_rows(capsys: pytest.CaptureFixture[str]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = json.loads(export(capsys, "--format", "json", "--content", str(CONTENT)))
    return rows


def test_json_lists_every_figure_in_pack_order(
    json_rows: list[dict[str, str]], figures: list[dict[str, Any]]
) -> None:
    assert [row["id"] for row in json_rows] == [figure["id"] for figure in figures]


def test_json_rows_have_exactly_the_sign_off_columns(json_rows: list[dict[str, str]]) -> None:
    for row in json_rows:
        assert list(row) == COLUMNS, row["id"]
        assert all(isinstance(value, str) for value in row.values()), row["id"]


def test_json_rows_carry_the_pack_fields(
    json_rows: list[dict[str, str]], figures: list[dict[str, Any]]
) -> None:
    for row, figure in zip(json_rows, figures, strict=True):
        assert row["topic"] == figure["topic"]
        assert row["status"] == figure["status"]
        assert row["value"] == figure["value"]
        assert row["unit"] == figure["unit"]
        assert row["label_zh"] == figure["label"]["zh"]
        assert row["label_en"] == figure["label"]["en"]
        assert row["source"] == figure["source"]
        assert row["note"] == figure.get("note", "")
        assert row["context_zh"] == figure["context"]["zh"]
        assert row["confirm"] == ("yes" if figure.get("confirm") else "")
        assert row["display_zh"] and row["display_en"], row["id"]


def test_every_withheld_figure_says_why(json_rows: list[dict[str, str]]) -> None:
    withheld = [row for row in json_rows if row["status"] == "withheld"]
    assert withheld, "the source's contradictory box lines must be in the sheet, withheld"
    for row in withheld:
        assert row["note"].strip(), f"{row['id']} is withheld without a note"
    assert {row["status"] for row in json_rows} == {"shown", "withheld"}


@pytest.mark.parametrize(
    ("figure_id", "display_zh", "display_en"),
    [
        ("industry_investment_completed", "1030亿元", "103 billion yuan"),
        ("industry_annual_investment", "超2000亿元", "over 200 billion yuan"),
        ("box_parking", "3.8万个", "38,000"),
        ("xtw_capacity", "33.43万人", "334,300"),
        ("campus_floor_area", "19.04万平方米", "190,400 m²"),
        ("precision_base_area", "约1000亩", "about 66.7 hectares"),
        ("intro_area", "1200平方公里", "1,200 km²"),
        (
            "industry_emerging_share",
            "50.8%（国家级新区中第2）",
            "50.8% (2nd among national new areas)",
        ),
        ("intro_economy_rank", "19个国家级新区中第6", "6th of 19 national new areas"),
        ("industry_little_giants", "27家", "27"),
        ("industry_little_giants_rank", "国家级新区中第2", "2nd among national new areas"),
    ],
)
def test_displays_match_the_formatter(
    json_rows: list[dict[str, str]], figure_id: str, display_zh: str, display_en: str
) -> None:
    (row,) = [row for row in json_rows if row["id"] == figure_id]
    assert (row["display_zh"], row["display_en"]) == (display_zh, display_en)


def test_csv_has_the_same_rows_as_json(
    capsys: pytest.CaptureFixture[str], json_rows: list[dict[str, str]]
) -> None:
    text = export(capsys, "--format", "csv", "--content", str(CONTENT))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == COLUMNS
    assert list(reader) == json_rows


def test_csv_is_the_default_format(capsys: pytest.CaptureFixture[str]) -> None:
    explicit = export(capsys, "--format", "csv", "--content", str(CONTENT))
    assert export(capsys, "--content", str(CONTENT)) == explicit


def test_export_from_compiled_resources_matches_the_directory(
    capsys: pytest.CaptureFixture[str], json_rows: list[dict[str, str]]
) -> None:
    assert json.loads(export(capsys, "--format", "json")) == json_rows


def test_export_to_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "sign-off.csv"
    assert export(capsys, "--content", str(CONTENT), "--out", str(out)) == ""
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == [figure["id"] for figure in pack_figures()]


def test_export_of_a_broken_pack_fails(capsys: pytest.CaptureFixture[str], content_dir: Path) -> None:
    (content_dir / "figures.json").write_text('{"figures": [', encoding="utf-8")
    assert main(["content", "export", "--content", str(content_dir)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "error: figures.json: is not valid JSON" in captured.err
