"""The values `kiosk`'s arguments take, checked as they are parsed, and command groups."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path


def screen_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, got {text!r}") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"size {text} is outside 200x200 to 8000x8000")
    return width, height


def status_interval(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a number of seconds, got {text!r}") from None
    if not 0.5 <= seconds <= 3600:
        raise argparse.ArgumentTypeError(f"between 0.5 and 3600 seconds, got {text}")
    return seconds


def directory(text: str) -> Path:
    return Path(text).expanduser()


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a date must look like 2024-03-05, got {text!r}") from None


def device_address(text: str) -> tuple[str, str]:
    device_id, _, address = text.partition("=")
    if not device_id or "://" not in address:
        raise argparse.ArgumentTypeError(f"give a device id and an address, ID=tcp://HOST:PORT, got {text!r}")
    return device_id, address


def command_group(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help: str
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """A command of commands (`kiosk content export`): the one chosen is in `args.<name>_command`."""
    group = commands.add_parser(name, help=help)
    return group.add_subparsers(dest=f"{name}_command", required=True, metavar="COMMAND")
