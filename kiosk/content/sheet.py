"""The curator's round trip: the sign-off sheet out as CSV or Excel, edited figures back in as a pack.

Export writes every figure with the columns a client fills in (`status`, `confirm`, `note`).
Import reads such a sheet, checks every row, lists every change, and builds a complete content pack
directory from the base pack with the figures changed; it writes nothing unless every row is valid.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.content.export import CONFIRM_NEEDED, SIGN_OFF_COLUMNS, sign_off_rows
from kiosk.content.loader import PACK_FILES, SOURCE_TEXT_FILE, MemorySource, PackSource, load_pack
from kiosk.content.models import ContentPack
from kiosk.content.sheet_rows import (
    EDITABLE_COLUMNS,
    QUALIFIERS,
    STATUSES,
    UNITS,
    Change,
    RowProblem,
    SheetRow,
    apply_row,
    cell_problems,
    row_problem,
)
from kiosk.content.validate import validate_pack
from kiosk.documents.decoding import ContentError

# The columns a client fills in, highlighted in the Excel sheet.
CLIENT_COLUMNS: tuple[str, ...] = ("status", "confirm", "note")
_COLUMN_WIDTHS: dict[str, int] = {
    "id": 34,
    "topic": 11,
    "status": 10,
    "confirm": 9,
    "value": 9,
    "unit": 9,
    "qualifier": 9,
    "display_zh": 22,
    "display_en": 30,
    "label_zh": 30,
    "label_en": 40,
    "context_zh": 34,
    "context_en": 44,
    "source": 42,
    "note": 60,
}


class SheetError(Exception):
    """The sheet cannot be read at all (not a CSV or Excel file, no header, missing columns)."""


@dataclass(frozen=True)
class ImportResult:
    changes: list[Change]
    problems: list[RowProblem]
    files: dict[str, bytes]


# --- export -----------------------------------------------------------------------------------


def sheet_xlsx(pack: ContentPack) -> bytes:
    """The sign-off sheet as an Excel workbook: frozen header, readable widths, client columns marked."""
    # Imported here: only the Excel export and import need openpyxl.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "figures"
    sheet.append(list(SIGN_OFF_COLUMNS))
    for row in sign_off_rows(pack):
        sheet.append([row[column] for column in SIGN_OFF_COLUMNS])
    sheet.freeze_panes = "B2"
    header_font = Font(bold=True)
    client_fill = PatternFill("solid", start_color="FFF2CC")
    for index, column in enumerate(SIGN_OFF_COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = _COLUMN_WIDTHS[column]
        header = sheet.cell(row=1, column=index)
        header.font = header_font
        if column in CLIENT_COLUMNS:
            for cell in sheet[letter]:
                cell.fill = client_fill
        for cell in sheet[letter][1:]:
            cell.alignment = Alignment(wrap_text=column in {"note", "source", "context_en", "label_en"})
    last = sheet.max_row
    choices = {"status": STATUSES, "confirm": (CONFIRM_NEEDED,), "unit": UNITS, "qualifier": QUALIFIERS}
    for column, allowed in choices.items():
        letter = sheet.cell(row=1, column=SIGN_OFF_COLUMNS.index(column) + 1).column_letter
        listed = ",".join(value or '""' for value in allowed)
        validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading a sheet ----------------------------------------------------------------------------


def read_sheet(path: Path) -> list[SheetRow]:
    """The data rows of a CSV or Excel sign-off sheet, each with its spreadsheet row number."""
    try:
        if path.suffix.lower() == ".xlsx":
            table = _xlsx_table(path)
        elif path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                table = list(csv.reader(handle))
        else:
            raise SheetError(f"{path.name}: the sheet must be a .csv or .xlsx file.")
    except OSError as error:
        raise SheetError(f"{path}: cannot be read ({error.strerror}).") from None
    except UnicodeDecodeError:
        raise SheetError(f"{path.name}: is not UTF-8 text; save the CSV as UTF-8.") from None
    if not table:
        raise SheetError(f"{path.name}: the sheet is empty.")
    header = [cell.strip() for cell in table[0]]
    missing = [column for column in ("id", *EDITABLE_COLUMNS) if column not in header]
    if missing:
        raise SheetError(f"{path.name}: the header row lacks the column(s) {', '.join(missing)}.")
    rows = []
    for number, values in enumerate(table[1:], start=2):
        if not any(value.strip() for value in values):
            continue
        padded = [*values, *[""] * (len(header) - len(values))]
        rows.append(SheetRow(number, {column: padded[i] for i, column in enumerate(header) if column}))
    return rows


def _xlsx_table(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise SheetError(f"{path.name}: is not an Excel workbook ({type(error).__name__}).") from None
    sheet = workbook.worksheets[0]
    table = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return table


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores 1030 typed into a cell as 1030.0; the figure's value is the digits typed.
        return str(int(value))
    return str(value)


# --- import -------------------------------------------------------------------------------------


def import_sheet(
    base: PackSource,
    rows: list[SheetRow],
    font_chars: set[int] | None,
    source_text: str | None = None,
) -> ImportResult:
    """Check `rows` against the base pack and build the changed pack's files; `problems` empty
    means every row is valid and `files` is a complete pack directory.

    `source_text` replaces the article the quotes are checked against (next year's figures come
    from next year's article); by default the base pack's own source.txt is used.
    """
    pack = load_pack(base)
    article = pack.source_text if source_text is None else source_text
    raw = json.loads(base.read("figures.json"))
    raw_by_id = {figure["id"]: figure for figure in raw["figures"]}
    index_row: dict[int, SheetRow] = {}
    problems: list[RowProblem] = []
    changes: list[Change] = []
    seen: dict[str, int] = {}
    figure_index = {figure.id: index for index, figure in enumerate(pack.figures)}
    for row in rows:
        figure_id = row.cells.get("id", "").strip()
        if figure_id not in figure_index:
            problems.append(RowProblem(row.number, "id", f"unknown figure id {figure_id!r}."))
            continue
        if figure_id in seen:
            problems.append(
                RowProblem(
                    row.number, "id", f"figure {figure_id!r} is already listed on row {seen[figure_id]}."
                )
            )
            continue
        seen[figure_id] = row.number
        index_row[figure_index[figure_id]] = row
        row_problems = cell_problems(row, article, font_chars)
        problems += row_problems
        if not row_problems:
            changes += apply_row(raw_by_id[figure_id], row)
    for figure in pack.figures:
        if figure.id not in seen:
            problems.append(
                RowProblem(0, "id", f"figure {figure.id!r} has no row; keep every figure's row in the sheet.")
            )
    # Valid rows are applied and the whole pack checked even when some rows are refused, so the
    # curator gets every problem in one pass.
    files = {name: base.read(name) for name in PACK_FILES}
    files["figures.json"] = _json_bytes(raw)
    withheld = {figure["id"] for figure in raw["figures"] if figure["status"] == "withheld"}
    changes += _unplace_withheld(files, withheld)
    if article:
        files[SOURCE_TEXT_FILE] = article.encode("utf-8")
    try:
        changed = load_pack(MemorySource(files, "the imported pack"))
    except ContentError as error:
        return ImportResult(changes, [RowProblem(0, "", str(problem)) for problem in error.problems], {})
    for problem in validate_pack(changed, font_chars):
        found = row_problem(problem.file, problem.path, problem.message, index_row)
        if found not in problems:
            problems.append(found)
    problems.sort(
        key=lambda problem: (
            problem.row or 1_000_000,
            SIGN_OFF_COLUMNS.index(problem.column) if problem.column in SIGN_OFF_COLUMNS else 0,
        )
    )
    return ImportResult(changes, problems, {} if problems else files)


def _unplace_withheld(files: dict[str, bytes], withheld: set[str]) -> list[Change]:
    """Take newly withheld figures off the topic pages' hero rows and the figures walls.

    Stories and charts are not rewritten: their text or shape rests on the figure, so validation
    names them and the curator (or the content team) decides.
    """
    changes: list[Change] = []
    meta = json.loads(files["pack.json"])
    for topic in meta["topics"]:
        for figure_id in [figure_id for figure_id in topic.get("hero", []) if figure_id in withheld]:
            topic["hero"].remove(figure_id)
            changes.append(Change(figure_id, "shown on", f"the {topic['id']} page", "(taken off)"))
    slides = json.loads(files["slides.json"])
    for slide in slides["slides"]:
        if slide["kind"] != "figures_wall":
            continue
        kept = [figure_id for figure_id in slide["figures"] if figure_id not in withheld]
        if len(kept) >= 2:
            for figure_id in [figure_id for figure_id in slide["figures"] if figure_id in withheld]:
                changes.append(Change(figure_id, "shown on", f"the wall {slide['id']}", "(taken off)"))
            slide["figures"] = kept
    if changes:
        files["pack.json"] = _json_bytes(meta)
        files["slides.json"] = _json_bytes(slides)
    return changes


def _json_bytes(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
