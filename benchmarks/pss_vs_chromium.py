"""Memory of the kiosk beside a Chromium kiosk page showing the same first screen, in one run.

    python benchmarks/pss_vs_chromium.py [--size 1920x1080] [--settle-seconds 15] [--chromium PATH]

Starts `kiosk run` (its showcase opens on the intro title card) and Chromium in kiosk mode on an HTML
page of that card (the pack's texts, the bundled font, the theme's colours, the invitation's pill
with its halo breathing in CSS) side by side, waits `--settle-seconds`, and sums the proportional set
size (PSS, `/proc/PID/smaps_rollup`) of every process of the kiosk's tree and of Chromium's:
PSS splits shared pages between the processes that map them, so Chromium's renderer, GPU and
browser processes add up to what the browser costs. Chromium runs headless (`--headless=new`, the
browser's own code with an offscreen compositor, as the kiosk runs offscreen here) and, as root,
needs `--no-sandbox`. Debian package: `chromium`. Prints one JSON object, in MiB.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe

REPO = Path(__file__).resolve().parent.parent


def pss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii").splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no Pss line for process {pid}")


def process_tree(root: int) -> list[int]:
    """`root` and every process descended from it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting.extend(children.get(pid, []))
    return found


def first_screen_html(width: int, height: int) -> str:
    """The intro title card as a web page would show it, with the kiosk's own texts and font."""
    from kiosk.content import strings
    from kiosk.content.loader import DirectorySource, load_pack
    from kiosk.ui.style import theme

    pack = load_pack(DirectorySource(REPO / "assets" / "content"))
    topic = pack.topic("intro")
    colour = theme.TOPIC_COLOURS["intro"]
    fonts = REPO / "assets" / "fonts"
    invitation = html.escape(
        f"{pack.text(strings.SHOWCASE_INVITATION, 'zh')}  ·  {pack.text(strings.SHOWCASE_INVITATION, 'en')}"
    )
    scale = height / 1080
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><style>
@font-face {{ font-family: Kiosk; src: url("{(fonts / "NotoSansCJKsc-Regular.subset.otf").as_uri()}"); }}
@font-face {{ font-family: Kiosk; font-weight: bold;
  src: url("{(fonts / "NotoSansCJKsc-Bold.subset.otf").as_uri()}"); }}
html, body {{ margin: 0; width: {width}px; height: {height}px; overflow: hidden; cursor: none;
  background: {theme.GROUND}; color: {theme.TEXT}; font-family: Kiosk, sans-serif; }}
.slide {{ position: absolute; inset: 0; padding: {64 * scale}px;
  background: radial-gradient(circle at 92% 12%, {colour}4d 0%, {colour}12 41%, {colour}00 75%); }}
.chip {{ color: {colour}; font-weight: bold; font-size: {32 * scale}px; }}
h1 {{ font-size: {140 * scale}px; margin: {260 * scale}px 0 0; }}
.lead {{ color: {colour}; font-size: {48 * scale}px; }}
.credit {{ position: absolute; left: {64 * scale}px; bottom: {40 * scale}px; font-size: {26 * scale}px;
  color: {theme.TEXT_MUTED}; }}
.pill {{ position: absolute; right: {64 * scale}px; bottom: {34 * scale}px; padding: 0 {28 * scale}px;
  height: {72 * scale}px; line-height: {72 * scale}px; border-radius: {36 * scale}px;
  font-size: {40 * scale}px; font-weight: bold; background: {theme.GROUND_DEEP}eb;
  border: {3 * scale}px solid {theme.ACCENT}; animation: breathe 2.4s ease-in-out infinite; }}
@keyframes breathe {{ 0%, 100% {{ box-shadow: 0 0 0 0 {theme.ACCENT}57; }}
  50% {{ box-shadow: 0 0 0 {14 * scale}px {theme.ACCENT}0f; }} }}
</style></head><body><div class="slide">
<div class="chip">{html.escape(topic.title.get("zh"))}</div>
<h1>{html.escape(topic.title.get("zh"))}</h1>
<div class="lead">{html.escape(topic.subtitle.get("zh"))}</div>
<div class="credit">{html.escape(pack.text(strings.SOURCE_CREDIT, "zh"))}</div>
<div class="pill">{invitation}</div>
</div></body></html>
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--settle-seconds", type=float, default=15.0)
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    args = parser.parse_args()
    if not args.chromium:
        raise SystemExit("needs Chromium (Debian package chromium)")
    width, height = (int(part) for part in args.size.split("x"))
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["PYTHONPATH"] = str(REPO)
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "first_screen.html"
        page.write_text(first_screen_html(width, height), encoding="utf-8")
        kiosk = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk",
                "run",
                "--size",
                args.size,
                "--exit-after",
                str(args.settle_seconds + 30),
                "--config-dir",
                f"{scratch}/config",
                "--data-dir",
                f"{scratch}/data",
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        browser = subprocess.Popen(
            [
                args.chromium,
                "--headless=new",
                "--no-sandbox",
                "--kiosk",
                "--no-first-run",
                "--disable-gpu",
                f"--window-size={width},{height}",
                f"--user-data-dir={scratch}/chromium",
                page.as_uri(),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(args.settle_seconds)
            kiosk_pids = process_tree(kiosk.pid)
            kiosk_mib = sum(pss_mib(pid) for pid in kiosk_pids if Path(f"/proc/{pid}").exists())
            browser_pids = process_tree(browser.pid)
            browser_mib = sum(pss_mib(pid) for pid in browser_pids if Path(f"/proc/{pid}").exists())
        finally:
            for child in (browser, kiosk):
                child.terminate()
                child.wait(timeout=30)
    version = subprocess.run([args.chromium, "--version"], capture_output=True, text=True, check=False)
    print(
        json.dumps(
            {
                "machine": {**describe(), "size": args.size},
                "chromium": version.stdout.strip(),
                "settle_seconds": args.settle_seconds,
                "kiosk_pss_mib": round(kiosk_mib, 1),
                "kiosk_processes": len(kiosk_pids),
                "chromium_pss_mib": round(browser_mib, 1),
                "chromium_processes": len(browser_pids),
                "kiosk_to_chromium": round(kiosk_mib / browser_mib, 3),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
