"""Soak: weeks of looping, compressed. Memory, Python objects and Qt widgets stay flat.

One cycle is a day in the hall in miniature, driven by the injected clock: the showcase plays every
catalogue slide (every kind, every transition, three seconds each), a visitor taps in, opens every
topic page from the hub (count-ups, charts, a swipe through the stories), switches language, opens
them all again from the navigation bar, walks away, and the idle countdown returns the kiosk to the
showcase. Alternate cycles play the showcase in English.

After a warm-up cycle (every page built, every glyph cached) the test counts live Python objects by
type (gc.get_objects), widgets (QApplication.allWidgets) and QObjects under the shell, and samples RSS
(psutil, after malloc_trim) after every cycle. The counts after the last cycle may exceed the first by
a small slack only; the RSS peak of the last six cycles may exceed that of the first six by 10 MiB at
most. A second test checks that every slide view, once replaced, is really gone.

CI runs 13 cycles, about 650 transitions, in about 40 s. Long mode (`--long`, or KIOSK_SOAK_HOURS=H)
simulates H hours (8 by default): about 50 transitions per 200 simulated seconds, so thousands in all,
capped at KIOSK_SOAK_MAX_MINUTES of real time (120 by default), with a sample printed every ten cycles.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import time
import weakref
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from kiosk_harness import Kiosk, build_kiosk, close_shell, current_slide, every_slide_playlist
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.content.models import VISITOR_TOPICS
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.visitor.pages.page import Page
from kiosk.ui.visitor.pages.topic import TopicPage

MIB = 1024 * 1024
RSS_LIMIT_MIB = 10.0
WIDGET_SLACK = 5
QOBJECT_SLACK = 10
WARM_UP_CYCLES = 1
RSS_WINDOW = 6
CI_CYCLES = 2 * RSS_WINDOW
PAGES = (*VISITOR_TOPICS, "intro")


@pytest.fixture
def kiosk(qapp: QApplication, runtime: Runtime, tmp_path: Path) -> Iterator[Kiosk]:
    playlist = every_slide_playlist(runtime, tmp_path)
    kiosk = build_kiosk(runtime, tmp_path, playlist)
    yield kiosk
    close_shell(kiosk.shell)


def visible_texts(widget: QWidget) -> list[str]:
    return [
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget) and label.text()
    ]


def current_page(kiosk: Kiosk) -> Page:
    page = kiosk.shell.visitor.stack.currentWidget()
    assert isinstance(page, Page)
    return page


# One cycle ----------------------------------------------------------------------------------


def play_every_slide(kiosk: Kiosk, language: str) -> int:
    """The showcase plays its whole playlist once: mid-transition frames, rest, next slide."""
    player = kiosk.shell.player
    assert not kiosk.shell.showing_visitor_pages()
    player.set_language(language)  # type: ignore[arg-type]
    items = player.sequencer.playlist.items
    shown = 0
    for _ in items:
        before = player.stats.slides_shown
        kiosk.advance(0.3)  # mid-transition: the overlay paints both slides
        kiosk.advance(0.4)  # the transition is over
        remaining = player.sequencer.cue.ends_at() - kiosk.clock.monotonic() if player.sequencer.cue else 0
        kiosk.advance(max(0.0, remaining) + 0.001)
        assert player.stats.slides_shown == before + 1, "the showcase moved on to the next slide"
        assert player.current is not None and player.current.isVisible()
        shown += 1
    return shown


def visit(kiosk: Kiosk) -> int:
    """A visitor's journey through every page, in both languages. Returns the pages opened."""
    shell = kiosk.shell
    visitor = shell.visitor
    kiosk.tap(shell.player)
    assert shell.showing_visitor_pages(), "a touch on the showcase opens the hub"
    hub = current_page(kiosk)
    opened = 1
    for page_id in PAGES:
        kiosk.tap(hub.tiles[page_id])  # type: ignore[attr-defined]
        page = current_page(kiosk)
        assert page.page_id == page_id
        if isinstance(page, TopicPage):
            assert page.info.title.zh in visible_texts(page)
        kiosk.advance(2.5)  # count-ups land, charts grow in
        if isinstance(page, TopicPage) and page.carousel is not None and len(page.carousel.cards) > 1:
            page.scroll_area.ensureWidgetVisible(page.carousel)
            kiosk.swipe(page.carousel, -400)
            kiosk.advance(0.5)
            assert page.carousel.index == 1, "a swipe turns to the next story"
        page.scroll_area.verticalScrollBar().setValue(300)
        kiosk.tap(visitor.nav.home_button)
        assert current_page(kiosk) is hub
        opened += 2
    kiosk.tap(visitor.nav.language_button)
    assert visitor.language == "en"
    for page_id in PAGES:
        kiosk.tap(visitor.nav.topic_buttons[page_id])
        page = current_page(kiosk)
        assert page.page_id == page_id
        if isinstance(page, TopicPage):
            assert page.info.title.en in visible_texts(page)
        kiosk.advance(2.5)
        opened += 1
    kiosk.tap(visitor.nav.back_button)
    kiosk.tap(visitor.nav.back_button)
    return opened + 3


