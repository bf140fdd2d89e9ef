"""What `kiosk run` imports before its first frame: nothing of staff mode and no pyqtgraph. Both come
after the frame (startup.warm_up); an annotation that pulled in the staff gate cost the first frame about
1.4 s here, the staff panel's Insights charts importing pyqtgraph."""

from __future__ import annotations

import json
import os
import subprocess
import sys

IMPORT_AND_REPORT = """
import json, sys
import kiosk.ui.runtime.app
print(json.dumps(sorted(name for name in sys.modules if name.startswith(("pyqtgraph", "kiosk.ui.staff")))))
"""


def test_the_kiosk_starts_without_staff_mode_or_charts_loaded() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_AND_REPORT],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
