"""What is on the kiosk's screen: one state machine, and the only code that switches it.

States: the showcase; a visitor's pages; staff mode (the PIN pad or the panel, over whatever was on
screen, which is kept as `beneath`); a staff preview (their playlist full screen, the panel aside);
dark (the hall closed); woken (the hall closed, the showcase on for a while after a touch); the
hall's emergency message (over everything but staff mode, the closed hall included). Each
transition is one method with its guard; it alone switches the shell's stack and starts or stops the
showcase player, the visitor's idle watch and the frame driver. Other modules *request* transitions
and a request the guard refuses changes nothing (a visitor's touch while staff are in, a closing
hall while staff are in: the opening-hours guard asks again when staff leave).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedLayout, QWidget

from kiosk.content.models import VISITOR_TOPICS, Language
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.visitor.view import VisitorView

log = logging.getLogger(__name__)


class Screen(StrEnum):
    SHOWCASE = "showcase"
    VISITOR = "visitor"
    STAFF = "staff"
    PREVIEW = "preview"
    DARK = "dark"
    WOKEN = "woken"
    EMERGENCY = "emergency"


# Declared once: who keeps the screen when another wants it. Staff above the hall's emergency message
# above the closed hall above the showcase and a visit; a request from a lower level while a higher
# one holds the screen is refused.
PRIORITY: dict[Screen, int] = {
    Screen.STAFF: 3,
    Screen.PREVIEW: 3,
    Screen.EMERGENCY: 2,
    Screen.DARK: 1,
    Screen.WOKEN: 0,
    Screen.VISITOR: 0,
    Screen.SHOWCASE: 0,
}

# Every transition the machine makes, for the README's diagram: (from, method, to).
TRANSITIONS: tuple[tuple[str, str, str], ...] = (
    ("showcase or woken", "visitor_arrived", "visitor"),
    ("visitor", "end_visit", "showcase or woken"),
    ("showcase or visitor or dark or woken or emergency", "staff_entered", "staff"),
    ("staff", "preview_started", "preview"),
    ("preview", "preview_ended", "staff"),
    ("staff", "staff_stepped_aside", "showcase or woken or emergency"),
    ("staff or preview", "staff_left", "what was beneath"),
    ("showcase or visitor or woken", "go_dark", "dark"),
    ("dark", "wake", "woken"),
    ("dark or woken", "hall_opened", "showcase"),
    ("showcase or woken", "restart_showcase", "showcase or woken"),
    ("showcase or visitor or dark or woken", "emergency_began", "emergency"),
    ("emergency", "emergency_ended", "dark or showcase or woken"),
)


class ScreenMachine(QObject):
    """Owns the shell's stack: which screen is current, and what runs for it."""

    # (old state, new state), after the screen has changed.
    changed = Signal(str, str)

    def __init__(
        self,
        stack: QStackedLayout,
        player: ShowcasePlayer,
        visitor: VisitorView,
        default_language: Callable[[], Language],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.stack = stack
        self.player = player
        self.visitor = visitor
        self.default_language = default_language
        # Staff mode's PIN pad, panel and banners, the closed note: above whatever screen is current.
        self.layers_above: list[QWidget] = []
        self.state = Screen.SHOWCASE
        # Under staff mode: the screen staff came in over, and go back to.
        self.beneath = Screen.SHOWCASE
        self.hall_closed = False
        self.dark: QWidget | None = None
        self.emergency: QWidget | None = None
        # Whether the hall's message is current for this kiosk (on screen, or under staff mode), and
        # whether it came over the dark closed hall, which it gives back when it ends.
        self.emergency_current = False
        self._emergency_over_dark = False

    # Helpers -----------------------------------------------------------------------------

    def _enter(self, new: Screen, reason: str) -> None:
        old = self.state
        self.state = new
        log.info("screen: %s -> %s (%s)", old, new, reason)
        self.changed.emit(str(old), str(new))

    def _show(self, screen: QWidget) -> None:
        """The stack raises the new screen over its siblings: the layers that belong above every
        screen (staff mode, the closed note) are raised again."""
        self.stack.setCurrentWidget(screen)
        for layer in self.layers_above:
            if layer.isVisible():
                layer.raise_()

    def _play_showcase(self) -> None:
        player = self.player
        self._show(player)
        player.set_language(self.default_language())
        player.restart()

    def _open_screen(self) -> Screen:
        return Screen.WOKEN if self.hall_closed else Screen.SHOWCASE

    def use_dark_screen(self, dark: QWidget) -> None:
        """The opening-hours guard's black page, shown in the dark state."""
        self.dark = dark
        self.stack.addWidget(dark)

    def use_emergency_screen(self, emergency: QWidget) -> None:
        """The hall's message, full screen, shown in the emergency state."""
        self.emergency = emergency
        self.stack.addWidget(emergency)

    def _show_still(self, screen: QWidget) -> None:
        """A screen on which nothing moves (dark, the message): the showcase and its frames stop."""
        self.player.stop()
        self.player.context.driver.stop()
        self._show(screen)

    # Visitors ------------------------------------------------------------------------------

    def visitor_arrived(self) -> None:
        """A touch on the showcase: the visitor lands where it caught them (a topic's slide opens
        its page, with the hub behind it for Back; any other slide the hub)."""
        if self.state not in (Screen.SHOWCASE, Screen.WOKEN) or self.player.display_only:
            return
        topic = self.player.current_topic()
        self.player.stop()
        self.visitor.begin(self.default_language())
        if topic in VISITOR_TOPICS:
            self.visitor.navigate(topic)
        self._show(self.visitor)
        self._enter(Screen.VISITOR, "a visitor arrived")

    def end_visit(self) -> None:
        """The visit is over (the idle return, display-only saved)."""
        if self.state != Screen.VISITOR:
            return
        self.visitor.end()
        self._play_showcase()
        self._enter(self._open_screen(), "the visit ended")

    def restart_showcase(self) -> None:
        """A new pack: the showcase plays it now, from the start of what is scheduled."""
        if self.state in (Screen.SHOWCASE, Screen.WOKEN):
            self.player.restart()

    # Staff ---------------------------------------------------------------------------------

    def staff_entered(self) -> None:
        """The PIN pad (then the panel) over whatever is on screen; a visit pauses under it."""
        if self.state in (Screen.STAFF, Screen.PREVIEW):
            return
        self.beneath = self.state
        self.visitor.idle.stop()
        self._enter(Screen.STAFF, "staff mode opened")

    def preview_started(self) -> None:
        """Staff's playlist full screen: a visit under the panel ends, the dark page steps aside."""
        if self.state != Screen.STAFF:
            return
        if self.beneath == Screen.VISITOR:
            self.visitor.end()
            self.beneath = self._open_screen()
        self._play_showcase()
        self._enter(Screen.PREVIEW, "staff preview")

    def preview_ended(self) -> None:
        """The preview is over; staff mode goes on (back to the panel, aside, or closing next)."""
        if self.state != Screen.PREVIEW:
            return
        self.player.program.preview = None
        if self.beneath == Screen.EMERGENCY and self.emergency is not None:
            self._show_still(self.emergency)
        else:
            self._play_showcase()
        self._enter(Screen.STAFF, "preview over")

    def staff_stepped_aside(self) -> None:
        """A visitor's touch ended a preview: the screen is theirs while the panel waits aside."""
        if self.state != Screen.STAFF:
            return
        if self.beneath == Screen.EMERGENCY and self.emergency is not None:
            self._show_still(self.emergency)
        self._enter(self.beneath, "the panel waits aside")

    def staff_left(self) -> None:
        """Staff mode closed: back to what was on screen (the showcase from a visit it paused)."""
        if self.state not in (Screen.STAFF, Screen.PREVIEW):
            return
        if self.state == Screen.PREVIEW:
            self.player.program.preview = None
        beneath = self.beneath
        if beneath == Screen.DARK:
            self._enter(Screen.DARK, "staff mode closed")
            return
        if beneath == Screen.EMERGENCY and self.emergency is not None:
            self._show_still(self.emergency)
            self._enter(Screen.EMERGENCY, "staff mode closed")
            return
        if beneath == Screen.VISITOR:
            self.visitor.end()
        self._play_showcase()
        self._enter(self._open_screen(), "staff mode closed")

    # Opening hours -------------------------------------------------------------------------

    def may_go_dark(self) -> bool:
        """Staff keep the screen: the guard asks again when they leave."""
        return PRIORITY[self.state] <= PRIORITY[Screen.DARK] and self.dark is not None

    def go_dark(self) -> None:
        """The hall closed (or a woken kiosk went untouched): black, nothing moving."""
        if not self.may_go_dark() or self.dark is None or self.state == Screen.DARK:
            return
        self.hall_closed = True
        if self.state == Screen.VISITOR:
            self.visitor.end()
        self._show_still(self.dark)
        self._enter(Screen.DARK, "the hall is closed")

    def wake(self) -> None:
        if self.state != Screen.DARK:
            return
        self._play_showcase()
        self._enter(Screen.WOKEN, "woken by a touch")

    def hall_opened(self) -> None:
        self.hall_closed = False
        if self.beneath in (Screen.DARK, Screen.WOKEN):
            if self.state == Screen.STAFF and self.beneath == Screen.DARK:
                self._play_showcase()  # under the panel: the black page goes with the night
            self.beneath = Screen.SHOWCASE
        if self.state == Screen.DARK:
            self._play_showcase()
        if self.state in (Screen.DARK, Screen.WOKEN):
            self._enter(Screen.SHOWCASE, "the hall is open")

    # The hall's emergency message -------------------------------------------------------------

    def emergency_began(self) -> None:
        """A message for this kiosk is current: full screen over the showcase, a visit (which ends)
        and the dark closed hall; under staff mode it waits beneath and shows when staff leave."""
        self.emergency_current = True
        emergency = self.emergency
        if emergency is None or self.state == Screen.EMERGENCY:
            return
        if self.state in (Screen.STAFF, Screen.PREVIEW):
            if self.beneath == Screen.EMERGENCY:
                return
            self._emergency_over_dark = self.beneath == Screen.DARK
            if self.beneath == Screen.VISITOR:
                self.visitor.end()
            self.beneath = Screen.EMERGENCY
            if self.state == Screen.STAFF:
                self._show_still(emergency)
            return
        self._emergency_over_dark = self.state == Screen.DARK
        if self.state == Screen.VISITOR:
            self.visitor.end()
        self._show_still(emergency)
        self._enter(Screen.EMERGENCY, "the hall's emergency message")

    def emergency_ended(self) -> None:
        """The message's end time, "end now", or its file gone: back to what it covered (the dark
        closed hall, or the showcase)."""
        self.emergency_current = False
        back_to_dark = self._emergency_over_dark and self.hall_closed and self.dark is not None
        if self.state in (Screen.STAFF, Screen.PREVIEW) and self.beneath == Screen.EMERGENCY:
            self.beneath = Screen.DARK if back_to_dark else self._open_screen()
            if self.state == Screen.STAFF:
                self._show_beneath_staff()
            return
        if self.state != Screen.EMERGENCY:
            return
        if back_to_dark and self.dark is not None:
            self._show(self.dark)
            self._enter(Screen.DARK, "the emergency message ended")
            return
        self._play_showcase()
        self._enter(self._open_screen(), "the emergency message ended")

    def _show_beneath_staff(self) -> None:
        if self.beneath == Screen.DARK and self.dark is not None:
            self._show(self.dark)
        else:
            self._play_showcase()
