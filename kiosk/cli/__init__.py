"""The command line: kiosk/cli/parser.py declares every command's arguments, kiosk/cli/actions.py turns
them into typed values for kiosk/commands.py."""

from __future__ import annotations

from kiosk.cli.parser import build_parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    status: int = args.func(args)
    return status
