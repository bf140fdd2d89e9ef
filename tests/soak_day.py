"""The soak's day in the hall, and its census: shared by tests/test_soak.py and tests/soak_child.py.

One cycle is a day in the hall in miniature, driven by the injected clock: the showcase plays every
catalogue slide (every kind, every transition, three seconds each), a visitor taps in, opens every
topic page from the hub (count-ups, charts, a swipe through the stories), switches language, opens
them all again from the navigation bar, walks away, and the idle countdown returns the kiosk to the
showcase. Alternate cycles play the showcase in English.

After the warm-up (every page built, every glyph cached) `soak` counts live Python objects by type
(gc.get_objects), widgets (QApplication.allWidgets) and QObjects under the shell, and samples RSS
(psutil, after malloc_trim) after every cycle. The counts after the last cycle may exceed the first
by a small slack only; the RSS peak of the last six cycles may exceed that of the first six by
10 MiB at most.
"""

from __future__ import annotations

import ctypes
import gc
import math
import time
from collections import Counter
from dataclasses import dataclass

import psutil
from kiosk_factory import VISITOR_PACE_S, KioskUnderTest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.content.models import VISITOR_TOPICS
from kiosk.system.allocator import release_free_heap
from kiosk.ui.visitor.pages.page import Page
from kiosk.ui.visitor.pages.topic import TopicPage

MIB = 1024 * 1024
RSS_LIMIT_MIB = 10.0
WIDGET_SLACK = 5
QOBJECT_SLACK = 10
WARM_UP_CYCLES = 1
RSS_WINDOW = 6
CI_CYCLES = 2 * RSS_WINDOW
# Hours of soak can afford to let the caches fill before the first window: the kiosk alone rises by
# about 3 MiB over its first ten cycles (glyph and style caches of every page in both languages),
# then stays flat. A leak grows every cycle, so it still shows between the windows.
LONG_WARM_UP_CYCLES = 2 * RSS_WINDOW
PAGES = (*VISITOR_TOPICS, "intro")
# Each `advance` of the day is one step: the day names every moment it waits for (a transition's
# middle and end, a slide's end, the idle time-out), and a frame painted every quarter second of
# those waits would multiply the soak's time by five and measure nothing more.
SOAK_POLL_STEP_S = math.inf


def visible_texts(widget: QWidget) -> list[str]:
    return [
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget) and label.text()
    ]


def current_page(kiosk: KioskUnderTest) -> Page:
    page = kiosk.shell.visitor.stack.currentWidget()
    assert isinstance(page, Page)
    return page


# One cycle ----------------------------------------------------------------------------------


def play_every_slide(kiosk: KioskUnderTest, language: str) -> int:
    """The showcase plays its whole playlist once: next slide, mid-transition frames, rest."""
    player = kiosk.shell.player
    assert not kiosk.shell.showing_visitor_pages()
    player.set_language(language)  # type: ignore[arg-type]
    items = player.sequencer.playlist.items
    shown = 0
    for _ in items:
        before = player.stats.slides_shown
        # To the end of the slide on screen, wherever in it the visitor's departure left the showcase.
        remaining = player.sequencer.cue.ends_at() - kiosk.clock.monotonic() if player.sequencer.cue else 0
        kiosk.advance(max(0.0, remaining) + 0.001)
        assert player.stats.slides_shown == before + 1, "the showcase moved on to the next slide"
        kiosk.advance(0.3)  # mid-transition: the overlay paints both slides
        kiosk.advance(0.4)  # the transition is over
        assert player.current is not None and player.current.as_widget().isVisible()
        shown += 1
    return shown


def visit(kiosk: KioskUnderTest) -> int:
    """A visitor's journey through every page, in both languages. Returns the pages opened."""
    shell = kiosk.shell
    visitor = shell.visitor
    kiosk.tap(shell.player, VISITOR_PACE_S)
    assert shell.showing_visitor_pages(), "a touch on the showcase opens the hub"
    hub = current_page(kiosk)
    opened = 1
    for page_id in PAGES:
        kiosk.tap(hub.tiles[page_id], VISITOR_PACE_S)  # type: ignore[attr-defined]
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
        kiosk.tap(visitor.nav.home_button, VISITOR_PACE_S)
        assert current_page(kiosk) is hub
        opened += 2
    kiosk.tap(visitor.nav.language_button, VISITOR_PACE_S)
    assert visitor.language == "en"
    for page_id in PAGES:
        kiosk.tap(visitor.nav.topic_buttons[page_id], VISITOR_PACE_S)
        page = current_page(kiosk)
        assert page.page_id == page_id
        if isinstance(page, TopicPage):
            assert page.info.title.en in visible_texts(page)
        kiosk.advance(2.5)
        opened += 1
    kiosk.tap(visitor.nav.back_button, VISITOR_PACE_S)
    kiosk.tap(visitor.nav.back_button, VISITOR_PACE_S)
    return opened + 3


