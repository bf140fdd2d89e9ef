"""What `kiosk run` was asked for on its command line, fixed for the life of the process.

The CLI builds one `RunOptions` and hands it down; nothing below the CLI sees argparse, and nothing
changes an option once the kiosk runs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RunOptions:
    content: Path | None = None
    playlist: str | None = None
    size: tuple[int, int] | None = None
    windowed: bool = False
    display_only: bool = False
    safe: bool = False
    exit_after_s: float | None = None
    stats_json: Path | None = None
    status_dir: Path | None = None
    status_every_s: float | None = None

    @property
    def kiosk_mode(self) -> bool:
        """Full screen and locked down: neither a window for previews nor a fixed benchmark size."""
        return not (self.windowed or self.size)
