"""The curator's round trip: the sign-off sheet out as Excel or CSV, edited, and back in as a pack
the kiosk shows; an invalid sheet is refused whole, each fault named by row and column."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from kiosk_harness import discard
from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication

from kiosk.cli import main
from kiosk.clock import ManualClock
from kiosk.content.loader import DirectorySource, load_pack
from kiosk.ui.runtime.startup import start
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.visitor.pages.topic import TopicPage

REPO_ROOT = Path(__file__).resolve().parent.parent
CONTENT = REPO_ROOT / "assets" / "content"
ARTICLE = (Path(__file__).parent / "data" / "source_article.txt").read_text(encoding="utf-8")
# Next year's article, as a curator would receive it: the figure they update is quoted from it.
NEXT_YEAR_LINE = "2024年户籍人口净流入8.1万人"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def export_xlsx(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    assert run(capsys, "content", "export", "--format", "xlsx", "--out", str(path))[0] == 0


def edit_cells(
    path: Path, edits: dict[tuple[str, str], object], extra_rows: Sequence[list[str]] = ()
) -> dict[str, int]:
    """Change cells as a curator does in Excel: by figure id and column name. Returns id -> row."""
    workbook = load_workbook(path)
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    for (figure_id, column), value in edits.items():
        sheet.cell(row=rows[figure_id], column=header.index(column) + 1, value=value)
    for values in extra_rows:
        sheet.append(values)
    workbook.save(path)
    return rows


def test_the_excel_sheet_is_ready_for_a_client(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "sign-off.xlsx"
    export_xlsx(capsys, path)
    sheet = load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    assert {"status", "confirm", "note", "value", "unit", "label_zh", "context_en"} <= set(header)
    assert sheet.freeze_panes == "B2"
    assert all(sheet.column_dimensions[cell.column_letter].width >= 9 for cell in sheet[1])
    pack = load_pack(DirectorySource(CONTENT))
    assert sheet.max_row == len(pack.figures) + 1
    by_id = {row[0].value: [cell.value or "" for cell in row] for row in sheet.iter_rows(min_row=2)}
    confirm = header.index("confirm")
    assert by_id["box_patents"][confirm] == "yes"
    assert by_id["industry_emerging_share"][confirm] == ""
    assert by_id["industry_investment_completed"][header.index("display_en")] == "103 billion yuan"


def test_round_trip_three_cells_reach_the_screen(
    qapp: QApplication, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet_path = tmp_path / "sign-off.xlsx"
    export_xlsx(capsys, sheet_path)
    edit_cells(
        sheet_path,
        {
            ("box_population_inflow", "value"): 8.1,
            ("box_population_inflow", "source"): NEXT_YEAR_LINE,
            ("box_patents", "status"): "withheld",
        },
    )
    article = tmp_path / "article-2024.txt"
    article.write_text(ARTICLE + "\n" + NEXT_YEAR_LINE + "\n", encoding="utf-8")
    out = tmp_path / "pack"

    code, stdout, stderr = run(
        capsys, "content", "import", str(sheet_path), "--out", str(out), "--source", str(article)
    )

    assert (code, stderr) == (0, "")
    assert "change: box_population_inflow value: '7.8' → '8.1'" in stdout
    assert f"change: box_population_inflow source: '7.8 万人 户籍人口净流入' → '{NEXT_YEAR_LINE}'" in stdout
    assert "change: box_patents status: 'shown' → 'withheld'" in stdout
    assert "change: box_patents shown on: 'the innovation page' → '(taken off)'" in stdout
    assert run(capsys, "validate", "--content", str(out))[0] == 0
    assert not list(tmp_path.glob(".pack.*")), "the temp directory is left behind"

    runtime = start(out)
    driver = FrameDriver(ManualClock(start=dt.datetime(2024, 3, 1, 12, 0)))
    livelihood = TopicPage(runtime.pack, "livelihood", runtime.family, driver)
    innovation = TopicPage(runtime.pack, "innovation", runtime.family, driver)
    try:
        tiles = {tile.label_text(): tile for tile in livelihood.hero.tiles}
        assert tiles["户籍人口净流入"].value_text() == "8.1万人"
        livelihood.hero.set_language("en")
        assert tiles["户籍人口净流入"].value_text() == "81,000"
        shown = {tile.figure.id for tile in innovation.hero.tiles}
        assert "box_patents" not in shown and shown
    finally:
        discard(livelihood, innovation)


def test_an_invalid_sheet_is_refused_whole(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet_path = tmp_path / "sign-off.xlsx"
    export_xlsx(capsys, sheet_path)
    rows = edit_cells(
        sheet_path,
        {
            ("box_population_inflow", "label_en"): "Net inflow of new residents",  # valid on its own
            ("industry_major_projects", "value"): "1,950个",
            ("box_parking", "unit"): "公斤",
            ("box_school_places", "source"): "3.3 万个 扩充公办学位",
            ("box_old_communities", "label_zh"): "改造老旧小区龘",
        },
        extra_rows=(["no_such_figure"],),
    )
    out = tmp_path / "pack"

    code, _, stderr = run(capsys, "content", "import", str(sheet_path), "--out", str(out))

    assert code == 1
    assert not out.exists()
    assert not list(tmp_path.glob(".pack*"))
    lines = stderr.splitlines()
    expected = [
        f"row {rows['industry_major_projects']}, column value: '1,950个' is not a number",
        f"row {rows['box_parking']}, column unit: the unit '公斤' is not allowed",
        f"row {rows['box_school_places']}, column source: the quote '3.3 万个 扩充公办学位' is not found",
        f"row {rows['box_old_communities']}, column label_zh: the bundled font has no glyph for '龘'",
        f"row {len(rows) + 2}, column id: unknown figure id 'no_such_figure'",
    ]
    for text in expected:
        assert any(text in line for line in lines), f"{text!r} not in {lines}"
    assert lines[-1] == "5 problem(s) in sign-off.xlsx; nothing was written"


def test_a_csv_sheet_round_trips_and_an_unchanged_sheet_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet_path = tmp_path / "sign-off.csv"
    assert run(capsys, "content", "export", "--out", str(sheet_path))[0] == 0
    out = tmp_path / "pack"
    code, stdout, _ = run(capsys, "content", "import", str(sheet_path), "--out", str(out))
    assert code == 0
    assert stdout.splitlines() == [
        f"0 change(s) written to {out}; check it with `kiosk validate --content {out}`"
    ]
    assert json.loads((out / "figures.json").read_text(encoding="utf-8")) == json.loads(
        (CONTENT / "figures.json").read_text(encoding="utf-8")
    )

    with sheet_path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    (row,) = [row for row in table if row["id"] == "industry_five_tens_investment"]
    row["context_en"] = "The New Area's priority projects"
    with sheet_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    code, stdout, _ = run(capsys, "content", "import", str(sheet_path), "--out", str(out))
    assert code == 0
    assert stdout.splitlines()[0] == (
        "change: industry_five_tens_investment context_en: "
        '"The focus of the New Area\'s project drive" → "The New Area\'s priority projects"'
    )
    figure = load_pack(DirectorySource(out)).figure("industry_five_tens_investment")
    assert figure.context.en == "The New Area's priority projects"


def test_the_release_gate_follows_the_sheets_confirm_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    awaiting = [figure for figure in load_pack(DirectorySource(CONTENT)).shown_figures() if figure.confirm]
    assert len(awaiting) == 9
    code, stdout, stderr = run(capsys, "validate", "--release", "--content", str(CONTENT))
    assert (code, stdout) == (1, "")
    for figure in awaiting:
        # Listed in the statistics box's own words, so the client knows which line of the page it is.
        assert f"error: {figure.id}: " in stderr and f"“{figure.source}”" in stderr, figure.id
    code, stdout, stderr = run(capsys, "validate", "--content", str(CONTENT))
    assert (code, stderr) == (0, "")
    assert "“183 项 万人有效发明专利拥有量”" in stdout

    # The client confirms eight on the sheet (clears `confirm`); one still awaits.
    sheet_path = tmp_path / "sign-off.xlsx"
    export_xlsx(capsys, sheet_path)
    edit_cells(sheet_path, {(figure.id, "confirm"): "" for figure in awaiting[1:]})
    partly = tmp_path / "partly-confirmed"
    assert run(capsys, "content", "import", str(sheet_path), "--out", str(partly))[0] == 0
    code, _, stderr = run(capsys, "validate", "--release", "--content", str(partly))
    assert code == 1
    assert awaiting[0].id in stderr and not [figure for figure in awaiting[1:] if figure.id in stderr]

    # The last one withheld instead: the pack is ready for release.
    edit_cells(sheet_path, {(awaiting[0].id, "status"): "withheld"})
    ready = tmp_path / "ready"
    assert run(capsys, "content", "import", str(sheet_path), "--out", str(ready))[0] == 0
    code, stdout, stderr = run(capsys, "validate", "--release", "--content", str(ready))
    assert (code, stderr) == (0, "") and "await" not in stdout


def test_a_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    sheet_path = tmp_path / "sign-off.xlsx"
    export_xlsx(capsys, sheet_path)
    edit_cells(sheet_path, {("box_ip_park", "status"): "withheld"})
    out = tmp_path / "pack"
    code, stdout, _ = run(capsys, "content", "import", str(sheet_path), "--out", str(out), "--dry-run")
    assert code == 0
    assert "change: box_ip_park status: 'shown' → 'withheld'" in stdout
    assert not out.exists()


def test_import_refuses_to_overwrite_a_folder_that_is_not_a_pack(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet_path = tmp_path / "sign-off.xlsx"
    export_xlsx(capsys, sheet_path)
    out = tmp_path / "documents"
    out.mkdir()
    (out / "letter.txt").write_text("keep me", encoding="utf-8")
    code, _, stderr = run(capsys, "content", "import", str(sheet_path), "--out", str(out))
    assert code == 1
    assert "is not empty and is not a content pack" in stderr
    assert (out / "letter.txt").read_text(encoding="utf-8") == "keep me"


def test_a_new_value_on_the_sheet_reaches_every_story_that_quotes_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet_path = tmp_path / "sign-off.xlsx"
    export_xlsx(capsys, sheet_path)
    line = "2024年新增停车位4.1万个"
    edit_cells(sheet_path, {("box_parking", "value"): 4.1, ("box_parking", "source"): line})
    article = tmp_path / "article-2024.txt"
    article.write_text(ARTICLE + "\n" + line + "\n", encoding="utf-8")
    out = tmp_path / "pack"

    code, _, stderr = run(
        capsys, "content", "import", str(sheet_path), "--out", str(out), "--source", str(article)
    )

    # The story quoted 3.8万个 as text and the import refused the new value; it now quotes the figure.
    assert (code, stderr) == (0, ""), stderr
    story = load_pack(DirectorySource(out)).story("livelihood_everyday")
    assert "4.1万个" in story.body.zh and "3.8万" not in story.body.zh
    assert "41,000 new parking spaces" in story.body.en and "38,000" not in story.body.en
    written = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    assert "{box_parking}" in json.dumps(written, ensure_ascii=False), "the story refers to the figure"