def walk_away(kiosk: KioskUnderTest) -> None:
    """Nobody touches: the countdown shows, then the kiosk is back on the showcase, in Chinese."""
    settings = kiosk.settings
    kiosk.advance(settings.idle_timeout_s + 1)
    assert kiosk.shell.visitor.overlay.isVisible(), "still there? / 还在浏览吗?"
    kiosk.advance(settings.idle_countdown_s)
    assert not kiosk.shell.showing_visitor_pages(), "back on the showcase"
    assert kiosk.shell.player.language == "zh"


def cycle(kiosk: KioskUnderTest, index: int) -> int:
    """One miniature day; returns the transitions it made."""
    transitions = play_every_slide(kiosk, "en" if index % 2 else "zh")
    transitions += visit(kiosk)
    walk_away(kiosk)
    return transitions + 1


# The census ---------------------------------------------------------------------------------


def settle(kiosk: KioskUnderTest | None = None) -> None:
    """Let the showcase's transition end (its snapshots are let go), Qt delete what was scheduled for
    deletion, and Python collect what is unreachable."""
    if kiosk is not None:
        kiosk.advance(1.0)
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
    gc.collect()


def rss_now(kiosk: KioskUnderTest) -> tuple[int, int]:
    """(RSS after releasing free heap pages, RSS before).

    Free heap pages are handed back first (glibc's malloc_trim), so RSS counts memory in use, not
    memory the allocator keeps for later: Qt's raster engine frees 8 MB frame buffers in several
    arenas, and untrimmed RSS swings by 80 MiB from one cycle to the next without growing."""
    settle(kiosk)
    untrimmed = psutil.Process().memory_info().rss
    release_free_heap()
    return psutil.Process().memory_info().rss, untrimmed


class MallInfo2(ctypes.Structure):
    """glibc's struct mallinfo2 (glibc 2.33 and later)."""

    _fields_ = [
        ("arena", ctypes.c_size_t),
        ("ordblks", ctypes.c_size_t),
        ("smblks", ctypes.c_size_t),
        ("hblks", ctypes.c_size_t),
        ("hblkhd", ctypes.c_size_t),
        ("usmblks", ctypes.c_size_t),
        ("fsmblks", ctypes.c_size_t),
        ("uordblks", ctypes.c_size_t),
        ("fordblks", ctypes.c_size_t),
        ("keepcost", ctypes.c_size_t),
    ]


def heap_in_use() -> int | None:
    """Bytes the allocator has handed out and not had back (glibc's mallinfo2): beside a trimmed RSS
    that rises, a flat figure here says the allocator's free pages are scattered (fragmentation), a
    rising one that something keeps what it allocates (a leak). None elsewhere than glibc."""
    try:
        mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return None
    mallinfo2.restype = MallInfo2
    info: MallInfo2 = mallinfo2()
    return int(info.uordblks + info.hblkhd)


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


def census(kiosk: KioskUnderTest) -> Census:
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
    kiosk: KioskUnderTest,
    cycles: int,
    simulated_s: float | None = None,
    real_cap_s: float | None = None,
    warm_up_cycles: int = WARM_UP_CYCLES,
) -> None:
    """Warm up, then cycle; RSS is sampled after every cycle and compared window to window.

    Qt keeps caches that fill and empty over several cycles (the font engines' glyph caches: a
    sawtooth of about 20 MiB), so one sample against another would measure where on the tooth each
    fell. The peak of the first RSS_WINDOW samples after warm-up is compared with the peak of the last
    RSS_WINDOW: a leak raises every tooth, a cache does not.
    """
    assert cycles >= 2 * RSS_WINDOW
    kiosk.poll_step_s = SOAK_POLL_STEP_S
    transitions = 0
    for index in range(warm_up_cycles):
        transitions += cycle(kiosk, index)
    warm = census(kiosk)
    print(f"after warm-up ({warm_up_cycles} cycles, {transitions} transitions): {warm.describe()}")
    began_real, began_clock = time.monotonic(), kiosk.clock.monotonic()
    samples: list[int] = []
    for done in range(1, cycles + 1):
        transitions += cycle(kiosk, warm_up_cycles + done)
        trimmed, untrimmed = rss_now(kiosk)
        samples.append(trimmed)
        hours = (kiosk.clock.monotonic() - began_clock) / 3600
        if simulated_s is None or done % 10 == 0:
            in_use = heap_in_use()
            print(
                f"cycle {done} ({hours:.2f} simulated h, {transitions} transitions): RSS "
                f"{trimmed / MIB:.1f} MiB ({untrimmed / MIB:.1f} MiB before malloc_trim), heap in use "
                + ("unknown" if in_use is None else f"{in_use / MIB:.1f} MiB"),
                flush=True,
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
