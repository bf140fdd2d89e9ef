"""What each CLI command does, wired from the layers below; kept apart from argument parsing."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from kiosk.content.export import sign_off_csv, sign_off_json
from kiosk.content.loader import ContentError, DirectorySource, Problem, load_pack
from kiosk.content.validate import font_chars_from_bytes, validate_pack
from kiosk.settings import Locations, load_settings

log = logging.getLogger("kiosk")


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)


def bundled_font_chars() -> set[int]:
    """Code points of the regular bundled font, read from the compiled resources."""
    from kiosk.ui.resources import BUNDLED_FONT_PATHS, read_resource, register_resources

    if not register_resources():
        raise RuntimeError(
            "the compiled resources kiosk/kiosk.rcc are missing; run packaging/build_resources.py"
        )
    chars: set[int] | None = None
    for path in BUNDLED_FONT_PATHS:
        font_chars = font_chars_from_bytes(read_resource(path))
        chars = font_chars if chars is None else chars & font_chars
    return chars or set()


def _load_source(content_dir: Path | None):  # type: ignore[no-untyped-def]
    if content_dir is not None:
        return DirectorySource(content_dir)
    from kiosk.ui.content_source import ResourceSource
    from kiosk.ui.resources import register_resources

    register_resources()
    return ResourceSource()


def validate_command(content_dir: Path | None, config_dir: Path | None) -> int:
    source = _load_source(content_dir)
    try:
        pack = load_pack(source)
    except ContentError as error:
        _report(error.problems)
        print(f"{len(error.problems)} problem(s) in {source.describe()}", file=sys.stderr)
        return 1
    problems = validate_pack(pack, bundled_font_chars())
    locations = Locations.resolve(config_dir=config_dir)
    _, settings_problems = load_settings(locations.config_dir)
    problems += settings_problems
    if problems:
        _report(problems)
        print(f"{len(problems)} problem(s) in {source.describe()}", file=sys.stderr)
        return 1
    shown = len(pack.shown_figures())
    print(
        f"ok: {source.describe()}: {len(pack.figures)} figures ({shown} shown, "
        f"{len(pack.figures) - shown} withheld), {len(pack.stories)} stories, {len(pack.slides)} slides"
    )
    return 0


def export_command(content_dir: Path | None, output_format: str, out: Path | None) -> int:
    source = _load_source(content_dir)
    try:
        pack = load_pack(source)
    except ContentError as error:
        _report(error.problems)
        return 1
    text = sign_off_csv(pack) if output_format == "csv" else sign_off_json(pack) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
    return 0


def render_command(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QSize

    from kiosk.system.logs import setup_logging
    from kiosk.ui.app import start, warm_up
    from kiosk.ui.qt_messages import route_qt_messages_to_log
    from kiosk.ui.render import is_page, render_page_png, render_slide_png
    from kiosk.ui.visitor import PAGE_IDS

    setup_logging(None)
    route_qt_messages_to_log()
    runtime = start(args.content)
    warm_up()
    ids = [*PAGE_IDS, *(slide.id for slide in runtime.pack.slides)]
    languages = [args.lang] if args.lang else ["zh", "en"]
    sizes = [args.size] if args.size else [(1920, 1080), (1080, 1920)]
    if args.all:
        if args.out_dir is None:
            print("error: --all needs --out-dir", file=sys.stderr)
            return 2
        targets = [
            (slide_id, language, size, args.out_dir / f"{language}-{size[0]}x{size[1]}" / f"{slide_id}.png")
            for language in languages
            for size in sizes
            for slide_id in ids
        ]
    else:
        if args.screen is None or args.out is None:
            print("error: give a SCREEN and --out FILE.png (or --all --out-dir DIR)", file=sys.stderr)
            return 2
        if args.screen not in ids:
            print(f"error: unknown screen {args.screen!r}; screens are: {', '.join(ids)}", file=sys.stderr)
            return 2
        targets = [(args.screen, args.lang or "zh", args.size or (1920, 1080), args.out)]
    for slide_id, language, size, path in targets:
        render = render_page_png if is_page(slide_id) else render_slide_png
        render(runtime, slide_id, QSize(*size), language, args.at, path)
        print(path)
    return 0


def set_pin_command(config_dir: Path | None) -> int:
    import getpass

    from kiosk.clock import SystemClock
    from kiosk.system.pin import PinError, PinStore

    if sys.stdin.isatty():
        first = getpass.getpass("New staff PIN (4-8 digits): ")
        second = getpass.getpass("The same PIN again: ")
    else:
        lines = sys.stdin.read().splitlines()
        first, second = [*lines, "", ""][:2]
    if first != second:
        print("error: the two PINs differ; nothing was changed", file=sys.stderr)
        return 1
    store = PinStore(Locations.resolve(config_dir=config_dir).config_dir, SystemClock())
    try:
        store.set_pin(first.strip())
    except PinError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"staff PIN set in {store.pin_path}")
    return 0


def playlist_schema_command() -> int:
    from kiosk.playlist.models import playlist_json_schema

    print(json.dumps(playlist_json_schema(), indent=2, ensure_ascii=False))
    return 0


def run_command(args: argparse.Namespace, process_start: float) -> int:
    from kiosk.ui.app import run_kiosk

    locations = Locations.resolve(args.config_dir, args.data_dir)
    return run_kiosk(args, locations, process_start)


def stats_command(args: argparse.Namespace) -> int:
    import datetime as dt

    from kiosk.system.stats_report import StatsReader, format_rows, format_summaries

    today = dt.date.today()
    first = args.first or args.last or today
    last = args.last or (args.first if args.first and not args.last else today)
    if args.first and not args.last:
        last = max(args.first, today)
    if last < first:
        print(f"error: --to {last} is before --from {first}", file=sys.stderr)
        return 2
    data_dir = Locations.resolve(data_dir=args.data_dir).data_dir
    reader = StatsReader.for_data_dir(data_dir)
    if args.kind is None:
        sys.stdout.write(format_summaries(reader.daily_summaries(first, last), args.format))
    else:
        sys.stdout.write(format_rows(args.kind, reader.rows(args.kind, first, last), args.format))
    return 0
