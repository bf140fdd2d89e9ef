"""`kiosk render` loads only what the screen it renders uses: a title card needs no pyqtgraph, the
icon font is loaded when an icon is first painted; a page with icons and charts gets both, and shows them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from kiosk.ui.style import theme

RENDER_AND_REPORT = """
import json, sys
from kiosk.cli import main
status = main(["render", sys.argv[1], "--out", sys.argv[2], "--lang", "en"])
loaded = {name: name in sys.modules for name in ("pyqtgraph", "qtawesome")}
print(json.dumps({"status": status, **loaded}))
"""


def render(screen: str, out: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", RENDER_AND_REPORT, screen, str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def colours_near(image: QImage, left: int, top: int, side: int) -> set[str]:
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(left, left + side, 4)
        for y in range(top, top + side, 4)
    }


def test_a_title_card_renders_without_loading_charts(tmp_path: Path) -> None:
    out = tmp_path / "title.png"
    report = render("title_intro", out)
    assert report["status"] == 0
    assert report["pyqtgraph"] is False
    image = QImage(str(out))
    # The emblem's icon, above the title: the icon font came when it was first painted.
    assert len(colours_near(image, 90, 295, 110)) > 8


def test_a_topic_page_still_gets_its_icons_and_charts(tmp_path: Path) -> None:
    out = tmp_path / "industry.png"
    report = render("industry", out)
    assert report == {"status": 0, "pyqtgraph": True, "qtawesome": True}
    image = QImage(str(out))
    # The topic's icon, left of its title at the top: drawn in the topic's colour, not left blank.
    topic_colour = QColor(theme.TOPIC_COLOURS["industry"]).name()
    assert topic_colour in colours_near(image, 60, 50, 110)


def render_at(screen: str, size: str, out: Path) -> QImage:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "kiosk", "render", screen, "--size", size, "--out", str(out)]
    subprocess.run(command, env=env, capture_output=True, check=True, timeout=120)
    return QImage(str(out))


def test_a_4k_render_is_the_1080p_one_at_twice_the_size(tmp_path: Path) -> None:
    """Headline and source credit come from the style sheet: at 4K they must be set at 4K sizes
    too, not at the 1080p sizes left small in a twice-as-large screen."""
    full_hd = render_at("chart_industry_investment", "1920x1080", tmp_path / "hd.png")
    uhd = render_at("chart_industry_investment", "3840x2160", tmp_path / "uhd.png")
    assert uhd.size().toTuple() == (3840, 2160)
    halved = uhd.scaled(
        full_hd.size(), Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    samples = differing = 0
    for y in range(0, full_hd.height(), 2):
        for x in range(0, full_hd.width(), 2):
            ours, theirs = QColor(full_hd.pixel(x, y)), QColor(halved.pixel(x, y))
            samples += 1
            channels = zip(
                (ours.red(), ours.green(), ours.blue()),
                (theirs.red(), theirs.green(), theirs.blue()),
                strict=True,
            )
            differing += max(abs(a - b) for a, b in channels) > 96
    # Antialiased edges differ a little at any size; text laid out at the wrong size differs a lot
    # (3.9 % of the screen before the style sheet followed the size).
    assert differing / samples < 0.02
