"""The arguments of the hall's commands: `kiosk fleet …` and the console, `kiosk hall`."""

from __future__ import annotations

import argparse

from kiosk.cli import actions
from kiosk.cli.arguments import command_group, device_address, directory
from kiosk.fleet import syncthing


def add_fleet_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fleet_commands = command_group(commands, "fleet", "a hall of kiosks: status, manifests, Syncthing")
    status = fleet_commands.add_parser(
        "status",
        help="every kiosk's status file: last seen, stale, config matching the hall, errors",
        description=(
            "Read the status files in DIR (the folder the kiosks send back) and list every kiosk: when it "
            "was last seen (stale after 5 minutes), whether its hall files match the hall folder (--hall), "
            "what it plays and its last errors. Exit 1 when any kiosk needs a look."
        ),
    )
    status.add_argument("dir", type=directory, metavar="DIR")
    status.add_argument("--hall", type=directory, metavar="HALL_DIR", help="the hall folder to compare with")
    status.add_argument("--format", choices=("table", "json"), default="table")
    status.set_defaults(func=actions.fleet_status)
    manifest = fleet_commands.add_parser(
        "manifest",
        help="write (or --check) the manifest of a unit directory, e.g. a content pack",
        description=(
            "Write DIR/manifest.json listing every file of DIR with its size and sha256, so a kiosk switches "
            "to the unit only once all of it has arrived. With --check, compare instead and exit 1 on a "
            "difference."
        ),
    )
    manifest.add_argument("dir", type=directory, metavar="DIR")
    manifest.add_argument("--unit", default="content-pack", help="what the unit is (default content-pack)")
    manifest.add_argument("--check", action="store_true", help="check DIR against its manifest")
    manifest.set_defaults(func=actions.fleet_manifest)
    config = fleet_commands.add_parser(
        "syncthing-config",
        help="print Syncthing's config.xml for the staff PC or a kiosk of the hall",
        description=syncthing.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    config.add_argument("role", choices=("staff", "kiosk"))
    config.add_argument("--this", required=True, help="this machine's device id")
    config.add_argument("--kiosk", action="append", default=[], help="a kiosk's device id (staff role)")
    config.add_argument("--staff", help="the staff PC's device id (kiosk role)")
    config.add_argument("--hall-dir", default="/home/kiosk/hall")
    config.add_argument("--status-dir", default="/home/kiosk/hall-status")
    config.add_argument(
        "--address", action="append", default=[], type=device_address, metavar="ID=tcp://HOST:PORT"
    )
    config.set_defaults(func=actions.syncthing_config, parser=config)
    hall = commands.add_parser(
        "hall",
        help="the hall console: every kiosk's state and screen, and the emergency message",
        description="A window over HALL_DIR and the status folder (default: hall-status beside HALL_DIR).",
    )
    hall.add_argument("hall_dir", type=directory, metavar="HALL_DIR")
    hall.add_argument(
        "--status", type=directory, metavar="DIR", help="the folder of the kiosks' status files"
    )
    hall.set_defaults(func=actions.hall)
