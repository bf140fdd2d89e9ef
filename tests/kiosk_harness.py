"""What tests of the showcase and the shell share besides the kiosk factory (tests/kiosk_factory.py):
what plays, a staff playlist of every slide, and the one teardown of what a test made."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.fleet.layout import PLAYLISTS_DIR
from kiosk.playlist.sequencer import Cue
from kiosk.ui.runtime.shell import ShellWindow
from kiosk.ui.runtime.startup import Runtime
from kiosk.ui.showcase.player import ShowcasePlayer
from kiosk.ui.showcase.slide_base import SlideView


def playing(player: ShowcasePlayer) -> Cue:
    """What the showcase plays now; it has started, so there is always something."""
    assert player.cue is not None, "the showcase has started"
    return player.cue


def current_slide(player: ShowcasePlayer) -> SlideView:
    """The catalogue slide the showcase shows (the tests' loops hold no staff slides)."""
    assert isinstance(player.current, SlideView), "a catalogue slide is on screen"
    return player.current


def every_slide_playlist(runtime: Runtime, config_dir: Path, duration_s: float = 3.0) -> str:
    """A staff playlist of every catalogue slide, with every transition, saved where `kiosk run` finds it."""
    transitions = ("fade", "slide", "none")
    items = [
        {"slide": slide.id, "duration_s": duration_s, "transition": transitions[index % 3], "enabled": True}
        for index, slide in enumerate(runtime.pack.slides)
    ]
    document = {"schema_version": 1, "id": "every-slide", "name": {"zh": "全部", "en": "Everything"}}
    folder = config_dir / PLAYLISTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "every-slide.json").write_text(json.dumps({**document, "items": items}), encoding="utf-8")
    return "every-slide"


def discard(*widgets: QWidget) -> None:
    """Gone for good, now rather than at interpreter exit: a later test (the monkey's) counts the visible
    top-level windows, and a player left running would keep ticking. The one teardown for what a test made."""
    for widget in widgets:
        if isinstance(widget, ShowcasePlayer):
            widget.stop()
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def close_shell(shell: ShellWindow) -> None:
    """The orderly quit of a kiosk a test built: visitor and showcase stopped, the window closed and gone."""
    shell.player.stop()
    shell.visitor.end()
    shell.allow_close = True  # as staff mode's quit: also hands a hidden cursor back
    discard(shell)
