"""Power cut while staff save a playlist: the file on disk is always the old version or the new one.

A child process saves two large versions of a playlist, A and B, in turn with kiosk.storage.atomic_write
in a tight loop; the test kills it with SIGKILL at a random moment, many times over. After every kill
the playlist file decodes and equals A or B byte for byte (never empty, never a mix), its backup is
whole too, and the library loads exactly that playlist: a temp file left behind by the kill is never
taken for a playlist. (SIGKILL stops the process but not the kernel, so this shows the write is atomic
for the process; the fsyncs in atomic_write are what carry that through a real power cut.)

Long mode (`--long` or KIOSK_SOAK_HOURS) kills it 500 times.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.fleet.layout import PLAYLISTS_DIR
from kiosk.playlist.models import MAX_ITEMS, decode_playlist
from kiosk.playlist.store import load_library
from kiosk.storage import atomic_write, backup_path

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_PLAYLISTS = REPO_ROOT / "assets" / "playlists"
SEED = int(os.environ.get("KIOSK_POWER_CUT_SEED", "20230701"))

# The child saves A, B, A, B... and says "saving" once it is in the loop.
SAVER = """
import sys
from pathlib import Path
from kiosk.storage import atomic_write

target = Path(sys.argv[1])
versions = [Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()]
print("saving", flush=True)
turn = 1
while True:
    atomic_write(target, versions[turn % 2])
    turn += 1
"""


def slide_ids() -> list[str]:
    slides = json.loads((REPO_ROOT / "assets" / "content" / "slides.json").read_text(encoding="utf-8"))
    return [slide["id"] for slide in slides["slides"]]


def version(label: str, duration: float, ids: list[str]) -> bytes:
    """A playlist of the most items allowed, pretty-printed: about 200 KB, so a save takes a while."""
    items = [
        {
            "slide": ids[index % len(ids)],
            "duration_s": duration,
            "transition": ("fade", "slide", "none")[index % 3],
            "enabled": index % 7 != 3,
        }
        for index in range(MAX_ITEMS)
    ]
    document = {
        "schema_version": 1,
        "id": "mine",
        "name": {"zh": f"展厅轮播 {label}", "en": f"Hall loop {label}"},
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=24).encode("utf-8")


def power_cuts(tmp_path: Path, kills: int) -> None:
    ids = slide_ids()
    known = set(ids)
    a, b = version("A", 8.0, ids), version("B", 12.5, ids)
    assert len(a) > 200_000 and len(b) > 200_000 and a != b
    (tmp_path / "a.json").write_bytes(a)
    (tmp_path / "b.json").write_bytes(b)
    config = tmp_path / "config"
    folder = config / PLAYLISTS_DIR
    target = folder / "mine.json"
    atomic_write(target, a)
    bundled = {path.name: path.read_bytes() for path in BUNDLED_PLAYLISTS.glob("*.json")}
    expected_ids = {decode_playlist(data, name, known).id for name, data in bundled.items()} | {"mine"}
    versions = {a: "A", b: "B"}
    decoded = {data: decode_playlist(data, "mine.json", known) for data in versions}

    began = time.perf_counter()
    atomic_write(target, b)
    atomic_write(target, a)
    one_save = (time.perf_counter() - began) / 2
    rng = random.Random(SEED)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    seen: dict[str, int] = {"A": 0, "B": 0}
    temp_files_left = 0
    for kill in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(target), str(tmp_path / "a.json"), str(tmp_path / "b.json")],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "saving"
            # The moment of the cut: anywhere within the next few saves.
            time.sleep(rng.uniform(0.0, 4 * one_save))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            if child.stdout is not None:
                child.stdout.close()
        assert child.returncode == -signal.SIGKILL, f"cut {kill} (seed {SEED}): the saver ended by itself"

        where = f"after cut {kill} (seed {SEED}, cut window {4 * one_save * 1000:.1f} ms)"
        on_disk = target.read_bytes()
        assert on_disk in versions, f"{where}: the playlist is {len(on_disk)} bytes, neither A nor B"
        seen[versions[on_disk]] += 1
        assert decode_playlist(on_disk, "mine.json", known) == decoded[on_disk]
        backup = backup_path(target)
        if backup.exists():
            assert backup.read_bytes() in versions, f"{where}: the backup is torn"

        leftovers = [path for path in folder.iterdir() if path.name.endswith(".tmp")]
        temp_files_left = len(leftovers)
        library = load_library(bundled, config, known)
        assert library.problems == [], f"{where}: {library.problems}"
        assert set(library.playlists) == expected_ids, f"{where}: {sorted(library.playlists)}"
        assert library.playlists["mine"] == decoded[on_disk], f"{where}: the library plays something else"

    print(
        f"power cuts: {kills}, seed {SEED}, found A {seen['A']}x and B {seen['B']}x, "
        f"temp files left behind: {temp_files_left}"
    )
    # Both versions turn up: the cuts land while saves are under way, not only before the first.
    assert seen["A"] and seen["B"], f"seed {SEED}: every cut found the same version: {seen}"


def test_a_power_cut_never_leaves_a_torn_playlist(tmp_path: Path) -> None:
    power_cuts(tmp_path, kills=40)


@pytest.mark.slow
def test_a_power_cut_never_leaves_a_torn_playlist_long(tmp_path: Path) -> None:
    """Long mode: 500 cuts."""
    power_cuts(tmp_path, kills=500)
