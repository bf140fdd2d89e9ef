"""What each CLI command does, wired from the layers below; kept apart from argument parsing."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.export import sign_off_csv, sign_off_json
from kiosk.content.loader import DirectorySource, PackSource, load_pack
from kiosk.content.models import ContentPack, Language
from kiosk.content.sheet import SheetError, import_sheet, read_sheet, sheet_xlsx
from kiosk.content.validate import awaiting_confirmation, validate_pack
from kiosk.documents.decoding import ContentError, Problem
from kiosk.i18n.languages import OFFERED_TO_VISITORS
from kiosk.settings import Locations, load_settings
from kiosk.storage import atomic_write, atomic_write_directory
from kiosk.ui.runtime.options import RunOptions

if TYPE_CHECKING:
    from kiosk.playlist.staff_slides import StaffSlides
    from kiosk.system.stats_report import Kind, Output
    from kiosk.ui.runtime.slide_commands import PictureSlideRequest, TextSlideRequest, VideoSlideRequest

log = logging.getLogger("kiosk")


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)


def bundled_font_chars() -> set[int]:
    """Code points of the regular bundled font, read from the compiled resources."""
    from kiosk.ui.style.resources import bundled_font_chars as from_resources

    return from_resources()


def _load_source(content_dir: Path | None) -> PackSource:
    if content_dir is not None:
        return DirectorySource(content_dir)
    from kiosk.ui.runtime.content_source import ResourceSource
    from kiosk.ui.style.resources import register_resources

    register_resources()
    return ResourceSource()


def validate_command(content_dir: Path | None, config_dir: Path | None, release: bool = False) -> int:
    """Check the pack and the settings; for a release, also refuse figures awaiting confirmation."""
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
    never_plays = _report_schedule(locations.config_dir, {slide.id for slide in pack.slides})
    if problems:
        _report(problems)
        print(f"{len(problems)} problem(s) in {source.describe()}", file=sys.stderr)
        return 1
    if never_plays:
        return 1
    awaiting = awaiting_confirmation(pack)
    if release and awaiting:
        for figure in awaiting:
            print(f"error: {figure.id}: the statistics box alone says “{figure.source}”", file=sys.stderr)
        print(
            f"not ready for release: {len(awaiting)} shown figure(s) await the client's confirmation; on the "
            "sign-off sheet the client clears each one's `confirm` cell or sets its status to withheld, "
            "then `kiosk content import` writes the pack",
            file=sys.stderr,
        )
        return 1
    shown = len(pack.shown_figures())
    print(
        f"ok: {source.describe()}: {len(pack.figures)} figures ({shown} shown, "
        f"{len(pack.figures) - shown} withheld), {len(pack.stories)} stories, {len(pack.slides)} slides"
    )
    if awaiting:
        print(
            f"note: {len(awaiting)} shown figure(s) await the client's confirmation; "
            "`kiosk validate --release` refuses the pack until the sign-off sheet confirms them:"
        )
        for figure in awaiting:
            print(f"  {figure.id}: “{figure.source}”")
    return 0


def _report_schedule(config_dir: Path, slide_ids: set[str]) -> bool:
    """Print rules of the config dir's schedule that never play or play only partly, and refused
    playlist and schedule files; True when a rule never plays or a file is refused."""
    from kiosk.playlist.coverage import report_lines
    from kiosk.playlist.store import SCHEDULE_FILE, load_library
    from kiosk.ui.style.resources import bundled_playlists

    library = load_library(
        bundled_playlists(), config_dir, slide_ids, font_chars=bundled_font_chars(), now=dt.datetime.now()
    )
    for problem in library.problems:
        print(f"error: {problem}", file=sys.stderr)
    failed = bool(library.problems)
    if not library.schedule_from_file:
        return failed
    for never, line in report_lines(library.schedule, dt.date.today()):
        print(f"{'error' if never else 'warning'}: {SCHEDULE_FILE}: {line}", file=sys.stderr)
        failed = failed or never
    return failed


def export_command(content_dir: Path | None, output_format: str, out: Path | None) -> int:
    source = _load_source(content_dir)
    try:
        pack = load_pack(source)
    except ContentError as error:
        _report(error.problems)
        return 1
    if output_format == "xlsx":
        if out is None:
            print("error: an Excel sheet needs --out FILE.xlsx", file=sys.stderr)
            return 2
        atomic_write(out, sheet_xlsx(pack), keep_backup=False)
        return 0
    text = sign_off_csv(pack) if output_format == "csv" else sign_off_json(pack) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
    return 0


def import_command(
    content_dir: Path | None, sheet_path: Path, out: Path, dry_run: bool, article_path: Path | None = None
) -> int:
    """Check an edited sheet, list its changes, then write the changed pack to `out` atomically."""
    source = _load_source(content_dir)
    try:
        article = None if article_path is None else article_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"error: {article_path}: cannot be read as UTF-8 text ({error})", file=sys.stderr)
        return 1
    try:
        rows = read_sheet(sheet_path)
        result = import_sheet(source, rows, bundled_font_chars(), article)
    except SheetError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except ContentError as error:
        _report(error.problems)
        return 1
    for change in result.changes:
        print(f"change: {change}")
    if result.problems:
        for problem in result.problems:
            print(f"error: {sheet_path.name}: {problem}", file=sys.stderr)
        print(
            f"{len(result.problems)} problem(s) in {sheet_path.name}; nothing was written",
            file=sys.stderr,
        )
        return 1
    if dry_run:
        print(f"{len(result.changes)} change(s); dry run, nothing was written")
        return 0
    if out.exists() and not (out / "pack.json").is_file() and any(out.iterdir()):
        print(f"error: {out} is not empty and is not a content pack; choose another --out", file=sys.stderr)
        return 1
    atomic_write_directory(out, result.files)
    print(f"{len(result.changes)} change(s) written to {out}; check it with `kiosk validate --content {out}`")
    return 0


@dataclass(frozen=True)
class RenderOptions:
    """What `kiosk render` was asked for: one screen to `out`, or `every` screen into `out_dir`."""

    screen: str | None = None
    out: Path | None = None
    every: bool = False
    out_dir: Path | None = None
    size: tuple[int, int] | None = None
    language: Language | None = None
    at: float | None = None
    content: Path | None = None
    config_dir: Path | None = None


def render_command(args: RenderOptions) -> int:
    from PySide6.QtCore import QSize

    from kiosk.system.logs import setup_logging
    from kiosk.ui.runtime.qt_messages import route_qt_messages_to_log
    from kiosk.ui.runtime.render import is_page, render_page_png, render_slide_png
    from kiosk.ui.runtime.startup import start
    from kiosk.ui.style.icons import registry
    from kiosk.ui.visitor.view import PAGE_IDS

    setup_logging(None)
    route_qt_messages_to_log()
    runtime = start(args.content)
    # Only what the screens rendered use: pyqtgraph comes with the charts, the icon font with an icon.
    registry().load_when_first_painted()
    staff = _staff_slides(args.config_dir, runtime.pack)
    ids = [*PAGE_IDS, *(slide.id for slide in runtime.pack.slides), *sorted(staff.slides)]
    languages: list[Language] = [args.language] if args.language else list(OFFERED_TO_VISITORS)
    sizes = [args.size] if args.size else [(1920, 1080), (1080, 1920)]
    if args.every:
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
        targets = [(args.screen, languages[0], sizes[0], args.out)]
    for slide_id, language, size, path in targets:
        if is_page(slide_id):
            render_page_png(runtime, slide_id, QSize(*size), language, args.at, path)
        elif slide_id in staff.slides:
            slide = staff.slides[slide_id]
            render_slide_png(runtime, slide, QSize(*size), language, args.at, path, staff.media.get(slide_id))
        else:
            render_slide_png(runtime, runtime.pack.slide(slide_id), QSize(*size), language, args.at, path)
        print(path)
    return 0


def _staff_slides(config_dir: Path | None, pack: ContentPack) -> StaffSlides:
    """Staff's own slides in the config dir (and the hall's layers), for `kiosk render`."""
    from kiosk.fleet.layout import resolve_fleet
    from kiosk.playlist.staff_slides import load_staff_slides

    locations = Locations.resolve(config_dir=config_dir)
    staff = load_staff_slides(resolve_fleet(locations.config_dir), {slide.id for slide in pack.slides})
    for problem in staff.problems:
        print(f"error: {problem}", file=sys.stderr)
    return staff


def slide_schema_command() -> int:
    from kiosk.playlist.slide_models import slide_json_schema

    print(json.dumps(slide_json_schema(), indent=2, ensure_ascii=False))
    return 0


def add_text_command(request: TextSlideRequest, config_dir: Path | None) -> int:
    from kiosk.ui.runtime.slide_commands import add_text_slide

    return add_text_slide(request, Locations.resolve(config_dir=config_dir).config_dir)


def import_image_command(request: PictureSlideRequest, config_dir: Path | None) -> int:
    from kiosk.ui.runtime.slide_commands import import_image_slide

    return import_image_slide(request, Locations.resolve(config_dir=config_dir).config_dir)


def import_video_command(request: VideoSlideRequest, config_dir: Path | None) -> int:
    from kiosk.ui.runtime.slide_commands import import_video_slide

    return import_video_slide(request, Locations.resolve(config_dir=config_dir).config_dir)


def set_pin_command(config_dir: Path | None, data_dir: Path | None = None) -> int:
    import getpass

    from kiosk.clock import SystemClock
    from kiosk.system.pin import MAX_PIN_DIGITS, MIN_PIN_DIGITS, PinError, PinStore

    if sys.stdin.isatty():
        first = getpass.getpass(f"New staff PIN ({MIN_PIN_DIGITS}-{MAX_PIN_DIGITS} digits): ")
        second = getpass.getpass("The same PIN again: ")
    else:
        lines = sys.stdin.read().splitlines()
        first, second = [*lines, "", ""][:2]
    if first != second:
        print("error: the two PINs differ; nothing was changed", file=sys.stderr)
        return 1
    locations = Locations.resolve(config_dir=config_dir, data_dir=data_dir)
    store = PinStore(locations.config_dir, SystemClock(), locations.data_dir)
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


def fleet_manifest_command(folder: Path, unit_name: str, check: bool) -> int:
    """`kiosk fleet manifest DIR`: write the manifest, or `check` the folder against it."""
    from kiosk.fleet.manifest import UnitNotReadyError, read_unit, write_manifest

    if not folder.is_dir():
        print(f"error: {folder} is not a folder", file=sys.stderr)
        return 2
    if check:
        try:
            unit = read_unit(folder, ())
        except UnitNotReadyError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        if not unit.has_manifest:
            print(f"error: {folder} has no manifest.json", file=sys.stderr)
            return 1
        print(f"ok: {folder}: {len(unit.files)} files match the manifest")
        return 0
    manifest = write_manifest(folder, unit_name)
    print(f"wrote {folder / 'manifest.json'}: {len(manifest.files)} files")
    return 0


def fleet_status_command(folder: Path, hall: Path | None, output_format: str) -> int:
    """`kiosk fleet status DIR`: every kiosk's status file; 1 when any needs a look."""
    from kiosk.fleet.status import fleet_report, format_json, format_table

    for given in (folder, hall):
        if given is not None and not given.is_dir():
            print(f"error: {given} is not a folder", file=sys.stderr)
            return 2
    rows = fleet_report(folder, hall, dt.datetime.now(dt.UTC))
    print(format_table(rows) if output_format == "table" else format_json(rows))
    return 0 if rows and all(row.healthy for row in rows) else 1


def run_command(
    options: RunOptions, config_dir: Path | None, data_dir: Path | None, process_start: float
) -> int:
    from kiosk.ui.runtime.app import run_kiosk

    return run_kiosk(options, Locations.resolve(config_dir, data_dir), process_start)


def stats_command(
    first: dt.date | None, last: dt.date | None, output: Output, kind: Kind | None, data_dir: Path | None
) -> int:
    from kiosk.system.stats_report import StatsReader, format_rows, format_summaries

    today = dt.date.today()
    since = first or last or today
    until = last or (first if first and not last else today)
    if first and not last:
        until = max(first, today)
    if until < since:
        print(f"error: --to {until} is before --from {since}", file=sys.stderr)
        return 2
    reader = StatsReader.for_data_dir(Locations.resolve(data_dir=data_dir).data_dir)
    if kind is None:
        sys.stdout.write(format_summaries(reader.daily_summaries(since, until), output))
    else:
        sys.stdout.write(format_rows(kind, reader.rows(kind, since, until), output))
    return 0
