"""Each command's `func`: its parsed arguments as typed values for kiosk/commands.py (imported when the
command runs, so `validate --help` and `content export` stay fast and only the commands that draw
import Qt). Below this module nothing sees argparse."""

from __future__ import annotations

import argparse
import time

from kiosk.fleet import syncthing
from kiosk.ui.runtime.options import RunOptions

PROCESS_START = time.perf_counter()


def run_options(args: argparse.Namespace) -> RunOptions:
    """The `kiosk run` command line, once, as the frozen options the kiosk runs with."""
    return RunOptions(
        content=args.content,
        playlist=args.playlist,
        size=args.size,
        windowed=args.windowed,
        display_only=args.display_only,
        safe=args.safe,
        exit_after_s=args.exit_after,
        stats_json=args.stats_json,
        status_dir=args.status_dir,
        status_every_s=args.status_every,
    )


def run(args: argparse.Namespace) -> int:
    from kiosk.commands import run_command

    return run_command(run_options(args), args.config_dir, args.data_dir, PROCESS_START)


def validate(args: argparse.Namespace) -> int:
    from kiosk.commands import validate_command

    return validate_command(args.content, args.config_dir, args.release)


def export(args: argparse.Namespace) -> int:
    from kiosk.commands import export_command

    return export_command(args.content, args.format, args.out)


def import_sheet(args: argparse.Namespace) -> int:
    from kiosk.commands import import_command

    return import_command(args.content, args.sheet, args.out, args.dry_run, args.source)


def render(args: argparse.Namespace) -> int:
    from kiosk.commands import RenderOptions, render_command

    options = RenderOptions(
        args.screen,
        args.out,
        args.all,
        args.out_dir,
        args.size,
        args.lang,
        args.at,
        args.content,
        args.config_dir,
    )
    return render_command(options)


def set_pin(args: argparse.Namespace) -> int:
    from kiosk.commands import set_pin_command

    return set_pin_command(args.config_dir, args.data_dir)


def keyboard(args: argparse.Namespace) -> int:
    from kiosk.ui.runtime.keyboard_process import KeyboardOptions, keyboard_command

    options = KeyboardOptions(
        args.text, args.label, args.language, args.geometry, args.full_screen, args.check, args.typing
    )
    return keyboard_command(options)


def playlist_schema(args: argparse.Namespace) -> int:
    from kiosk.commands import playlist_schema_command

    return playlist_schema_command()


def stats(args: argparse.Namespace) -> int:
    from kiosk.commands import stats_command

    return stats_command(args.first, args.last, args.format, args.kind, args.data_dir)


def add_text(args: argparse.Namespace) -> int:
    from kiosk.commands import add_text_command
    from kiosk.ui.runtime.slide_commands import TextSlideRequest

    request = TextSlideRequest(args.template, args.zh, args.en, args.line2_zh, args.line2_en, args.id)
    return add_text_command(request, args.config_dir)


def import_image(args: argparse.Namespace) -> int:
    from kiosk.commands import import_image_command
    from kiosk.ui.runtime.slide_commands import PictureSlideRequest

    request = PictureSlideRequest(args.file, args.caption_zh, args.caption_en, args.fit or "fit", args.id)
    return import_image_command(request, args.config_dir)


def import_video(args: argparse.Namespace) -> int:
    from kiosk.commands import import_video_command
    from kiosk.ui.runtime.slide_commands import VideoSlideRequest

    request = VideoSlideRequest(args.file, args.audio, args.loops, args.seconds, args.id)
    return import_video_command(request, args.config_dir)


def slide_schema(args: argparse.Namespace) -> int:
    from kiosk.commands import slide_schema_command

    return slide_schema_command()


def fleet_status(args: argparse.Namespace) -> int:
    from kiosk.commands import fleet_status_command

    return fleet_status_command(args.dir, args.hall, args.format)


def fleet_manifest(args: argparse.Namespace) -> int:
    from kiosk.commands import fleet_manifest_command

    return fleet_manifest_command(args.dir, args.unit, args.check)


def syncthing_config(args: argparse.Namespace) -> int:
    """Syncthing's config.xml: the frozen build carries the generator, so a kiosk PC needs no Python
    of its own to configure Syncthing."""
    peers = args.kiosk if args.role == "staff" else [args.staff]
    if not peers or None in peers:
        args.parser.error("give --kiosk for the staff PC, --staff for a kiosk")
    text = syncthing.fill(
        args.role,
        args.this,
        peers,
        hall_dir=args.hall_dir,
        status_dir=args.status_dir,
        addresses=dict(args.address),
    )
    print(text)
    return 0


def hall(args: argparse.Namespace) -> int:
    from kiosk.ui.hall.app import hall_command

    return hall_command(args.hall_dir, args.status)
