"""Turns what the screens do into statistics rows: connects to signals, writes through the store.

Nothing here touches a widget's drawing: each slot reads the clock and hands a small tuple to the
store's queue. What it records:

- a play per slide the showcase shows visitors, ended by the next slide ("completed" when it ran its
  time), a visitor, staff mode, closing time, the hall's emergency message or shutdown; a staff
  preview is not proof of play;
- a play per emergency message on screen (slide `emergency:<id>`, playlist `emergency`), "completed"
  when it ended on its own, "staff" when staff mode opened over it;
- a session per visit, from the first page to the return to the showcase, ended by the idle
  timeout, staff mode, closing time, shutdown, or "home" for any other return.

It follows the screen's state machine: what the screen leaves ends, for the reason of where it goes.
- a page view per page shown, with its dwell time; language switches, story swipes and chart taps.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Literal

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk.clock import Clock
from kiosk.playlist.sequencer import Cue
from kiosk.system.stats import PlayEnd, SessionEnd, SessionRef, StatsStore
from kiosk.ui.runtime.emergency import EmergencyScreen
from kiosk.ui.runtime.input_router import Route
from kiosk.ui.runtime.screen import Screen
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.visitor.pages.page import Page

log = logging.getLogger(__name__)

# The screens on which the loop plays for visitors (a staff preview is not proof of play).
PLAYING = (Screen.SHOWCASE, Screen.WOKEN)
# The screens whose arrival ends a visit or a play for their own reason.
ENDED_BY: dict[Screen, Literal["staff", "closed", "emergency"]] = {
    Screen.STAFF: "staff",
    Screen.PREVIEW: "staff",
    Screen.DARK: "closed",
    Screen.EMERGENCY: "emergency",
}
EMERGENCY_PLAYLIST = "emergency"

# A slide that ran to within this of its time counts as completed (timers fire a little early or late).
COMPLETION_SLACK_S = 0.25


class _Visit:
    def __init__(self, ref: SessionRef, started_at: dt.datetime, language: str) -> None:
        self.ref = ref
        self.started_at = started_at
        self.language = language
        self.pages = 0
        self.page: str | None = None
        self.page_started_at = started_at
        self.page_language = language


class StatsRecorder(QObject):
    """Records the shell's showcase and visits into `store`; `close()` at exit ends what is open."""

    def __init__(self, shell: ShellWindow, store: StatsStore, clock: Clock) -> None:
        super().__init__(shell)
        self.shell = shell
        self.store = store
        self.clock = clock
        self._cue: Cue | None = None
        self._cue_started_at = clock.now()
        self._cue_started_mono = clock.monotonic()
        self._visit: _Visit | None = None
        # The emergency message on screen (its slide name) and since when.
        self._message: tuple[str, dt.datetime] | None = None
        self._watched_carousels: set[int] = set()
        self._last_tap = -1
        shell.player.slide_changed.connect(self._slide_changed)
        shell.visitor.page_shown.connect(self._page_shown)
        shell.visitor.nav.toggle_language.connect(self._language_switched)
        shell.screens.changed.connect(self._screen_changed)
        shell.input.attach(Route.STATISTICS, self.chart_input)

    def close(self) -> None:
        """The kiosk is stopping: end the play and visit in progress, and commit."""
        self._end_play("shutdown")
        self._end_visit("shutdown")
        self._end_message("shutdown")
        self.store.close()

    # Plays -----------------------------------------------------------------------------------

    def _showing_visitors_the_loop(self) -> bool:
        return self.shell.screens.state in PLAYING

    def _slide_changed(self, _slide: str) -> None:
        self._end_play(None)
        if self._showing_visitors_the_loop():
            self._begin_play()

    def _begin_play(self) -> None:
        self._cue = self.shell.player.cue
        self._cue_started_at = self.clock.now()
        self._cue_started_mono = self.clock.monotonic()

    def _end_play(self, reason: PlayEnd | None) -> None:
        cue = self._cue
        if cue is None:
            return
        self._cue = None
        ran_s = self.clock.monotonic() - self._cue_started_mono
        if ran_s >= cue.duration_s - COMPLETION_SLACK_S:
            reason = "completed"
        self.store.record_play(
            cue.slide, cue.playlist_id, self._cue_started_at, self.clock.now(), reason or "staff"
        )

    # Visits ----------------------------------------------------------------------------------

    def _page_shown(self, page_id: str) -> None:
        now = self.clock.now()
        visitor = self.shell.visitor
        if self._visit is None:
            self._end_play("visitor")
            self._visit = _Visit(self.store.begin_session(now, visitor.language), now, visitor.language)
        else:
            self._end_page(now)
        visit = self._visit
        visit.page = page_id
        visit.page_started_at = now
        visit.page_language = visitor.language
        visit.pages += 1
        self._watch_stories(visitor.pages.get(page_id))

    def _end_page(self, now: dt.datetime) -> None:
        visit = self._visit
        if visit is None or visit.page is None:
            return
        self.store.record_page_view(visit.ref, visit.page, visit.page_language, visit.page_started_at, now)
        visit.page = None

    def _screen_changed(self, old: str, new: str) -> None:
        """What the screen left ends, for the reason of where it went; the loop, when it comes back,
        counts from its slide on screen."""
        reason: Literal["staff", "closed", "emergency"] | None = ENDED_BY.get(Screen(new))
        if old == Screen.EMERGENCY:
            self._end_message("staff" if reason == "staff" else "completed")
        if new == Screen.EMERGENCY:
            self._begin_message()
        if old == Screen.VISITOR:
            idle = self.shell.visitor.idle.timer.state()
            self._end_visit(reason or ("idle" if idle.expired else "home"))
        if reason is not None:
            self._end_play(reason)
        elif new in PLAYING and old not in PLAYING:
            self._begin_play()

    def _begin_message(self) -> None:
        screen = self.shell.screens.emergency
        if isinstance(screen, EmergencyScreen) and screen.message is not None:
            self._message = (f"emergency:{screen.message.id}", self.clock.now())

    def _end_message(self, reason: PlayEnd) -> None:
        if self._message is None:
            return
        slide, started_at = self._message
        self._message = None
        self.store.record_play(slide, EMERGENCY_PLAYLIST, started_at, self.clock.now(), reason)

    def _end_visit(self, reason: SessionEnd) -> None:
        visit = self._visit
        if visit is None:
            return
        now = self.clock.now()
        self._end_page(now)
        self._visit = None
        self.store.end_session(
            visit.ref, visit.started_at, now, reason, self.shell.visitor.language, visit.pages
        )

    # Interactions ----------------------------------------------------------------------------

    def _language_switched(self) -> None:
        visit = self._visit
        if visit is None:
            return
        now = self.clock.now()
        # The page goes on in the new language: its dwell so far counts for the old one.
        if visit.page is not None:
            page = visit.page
            self._end_page(now)
            visit.page, visit.page_started_at = page, now
        visit.page_language = self.shell.visitor.language
        self.store.record_event(visit.ref, "language", self.shell.visitor.language, now)

    def _watch_stories(self, page: Page | None) -> None:
        carousel = getattr(page, "carousel", None)
        if carousel is None or id(carousel) in self._watched_carousels:
            return
        self._watched_carousels.add(id(carousel))
        carousel.changed.connect(lambda index, c=carousel: self._story_swiped(c.cards[index].story.id))

    def _story_swiped(self, story_id: str) -> None:
        if self._visit is not None:
            self.store.record_event(self._visit.ref, "story_swipe", story_id, self.clock.now())

    def chart_input(self, watched: QObject, event: QEvent) -> bool:
        """From the shell's input router, while a visit lasts: a press on a chart counts as a tap on
        that chart, and goes on to it."""
        kind = event.type()
        if (
            self._visit is None
            or kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
            or not isinstance(watched, QWidget)
        ):
            return False
        if isinstance(event, QTouchEvent) and event.points():
            point = event.points()[0].globalPosition().toPoint()
            target = watched.childAt(watched.mapFromGlobal(point)) or watched
        else:
            target = watched
        # An ignored press travels up to the parents, and a touch comes back as a mouse press:
        # one finger on the glass is one tap.
        key = (int(getattr(event, "timestamp", lambda: 0)()), id(target))
        chart_id = self._chart_of(target)
        if chart_id is None or key[0] == self._last_tap:
            return False
        self._last_tap = key[0]
        self.store.record_event(self._visit.ref, "chart_tap", chart_id, self.clock.now())
        return False

    def _chart_of(self, widget: QWidget | None) -> str | None:
        # Imported here: the charts bring pyqtgraph, which the first showcase frame must not wait
        # for; by the time a visitor taps a chart it is loaded.
        from kiosk.ui.widgets.chart_view import ChartView

        while widget is not None and not isinstance(widget, ChartView):
            widget = widget.parentWidget()
        if widget is None:
            return None
        page = self.shell.visitor.stack.currentWidget()
        charts = getattr(page, "charts", [])
        chart_ids = getattr(getattr(page, "info", None), "charts", [])
        for chart_id, chart in zip(chart_ids, charts, strict=False):
            if chart is widget:
                return str(chart_id)
        return None
