"""Where visitors and staff meet the seams between the kiosk's parts: a preview left behind, closing
time and display-only over an open panel, a hall pack switch under the statistics and the staff
editors, a save that reloads twice, and a pointer through the "Still there?" countdown."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import msgspec
import pytest
from kiosk_factory import CORNER, FRIDAY_NOON, KioskUnderTest, MakeKiosk
from kiosk_harness import playing
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from staff_helpers import button, staff_page

from kiosk.clock import WEEKDAYS, ManualClock
from kiosk.content.models import Language
from kiosk.fleet.manifest import write_manifest
from kiosk.opening_hours import OpeningHours, OpeningPeriod
from kiosk.playlist.store import Library, load_library
from kiosk.settings import SETTINGS_FILE, Settings
from kiosk.system.stats_report import StatsReader
from kiosk.ui.runtime import reload as reload_module
from kiosk.ui.runtime.config_watch import SETTLE_MS
from kiosk.ui.runtime.reload import reload_configuration
from kiosk.ui.staff.playlists_page import PlaylistsPage
from kiosk.ui.staff.settings_page import SettingsPage

REPO = Path(__file__).resolve().parent.parent


def hours_until(closing: str, enabled: bool = True) -> OpeningHours:
    return OpeningHours(enabled=enabled, week={day: [OpeningPeriod("09:00", closing)] for day in WEEKDAYS})


def guard_state(kiosk: KioskUnderTest) -> str:
    """Read afresh each time (a plain attribute read narrows for the type checker)."""
    assert kiosk.operator is not None
    return kiosk.operator.guard.state


def start_preview(kiosk: KioskUnderTest) -> PlaylistsPage:
    """Staff build a two-slide playlist, leave it unsaved, and preview it."""
    page = staff_page(kiosk.staff, "playlists", PlaylistsPage)
    kiosk.tap(button(page, "staff-new"))
    page.add_slide("title_livelihood")
    page.add_slide("title_regional")
    kiosk.tap(button(page, "staff-preview"))
    assert playing(kiosk.shell.player).playlist_id == "staff-preview"
    assert not kiosk.staff.panel.isVisible()
    return page


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_preview_banner_leaves_the_slides_topic_header_readable(
    make_kiosk: MakeKiosk, size: QSize, language: Language
) -> None:
    kiosk = make_kiosk(size=size, staff=True)
    kiosk.open_staff()
    kiosk.staff.panel.set_language(language)
    start_preview(kiosk)
    kiosk.advance(1.0)
    banner = kiosk.staff.banner
    assert banner.isVisible()
    on_top = QRect(banner.mapTo(kiosk.shell, QPoint(0, 0)), banner.size())
    headers = [label for label in kiosk.shell.findChildren(QLabel, "Chip") if label.isVisible()]
    assert headers, "the previewed slide shows its topic header"
    for header in headers:
        covered = QRect(header.mapTo(kiosk.shell, QPoint(0, 0)), header.size())
        assert not on_top.intersects(covered), f"the banner covers the header {header.text()!r}"


def staff_controls_reachable(kiosk: KioskUnderTest) -> bool:
    """Is any staff control on screen, on top (not buried under the showcase or the dark page)?"""
    gate = kiosk.staff
    for layer in (gate.panel, gate.pinpad):
        if layer.isVisible():
            centre = layer.mapTo(kiosk.shell, layer.rect().center())
            under = kiosk.shell.childAt(centre)
            while under is not None and under is not layer:
                under = under.parentWidget()
            if under is layer:
                return True
    return False


# A preview left behind -----------------------------------------------------------------------


def test_a_visitor_touch_ends_a_preview_and_never_opens_the_panel(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(staff=True)
    kiosk.open_staff()
    page = start_preview(kiosk)
    kiosk.advance(5)
    kiosk.tap(kiosk.staff.banner)  # the banner once said "预览中 · 轻触返回", inviting it
    assert not kiosk.staff.panel.isVisible() and not kiosk.staff.pinpad.isVisible()
    assert playing(kiosk.shell.player).playlist_id != "staff-preview", "the preview is over"
    kiosk.advance(3)
    kiosk.click(kiosk.shell)
    assert not kiosk.staff.panel.isVisible(), "nor a pointer"
    kiosk.hold_corner()
    assert kiosk.staff.panel.isVisible(), "staff's gesture within the time-out returns to the editor"
    assert page.draft is not None and page.draft.dirty, "with the unsaved playlist"


def test_after_a_preview_and_the_time_out_staff_need_the_pin_again(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(staff=True)
    kiosk.open_staff()
    start_preview(kiosk)
    kiosk.tap(kiosk.shell)
    kiosk.advance(121)
    kiosk.shortcut()
    assert kiosk.staff.pinpad.isVisible() and not kiosk.staff.panel.isVisible()


# Closing time and display-only over an open panel ----------------------------------------------


def test_closing_time_waits_until_staff_leave(make_kiosk: MakeKiosk) -> None:
    clock = ManualClock(start=dt.datetime(2024, 3, 1, 16, 59))
    kiosk = make_kiosk(
        staff=True, operator=True, clock=clock, settings=Settings(opening_hours=hours_until("17:00"))
    )
    assert kiosk.operator is not None
    kiosk.open_staff()
    kiosk.advance(60)  # past closing, within the panel's time-out
    assert kiosk.operator.guard.state == "open", "the hall goes dark only after staff leave"
    assert staff_controls_reachable(kiosk)
    kiosk.tap(button(kiosk.staff.panel, "staff-close"))
    kiosk.advance(1)
    assert guard_state(kiosk) == "dark"
    assert kiosk.shell.stack.currentWidget() is kiosk.operator.guard.dark


def test_switching_opening_hours_on_while_closed_does_not_bury_staff(make_kiosk: MakeKiosk) -> None:
    clock = ManualClock(start=dt.datetime(2024, 3, 1, 20, 0))  # a Friday evening
    kiosk = make_kiosk(staff=True, operator=True, clock=clock)
    assert kiosk.operator is not None
    kiosk.open_staff()
    settings = msgspec.structs.replace(Settings(), opening_hours=hours_until("17:00"))
    (kiosk.locations.config_dir / SETTINGS_FILE).write_bytes(msgspec.json.encode(settings))
    kiosk.staff.panel.context.apply()  # what a staff save does
    kiosk.advance(1)
    assert kiosk.operator.guard.state == "open"
    assert staff_controls_reachable(kiosk)
    kiosk.tap(button(kiosk.staff.panel, "staff-close"))
    kiosk.advance(1)
    assert guard_state(kiosk) == "dark"


def test_saving_display_only_keeps_staff_in_the_panel(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(staff=True)
    kiosk.set_pin()
    kiosk.press(CORNER)
    assert not kiosk.shell.showing_visitor_pages(), "the hold's press opens no visit"
    kiosk.advance(3.1)
    kiosk.release(CORNER)
    assert not kiosk.shell.showing_visitor_pages()
    kiosk.enter_pin()
    settings = staff_page(kiosk.staff, "settings", SettingsPage)
    kiosk.tap(button(kiosk.staff.panel, "staff-tab-settings"))
    kiosk.tap(button(settings, "staff-display_only"))
    kiosk.tap(button(settings, "staff-save-settings"))
    assert kiosk.shell.player.display_only
    assert staff_controls_reachable(kiosk), "the panel stays on top"
    kiosk.tap(button(kiosk.staff.panel, "staff-tab-playlists"))
    assert kiosk.staff.panel.page().objectName() == kiosk.staff.panel.page("playlists").objectName()


def test_a_short_touch_in_the_corner_is_still_a_visitor(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(staff=True)
    kiosk.press(CORNER)
    kiosk.advance(0.2)
    kiosk.release(CORNER)
    assert kiosk.shell.showing_visitor_pages()


# A hall pack switch ----------------------------------------------------------------------------


def drop_pack_without(config_dir: Path, slide_id: str) -> None:
    """A curator's pack copied into the config dir, one slide fewer, with its manifest."""
    staging = config_dir.parent / "staging"
    shutil.copytree(REPO / "assets" / "content", staging)
    for path in staging.glob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(document, dict) and isinstance(document.get("slides"), list):
            document["slides"] = [slide for slide in document["slides"] if slide.get("id") != slide_id]
            path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    write_manifest(staging, "content-pack")
    staging.rename(config_dir / "content")


