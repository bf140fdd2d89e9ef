"""One row of the curator's sign-off sheet: its cells checked, and what it changes in a figure.

`kiosk.content.sheet` reads the rows and builds the pack; this module says what each row may hold and
where a problem found in the built pack is shown to the curator (row and column)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, get_args

from kiosk.content.export import CONFIRM_NEEDED
from kiosk.content.formatting import FormatError, parse_value
from kiosk.content.models import Qualifier, Status, Unit
from kiosk.content.source_checks import quote_in_source

# Columns a curator may change; the others (id, topic, the two displays) are read-only.
EDITABLE_COLUMNS: tuple[str, ...] = (
    "status",
    "confirm",
    "value",
    "unit",
    "qualifier",
    "label_zh",
    "label_en",
    "context_zh",
    "context_en",
    "source",
    "note",
)
# The column each field of figures.json is edited in: a validation problem is reported there.
_FIELD_COLUMNS: dict[str, str] = {
    "label.zh": "label_zh",
    "label.en": "label_en",
    "context.zh": "context_zh",
    "context.en": "context_en",
    "ranking": "value",
    "ranking.position": "value",
}
UNITS: tuple[str, ...] = get_args(Unit)
STATUSES: tuple[str, ...] = get_args(Status)
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
_CONFIRM_VALUES = ("", CONFIRM_NEEDED)
_FIGURE_PATH = re.compile(r"^\$\.figures\[(?P<index>\d+)\](?:\.(?P<field>[a-z_.]+))?")


@dataclass(frozen=True)
class SheetRow:
    """One data row as the curator sees it: `number` is the spreadsheet's own row number."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return f"column {self.column}: {self.message}" if self.column else self.message
        return f"row {self.row}, column {self.column}: {self.message}"


@dataclass(frozen=True)
class Change:
    figure_id: str
    field: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.figure_id} {self.field}: {self.old!r} → {self.new!r}"


def cell_problems(row: SheetRow, source_text: str, font_chars: set[int] | None) -> list[RowProblem]:
    cells = row.cells
    problems: list[RowProblem] = []

    def refuse(column: str, message: str) -> None:
        problems.append(RowProblem(row.number, column, message))

    value = cells["value"].strip()
    try:
        parse_value(value)
    except FormatError:
        refuse("value", f"{value!r} is not a number; write plain digits such as 1030 or 50.8.")
    if cells["unit"].strip() not in UNITS:
        allowed = ", ".join(unit or '"" (none)' for unit in UNITS)
        refuse("unit", f"the unit {cells['unit'].strip()!r} is not allowed; use one of {allowed}.")
    if cells["status"].strip() not in STATUSES:
        refuse("status", f"the status {cells['status'].strip()!r} is not shown or withheld.")
    if cells["qualifier"].strip() not in QUALIFIERS:
        refuse("qualifier", f"the qualifier {cells['qualifier'].strip()!r} is not exact, over or about.")
    if cells["confirm"].strip().lower() not in _CONFIRM_VALUES:
        refuse("confirm", f"write {CONFIRM_NEEDED} or leave it empty, not {cells['confirm'].strip()!r}.")
    source = cells["source"].strip()
    if source_text and source and not quote_in_source(source, source_text):
        refuse("source", f"the quote {source!r} is not found in the source text, character for character.")
    if font_chars is not None:
        for column in ("label_zh", "label_en", "context_zh", "context_en"):
            missing = sorted(
                {char for char in cells[column] if ord(char) not in font_chars and not char.isspace()}
            )
            if missing:
                names = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in missing)
                refuse(column, f"the bundled font has no glyph for {names}; it would show blank.")
    return problems


def apply_row(figure: dict[str, Any], row: SheetRow) -> list[Change]:
    """Write the row's values into the raw figure; the changes, field by field."""
    cells = {column: row.cells[column].strip() for column in EDITABLE_COLUMNS}
    new_values: dict[str, Any] = {
        "status": cells["status"],
        "confirm": cells["confirm"].lower() == CONFIRM_NEEDED,
        "value": cells["value"],
        "unit": cells["unit"],
        "qualifier": cells["qualifier"],
        "label.zh": cells["label_zh"],
        "label.en": cells["label_en"],
        "context.zh": cells["context_zh"],
        "context.en": cells["context_en"],
        "source": cells["source"],
        "note": cells["note"],
    }
    defaults: dict[str, Any] = {"confirm": False, "qualifier": "exact", "note": ""}
    changes = []
    for field, new in new_values.items():
        parent, _, key = field.rpartition(".")
        holder = figure[parent] if parent else figure
        old = holder.get(key, defaults.get(key))
        if old == new:
            continue
        holder[key] = new
        if key == "value" and figure.get("unit") == "rank" and "ranking" in figure:
            figure["ranking"]["position"] = int(new) if new.isdigit() else new
        changes.append(Change(figure["id"], _FIELD_COLUMNS.get(field, field), shown(old), shown(new)))
    return changes


def shown(value: Any) -> str:
    if isinstance(value, bool):
        return CONFIRM_NEEDED if value else ""
    return str(value)


def row_problem(file: str, path: str, message: str, index_row: dict[int, SheetRow]) -> RowProblem:
    match = _FIGURE_PATH.match(path) if file == "figures.json" else None
    if match is not None and int(match["index"]) in index_row:
        field = match["field"] or ""
        column = _FIELD_COLUMNS.get(field, field.split(".")[0] or "id")
        return RowProblem(index_row[int(match["index"])].number, column, message)
    return RowProblem(0, "", f"the changed figures leave {file} at {path} wrong: {message}")
