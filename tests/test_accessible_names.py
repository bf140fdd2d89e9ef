"""Every control and every piece of information a visitor meets has a name a screen reader can say:
walked through Qt's own accessibility tree, in both languages, on every visitor page and slide."""

from __future__ import annotations

import re

import pytest
from kiosk_factory import KioskUnderTest, MakeKiosk
from kiosk_harness import discard
from PySide6.QtCore import QSize
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QWidget

from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase.kinds import build_slide
from kiosk.ui.showcase.slide_base import SlideContext
from kiosk.ui.style.motion import FrameDriver
from kiosk.ui.visitor.pages.headings import SectionTitle
from kiosk.ui.visitor.pages.stories import StoryCard
from kiosk.ui.visitor.pages.timeline import Timeline
from kiosk.ui.visitor.view import PAGE_IDS
from kiosk.ui.widgets.chart_view import ChartView
from kiosk.ui.widgets.figure_tile import FigureTile

# What a visitor uses, and what informs them: each must be named.
INTERACTIVE = {QAccessible.Role.Button, QAccessible.Role.CheckBox, QAccessible.Role.PushButton}
INFORMATIVE = (FigureTile, ChartView, StoryCard, Timeline, SectionTitle)
# A name that is only a glyph ("‹", "›", "A+") says nothing to a listener.
WORDS = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]")


def walk(interface: QAccessibleInterface | None) -> list[QAccessibleInterface]:
    if interface is None or not interface.isValid() or interface.state().invisible:
        return []
    found = [interface]
    for index in range(interface.childCount()):
        found += walk(interface.child(index))
    return found


def nameless(root: QWidget) -> list[str]:
    problems = []
    for interface in walk(QAccessible.queryAccessibleInterface(root)):
        widget = interface.object()
        name = interface.text(QAccessible.Text.Name).strip()
        informative = isinstance(widget, INFORMATIVE)
        if (interface.role() in INTERACTIVE or informative) and not WORDS.search(name):
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} is called {name!r}")
    return problems


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_visitor_page_names_its_controls_and_figures(make_kiosk: MakeKiosk, language: str) -> None:
    kiosk: KioskUnderTest = make_kiosk(size=QSize(1920, 1080))
    kiosk.tap(kiosk.shell.player)
    visitor = kiosk.shell.visitor
    if visitor.language != language:
        kiosk.tap(visitor.nav.language_button)
    for page_id in PAGE_IDS:
        if visitor.current_page_id() != page_id:
            assert visitor.navigate(page_id)
        kiosk.advance(1.0)
        assert nameless(visitor) == [], f"{page_id} ({language})"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_showcase_slide_is_named(runtime: Runtime, language: str) -> None:
    from kiosk.clock import ManualClock

    context = SlideContext(runtime.pack, runtime.family, FrameDriver(ManualClock()))
    for slide in runtime.pack.slides:
        view = build_slide(slide, context)
        widget = view.as_widget()
        widget.resize(1920, 1080)
        view.set_language(language)  # type: ignore[arg-type]
        view.finish()
        name = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
        assert WORDS.search(name), f"slide {slide.id} is called {name!r}"
        assert nameless(widget) == [], f"slide {slide.id} ({language})"
        discard(widget)
