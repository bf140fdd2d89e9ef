"""`kiosk history FILE` and `kiosk restore FILE VERSION`: the kept versions of a file staff, a
technician or the hall changed, and putting one back (itself a new version). Qt-free."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from kiosk.history import KEPT_VERSIONS, restore, versioned_files, versions
from kiosk.settings import Locations


def add_history_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], location_options: argparse.ArgumentParser
) -> None:
    history = commands.add_parser(
        "history",
        parents=[location_options],
        help="the kept versions of a file (who saved it, when), or every file with versions",
        description=(
            f"The last {KEPT_VERSIONS} saved versions of a file of the config dir (settings.json, which "
            "holds the opening hours too; schedule.json; playlists/ID.json; slides/ID.json): number, "
            "when, who saved it (glass, cli, hall, copied: a file copied in by hand), size. Without "
            "FILE, every file with kept versions."
        ),
    )
    history.add_argument("file", nargs="?", metavar="FILE", help="e.g. schedule.json or playlists/hall.json")
    restore_parser = commands.add_parser(
        "restore",
        parents=[location_options],
        help="put a kept version of a file back (it becomes the newest version)",
        description="Save version VERSION of FILE again; the running kiosk takes it like a file copied in.",
    )
    restore_parser.add_argument("file", metavar="FILE", help="e.g. schedule.json or playlists/hall.json")
    restore_parser.add_argument(
        "version", type=int, metavar="VERSION", help="its number in `kiosk history FILE`"
    )
    history.set_defaults(func=history_command)
    restore_parser.set_defaults(func=history_command)


def _name(config_dir: Path, text: str) -> str:
    """FILE as named under the config dir, whether given relative to it or as a path into it."""
    path = Path(text).expanduser()
    if path.is_absolute() and path.is_relative_to(config_dir):
        return path.relative_to(config_dir).as_posix()
    return path.as_posix()


def history_command(args: argparse.Namespace) -> int:
    config_dir = Locations.resolve(config_dir=args.config_dir).config_dir
    if args.command == "restore":
        return _restore(config_dir, _name(config_dir, args.file), args.version)
    if args.file is None:
        names = versioned_files(config_dir)
        for name in names:
            print(f"{name}\t{len(versions(config_dir, name))} versions")
        if not names:
            print(f"no versions kept yet in {config_dir}")
        return 0
    name = _name(config_dir, args.file)
    kept = versions(config_dir, name)
    if not kept:
        print(f"error: no versions of {name} are kept in {config_dir}", file=sys.stderr)
        return 1
    try:
        current = hashlib.sha256((config_dir / name).read_bytes()).hexdigest()
    except FileNotFoundError:
        current = ""
    print(f"{name}: {len(kept)} versions kept (the last {KEPT_VERSIONS}), newest first")
    print("version  saved at             by      bytes  sha256")
    for version in reversed(kept):
        mark = "  (current)" if version.sha256 == current else ""
        print(
            f"{version.number:<8} {version.saved_at:<20} {version.who:<7} {len(version.data):>5}  "
            f"{version.sha256[:12]}{mark}"
        )
    return 0


def _restore(config_dir: Path, name: str, number: int) -> int:
    try:
        restored = restore(config_dir / name, number)
    except KeyError:
        print(f"error: version {number} of {name} is not kept (see `kiosk history {name}`)", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {name} could not be written ({error.strerror}); nothing changed", file=sys.stderr)
        return 1
    newest = versions(config_dir, name)[-1].number
    print(f"{name}: version {number} ({restored.who}, {restored.saved_at}) restored as version {newest}")
    return 0
