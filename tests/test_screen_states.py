"""The kiosk as visitors and staff drive it, in random order: a hypothesis state machine over the real
shell (staff mode, opening hours, statistics, the fleet link) on a ManualClock.

Rules: visitor touches and pointer clicks anywhere, a page opened, staff's hold and Ctrl+Alt+S, right
and wrong PINs, a preview started, time passing (idle, the panel's time-out, closing and opening),
display-only switched on and off by a technician, a reload, a hall pack switch, a staff save, the
hall's emergency message arriving (for this kiosk or another) and ending (now, or its file removed).
Invariants after every step: the staff panel shows only after the PIN and within 2 minutes of a staff
touch; the screen is dark only when the hall is closed, nobody is in staff mode and it is not woken;
exactly one screen state, and the screen shows it; the visitor pages, the statistics and the staff
catalogue see the pack that plays; unsaved staff edits go only with the time-out; the emergency
message is on screen exactly while one is current for this kiosk and staff mode is not open.

Default: 200 examples, the same on every run; `--long` explores 5 000.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import hypothesis
import msgspec
import pytest
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from kiosk_factory import KioskUnderTest, MakeKiosk
from PySide6.QtCore import QPoint, QSize
from staff_helpers import button, staff_page

from kiosk.clock import WEEKDAYS, ManualClock
from kiosk.fleet.emergency import EmergencyMessage, MessageText, end_message, message_path, write_message
from kiosk.fleet.manifest import write_manifest
from kiosk.fleet.status import utc_text
from kiosk.opening_hours import OpeningHours, OpeningPeriod, is_open
from kiosk.settings import SETTINGS_FILE, Settings
from kiosk.ui.runtime.reload import reload_configuration
from kiosk.ui.runtime.screen import TRANSITIONS, Screen, ScreenMachine
from kiosk.ui.staff.gate import STAFF_IDLE_S
from kiosk.ui.staff.playlists_page import PlaylistsPage
from kiosk.ui.staff.settings_page import SettingsPage

CONTENT_DIR = Path(__file__).resolve().parent.parent / "assets" / "content"
HOURS = OpeningHours(enabled=True, week={day: [OpeningPeriod("09:00", "17:00")] for day in WEEKDAYS})
# A Friday, a minute before closing: closing (with staff in or not), a night and the next opening are
# all within reach.
START = dt.datetime(2024, 3, 1, 16, 59)
WRONG_PIN = "1357"
# The pollers look after each rule's time has passed, as they would after a busy moment: cheap enough
# for hundreds of examples, and every invariant is checked when they have looked.
POLL_STEP_S = 3600.0
# A small window, so each frame the steps paint is cheap.
SIZE = QSize(960, 540)


class KioskStates(RuleBasedStateMachine):
    """The model: when staff last entered the PIN or touched while in, and whether edits are unsaved."""

    def __init__(self, make_kiosk: MakeKiosk, pack_folder: Path) -> None:
        super().__init__()
        settings = Settings(opening_hours=HOURS, idle_timeout_s=30, idle_countdown_s=5)
        self.kiosk: KioskUnderTest = make_kiosk(
            staff=True, operator=True, hall=True, clock=ManualClock(start=START), settings=settings, size=SIZE
        )
        self.kiosk.poll_step_s = POLL_STEP_S
        self.kiosk.set_pin()
        self.pack_folder = pack_folder
        self.settings = settings
        self.last_staff_touch: float | None = None
        self.unsaved = False
        # The hall's emergency message: until when (local time, as the clock) it is current here.
        self.message_until: dt.datetime | None = None
        self.messages = 0

    # The model's bookkeeping ------------------------------------------------------------------

    def now(self) -> float:
        return self.kiosk.clock.monotonic()

    def staff_session_alive(self) -> bool:
        touched = self.last_staff_touch
        return touched is not None and self.now() - touched <= STAFF_IDLE_S

    def staff_touch(self) -> None:
        """A touch while the panel or PIN pad is up counts for staff (whoever's finger it is)."""
        gate = self.kiosk.staff
        if (gate.panel.isVisible() or gate.pinpad.isVisible()) and self.staff_session_alive():
            self.last_staff_touch = self.now()

    # Visitors ---------------------------------------------------------------------------------

    @rule(x=st.floats(0.0, 1.0), y=st.floats(0.0, 1.0))
    def visitor_touch(self, x: float, y: float) -> None:
        self.staff_touch()
        point = QPoint(round(x * (self.kiosk.shell.width() - 1)), round(y * (self.kiosk.shell.height() - 1)))
        self.kiosk.touch([point])
        self.kiosk.advance(0.3)

    @rule(x=st.floats(0.0, 1.0), y=st.floats(0.0, 1.0))
    def pointer_click(self, x: float, y: float) -> None:
        self.staff_touch()
        point = QPoint(round(x * (self.kiosk.shell.width() - 1)), round(y * (self.kiosk.shell.height() - 1)))
        self.kiosk.click_at(point)
        self.kiosk.advance(0.3)

    @precondition(lambda self: self.kiosk.shell.screens.state == Screen.VISITOR)
    @rule(topic=st.sampled_from(["industry", "innovation", "livelihood", "regional", "intro"]))
    def open_a_page(self, topic: str) -> None:
        self.kiosk.tap(self.kiosk.shell.visitor.nav.topic_buttons[topic])  # type: ignore[index]

    # Staff ------------------------------------------------------------------------------------

    @rule()
    def staff_hold(self) -> None:
        was_in = self.kiosk.staff.in_staff_mode()
        self.kiosk.hold_corner()
        if was_in and self.staff_session_alive() and self.kiosk.staff.panel.isVisible():
            self.last_staff_touch = self.now()

    @rule()
    def staff_shortcut(self) -> None:
        self.kiosk.shortcut()
        if self.kiosk.staff.panel.isVisible() and self.staff_session_alive():
            self.last_staff_touch = self.now()

    @precondition(lambda self: self.kiosk.staff.pinpad.isVisible())
    @rule(right=st.booleans())
    def enter_a_pin(self, right: bool) -> None:
        locked = self.kiosk.staff.store.locked_for_s() > 0
        self.kiosk.enter_pin() if right else self.kiosk.enter_pin(WRONG_PIN)
        if right and not locked and self.kiosk.staff.panel.isVisible():
            self.last_staff_touch = self.now()

    @precondition(lambda self: self.kiosk.staff.panel.isVisible())
    @rule()
    def start_a_preview(self) -> None:
        kiosk = self.kiosk
        self.last_staff_touch = self.now()
        kiosk.tap(button(kiosk.staff.panel, "staff-tab-playlists"))
        page = staff_page(kiosk.staff, "playlists", PlaylistsPage)
        if not page.isVisible():
            return  # the question about unsaved edits on another page is up
        kiosk.tap(button(page, "staff-new"))
        page.add_slide(kiosk.shell.state.pack.slides[0].id)
        self.last_staff_touch = self.now()
        kiosk.tap(button(page, "staff-preview"))
        self.unsaved = True

    @precondition(lambda self: self.kiosk.staff.panel.isVisible())
    @rule()
    def staff_save(self) -> None:
        kiosk = self.kiosk
        self.last_staff_touch = self.now()
        kiosk.tap(button(kiosk.staff.panel, "staff-tab-settings"))
        page = staff_page(kiosk.staff, "settings", SettingsPage)
        if not page.isVisible():
            return
        self.unsaved = False  # leaving the playlists page asked first; staff chose
        kiosk.tap(button(page, "staff-reduced_motion"))
        kiosk.tap(button(page, "staff-save-settings"))

    # Time -------------------------------------------------------------------------------------

    @rule(seconds=st.sampled_from([1.0, 10.0, 40.0, 60.0, 125.0, 600.0, 16 * 3600.0]))
    def time_passes(self, seconds: float) -> None:
        self.kiosk.advance(seconds)

    # The hall and the technician --------------------------------------------------------------

    @rule(on=st.booleans(), idle_timeout_s=st.sampled_from([20, 30, 90]))
    def display_only(self, on: bool, idle_timeout_s: int) -> None:
        """A technician copies in settings: display-only on or off, and another idle time-out."""
        self.settings = msgspec.structs.replace(self.settings, display_only=on, idle_timeout_s=idle_timeout_s)
        path = self.kiosk.locations.config_dir / SETTINGS_FILE
        path.write_bytes(msgspec.json.encode(self.settings))
        reload_configuration(self.kiosk.shell, self.kiosk.locations.config_dir)

    @rule()
    def a_reload(self) -> None:
        reload_configuration(self.kiosk.shell, self.kiosk.locations.config_dir)

    @rule()
    def hall_pack_switch(self) -> None:
        """The hall's pack arrives in the config dir, or goes (back to the bundled one)."""
        target = self.kiosk.locations.config_dir / "content"
        if target.exists():
            shutil.rmtree(target)
        else:
            shutil.copytree(self.pack_folder, target)
        reload_configuration(self.kiosk.shell, self.kiosk.locations.config_dir)

    @rule(minutes=st.sampled_from([1, 20, 90, 20 * 60]), reaches=st.sampled_from(["all", "this", "another"]))
    def an_emergency_message_arrives(self, minutes: int, reaches: str) -> None:
        """The hall writes a message (a new one replaces the last); the watcher's reload reads it."""
        kiosk = self.kiosk
        hall = kiosk.locations.config_dir / "hall"
        ends = kiosk.clock.now() + dt.timedelta(minutes=minutes)
        assert kiosk.link is not None
        kiosks = {"all": [], "this": [kiosk.link.emergency.kiosk_id], "another": ["another-kiosk"]}[reaches]
        self.messages += 1
        message = EmergencyMessage(
            id=f"message-{self.messages}",
            zh=MessageText("请有序离馆", ["请跟随工作人员指引离开展厅。"]),
            en=MessageText("Please leave the hall", ["Follow the staff to the nearest exit."]),
            kiosks=kiosks,
            ends_at=utc_text(ends.astimezone(dt.UTC)),
        )
        write_message(hall, message)
        self.message_until = ends if reaches != "another" else None
        reload_configuration(kiosk.shell, kiosk.locations.config_dir)

    @precondition(lambda self: self.messages > 0)
    @rule(removed=st.booleans())
    def the_emergency_message_ends(self, removed: bool) -> None:
        """The hall ends it now, or its file goes."""
        kiosk = self.kiosk
        hall = kiosk.locations.config_dir / "hall"
        if removed:
            message_path(hall).unlink(missing_ok=True)
        else:
            end_message(hall, kiosk.clock.now().astimezone(dt.UTC))
        self.message_until = None
        reload_configuration(kiosk.shell, kiosk.locations.config_dir)

    # Invariants -------------------------------------------------------------------------------

    @invariant()
    def the_message_shows_while_current_unless_staff_are_in(self) -> None:
        screens = self.kiosk.shell.screens
        until = self.message_until
        current = until is not None and self.kiosk.clock.now() < until
        staff_in = screens.state in (Screen.STAFF, Screen.PREVIEW)
        assert (screens.state == Screen.EMERGENCY) == (current and not staff_in), (screens.state, until)

    @invariant()
    def the_panel_only_after_the_pin_and_within_its_time_out(self) -> None:
        if self.kiosk.staff.panel.isVisible():
            assert self.staff_session_alive(), "the staff panel is up without a PIN or past its time-out"

    @invariant()
    def dark_only_when_closed_and_nobody_is_in(self) -> None:
        if self.kiosk.shell.screens.state == Screen.DARK:
            assert not is_open(HOURS, self.kiosk.clock.now()), "dark while the hall is open"
            assert not self.kiosk.staff.in_staff_mode(), "dark over staff mode"

    @invariant()
    def one_screen_state_and_the_screen_shows_it(self) -> None:
        shell, gate = self.kiosk.shell, self.kiosk.staff
        screens = shell.screens
        shown = screens.beneath if screens.state == Screen.STAFF else screens.state
        expected = {
            Screen.SHOWCASE: shell.player,
            Screen.WOKEN: shell.player,
            Screen.PREVIEW: shell.player,
            Screen.VISITOR: shell.visitor,
            Screen.DARK: screens.dark,
            Screen.EMERGENCY: screens.emergency,
        }[shown]
        assert shell.stack.currentWidget() is expected, (screens.state, screens.beneath)
        staff_up = gate.panel.isVisible() or gate.pinpad.isVisible()
        assert staff_up == (screens.state == Screen.STAFF), screens.state
        assert gate.previewing() == (screens.state == Screen.PREVIEW), screens.state
        if screens.state == Screen.PREVIEW:
            assert shell.player.program.preview is not None

    @invariant()
    def everyone_follows_the_kiosks_state(self) -> None:
        shell = self.kiosk.shell
        state = shell.state
        assert shell.player.context.pack is state.pack, "the showcase plays another pack"
        assert shell.player.program.library is state.library, "the showcase plays other playlists"
        context = self.kiosk.staff.panel.context
        assert context.pack is state.pack, "the staff catalogue edits another pack"
        assert context.settings is state.settings, "staff mode edits other settings"
        assert context.pack_digest == state.digest, "diagnostics name another pack"
        if shell.screens.state != Screen.VISITOR:
            assert shell.visitor.pack is state.pack, "the visitor pages (and their statistics) are stale"
        assert shell.visitor.idle.timer.timeout_s == state.settings.idle_timeout_s
        assert shell.player.display_only == state.settings.display_only
        assert self.kiosk.operator is not None and self.kiosk.operator.recorder is not None
        assert self.kiosk.operator.recorder.shell.visitor is shell.visitor

    @invariant()
    def unsaved_edits_go_only_with_the_time_out(self) -> None:
        if self.unsaved and self.staff_session_alive():
            page = self.kiosk.staff.panel.pages.get("playlists")
            assert isinstance(page, PlaylistsPage) and page.draft is not None and page.draft.dirty, (
                "unsaved edits discarded before the time-out"
            )
        elif self.unsaved:
            self.unsaved = False  # the time-out took them

    def teardown(self) -> None:
        self.kiosk.close()


@pytest.fixture(scope="module")
def hall_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled pack with the Home button renamed and a manifest, as a hall ships it."""
    folder = tmp_path_factory.mktemp("hall") / "content"
    shutil.copytree(CONTENT_DIR, folder)
    strings = json.loads((folder / "strings.json").read_text(encoding="utf-8"))
    strings["strings"]["nav.home"]["zh"] = "回到首页"
    (folder / "strings.json").write_text(json.dumps(strings, ensure_ascii=False), encoding="utf-8")
    write_manifest(folder, "content-pack")
    return folder


def test_the_kiosk_keeps_its_promises_whatever_visitors_and_staff_do(
    make_kiosk: MakeKiosk, hall_pack: Path, request: pytest.FixtureRequest
) -> None:
    long = bool(request.config.getoption("--long"))

    class OnThisTestsKiosks(KioskStates):
        def __init__(self) -> None:
            super().__init__(make_kiosk, hall_pack)

    run_state_machine_as_test(
        OnThisTestsKiosks,
        settings=hypothesis.settings(
            max_examples=5000 if long else 200,
            stateful_step_count=20 if long else 12,
            deadline=None,
            suppress_health_check=list(hypothesis.HealthCheck),
        ),
    )


def test_the_hall_opening_under_staff_mode_takes_the_black_page_away(make_kiosk: MakeKiosk) -> None:
    settings = Settings(opening_hours=HOURS)
    kiosk = make_kiosk(
        staff=True,
        operator=True,
        clock=ManualClock(start=dt.datetime(2024, 3, 4, 8, 59, 30)),
        settings=settings,
    )
    assert kiosk.shell.screens.state == Screen.DARK
    kiosk.set_pin()
    kiosk.shortcut()  # a keyboard: no touch wakes the black page first
    kiosk.enter_pin()
    assert str(kiosk.shell.screens.beneath) == Screen.DARK
    kiosk.advance(60)  # nine o'clock passes with the panel up, well within its time-out
    assert kiosk.shell.screens.beneath == Screen.SHOWCASE
    assert kiosk.shell.stack.currentWidget() is kiosk.shell.player, "the black page stayed under the panel"


def test_the_readme_draws_the_machine_the_code_has() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = "\n".join(f"| {before} | `{method}` | {after} |" for before, method, after in TRANSITIONS)
    assert f"| from | transition | to |\n| --- | --- | --- |\n{rows}\n" in readme
    for _before, method, _after in TRANSITIONS:
        assert callable(getattr(ScreenMachine, method)), method
