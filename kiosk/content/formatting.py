"""The one number formatter: a figure's value and unit, per language, for display and count-up.

Chinese keeps the source's own units (1030亿元, 3.8万个). English converts them into the scale an
English reader expects (103 billion yuan, 38,000), so that both languages show the same quantity;
a conversion never invents a trailing ".0" the source did not write. A count-up animates the
number part only; prefix and suffix stay put, and `text_at` renders any intermediate value with
the final number of decimals so the width never jitters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import assert_never

from kiosk.content.models import Figure, Language, Qualifier, Ranking, Unit
from kiosk.i18n.catalogue import number_words
from kiosk.i18n.keys import NumberKey
from kiosk.i18n.languages import number_style, ordinal, ordinal_suffix, partial_date


class FormatError(ValueError):
    """A value the formatter cannot display faithfully."""


@dataclass(frozen=True)
class NumberDisplay:
    """What a figure looks like on screen in one language."""

    prefix: str
    target: Decimal
    decimals: int
    suffix: str
    grouping: bool

    @property
    def number_text(self) -> str:
        return _digits(self.target, self.decimals, self.grouping)

    @property
    def text(self) -> str:
        return f"{self.prefix}{self.number_text}{self.suffix}"

    def text_at(self, progress_value: float) -> str:
        """The display while counting, for an intermediate numeric value."""
        # In Decimal, so no float rounding lifts it past the target; NaN and -0.0 count as 0.
        value = Decimal(repr(progress_value)) if progress_value > 0 else Decimal(0)
        clamped = min(value, self.target)
        return f"{self.prefix}{_digits(clamped, self.decimals, self.grouping)}{self.suffix}"


# Units counted in ten-thousands: a converting language shows the whole number (3.8万 -> 38,000),
# with the unit's word from its catalogue where one is needed.
_WAN_WORDS: dict[str, NumberKey | None] = {
    "万个": None,
    "万人": None,
    "万元": "yuan",
    "万平方米": "square_metres",
}
_COUNT_UNITS = ("个", "家", "项", "件", "条", "栋", "")
_HECTARES_PER_MU = Decimal(1) / Decimal(15)
# ASCII digits with an optional fraction: no sign, exponent, separator, space or full-width digit.
_PLAIN_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")

_QUALIFIER_WORDS: dict[Qualifier, NumberKey | None] = {"exact": None, "over": "over", "about": "about"}


def parse_value(value: str) -> Decimal:
    """A figure's value as an exact, finite, non-negative decimal."""
    try:
        number = Decimal(value)
    except InvalidOperation as error:
        raise FormatError(f"{value!r} is not a decimal number") from error
    if not number.is_finite() or number < 0:
        raise FormatError(f"{value!r} is not a finite, non-negative number")
    if not _PLAIN_DECIMAL.fullmatch(value):
        raise FormatError(f"{value!r} must be written as plain digits")
    return number


def decimals_of(value: str) -> int:
    return len(value.split(".", 1)[1]) if "." in value else 0


def format_value(value: str, unit: Unit, language: Language, qualifier: Qualifier = "exact") -> NumberDisplay:
    """Display of `value` in `unit` for `language`, the single place numbers are formatted."""
    number = parse_value(value)
    if unit == "rank" and (number != number.to_integral_value() or number < 1):
        raise FormatError(f"a rank must be a whole number from 1, got {value!r}")
    if unit == "%" and number > 100:
        raise FormatError(f"a percentage cannot exceed 100, got {value!r}")
    words = _QUALIFIER_WORDS[qualifier]
    prefix = number_words(words, language) if words is not None else ""
    style = number_style(language)
    match style:
        case "source_units":
            return _in_source_units(prefix, number, decimals_of(value), unit)
        case "converted":
            return _converted(prefix, number, decimals_of(value), unit, language)
        case _:
            assert_never(style)


def _in_source_units(prefix: str, number: Decimal, decimals: int, unit: Unit) -> NumberDisplay:
    """The source's own unit: 1030亿元, 3.8万个, 第6."""
    if unit == "rank":
        return NumberDisplay(prefix + "第", number, 0, "", grouping=False)
    return NumberDisplay(prefix, number, decimals, unit, grouping=False)


def _converted(prefix: str, number: Decimal, decimals: int, unit: Unit, language: Language) -> NumberDisplay:
    """The scale a Western reader expects: 103 billion yuan, 38,000, 6th."""
    if unit == "rank":
        return NumberDisplay(prefix, number, 0, ordinal_suffix(int(number), language), grouping=False)
    if unit == "%":
        return NumberDisplay(prefix, number, decimals, "%", grouping=False)
    if unit == "亿元":
        billions = number / 10
        suffix = number_words("billion_yuan", language)
        return NumberDisplay(prefix, billions, _significant_decimals(billions), suffix, grouping=True)
    if unit in _WAN_WORDS:
        scaled = number * 10000
        words = _WAN_WORDS[unit]
        suffix = number_words(words, language) if words is not None else ""
        return NumberDisplay(prefix, scaled, _significant_decimals(scaled), suffix, grouping=True)
    if unit == "平方公里":
        return NumberDisplay(prefix, number, decimals, number_words("square_km", language), grouping=True)
    if unit == "亩":
        hectares = (number * _HECTARES_PER_MU).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        suffix = number_words("hectare" if hectares == 1 else "hectares", language)
        return NumberDisplay(prefix, hectares, _significant_decimals(hectares), suffix, grouping=True)
    if unit in _COUNT_UNITS:
        return NumberDisplay(prefix, number, decimals, "", grouping=True)
    raise FormatError(f"no converted format for unit {unit!r}")


def format_figure(figure: Figure, language: Language) -> NumberDisplay:
    return format_value(figure.value, figure.unit, language, figure.qualifier)


def format_ranking(ranking: Ranking, language: Language) -> str:
    """A ranking sentence: 19个国家级新区中第6 / 6th of 19 national new areas, or, where the source
    does not state the size of the field, 国家级新区中第2 / 2nd among national new areas."""
    style = number_style(language)
    match style:
        case "source_units":
            return f"{format_ranking_scope(ranking, language)}{ordinal(ranking.position, language)}"
        case "converted":
            return f"{ordinal(ranking.position, language)} {format_ranking_scope(ranking, language)}"
        case _:
            assert_never(style)


def format_ranking_scope(ranking: Ranking, language: Language) -> str:
    """The field a rank is taken in, for a figure that is itself a rank: 19个国家级新区中."""
    among = ranking.among.get(language)
    if ranking.out_of is None:
        return number_words("ranked_among", language).format(among=among)
    return number_words("ranked_of", language).format(count=ranking.out_of, among=among)


def format_date(iso_date: str, language: Language) -> str:
    """An event date at the precision the source gives: 2023年5月15日 / 15 May 2023, 2023年12月 /
    December 2023, 2023年 / 2023."""
    parts = [int(part) for part in iso_date.split("-")]
    if not 1 <= len(parts) <= 3:
        raise FormatError(f"{iso_date!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = [*parts, 0, 0][:3]
    return partial_date(year, month, day, language)


def _significant_decimals(number: Decimal) -> int:
    """Decimals a converted value needs: 103 billion, not 103.0; 54.5 billion keeps its digit."""
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def format_count(count: int) -> str:
    """A whole count as staff read it in either language, digits grouped by thousands: 12,345."""
    return _digits(Decimal(count), 0, grouping=True)


def _digits(number: Decimal, decimals: int, grouping: bool) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}" if grouping else f"{rounded:.{decimals}f}"
