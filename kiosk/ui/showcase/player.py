"""The showcase player: plays cues from the sequencer, with transitions that never flash.

During a transition an overlay paints snapshots of the outgoing (and, for a slide transition, the
incoming) slide over the live one; both are painted on the navy ground, so no frame is ever blank.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetricsF, QImage, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.content import strings
from kiosk.content.models import ContentPack, Language, NotInPackError
from kiosk.content.reading import default_durations
from kiosk.i18n.languages import OFFERED_TO_VISITORS
from kiosk.playlist.program import Program
from kiosk.playlist.sequencer import Cue, Sequencer
from kiosk.playlist.store import Library
from kiosk.settings import Settings
from kiosk.timing.easing import ease_out_cubic, progress_between
from kiosk.timing.frame_stats import FrameStats
from kiosk.ui.showcase.invitation import Invitation
from kiosk.ui.showcase.kinds import build_slide
from kiosk.ui.showcase.slide_base import PlayableSlide, SlideContext
from kiosk.ui.style import theme
from kiosk.ui.style.motion import moving_region
from kiosk.ui.widgets.figure_tile import FigureTile

log = logging.getLogger(__name__)


class TransitionOverlay(QWidget):
    """Paints both slides while they change places, from snapshots taken once per transition.

    It covers the whole player and is opaque, so during a transition Qt paints only this overlay:
    the live slides, the player's ground and the invitation under it are not painted on every frame.
    The invitation, which a fade lets show through, is painted into the overlay instead.
    """

    def __init__(self, player: ShowcasePlayer) -> None:
        super().__init__(player)
        self.player = player
        self.kind = "none"
        self.old: QImage | None = None
        self.new: QImage | None = None
        self.start = 0.0
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.hide()

    def begin(self, kind: str, old: QImage, new: QImage, start: float) -> None:
        self.kind, self.old, self.new, self.start = kind, old, new, start
        self.setGeometry(self.player.rect())
        self.show()
        # Set after `show()`: polishing with the application's style sheet clears it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.raise_()

    def progress(self) -> float:
        return progress_between(self.start, theme.TRANSITION_S, self.player.clock.monotonic())

    def finish_if_done(self) -> None:
        # `isHidden()`, not `isVisible()`: under a visitor page the player is hidden, and the
        # snapshots must still go when the transition would have ended.
        if not self.isHidden() and self.progress() >= 1.0:
            self.end()

    def end(self) -> None:
        """No transition on screen, and no snapshot held (at 4K, two of 31.6 MiB)."""
        self.hide()
        self.old = self.new = None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        if self.old is None or self.new is None:
            return
        progress = self.progress()
        eased = ease_out_cubic(progress)
        painter = QPainter(self)
        if (
            self.old.deviceIndependentSize().toSize() != self.size()
            or self.new.deviceIndependentSize().toSize() != self.size()
        ):
            # Resized mid-transition: whatever the snapshots no longer cover shows the ground.
            painter.fillRect(self.rect(), theme.colour(theme.GROUND))
        if self.kind == "slide":
            width = self.width()
            painter.fillRect(
                QRectF((1.0 - eased) * width - 1, 0, 2, self.height()), theme.colour(theme.GROUND)
            )
            painter.drawImage(QPointF(-eased * width, 0), self.old)
            painter.drawImage(QPointF((1.0 - eased) * width, 0), self.new)
        else:
            painter.drawImage(QPointF(0, 0), self.new)
            invitation = self.player.cue_label
            if invitation.isVisible():
                invitation.paint_onto(painter, QPointF(invitation.pos()))
            painter.setOpacity(1.0 - eased)
            painter.drawImage(QPointF(0, 0), self.old)
        painter.end()


class ShowcasePlayer(QWidget):
    """The attract loop. Any touch or click emits `visitor_arrived` unless in display-only mode."""

    visitor_arrived = Signal()
    slide_changed = Signal(str)
    first_frame_painted = Signal()

    def __init__(
        self,
        context: SlideContext,
        program: Program,
        language: Language = "zh",
        display_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.clock = context.driver.clock
        self.program = program
        self.sequencer = Sequencer(program.playlist_at(self.clock.now()), program.fallback)
        self.language: Language = language
        self.display_only = display_only
        self.stats = FrameStats()
        self.current: PlayableSlide | None = None
        self.cue: Cue | None = None
        self.setObjectName("KioskRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.overlay = TransitionOverlay(self)
        self.cue_label = Invitation(self, self.clock, context.family)
        self.cue_label.reduced_motion = context.reduced_motion
        self.cue_label.setVisible(not display_only)
        self._next_timer = QTimer(self)
        self._next_timer.setSingleShot(True)
        self._next_timer.timeout.connect(self.poll)
        # The driver's timer must not outlive the player and tick into widgets that are gone.
        context.driver.setParent(self)
        context.driver.frame_due.connect(self._on_tick)

    # Playing -----------------------------------------------------------------------------

    def start(self) -> None:
        self.sequencer.switch(self.program.playlist_at(self.clock.now()))
        self._show(self.sequencer.start(self.clock.monotonic()))
        self.cue_label.set_animated(True)

    def current_topic(self) -> str | None:
        """The topic of the slide on screen: a visitor who touches it wants that topic."""
        if self.cue is None:
            return None
        try:
            return self.context.pack.slide(self.cue.slide).topic
        except NotInPackError:
            return None  # a staff slide belongs to no topic

    def poll(self) -> None:
        """Advance when the current cue is over; called by the timer, and by tests after moving the clock."""
        now = self.clock.monotonic()
        if self.sequencer.due(now):
            wanted = self.program.playlist_at(self.clock.now())
            # By identity: a reloaded playlist keeps its id but may have new items.
            if wanted is not self.sequencer.playlist:
                self.sequencer.switch(wanted)
            self._show(self.sequencer.advance(now))
        else:
            self._schedule_next()

    def ms_to_next_cue(self) -> int:
        """Milliseconds until the next slide is due; -1 when nothing is scheduled."""
        return self._next_timer.remainingTime() if self._next_timer.isActive() else -1

    def restart(self) -> None:
        self.start()

    def use_library(self, library: Library) -> None:
        """New playlists and schedule: the slide on screen plays to its end; the next cue comes from
        the new library."""
        self.program.reload(library)
        self.sequencer.forget_failures()

    def use_settings(self, settings: Settings) -> None:
        """The settings that change the loop live: display-only (no invitation) and reduced motion."""
        self.display_only = settings.display_only
        self.context.reduced_motion = settings.reduced_motion
        self.cue_label.reduced_motion = settings.reduced_motion
        self.cue_label.setVisible(not settings.display_only)
        # The invitation breathes only while the loop is on screen.
        self.cue_label.set_animated(self.isVisible())

    def use_pack(self, pack: ContentPack) -> None:
        """A new content pack: its slides from the next cue on, and its whole catalogue, each slide for
        its own time, as the loop that plays when no playlist can."""
        self.context.pack = pack
        self.program.use_catalogue([slide.id for slide in pack.slides], default_durations(pack))
        self.sequencer.fallback = self.program.fallback
        self.set_language(self.language)

    def stop(self) -> None:
        self._next_timer.stop()
        self.cue_label.set_animated(False)
        # A visitor who arrives mid-transition never sees its end: the showcase restarts on a new slide.
        self.overlay.end()

    def _show(self, cue: Cue) -> None:
        attempts = len(self.sequencer.active_playlist().items) + len(self.sequencer.fallback.items) + 1
        for _ in range(attempts):
            view: PlayableSlide | None = None
            try:
                # Built without a parent: a slide that fails half-way must not linger as our child.
                view = self._build(cue.slide)
                transition = self._prepare(view, cue)
                break
            except Exception as error:
                # A slide that fails to build or to enter is skipped, never a stopped showcase.
                if view is not None:
                    view.as_widget().hide()
                    view.as_widget().deleteLater()
                self.sequencer.mark_broken(cue.slide, repr(error))
                cue = self.sequencer.advance(self.clock.monotonic())
        else:
            log.critical("no slide could be built; keeping the last one on screen")
            self._schedule_next()
            return
        self._swap_to(view, cue, transition)

    def _build(self, slide_id: str) -> PlayableSlide:
        """A catalogue slide, or one staff made (`slides/*.json` in the config dir)."""
        staff = self.program.library.staff_slides
        if slide_id in staff.slides:
            return build_slide(staff.slides[slide_id], self.context, staff.media.get(slide_id))
        return build_slide(self.context.pack.slide(slide_id), self.context)

    def _prepare(self, view: PlayableSlide, cue: Cue) -> str:
        """Put the new slide under the current one and start it; returns the transition to use."""
        now = self.clock.monotonic()
        old = self.current
        widget = view.as_widget()
        widget.setParent(self)
        view.set_language(self.language)
        widget.setGeometry(self.rect())
        widget.show()
        widget.lower()
        transition = cue.transition if old is not None and not self.context.reduced_motion else "none"
        view.enter(now + (theme.TRANSITION_S if transition != "none" else 0.0))
        return transition

    def _swap_to(self, view: PlayableSlide, cue: Cue, transition: str) -> None:
        now = self.clock.monotonic()
        old = self.current
        own_length = view.duration_s()
        if own_length is not None:
            # A slide with a length of its own (a video) plays for it, whatever the playlist says.
            cue = self.sequencer.play_for(own_length)
        if transition != "none" and old is not None:
            outgoing = old.snapshot("last")
            # The leaving slide's tile pictures go before the incoming slide's are drawn: two walls' worth
            # beside two 4K snapshots is what set the loop's peak RSS.
            for tile in old.as_widget().findChildren(FigureTile):
                tile.release_picture()
            self.overlay.begin(transition, outgoing, view.snapshot("first"), now)
            self.context.driver.animate_until(now + theme.TRANSITION_S)
        if old is not None:
            old.as_widget().hide()
            old.as_widget().deleteLater()
        self.current = view
        self.cue = cue
        self.cue_label.raise_()
        self.overlay.raise_()
        self.stats.slides_shown += 1
        self.slide_changed.emit(cue.slide)
        self._schedule_next()

    def _schedule_next(self) -> None:
        if self.sequencer.cue is None:
            return
        remaining = self.sequencer.cue.ends_at() - self.clock.monotonic()
        self._next_timer.start(max(0, round(remaining * 1000)))

    # Language and geometry ---------------------------------------------------------------

    def set_language(self, language: Language) -> None:
        self.language = language
        # Every language offered, whichever the loop speaks: the visitor walking up may read any.
        pack = self.context.pack
        self.cue_label.set_texts(
            [pack.text(strings.SHOWCASE_INVITATION, other) for other in OFFERED_TO_VISITORS]
        )
        self._place_invitation(theme.Metrics.for_size(self.size()))
        if self.current is not None:
            self.current.set_language(language)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        if self.current is not None:
            self.current.as_widget().setGeometry(self.rect())
        self.overlay.setGeometry(self.rect())
        self._place_invitation(theme.Metrics.for_size(event.size()))
        super().resizeEvent(event)

    def _place_invitation(self, metrics: theme.Metrics) -> None:
        """Beside the slides' source credit, whichever language it is in, never over it."""
        caption = QFontMetricsF(theme.font(self.context.family, metrics.px(theme.CAPTION_PX)))
        pack = self.context.pack
        languages = {*OFFERED_TO_VISITORS, self.language}
        credits = [pack.text(strings.SOURCE_CREDIT, language) for language in languages]
        credits += [
            slide.credit.get(language) for slide in pack.slides if slide.credit for language in languages
        ]
        self.cue_label.reserved_left = max(caption.horizontalAdvance(credit) for credit in credits)
        self.cue_label.place(metrics)

    # Frames ------------------------------------------------------------------------------

    def _on_tick(self, now: float) -> None:
        window = self.window()
        if not window.isVisible():
            return
        began = time.perf_counter()
        if self.overlay.isVisible():
            # Opaque and over the whole player: Qt paints it alone, not the slides under it.
            self.overlay.repaint()
        elif self.current is None:
            window.repaint()
        else:
            # Only what moves is repainted: a count-up costs its digits, not the whole screen.
            region = moving_region(self.current.moving_parts(), window)
            if region.isEmpty():
                self.overlay.finish_if_done()
                return
            window.repaint(region)
        self.stats.record_frame(began, time.perf_counter())
        self.overlay.finish_if_done()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if self.stats.first_frame_at is None and self.current is not None:
            self.stats.first_frame_at = time.perf_counter()
            # Queued, so whatever is slow to load waits until this frame is on screen.
            QTimer.singleShot(0, self, self.first_frame_painted.emit)

    # Visitors ----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.TouchBegin:
            self.touched()
            event.accept()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self.touched()
        event.accept()

    def touched(self) -> None:
        if not self.display_only:
            self.visitor_arrived.emit()
