"""The kiosk's one state owner: a pack switch, a technician's settings file and a staff save reach
every screen that shows or edits them, each announced once, and a staff preview is never counted as
a play visitors saw."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec
from kiosk_factory import FRIDAY_NOON, KioskUnderTest, MakeKiosk
from pytestqt.qtbot import QtBot
from staff_helpers import button, staff_page
from test_staff_and_visitor_seams import drop_pack_without

from kiosk.settings import SETTINGS_FILE, Settings
from kiosk.system.stats_report import StatsReader
from kiosk.ui.runtime.reload import reload_configuration
from kiosk.ui.staff.diagnostics_page import DiagnosticsPage
from kiosk.ui.staff.playlists_page import PlaylistsPage
from kiosk.ui.staff.settings_page import SettingsPage

SETTLE_MS = 400


def write_settings(kiosk: KioskUnderTest, settings: Settings) -> None:
    """A technician copies a settings file in."""
    (kiosk.locations.config_dir / SETTINGS_FILE).write_bytes(msgspec.json.encode(settings))


def test_after_a_hall_pack_switch_diagnostics_name_the_pack_that_plays(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(staff=True, hall=True)
    before = kiosk.shell.state.digest
    drop_pack_without(kiosk.locations.config_dir, kiosk.shell.state.pack.slides[-1].id)
    reload_configuration(kiosk.shell, kiosk.locations.config_dir)
    assert kiosk.shell.state.digest != before, "the pack switched"
    kiosk.open_staff()
    kiosk.tap(button(kiosk.staff.panel, "staff-tab-diagnostics"))
    diagnostics = staff_page(kiosk.staff, "diagnostics", DiagnosticsPage)
    shown = diagnostics.report.text()
    assert kiosk.shell.state.digest in shown and before not in shown
    assert kiosk.link is not None and kiosk.link.status().content_hash == kiosk.shell.state.digest


def test_a_technicians_settings_file_reaches_staff_mode_without_a_restart(
    make_kiosk: MakeKiosk, tmp_path: Path
) -> None:
    kiosk = make_kiosk(staff=True)
    stick_roots = [str(tmp_path / "media" / "*")]
    write_settings(kiosk, Settings(media_roots=stick_roots, idle_timeout_s=45))
    reload_configuration(kiosk.shell, kiosk.locations.config_dir)
    kiosk.open_staff()
    assert kiosk.staff.panel.context.settings.media_roots == stick_roots, "the picture picker looks there"
    kiosk.tap(button(kiosk.staff.panel, "staff-tab-settings"))
    page = staff_page(kiosk.staff, "settings", SettingsPage)
    assert page.draft.value.idle_timeout_s == 45, "the settings page starts from the settings in force"


def test_each_change_is_announced_once_to_every_follower(qtbot: QtBot, make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(staff=True)
    state = kiosk.shell.state
    heard: list[str] = []
    state.settings_changed.connect(lambda _settings: heard.append("settings"))
    state.library_changed.connect(lambda _library: heard.append("library"))
    state.pack_changed.connect(lambda _pack: heard.append("pack"))
    kiosk.open_staff()
    qtbot.wait(SETTLE_MS)  # the PIN file set up for the test has been read
    heard.clear()
    settings = staff_page(kiosk.staff, "settings", SettingsPage)
    kiosk.tap(button(kiosk.staff.panel, "staff-tab-settings"))
    kiosk.tap(button(settings, "staff-reduced_motion"))
    kiosk.tap(button(settings, "staff-save-settings"))
    qtbot.wait(SETTLE_MS * 3)  # the file events of the save arrive and settle
    assert heard == ["library", "settings"], "one reload, no pack switch"
    assert state.settings.reduced_motion
    assert kiosk.shell.player.context.reduced_motion, "the showcase follows"
    assert kiosk.shell.visitor.reduced_motion, "the visitor pages follow"


def plays(kiosk: KioskUnderTest) -> list[tuple[str, str]]:
    assert kiosk.operator is not None and kiosk.operator.recorder is not None
    kiosk.operator.recorder.store.flush()
    reader = StatsReader.for_data_dir(kiosk.locations.data_dir)
    day = FRIDAY_NOON.date()
    return [(str(row[0]), str(row[1])) for row in reader.rows("plays", day, day + dt.timedelta(days=1))]


def test_a_staff_preview_is_not_counted_as_a_play_visitors_saw(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(staff=True, operator=True)
    kiosk.open_staff()
    kiosk.tap(button(kiosk.staff.panel, "staff-tab-playlists"))
    page = staff_page(kiosk.staff, "playlists", PlaylistsPage)
    kiosk.tap(button(page, "staff-new"))
    page.add_slide(kiosk.shell.state.pack.slides[0].id)
    page.add_slide(kiosk.shell.state.pack.slides[1].id)
    kiosk.tap(button(page, "staff-preview"))
    assert kiosk.staff.previewing()
    kiosk.advance(30)  # the preview plays both slides
    kiosk.shortcut()  # staff come back to the panel, and close it
    kiosk.tap(button(kiosk.staff.panel, "staff-close"))
    kiosk.advance(60)
    recorded = plays(kiosk)
    assert recorded, "the showcase's plays before and after staff mode are recorded"
    assert all(playlist != "staff-preview" for _slide, playlist in recorded), recorded
