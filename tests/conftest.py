import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest

# Must run before anything imports PySide6: tests never need a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# As `kiosk keyboard` does before its application exists, so that tests can show the on-screen keyboard
# in-process (the kiosk itself runs it in a process of its own).
from kiosk.history import set_saver
from kiosk.ui.staff.keyboard.keyboard_window import enable_input_method

enable_input_method()

REPO_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = REPO_ROOT / "assets" / "content"


@pytest.fixture(autouse=True)
def saves_are_the_command_lines() -> Iterator[None]:
    """Attaching staff mode makes this process's saves the glass's (`kiosk.history.set_saver`); each
    test starts as a command would."""
    set_saver("cli")
    yield
    set_saver("cli")


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A private, editable copy of the bundled content pack."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """An empty config dir, so no test reads the settings of the machine it runs on."""
    target = tmp_path / "config"
    target.mkdir()
    return target


@pytest.fixture
def edit_json(content_dir: Path) -> Callable[[str, Callable[[Any], Any]], Path]:
    """Edit one JSON file of `content_dir`: `edit(name, change)`; `change` mutates the document in
    place (what it returns is ignored, so `lambda d: d["x"].pop("note")` works)."""

    def edit(name: str, change: Callable[[Any], Any]) -> Path:
        path = content_dir / name
        document = json.loads(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        return path

    return edit


# Long mode: the multi-hour soak, the 20000-touch monkey, the bigger fuzz and 500 power cuts.
# `pytest --long`, or KIOSK_SOAK_HOURS=H in the environment; tests marked `slow` run only then.


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--long",
        action="store_true",
        default=False,
        help="long mode: also run the tests marked slow (multi-hour soak, big monkey, fuzz, power cut)",
    )


def is_long_mode(config: pytest.Config) -> bool:
    return bool(config.getoption("--long")) or bool(os.environ.get("KIOSK_SOAK_HOURS"))


# Property tests: the same examples on every run by default, so a red CI always means a change, not a
# new random draw; long mode (or HYPOTHESIS_PROFILE=explore) draws new examples every run to find more.
hypothesis.settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis.settings.register_profile("explore", max_examples=2000)


def pytest_configure(config: pytest.Config) -> None:
    chosen = os.environ.get("HYPOTHESIS_PROFILE") or ("explore" if is_long_mode(config) else "repeatable")
    hypothesis.settings.load_profile(chosen)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if is_long_mode(config):
        return
    skip = pytest.mark.skip(reason="long mode only: run with --long or KIOSK_SOAK_HOURS=H")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


# The application with the bundled font and theme, and the bundled content pack: what `kiosk run` starts
# with. Once per test module, so that a module's changes to the application's style end with it.
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.ui.runtime.startup import Runtime, start, warm_up  # noqa: E402


@pytest.fixture(scope="module")
def runtime(qapp: QApplication) -> Runtime:
    started = start()
    warm_up()
    return started


# Staff mode: a running kiosk with staff mode attached, and where it keeps its files.
from kiosk_factory import make_kiosk  # noqa: E402, F401
from staff_helpers import locations, staff_kiosk  # noqa: E402, F401