def walk_away(kiosk: Kiosk) -> None:
    """Nobody touches: the countdown shows, then the kiosk is back on the showcase, in Chinese."""
    settings = kiosk.settings
    kiosk.advance(settings.idle_timeout_s + 1)
    assert kiosk.shell.visitor.overlay.isVisible(), "still there? / 还在浏览吗?"
    kiosk.advance(settings.idle_countdown_s)
    assert not kiosk.shell.showing_visitor_pages(), "back on the showcase"
    assert kiosk.shell.player.language == "zh"


def cycle(kiosk: Kiosk, index: int) -> int:
    """One miniature day; returns the transitions it made."""
    transitions = play_every_slide(kiosk, "en" if index % 2 else "zh")
    transitions += visit(kiosk)
    walk_away(kiosk)
    return transitions + 1


# The census ---------------------------------------------------------------------------------


def release_free_heap() -> None:
    """Hand free heap pages back to the system (glibc), so RSS counts memory in use, not memory the
    allocator keeps for later: Qt's raster engine frees 8 MB frame buffers in several arenas, and
    untrimmed RSS swings by 80 MiB from one cycle to the next without growing."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass


def settle(kiosk: Kiosk | None = None) -> None:
    """Let the showcase's transition end (its snapshots are let go), Qt delete what was scheduled for
    deletion, and Python collect what is unreachable."""
    if kiosk is not None:
        kiosk.advance(1.0)
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
    gc.collect()


def rss_now(kiosk: Kiosk) -> tuple[int, int]:
    """(RSS after releasing free heap pages, RSS before)."""
    settle(kiosk)
    untrimmed = psutil.Process().memory_info().rss
    release_free_heap()
    return psutil.Process().memory_info().rss, untrimmed


@dataclass
class Census:
    objects: Counter[str]
    widgets: int
    qobjects: int

    def describe(self) -> str:
        return (
            f"{sum(self.objects.values())} Python objects, {self.widgets} widgets, "
            f"{self.qobjects} QObjects under the shell"
        )


def census(kiosk: Kiosk) -> Census:
    settle(kiosk)
    # Counted before findChildren below makes wrappers for the shell's C++ children.
    objects = Counter(f"{type(item).__module__}.{type(item).__qualname__}" for item in gc.get_objects())
    return Census(
        objects=objects,
        widgets=len(QApplication.allWidgets()),
        qobjects=len(kiosk.shell.findChildren(QObject)),
    )


def growth(before: Census, after: Census) -> list[str]:
    """What grew beyond the slack allowed, as sentences; empty when the counts are flat."""
    problems = []
    if after.widgets - before.widgets > WIDGET_SLACK:
        problems.append(f"widgets grew from {before.widgets} to {after.widgets}")
    if after.qobjects - before.qobjects > QOBJECT_SLACK:
        problems.append(f"QObjects under the shell grew from {before.qobjects} to {after.qobjects}")
    grown = {
        name: after.objects[name] - before.objects[name]
        for name in after.objects
        if after.objects[name] - before.objects[name] > 25 + before.objects[name] // 50
    }
    if grown:
        top = sorted(grown.items(), key=lambda item: -item[1])[:12]
        problems.append("Python objects grew: " + ", ".join(f"{name} +{count}" for name, count in top))
    total = sum(after.objects.values()) - sum(before.objects.values())
    if total > 500 + sum(before.objects.values()) // 100:
        problems.append(f"Python objects grew by {total} in all")
    return problems


def soak(
    kiosk: Kiosk, cycles: int, simulated_s: float | None = None, real_cap_s: float | None = None
) -> None:
    """Warm up, then cycle; RSS is sampled after every cycle and compared window to window.

    Qt keeps caches that fill and empty over several cycles (the font engines' glyph caches: a
    sawtooth of about 20 MiB), so one sample against another would measure where on the tooth each
    fell. The peak of the first RSS_WINDOW samples after warm-up is compared with the peak of the last
    RSS_WINDOW: a leak raises every tooth, a cache does not.
    """
    assert cycles >= 2 * RSS_WINDOW
    transitions = 0
    for index in range(WARM_UP_CYCLES):
        transitions += cycle(kiosk, index)
    warm = census(kiosk)
    print(f"after warm-up ({WARM_UP_CYCLES} cycle, {transitions} transitions): {warm.describe()}")
    began_real, began_clock = time.monotonic(), kiosk.clock.monotonic()
    samples: list[int] = []
    for done in range(1, cycles + 1):
        transitions += cycle(kiosk, WARM_UP_CYCLES + done)
        trimmed, untrimmed = rss_now(kiosk)
        samples.append(trimmed)
        hours = (kiosk.clock.monotonic() - began_clock) / 3600
        if simulated_s is None or done % 10 == 0:
            print(
                f"cycle {done} ({hours:.2f} simulated h, {transitions} transitions): RSS "
                f"{trimmed / MIB:.1f} MiB ({untrimmed / MIB:.1f} MiB before malloc_trim)"
            )
        enough = done >= 2 * RSS_WINDOW
        if enough and simulated_s is not None and kiosk.clock.monotonic() - began_clock >= simulated_s:
            break
        if real_cap_s is not None and time.monotonic() - began_real >= real_cap_s:
            print(f"the real-time cap of {real_cap_s / 60:.0f} min is reached")
            break
    end = census(kiosk)
    print(f"after {len(samples)} more cycles ({transitions} transitions): {end.describe()}")
    assert len(samples) >= 2 * RSS_WINDOW, f"only {len(samples)} cycles ran before the cap"
    first, last = max(samples[:RSS_WINDOW]), max(samples[-RSS_WINDOW:])
    problems = growth(warm, end)
    if (last - first) / MIB > RSS_LIMIT_MIB:
        problems.insert(
            0,
            f"RSS grew {(last - first) / MIB:.1f} MiB (limit {RSS_LIMIT_MIB:g} MiB): "
            f"{[round(sample / MIB, 1) for sample in samples]}",
        )
    assert problems == [], f"after {len(samples)} cycles ({transitions} transitions): " + "; ".join(problems)


def test_memory_and_objects_stay_flat_over_many_cycles(kiosk: Kiosk) -> None:
    soak(kiosk, CI_CYCLES)


@pytest.mark.slow
def test_memory_and_objects_stay_flat_for_hours(kiosk: Kiosk) -> None:
    """Long mode: KIOSK_SOAK_HOURS simulated hours (8 by default), KIOSK_SOAK_MAX_MINUTES real cap."""
    hours = float(os.environ.get("KIOSK_SOAK_HOURS") or 8)
    cap_minutes = float(os.environ.get("KIOSK_SOAK_MAX_MINUTES") or 120)
    soak(kiosk, cycles=10**9, simulated_s=hours * 3600, real_cap_s=cap_minutes * 60)


def test_every_replaced_slide_view_is_collected(kiosk: Kiosk) -> None:
    """A slide that has left the screen is deleted by Qt and freed by Python, and so is every widget
    of ours inside it (figure tiles, charts, icons): nothing holds on to them."""
    player = kiosk.shell.player
    kinds_seen = set()
    for _ in range(len(player.sequencer.playlist.items) + 1):
        view = current_slide(player)
        slide = view.slide
        kinds_seen.add(slide.kind)
        ours = [
            view,
            *(item for item in view.findChildren(QObject) if type(item).__module__.startswith("kiosk.")),
        ]
        watched = [(type(item).__name__, weakref.ref(item)) for item in ours]
        del view, ours
        kiosk.advance(0.3)
        kiosk.advance(2.701)
        assert current_slide(player).slide.id != slide.id
        settle()
        alive = [(name, ref()) for name, ref in watched if ref() is not None]
        if alive:
            item = alive[0][1]
            holders = [type(holder).__name__ for holder in gc.get_referrers(item)]
            pytest.fail(
                f"the {slide.kind} slide {slide.id} was replaced, but {[name for name, _ in alive]} "
                f"are still alive; the first is held by {holders}"
            )
    assert kinds_seen == {"title", "figures_wall", "spotlight", "chart", "story"}
