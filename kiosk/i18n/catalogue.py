"""Every sentence the kiosk's code says, per language, read once from kiosk/i18n/<language>.json.

A catalogue file lacking a key, naming a key the code does not know, or missing a catalogue is
refused when this module loads (so every test fails, not one screen in one language); a message whose
`{placeholders}` differ from English's is caught by tests/test_catalogues.py. The pseudo-locale's
catalogue is English's, made pseudo.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypeGuard, TypeVar, get_args

import msgspec

from kiosk.i18n.keys import (
    ImportRefusal,
    SaveReason,
    SlideRefusal,
    StaffKey,
    TransitionKey,
    VisitorKey,
    WeekdayKey,
)
from kiosk.i18n.languages import TRANSLATED, Language, StaffLanguage, VisitorLanguage, pseudo

CATALOGUE_DIR = Path(__file__).parent


class Catalogue(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """One language's catalogues, one per concern."""

    staff: dict[StaffKey, str]
    transitions: dict[TransitionKey, str]
    weekdays: dict[WeekdayKey, str]
    save_reasons: dict[SaveReason, str]
    slide_refusals: dict[SlideRefusal, str]
    import_refusals: dict[ImportRefusal, str]
    visitor: dict[VisitorKey, str]


class CatalogueError(ValueError):
    """A catalogue file the kiosk cannot use; the message names the file and what is wrong."""


def _missing_keys(catalogue: Catalogue) -> list[str]:
    """`concern.key` for every key the code declares (kiosk/i18n/keys.py) that `catalogue` lacks."""
    missing: list[str] = []
    for field in msgspec.structs.fields(Catalogue):
        present: Mapping[str, str] = getattr(catalogue, field.name)
        key_type = get_args(field.type)[0]
        missing += [f"{field.name}.{key}" for key in get_args(key_type) if key not in present]
    return missing


def load_catalogue(path: Path) -> Catalogue:
    try:
        catalogue = msgspec.json.decode(path.read_bytes(), type=Catalogue)
    except (OSError, msgspec.ValidationError, msgspec.DecodeError) as error:
        raise CatalogueError(f"{path.name}: {error}") from None
    missing = _missing_keys(catalogue)
    if missing:
        raise CatalogueError(f"{path.name} lacks {', '.join(missing)}")
    return catalogue


_Key = TypeVar("_Key", bound=str)


def pseudo_catalogue(english: Catalogue) -> Catalogue:
    def made_pseudo(messages: dict[_Key, str]) -> dict[_Key, str]:
        return {key: pseudo(message) for key, message in messages.items()}

    return Catalogue(
        staff=made_pseudo(english.staff),
        transitions=made_pseudo(english.transitions),
        weekdays=made_pseudo(english.weekdays),
        save_reasons=made_pseudo(english.save_reasons),
        slide_refusals=made_pseudo(english.slide_refusals),
        import_refusals=made_pseudo(english.import_refusals),
        visitor=made_pseudo(english.visitor),
    )


def _load_all() -> dict[Language, Catalogue]:
    catalogues: dict[Language, Catalogue] = {
        language: load_catalogue(CATALOGUE_DIR / f"{language}.json") for language in TRANSLATED
    }
    return {**catalogues, "pseudo": pseudo_catalogue(catalogues["en"])}


CATALOGUES: Mapping[Language, Catalogue] = _load_all()


def staff_text(key: StaffKey, language: StaffLanguage) -> str:
    return CATALOGUES[language].staff[key]


def transition_name(transition: TransitionKey, language: StaffLanguage) -> str:
    return CATALOGUES[language].transitions[transition]


def weekday_name(day: WeekdayKey, language: StaffLanguage) -> str:
    return CATALOGUES[language].weekdays[day]


def save_reason(reason: SaveReason, language: StaffLanguage) -> str:
    return CATALOGUES[language].save_reasons[reason]


def slide_refusal(refusal: SlideRefusal, language: StaffLanguage) -> str:
    return CATALOGUES[language].slide_refusals[refusal]


def import_refusal(refusal: ImportRefusal, language: StaffLanguage) -> str:
    return CATALOGUES[language].import_refusals[refusal]


def visitor_text(key: VisitorKey, language: VisitorLanguage) -> str:
    return CATALOGUES[language].visitor[key]


def is_visitor_key(key: str) -> TypeGuard[VisitorKey]:
    return key in get_args(VisitorKey)
