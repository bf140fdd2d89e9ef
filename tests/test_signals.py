"""Signals from the service manager: SIGTERM and SIGINT quit cleanly, SIGHUP reloads the files."""

from __future__ import annotations

import json
import logging
import signal
from pathlib import Path
from typing import Any

import pytest
from kiosk_factory import KioskUnderTest, MakeKiosk
from kiosk_harness import current_slide
from kiosk_process import KioskProcess
from PySide6.QtCore import QPoint, QSize

from kiosk.ui.runtime.reload import reload_configuration

RELOADED = "reloaded playlists, schedule and settings"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_quits_cleanly_and_sighup_reloads_first(tmp_path: Path, stop: signal.Signals) -> None:
    stats = tmp_path / "stats.json"
    with KioskProcess(tmp_path, "--stats-json", str(stats)) as kiosk:
        kiosk.wait_for_log("the showcase is on screen")
        staff = kiosk.config_dir / "playlists"
        staff.mkdir(parents=True, exist_ok=True)
        (staff / "broken.json").write_text('{"schema_version": 1, "id": "broken"}', encoding="utf-8")
        kiosk.process.send_signal(signal.SIGHUP)
        kiosk.wait_for_log(RELOADED)
        assert kiosk.process.poll() is None, "SIGHUP reloads; it does not stop the kiosk"
        kiosk.process.send_signal(stop)
        assert kiosk.process.wait(timeout=10) == 0
        log = kiosk.log_text()
    assert "refused: broken.json" in log, "the reload read the config dir again"
    assert f"{stop.name} received: quitting" in log
    assert "kiosk stopped with status 0" in log
    report = json.loads(stats.read_text(encoding="utf-8"))
    assert report["slides_shown"] >= 1 and report["first_frame_ms"] is not None, "the stats were written"


# SIGHUP's work, in process: the handler the signal relay calls ---------------------------------


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk) -> KioskUnderTest:
    return make_kiosk(size=QSize(1280, 720))


def next_cue(kiosk: KioskUnderTest) -> str:
    """Let the slide on screen play out; returns the one that follows."""
    cue = kiosk.shell.player.sequencer.cue
    assert cue is not None
    kiosk.advance(max(0.0, cue.ends_at() - kiosk.clock.monotonic()))
    view = current_slide(kiosk.shell.player)
    assert view.isVisible()
    return view.slide.id


def write(path: Path, document: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


MINE: dict[str, Any] = {
    "schema_version": 1,
    "id": "mine",
    "name": {"zh": "我的", "en": "Mine"},
    "items": [
        {"slide": "title_regional", "duration_s": 5, "transition": "none"},
        {"slide": "title_industry", "duration_s": 5, "transition": "none"},
    ],
}


def test_a_reload_plays_the_new_files_and_applies_settings_live(
    kiosk: KioskUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    shell, config_dir = kiosk.shell, kiosk.locations.config_dir
    playing = current_slide(shell.player).slide.id
    assert shell.player.sequencer.playlist.id == "full"
    write(config_dir / "playlists" / "mine.json", MINE)
    write(config_dir / "schedule.json", {"schema_version": 1, "default_playlist": "mine"})
    write(
        config_dir / "settings.json",
        {"display_only": True, "default_language": "en", "idle_timeout_s": 30, "idle_countdown_s": 5},
    )
    with caplog.at_level(logging.INFO, logger="kiosk"):
        reload_configuration(shell, config_dir)
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("reloaded")] == [RELOADED]
    assert current_slide(shell.player).slide.id == playing, "the slide on screen plays to its end"
    assert next_cue(kiosk) == "title_regional"
    assert next_cue(kiosk) == "title_industry"

    kiosk.click_at(kiosk.at(shell.player, QPoint(400, 300)))
    assert not shell.showing_visitor_pages(), "display-only now: a touch does nothing"
    assert shell.default_language() == "en"
    assert (shell.visitor.idle.timer.timeout_s, shell.visitor.idle.timer.countdown_s) == (30, 5)

    edited = {**MINE, "items": [{"slide": "title_livelihood", "duration_s": 5, "transition": "none"}]}
    write(config_dir / "playlists" / "mine.json", edited)
    reload_configuration(shell, config_dir)
    assert next_cue(kiosk) == "title_livelihood", "same playlist id, new items: the new ones play"


def play_mine_in_english(kiosk: KioskUnderTest, config_dir: Path) -> None:
    """Staff's own playlist "mine" is the default and English the language: the good state a
    reload must keep when what comes next is refused."""
    write(config_dir / "playlists" / "mine.json", MINE)
    write(config_dir / "schedule.json", {"schema_version": 1, "default_playlist": "mine"})
    write(config_dir / "settings.json", {"default_language": "en"})
    reload_configuration(kiosk.shell, config_dir)
    assert next_cue(kiosk) == "title_regional"


def test_a_reload_that_meets_broken_files_keeps_what_was_good(
    kiosk: KioskUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    shell, config_dir = kiosk.shell, kiosk.locations.config_dir
    play_mine_in_english(kiosk, config_dir)

    broken = {**MINE, "items": [{"slide": "title_intro", "duration_s": 9999999999999}]}
    write(config_dir / "playlists" / "mine.json", broken)
    (config_dir / "schedule.json").write_text("{", encoding="utf-8")
    (config_dir / "settings.json").write_text('{"idle_timeout_s": "soon"}', encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="kiosk"):
        reload_configuration(shell, config_dir)
    messages = [record.getMessage() for record in caplog.records]
    assert any("mine.json" in message and "duration_s" in message for message in messages)
    assert any("schedule.json" in message for message in messages)
    assert any("settings refused, keeping the current ones" in message for message in messages)
    assert any(message.startswith(RELOADED) and "3 refused" in message for message in messages)
    assert next_cue(kiosk) == "title_industry", "the last good 'mine' keeps playing"
    assert next_cue(kiosk) == "title_regional"
    assert shell.default_language() == "en", "refused settings keep the current ones"


def test_display_only_from_the_command_line_survives_a_reload(
    kiosk: KioskUnderTest,
) -> None:
    shell, config_dir = kiosk.shell, kiosk.locations.config_dir
    shell.player.display_only = True
    write(config_dir / "settings.json", {"display_only": False})
    reload_configuration(shell, config_dir, force_display_only=True)
    kiosk.click_at(kiosk.at(shell.player, QPoint(400, 300)))
    assert not shell.showing_visitor_pages()


def test_a_reload_that_meets_files_from_a_newer_kiosk_says_so_and_plays_on(
    kiosk: KioskUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    shell, config_dir = kiosk.shell, kiosk.locations.config_dir
    play_mine_in_english(kiosk, config_dir)

    newer = {"schema_version": 3}
    write(config_dir / "playlists" / "mine.json", {**MINE, **newer, "items": MINE["items"][:1]})
    write(config_dir / "schedule.json", {**newer, "default_playlist": "full"})
    write(config_dir / "settings.json", {**newer, "default_language": "zh"})
    with caplog.at_level(logging.INFO, logger="kiosk"):
        reload_configuration(shell, config_dir)
    refusals = [
        record.getMessage() for record in caplog.records if "written by a newer kiosk" in record.getMessage()
    ]
    assert [message.split(", $.schema_version")[0].rsplit(" ", 1)[-1] for message in refusals] == [
        "mine.json",
        "schedule.json",
        "settings.json",
    ]
    assert next_cue(kiosk) == "title_industry", "the last good 'mine' keeps playing, both slides"
    assert next_cue(kiosk) == "title_regional"
    assert shell.default_language() == "en", "refused settings keep the current ones"
