"""Memory a transition frees goes back to the system: a 4K kiosk at rest does not keep the snapshots
of the slides it has shown (two 31.6 MiB images a transition) as heap it never uses again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = Path(__file__).resolve().parent / "heap_child.py"
# Half of one 4K snapshot: widgets and glyphs of the slide on screen vary by a few MiB, a kept
# snapshot does not fit under it.
TOLERANCE_MIB = 16.0


def test_rss_at_rest_stays_flat_across_4k_transitions() -> None:
    done = subprocess.run(
        [sys.executable, str(CHILD)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    )
    at_rest = json.loads(done.stdout.strip().splitlines()[-1])["rss_mib_at_rest"]
    assert len(at_rest) == 6
    assert max(at_rest) - at_rest[0] <= TOLERANCE_MIB, f"RSS at rest after each fade: {at_rest} MiB"
