"""Visitor pages built ahead, while the showcase rests, so a first visit costs what a repeat visit does.

Building a topic page (charts, story cards, timeline) takes 130-330 ms on the kiosk's hardware; on
the tap that opens it, that is a visible wait. Here each page is built at a quiet moment instead: the
showcase on screen and still (no count-up, no transition), the next slide not due for a while, and
no visitor. One page per quiet moment, from a timer, never inside an animation frame, and nothing
before the showcase's first frame.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer

from kiosk.system.process import current_rss_mib
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.visitor.view import PAGE_IDS

log = logging.getLogger(__name__)

# After the first frame, start-up's own deferred work (icon font, pyqtgraph, the hub, staff mode) goes first.
START_DELAY_MS = 1000
# Between two pages, so the event loop (a touch, a timer) gets its turn.
GAP_MS = 250
# A build must end before the next slide moves in: at most ~330 ms, with a margin.
QUIET_AHEAD_MS = 1000


@dataclass(frozen=True)
class PrebuiltPage:
    page_id: str
    build_ms: float
    rss_growth_mib: float


class PagePrebuilder(QObject):
    """Builds the visitor pages not built yet, one per quiet moment of the showcase."""

    def __init__(self, shell: ShellWindow) -> None:
        super().__init__(shell)
        self.shell = shell
        self.prebuilt: list[PrebuiltPage] = []
        self._started = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.build_next)
        shell.player.first_frame_painted.connect(self._start)
        shell.player.context.driver.rested.connect(self._soon)

    def pending(self) -> list[str]:
        return [page_id for page_id in PAGE_IDS if page_id not in self.shell.visitor.pages]

    def quiet(self) -> bool:
        """The showcase is on screen for nobody in particular, nothing moves, and no slide is due soon."""
        player = self.shell.player
        if self.shell.showing_visitor_pages() or player.display_only or player.context.driver.running:
            return False
        return player.ms_to_next_cue() >= QUIET_AHEAD_MS

    def build_next(self) -> bool:
        """Build one page if the moment is quiet; True when one was built. The next follows after a gap."""
        pending = self.pending()
        if not self._started or not pending or not self.quiet():
            return False
        page_id = pending[0]
        rss_before = current_rss_mib()
        began = time.perf_counter()
        page = self.shell.visitor.page(page_id)
        # Style sheet and layout now, not when the page is first shown.
        page.ensurePolished()
        layout = page.layout()
        if layout is not None:
            layout.activate()
        built = PrebuiltPage(page_id, (time.perf_counter() - began) * 1000.0, current_rss_mib() - rss_before)
        self.prebuilt.append(built)
        log.info(
            "visitor page %s built ahead in %.0f ms, %+.1f MiB",
            page_id,
            built.build_ms,
            built.rss_growth_mib,
        )
        if len(pending) > 1:
            self._timer.start(GAP_MS)
        return True

    def _start(self) -> None:
        self._started = True
        self._timer.start(START_DELAY_MS)

    def _soon(self) -> None:
        """An animation has just ended: try again once the last frame is on screen."""
        if self._started and self.pending() and not self._timer.isActive():
            self._timer.start(GAP_MS)
