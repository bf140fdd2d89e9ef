"""WCAG contrast computed from the theme's tokens, for every pair the visitor screens draw.

Text needs 4.5:1 (1.4.3), meaningful graphics (rank slots, ring remainders, network links, the
timeline, inactive dots, card stripes) 3:1 (1.4.11), each against every ground it is drawn on;
a pressed control must differ from its resting self by 3:1 so a tap shows at once.
"""

from __future__ import annotations

import pytest

from kiosk.ui.style import theme
from kiosk.ui.style.contrast import contrast_ratio, over

TOPICS = list(theme.TOPIC_COLOURS.values())
# Where visitor pages, slides and cards are painted; the idle overlay is GROUND_DEEP at 88 % over a page.
PAGE_GROUNDS = {
    "ground": theme.GROUND,
    "card": theme.SURFACE,
    "nav bar": theme.GROUND_DEEP,
    "idle overlay on a card": over(theme.GROUND_DEEP, 0.88, theme.SURFACE).name(),
}
BUTTON_GROUNDS = {"button": theme.SURFACE_RAISED, "selected button": theme.SELECTED}

TEXT_PAIRS = [
    *[("text", theme.TEXT, name, ground) for name, ground in {**PAGE_GROUNDS, **BUTTON_GROUNDS}.items()],
    *[("muted text", theme.TEXT_MUTED, name, ground) for name, ground in PAGE_GROUNDS.items()],
    *[
        ("figure gold", theme.ACCENT, name, ground)
        for name, ground in {**PAGE_GROUNDS, **BUTTON_GROUNDS}.items()
    ],
    *[
        (f"topic text {colour}", colour, name, ground)
        for colour in TOPICS
        for name, ground in {"ground": theme.GROUND, "card": theme.SURFACE}.items()
    ],
    ("pressed button text", theme.ON_BRIGHT, "pressed button", theme.PRESSED),
    *[(f"pressed tile text on {colour}", theme.ON_BRIGHT, "pressed tile", colour) for colour in TOPICS],
    ("keep exploring", theme.ON_BRIGHT, "primary button", theme.ACCENT),
]

GRAPHIC_PAIRS = [
    *[
        ("hairline graphics", theme.HAIRLINE, name, ground)
        for name, ground in {
            "ground": theme.GROUND,
            "card": theme.SURFACE,
            "nav bar": theme.GROUND_DEEP,
        }.items()
    ],
    *[
        (f"topic graphics {colour}", colour, name, ground)
        for colour in TOPICS
        for name, ground in {"ground": theme.GROUND, "card": theme.SURFACE}.items()
    ],
]

PRESSED_PAIRS = [
    ("nav button", theme.SURFACE_RAISED, theme.PRESSED),
    ("checked nav button", theme.SELECTED, theme.PRESSED),
    *[(f"topic tile {colour}", theme.SURFACE, colour) for colour in TOPICS],
]


@pytest.mark.parametrize(("what", "colour", "where", "ground"), TEXT_PAIRS)
def test_text_reads_at_4_5_to_1(what: str, colour: str, where: str, ground: str) -> None:
    ratio = contrast_ratio(colour, ground)
    assert ratio >= 4.5, f"{what} {colour} on {where} {ground}: {ratio:.2f}:1"


@pytest.mark.parametrize(("what", "colour", "where", "ground"), GRAPHIC_PAIRS)
def test_meaningful_graphics_stand_out_at_3_to_1(what: str, colour: str, where: str, ground: str) -> None:
    ratio = contrast_ratio(colour, ground)
    assert ratio >= 3.0, f"{what} {colour} on {where} {ground}: {ratio:.2f}:1"


@pytest.mark.parametrize(("what", "rest", "pressed"), PRESSED_PAIRS)
def test_a_pressed_control_differs_from_rest_by_3_to_1(what: str, rest: str, pressed: str) -> None:
    ratio = contrast_ratio(rest, pressed)
    assert ratio >= 3.0, f"{what}: {ratio:.2f}:1"


def test_the_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#2a4766", theme.GROUND) < 3.0, "the old hairline fell short"
