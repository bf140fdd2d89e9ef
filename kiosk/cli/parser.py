"""Every `kiosk` command's arguments; each parser's `func` (kiosk/cli/actions.py) runs it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import get_args

from kiosk import __version__
from kiosk.cli import actions, history
from kiosk.cli.arguments import command_group, directory, iso_date, screen_size, status_interval
from kiosk.cli.fleet_parser import add_fleet_commands
from kiosk.i18n.languages import LANGUAGES, OFFERED_TO_STAFF, TRANSLATED
from kiosk.playlist.slide_models import AUDIO_CHOICES, TEMPLATES
from kiosk.system.stats_report import Kind, Output


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Exhibition kiosk: the Hunan Xiangjiang New Area in 2023 (湖南湘江新区 2023).",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    content_options = argparse.ArgumentParser(add_help=False)
    content_options.add_argument(
        "--content",
        type=directory,
        metavar="DIR",
        help="content pack directory (default: the bundled pack)",
    )
    location_options = argparse.ArgumentParser(add_help=False)
    location_options.add_argument(
        "--config-dir",
        type=directory,
        metavar="DIR",
        help="settings, playlists, schedule, PIN (env KIOSK_CONFIG_DIR)",
    )
    location_options.add_argument(
        "--data-dir", type=directory, metavar="DIR", help="logs and analytics (env KIOSK_DATA_DIR)"
    )

    run = commands.add_parser(
        "run",
        parents=[content_options, location_options],
        help="run the kiosk (full screen, frameless)",
        description="Run the kiosk: full-screen and frameless unless --windowed.",
    )
    run.add_argument("--windowed", action="store_true", help="a normal window, for previews")
    run.add_argument(
        "--size", type=screen_size, metavar="WxH", help="window size, e.g. 1080x1920 (implies --windowed)"
    )
    run.add_argument(
        "--exit-after",
        type=float,
        metavar="SECONDS",
        help="quit cleanly with status 0 after this many seconds",
    )
    run.add_argument("--playlist", metavar="ID", help="play this playlist, whatever the schedule says")
    run.add_argument(
        "--display-only",
        action="store_true",
        help="signage mode: loop the showcase, ignore touches",
    )
    run.add_argument(
        "--safe",
        action="store_true",
        help="safe mode: bundled content and playlists, no hall or staff files; staff mode stays reachable",
    )
    run.add_argument(
        "--status-dir",
        type=directory,
        metavar="DIR",
        help="write status/<kiosk-id>.json here (default: fleet.json's status_dir, else <data dir>/status)",
    )
    run.add_argument(
        "--status-every",
        type=status_interval,
        metavar="SECONDS",
        help="how often the status file is written (default 60)",
    )
    run.add_argument(
        "--stats-json",
        type=Path,
        metavar="FILE",
        help="write start-up and frame statistics to FILE at exit",
    )
    run.set_defaults(func=actions.run)

    validate = commands.add_parser(
        "validate",
        parents=[content_options, location_options],
        help="check the content pack and the settings; exit 1 on any problem",
        description=(
            "Check the content pack (schema, references, translations, source quotes, repeated text, "
            "glyphs of the bundled font) and the settings in the config dir. Exit 0 when clean, 1 otherwise."
        ),
    )
    validate.add_argument(
        "--release",
        action="store_true",
        help="also exit 1 while a shown figure awaits the client's confirmation (the sign-off sheet's "
        "confirm column); use it on the pack that opens the hall",
    )
    validate.set_defaults(func=actions.validate)

    content_commands = command_group(commands, "content", "content pack tools")
    export = content_commands.add_parser(
        "export",
        parents=[content_options],
        help="write the sign-off sheet: every figure, its displays, source and status",
        description=(
            "Write the sign-off sheet, one row per figure: id, topic, status, value, unit, "
            "display_zh, display_en, label_zh, label_en, source, note."
        ),
    )
    export.add_argument("--format", choices=("csv", "json", "xlsx"), default="csv")
    export.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    export.set_defaults(func=actions.export)
    sheet_import = content_commands.add_parser(
        "import",
        parents=[content_options],
        help="build a content pack directory from an edited sign-off sheet (CSV or Excel)",
        description=(
            "Read a sign-off sheet a curator edited (values, units, qualifiers, labels, contexts, sources, "
            "statuses, confirm, notes), check every row, list every change, and write a complete content "
            "pack to DIR (the base pack, --content or the bundled one, with the figures changed). Nothing "
            "is written unless every row is valid. Use DIR with `kiosk run --content DIR`."
        ),
    )
    sheet_import.add_argument("sheet", type=Path, metavar="SHEET", help="the edited .csv or .xlsx sheet")
    sheet_import.add_argument(
        "--out", type=Path, metavar="DIR", required=True, help="the pack directory to write"
    )
    sheet_import.add_argument(
        "--source",
        type=Path,
        metavar="FILE",
        help="the article (UTF-8 text) the sheet's quotes come from; default: the base pack's own",
    )
    sheet_import.add_argument(
        "--dry-run", action="store_true", help="check the sheet and list the changes; write nothing"
    )
    sheet_import.set_defaults(func=actions.import_sheet)

    render = commands.add_parser(
        "render",
        parents=[content_options, location_options],
        help="render a slide to PNG, headless",
        description="Render a slide of the catalogue (or every slide with --all) to PNG at a clock time.",
    )
    render.add_argument("screen", nargs="?", metavar="SCREEN", help="a slide id from slides.json")
    render.add_argument("--out", type=Path, metavar="FILE.png")
    render.add_argument("--all", action="store_true", help="render every slide into --out-dir")
    render.add_argument("--out-dir", type=Path, metavar="DIR")
    render.add_argument(
        "--size",
        type=screen_size,
        metavar="WxH",
        help="default 1920x1080; --all without it renders 1920x1080 and 1080x1920",
    )
    render.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="default zh; --all without it renders the visitors' languages; pseudo: the test pseudo-locale",
    )
    render.add_argument(
        "--at",
        type=float,
        default=None,
        metavar="SECONDS",
        help="time since the slide appeared (default: final frame)",
    )
    render.set_defaults(func=actions.render)

    set_pin = commands.add_parser(
        "set-pin",
        parents=[location_options],
        help="set the staff PIN (asked twice; 4 to 8 digits)",
        description=(
            "Set the PIN that opens staff mode. It is asked twice and stored only as a salted scrypt "
            "hash in the config dir. Without a terminal, the two entries are read from standard input."
        ),
    )
    set_pin.set_defaults(func=actions.set_pin)

    keyboard = commands.add_parser(
        "keyboard",
        help="staff mode's on-screen keyboard (Pinyin and Latin); --check tests that it loads",
        description=(
            "The on-screen keyboard window staff mode opens for a text field, in its own process; it "
            "prints the edited text as JSON. `kiosk keyboard --check` loads it and says whether it works."
        ),
    )
    keyboard.add_argument("--text", default="", help="the text to start from")
    keyboard.add_argument("--label", default="", help="what is being edited, shown above the field")
    keyboard.add_argument("--language", choices=OFFERED_TO_STAFF, default="zh", help="staff language")
    keyboard.add_argument(
        "--typing", choices=TRANSLATED, default=None, help="the field's language: Pinyin or Latin keys first"
    )
    keyboard.add_argument("--geometry", default="", metavar="X,Y,W,H", help="where the window goes")
    keyboard.add_argument("--full-screen", action="store_true", help="full screen and frameless")
    keyboard.add_argument("--check", action="store_true", help="load the keyboard, report, and quit")
    keyboard.set_defaults(func=actions.keyboard)

    playlist_commands = command_group(commands, "playlist", "playlist tools")
    playlist_schema = playlist_commands.add_parser(
        "schema",
        help="print the JSON Schema of a playlist file",
        description="Print the JSON Schema of a playlist file, for editors and technicians.",
    )
    playlist_schema.set_defaults(func=actions.playlist_schema)
    add_fleet_commands(commands)
    add_slide_commands(commands, location_options)
    history.add_history_commands(commands, location_options)
    stats = commands.add_parser(
        "stats",
        parents=[location_options],
        help="proof-of-play and visitor statistics, or a daily summary",
        description=(
            "Print what the kiosk recorded in the data dir: --kind plays (proof of play), sessions or "
            "pages (page views with dwell time), or without --kind one summary line per day. Dates are "
            "inclusive, in the kiosk's local time; the default is today."
        ),
    )
    stats.add_argument("--from", dest="first", type=iso_date, metavar="DATE", help="first day, YYYY-MM-DD")
    stats.add_argument("--to", dest="last", type=iso_date, metavar="DATE", help="last day, YYYY-MM-DD")
    stats.add_argument("--format", choices=get_args(Output), default="table")
    stats.add_argument("--kind", choices=get_args(Kind), help="rows of one kind")
    stats.set_defaults(func=actions.stats)
    return parser


def add_slide_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], location_options: argparse.ArgumentParser
) -> None:
    slide_commands = command_group(
        commands, "slide", "staff's own slides: welcome, notice and closing texts, pictures"
    )
    add_text = slide_commands.add_parser(
        "add-text",
        parents=[location_options],
        help="make a welcome, notice or closing text slide",
        description=(
            "Make a text slide in the config dir (slides/<id>.json), with the same checks as the "
            "touchscreen editor: the text must fit the screen and every character must be in the kiosk's "
            "font. Prints the new slide's id as its last line; exit 1 with the reason when refused."
        ),
    )
    add_text.add_argument("--template", choices=TEMPLATES, required=True)
    add_text.add_argument("--zh", required=True, metavar="TEXT", help="the Chinese text (may be empty)")
    add_text.add_argument("--en", default="", metavar="TEXT", help="the English text")
    add_text.add_argument("--line2-zh", default="", metavar="TEXT", help="a second line in Chinese")
    add_text.add_argument("--line2-en", default="", metavar="TEXT", help="a second line in English")
    add_text.add_argument("--id", metavar="ID", help="the slide's id (default: from the template)")
    add_text.set_defaults(func=actions.add_text)
    import_image = slide_commands.add_parser(
        "import-image",
        parents=[location_options],
        help="make a picture (PNG, JPEG, WebP) a slide",
        description=(
            "Copy a picture into the config dir as a slide: checked (format, completeness, at most 50 "
            "megapixels), turned upright as the camera says, downscaled to the screen once. Prints the new "
            "slide's id as its last line; exit 1 with the reason when refused."
        ),
    )
    import_image.add_argument("file", type=Path, metavar="FILE")
    import_image.add_argument("--caption-zh", default="", metavar="TEXT")
    import_image.add_argument("--caption-en", default="", metavar="TEXT")
    fit = import_image.add_mutually_exclusive_group()
    fit.add_argument(
        "--fit", dest="fit", action="store_const", const="fit", help="the whole picture (default)"
    )
    fit.add_argument(
        "--fill", dest="fit", action="store_const", const="fill", help="fill the screen, cropped"
    )
    import_image.add_argument("--id", metavar="ID", help="the slide's id (default: from the file name)")
    import_image.set_defaults(func=actions.import_image)
    import_video = slide_commands.add_parser(
        "import-video",
        parents=[location_options],
        help="make a film (MP4, MOV, MKV, WebM) a slide",
        description=(
            "Copy a film into the config dir as a slide, as it is: probed first by decoding its first, "
            "tenth and last frames here (at most 4K and 4 GB, with room on the disk). Prints the new "
            "slide's id as its last line; exit 1 with the reason when refused."
        ),
    )
    import_video.add_argument("file", type=Path, metavar="FILE")
    import_video.add_argument(
        "--audio", choices=AUDIO_CHOICES, default="off", help="its sound (default: off)"
    )
    length = import_video.add_mutually_exclusive_group()
    length.add_argument("--loops", type=int, default=1, metavar="N", help="play the film N times (default 1)")
    length.add_argument("--seconds", type=float, metavar="S", help="play for S seconds, looping the film")
    import_video.add_argument("--id", metavar="ID", help="the slide's id (default: from the file name)")
    import_video.set_defaults(func=actions.import_video)
    slide_schema = slide_commands.add_parser(
        "schema",
        help="print the JSON Schema of a slide file",
        description="Print the JSON Schema of a staff slide file (slides/<id>.json).",
    )
    slide_schema.set_defaults(func=actions.slide_schema)
