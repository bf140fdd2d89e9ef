"""Every sentence the kiosk's code says, per language, read once from kiosk/i18n/<language>.json.

A catalogue file lacking a key, naming a key the code does not know, or missing a catalogue is
refused when this module loads (so every test fails, not one screen in one language); a message whose
`{placeholders}` differ from English's is caught by tests/test_catalogues.py. The pseudo-locale's
catalogue is English's, made pseudo.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Generic, TypeGuard, TypeVar, get_args

import msgspec

from kiosk.i18n.keys import (
    HallKey,
    ImportRefusal,
    NumberKey,
    SaveReason,
    SlideRefusal,
    StaffKey,
    TransitionKey,
    VisitorKey,
    WeekdayKey,
)
from kiosk.i18n.languages import TRANSLATED, Language, pseudo

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
    numbers: dict[NumberKey, str]
    hall: dict[HallKey, str]


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
    return Catalogue(
        **{
            field.name: {key: pseudo(message) for key, message in getattr(english, field.name).items()}
            for field in msgspec.structs.fields(Catalogue)
        }
    )


def _load_all() -> dict[Language, Catalogue]:
    catalogues: dict[Language, Catalogue] = {
        language: load_catalogue(CATALOGUE_DIR / f"{language}.json") for language in TRANSLATED
    }
    return {**catalogues, "pseudo": pseudo_catalogue(catalogues["en"])}


CATALOGUES: Mapping[Language, Catalogue] = _load_all()


class Concern(Generic[_Key]):
    """The messages of one concern (staff mode's words, refusals...) in each language, by typed key."""

    def __init__(self, messages: Callable[[Catalogue], Mapping[_Key, str]]) -> None:
        self.messages = messages

    def __call__(self, key: _Key, language: Language) -> str:
        return self.messages(CATALOGUES[language])[key]


staff_text = Concern[StaffKey](lambda catalogue: catalogue.staff)
transition_name = Concern[TransitionKey](lambda catalogue: catalogue.transitions)
weekday_name = Concern[WeekdayKey](lambda catalogue: catalogue.weekdays)
save_reason = Concern[SaveReason](lambda catalogue: catalogue.save_reasons)
slide_refusal = Concern[SlideRefusal](lambda catalogue: catalogue.slide_refusals)
import_refusal = Concern[ImportRefusal](lambda catalogue: catalogue.import_refusals)
visitor_text = Concern[VisitorKey](lambda catalogue: catalogue.visitor)
number_words = Concern[NumberKey](lambda catalogue: catalogue.numbers)
hall_text = Concern[HallKey](lambda catalogue: catalogue.hall)


def is_visitor_key(key: str) -> TypeGuard[VisitorKey]:
    return key in get_args(VisitorKey)