def visit(kiosk: KioskUnderTest) -> None:
    """A visitor taps the showcase, opens a page from the hub, and leaves by the idle return."""
    kiosk.tap(kiosk.shell.player)
    hub = kiosk.shell.visitor.page("hub")
    kiosk.shell.visitor.navigate(next(iter(kiosk.shell.visitor.nav.topic_buttons)))
    assert kiosk.shell.visitor.current_page_id() != hub.page_id
    kiosk.advance(kiosk.settings.idle_timeout_s + kiosk.settings.idle_countdown_s + 2)
    assert not kiosk.shell.showing_visitor_pages()


def recorded(kiosk: KioskUnderTest) -> tuple[int, int]:
    assert kiosk.operator is not None and kiosk.operator.recorder is not None
    kiosk.operator.recorder.store.flush()
    reader = StatsReader.for_data_dir(kiosk.locations.data_dir)
    day = FRIDAY_NOON.date()
    return len(reader.rows("pages", day, day)), len(reader.rows("sessions", day, day))


def test_visits_are_recorded_after_a_hall_pack_switch(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(operator=True, hall=True)
    visit(kiosk)
    assert recorded(kiosk) == (2, 1)
    drop_pack_without(kiosk.locations.config_dir, "nothing-removed")
    reload_configuration(kiosk.shell, kiosk.locations.config_dir)
    assert kiosk.link is not None and kiosk.link.content_origin == "local", "the pack switched"
    visit(kiosk)
    assert recorded(kiosk) == (4, 2)


def test_staff_edit_against_the_pack_that_plays_after_a_switch(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(staff=True, hall=True)
    gone = kiosk.shell.player.context.pack.slides[-1].id
    kiosk.open_staff()
    page = staff_page(kiosk.staff, "playlists", PlaylistsPage)
    drop_pack_without(kiosk.locations.config_dir, gone)
    reload_configuration(kiosk.shell, kiosk.locations.config_dir)
    assert gone not in {slide.id for slide in kiosk.shell.player.context.pack.slides}
    assert gone not in kiosk.staff.panel.context.slide_ids(), "a slide the new pack dropped cannot be added"
    kiosk.tap(button(page, "staff-new"))
    catalogue = page.catalogue.slides
    listed = {catalogue.item(row).data(0x0100) for row in range(catalogue.count())}
    assert gone not in listed


# A staff save ----------------------------------------------------------------------------------


def test_a_staff_save_reloads_once(
    qtbot: QtBot, make_kiosk: MakeKiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = make_kiosk(staff=True)
    kiosk.open_staff()
    qtbot.wait(SETTLE_MS * 3)  # the PIN file set up for the test has been read
    loads: list[Library] = []
    real_load = load_library

    def counted_load(*args: Any, **kwargs: Any) -> Library:
        loads.append(real_load(*args, **kwargs))
        return loads[-1]

    monkeypatch.setattr(reload_module, "load_library", counted_load)
    settings = staff_page(kiosk.staff, "settings", SettingsPage)
    kiosk.tap(button(kiosk.staff.panel, "staff-tab-settings"))
    kiosk.tap(button(settings, "staff-reduced_motion"))
    kiosk.tap(button(settings, "staff-save-settings"))
    qtbot.wait(SETTLE_MS * 3)  # the file events of the save arrive and settle
    assert len(loads) == 1


# The "Still there?" countdown ------------------------------------------------------------------


@pytest.mark.parametrize("pointer", [False, True], ids=["finger", "pointer"])
def test_the_countdown_takes_the_dismissing_tap(make_kiosk: MakeKiosk, pointer: bool) -> None:
    kiosk = make_kiosk()
    kiosk.tap(kiosk.shell.player)
    visitor = kiosk.shell.visitor
    assert visitor.current_page_id() == "hub"
    kiosk.advance(kiosk.settings.idle_timeout_s + 1)
    assert visitor.overlay.isVisible(), "the countdown is on"
    target = visitor.nav.topic_buttons["industry"]
    (kiosk.click if pointer else kiosk.tap)(target)
    assert not visitor.overlay.isVisible(), "the tap dismissed the countdown"
    assert visitor.current_page_id() == "hub", "and went no further"
