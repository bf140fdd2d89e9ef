"""The sign-off sheet: every figure, how it will read in both languages, its source and status."""

from __future__ import annotations

import csv
import io

import msgspec

from kiosk.content.formatting import format_figure, format_ranking
from kiosk.content.models import LANGUAGES, ContentPack, Figure, Language

SIGN_OFF_COLUMNS: tuple[str, ...] = (
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
)

# What the client writes in the `confirm` column of a figure only the statistics box states.
CONFIRM_NEEDED = "yes"


def sign_off_rows(pack: ContentPack) -> list[dict[str, str]]:
    return [_row(figure) for figure in pack.figures]


def _row(figure: Figure) -> dict[str, str]:
    display: dict[Language, str] = {language: format_figure(figure, language).text for language in LANGUAGES}
    if figure.ranking is not None and figure.unit != "rank":
        ranking = figure.ranking
        display = {
            "zh": f"{display['zh']}（{format_ranking(ranking, 'zh')}）",
            "en": f"{display['en']} ({format_ranking(ranking, 'en')})",
        }
    elif figure.ranking is not None:
        display = {language: format_ranking(figure.ranking, language) for language in display}
    return {
        "id": figure.id,
        "topic": figure.topic,
        "status": figure.status,
        "confirm": CONFIRM_NEEDED if figure.confirm else "",
        "value": figure.value,
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "display_zh": display["zh"],
        "display_en": display["en"],
        "label_zh": figure.label.zh,
        "label_en": figure.label.en,
        "context_zh": figure.context.zh,
        "context_en": figure.context.en,
        "source": figure.source,
        "note": figure.note,
    }


def sign_off_csv(pack: ContentPack) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SIGN_OFF_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(sign_off_rows(pack))
    return buffer.getvalue()


def sign_off_json(pack: ContentPack) -> str:
    return msgspec.json.format(msgspec.json.encode(sign_off_rows(pack)), indent=2).decode()
