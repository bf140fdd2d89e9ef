"""The lock files (requirements/*.txt) pin what pyproject.toml asks for, within its ranges, with hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\]+)")


def _pins(lock: str) -> dict[str, Version]:
    text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
    return {
        canonicalize_name(match.group(1)): Version(match.group(2))
        for line in text.splitlines()
        if (match := _PIN.match(line))
    }


def _requirements(extra: str | None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = list(project["dependencies"])
    if extra is not None:
        names += project["optional-dependencies"][extra]
    return [Requirement(name) for name in names]


@pytest.mark.parametrize(("lock", "extra"), [("run.txt", None), ("test.txt", "test"), ("build.txt", None)])
def test_every_dependency_is_pinned_within_its_range(lock: str, extra: str | None) -> None:
    pins = _pins(lock)
    for requirement in _requirements(extra):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock} does not pin {requirement.name}: run requirements/refresh"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {name}=={pins[name]}, outside pyproject.toml's {requirement}: "
            "run requirements/refresh"
        )


@pytest.mark.parametrize("lock", ["run.txt", "test.txt", "build.txt"])
def test_every_pin_carries_hashes(lock: str) -> None:
    blocks = re.split(r"\n(?=[A-Za-z0-9._-]+==)", (ROOT / "requirements" / lock).read_text(encoding="utf-8"))
    pinned = [block for block in blocks if _PIN.match(block)]
    assert pinned
    for block in pinned:
        assert "--hash=sha256:" in block, f"{lock}: {block.splitlines()[0]} has no hash"


def test_the_build_lock_pins_pyinstaller_and_the_build_backend() -> None:
    pins = _pins("build.txt")
    assert {"pyinstaller", "setuptools", "wheel"} <= set(pins)


def test_the_build_and_test_locks_agree_on_every_shared_pin() -> None:
    """CI installs both into one environment: the build must freeze what the suite tested."""
    test, build = _pins("test.txt"), _pins("build.txt")
    differing = {
        name: (test[name], build[name]) for name in test.keys() & build.keys() if test[name] != build[name]
    }
    assert not differing, f"test.txt and build.txt differ: {differing}; run requirements/refresh"
