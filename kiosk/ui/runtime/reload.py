"""Reading playlists, schedule and settings again while the kiosk runs: on SIGHUP, when a file in
the config dir changes, and after a staff save. One path for all three."""

from __future__ import annotations

import logging
from pathlib import Path

import msgspec

from kiosk.playlist.store import load_library
from kiosk.settings import load_settings
from kiosk.ui.runtime.fleet_link import FleetLink
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.style.resources import bundled_playlists

log = logging.getLogger(__name__)


def reload_configuration(window: ShellWindow, config_dir: Path, force_display_only: bool = False) -> None:
    """SIGHUP: read the content pack, playlists, schedule and settings again; apply what can change live.

    A file refused now is reported and what it would have replaced keeps playing; refused settings
    keep the current ones. `force_display_only` is `kiosk run --display-only`, which a reload keeps.
    """
    link = FleetLink.of(window)
    if link is not None:
        link.emergency.read()  # in safe mode too: the hall's emergency message reaches every screen
    if link is not None and link.safe:
        log.info("safe mode: hall and staff files are not read; restart the kiosk to use them again")
        return
    # The pack first: the playlists are checked against the slides of the pack that will play.
    new_pack = link.next_pack() if link is not None else None
    state = window.state
    slide_ids = {slide.id for slide in (new_pack.pack if new_pack is not None else state.pack).slides}
    # Each refusal is logged; a staff file or schedule refused now keeps its last good version.
    library = load_library(
        bundled_playlists(), config_dir, slide_ids, previous=state.library, now=window.player.clock.now()
    )
    settings, problems = load_settings(config_dir)
    for problem in problems:
        log.error("settings refused, keeping the current ones: %s", problem)
    state.use_library(library)
    if not problems:
        if force_display_only:
            settings = msgspec.structs.replace(settings, display_only=True)
        state.use_settings(settings)
    if link is not None and new_pack is not None:
        # Last: the showcase restarts on the new pack with the playlists already checked against it.
        link.switch(new_pack)
    if link is not None:
        link.write_status()
    refusals = len(library.problems) + len(problems)
    if refusals:
        log.info("reloaded playlists, schedule and settings; %d refused (see above)", refusals)
    else:
        log.info("reloaded playlists, schedule and settings")
