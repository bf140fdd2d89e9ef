"""The running kiosk in a hall, in process: a content pack dropped into the config dir switches in
whole through the one reload path, a visitor's pages change only when the showcase comes back, and
the status file says what plays."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from kiosk_factory import MakeKiosk
from PySide6.QtCore import QSize

from kiosk.fleet.manifest import write_manifest
from kiosk.settings import Locations
from kiosk.ui.runtime.fleet_link import FleetLink
from kiosk.ui.runtime.reload import reload_configuration
from kiosk.ui.runtime.shell import ShellWindow

REPO = Path(__file__).resolve().parent.parent
NEW_HOME = "回到首页"


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk) -> tuple[ShellWindow, FleetLink, Locations]:
    made = make_kiosk(hall=True, size=QSize(1280, 720))
    assert made.link is not None
    return made.shell, made.link, made.locations


def drop_pack(config_dir: Path, home_zh: str) -> None:
    """A curator's pack copied into the config dir: the Home button renamed, with its manifest."""
    staging = config_dir.parent / "staging"
    shutil.copytree(REPO / "assets" / "content", staging)
    strings = json.loads((staging / "strings.json").read_text(encoding="utf-8"))
    strings["strings"]["nav.home"]["zh"] = home_zh
    (staging / "strings.json").write_text(json.dumps(strings, ensure_ascii=False), encoding="utf-8")
    write_manifest(staging, "content-pack")
    staging.rename(config_dir / "content")


def status_file(link: FleetLink) -> dict[str, object]:
    link.write_status()
    (path,) = link.plan.status_dir.glob("*.json")
    status: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return status


def test_a_pack_in_the_config_dir_switches_in_through_the_reload(
    kiosk: tuple[ShellWindow, FleetLink, Locations],
) -> None:
    shell, link, locations = kiosk
    assert status_file(link)["content_origin"] == "bundled"
    drop_pack(locations.config_dir, NEW_HOME)
    reload_configuration(shell, locations.config_dir)
    shell.screens.visitor_arrived()
    shell.visitor.set_language("zh")
    assert shell.visitor.nav.home_button.text() == NEW_HOME
    status = status_file(link)
    assert status["content_origin"] == "local" and status["mode"] == "normal"
    assert status["now_playing"] is not None and status["screen_on"] is True


def test_a_pack_that_has_not_fully_arrived_never_shows(
    kiosk: tuple[ShellWindow, FleetLink, Locations],
) -> None:
    shell, link, locations = kiosk
    drop_pack(locations.config_dir, NEW_HOME)
    strings = locations.config_dir / "content" / "strings.json"
    strings.write_bytes(strings.read_bytes()[:-10])  # still being copied
    reload_configuration(shell, locations.config_dir)
    shell.screens.visitor_arrived()
    shell.visitor.set_language("zh")
    assert shell.visitor.nav.home_button.text() != NEW_HOME
    assert status_file(link)["content_origin"] == "bundled"


def test_a_visitor_keeps_the_pages_they_are_reading_until_the_showcase_returns(
    kiosk: tuple[ShellWindow, FleetLink, Locations],
) -> None:
    shell, _link, locations = kiosk
    shell.screens.visitor_arrived()
    shell.visitor.set_language("zh")
    reading = shell.visitor.nav.home_button.text()
    drop_pack(locations.config_dir, NEW_HOME)
    reload_configuration(shell, locations.config_dir)
    assert shell.showing_visitor_pages()
    assert shell.visitor.nav.home_button.text() == reading, "nothing changes under a visitor's finger"
    shell.screens.end_visit()
    shell.screens.visitor_arrived()
    shell.visitor.set_language("zh")
    assert shell.visitor.nav.home_button.text() == NEW_HOME


def test_today_summary_goes_into_the_status_file_through_one_injection_point(
    kiosk: tuple[ShellWindow, FleetLink, Locations],
) -> None:
    _shell, link, _locations = kiosk
    assert status_file(link)["today"] is None
    link.today_source = lambda: {"visits": 7, "slides_shown": 340}
    assert status_file(link)["today"] == {"visits": 7, "slides_shown": 340}


def test_a_pack_refused_while_running_is_in_the_status_file_until_a_good_one_arrives(
    kiosk: tuple[ShellWindow, FleetLink, Locations],
) -> None:
    shell, link, locations = kiosk
    drop_pack(locations.config_dir, NEW_HOME)
    reload_configuration(shell, locations.config_dir)
    playing = status_file(link)
    assert playing["content_origin"] == "local" and playing["refused_packs"] == []

    strings = locations.config_dir / "content" / "strings.json"
    strings.write_bytes(strings.read_bytes()[:-10])  # the next delivery, cut short
    reload_configuration(shell, locations.config_dir)
    reload_configuration(shell, locations.config_dir)
    status = status_file(link)
    assert (status["content_origin"], status["content_hash"]) == ("local", playing["content_hash"])
    refused_packs = status["refused_packs"]
    assert isinstance(refused_packs, list)
    (refused,) = refused_packs
    assert refused["origin"] == "local" and "strings.json is" in refused["reason"]

    shutil.rmtree(locations.config_dir / "content")
    drop_pack(locations.config_dir, "首页")
    reload_configuration(shell, locations.config_dir)
    status = status_file(link)
    assert status["refused_packs"] == [] and status["content_hash"] != playing["content_hash"]
