"""`sodesk providers import FILE.csv` and `sodesk providers search TEXT`."""

from __future__ import annotations

import argparse
import json
import unicodedata
from pathlib import Path

from app.errors import InputProblem

TABLE_COLUMNS = ("NPI", "Name", "Specialty", "City", "Phone", "Plans")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "providers", help="the provider directory: import a CSV, search it", description=__doc__
    )
    actions = parser.add_subparsers(dest="providers_command", metavar="ACTION", required=True)

    load = actions.add_parser(
        "import",
        help="load or update the directory from a CSV file (see docs/providers-csv.md)",
        description="Load providers from a UTF-8 CSV; rows with an NPI already stored replace it. "
        "Bad rows are skipped and listed on stderr by line and column; the good rows still load.",
    )
    load.add_argument("file", metavar="FILE.csv", type=Path)
    load.set_defaults(handler=import_command)

    find = actions.add_parser(
        "search",
        help="find providers by name, organization, specialty, city, taxonomy or NPI",
        description="Every word must start a word of the provider's name, organization, specialty, city, "
        "taxonomy or NPI (accents and case ignored). An empty TEXT lists by name.",
    )
    find.add_argument("text", metavar="TEXT", nargs="?", default="")
    find.add_argument("--plan", metavar="ID", help="only providers in this plan, e.g. caloptima-medi-cal")
    find.add_argument("--taxonomy", metavar="CODE", help="only this NUCC taxonomy code, e.g. 207Q00000X")
    find.add_argument(
        "--limit", metavar="N", type=_positive, default=50, help="at most N results (default 50)"
    )
    find.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    find.set_defaults(handler=search_command)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def import_command(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, desk_of, print_skipped_and_warnings

    source = str(args.file)
    if not args.file.exists():
        raise InputProblem(["no such file"], source=source)
    desk = desk_of(args)
    try:
        report = desk.directory.import_csv(args.file)
    finally:
        desk.close()
    if report.loaded == 0:
        # Nothing usable: the file is the problem, and nothing was changed.
        raise InputProblem(report.items or ["no provider rows below the header"], source=source)
    print(
        f"{source}: {report.inserted} inserted, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.skipped} skipped"
    )
    print_skipped_and_warnings(source, report)
    return EXIT_OK


def search_command(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, desk_of

    desk = desk_of(args)
    try:
        found = desk.directory.search(args.text, plan=args.plan, taxonomy=args.taxonomy, limit=args.limit)
    finally:
        desk.close()
    if args.json:
        listed = [provider.model_dump(mode="json") for provider in found]
        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not found:
        print("No provider matches.")
        return EXIT_OK
    rows = [
        (
            provider.npi,
            provider.display_name,
            provider.specialty or "",
            provider.city or "",
            provider.phone or "",
            ", ".join(provider.plans),
        )
        for provider in found
    ]
    print(format_table(TABLE_COLUMNS, rows))
    return EXIT_OK


def display_width(text: str) -> int:
    """Terminal columns: CJK wide characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def format_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(display_width(cell) for cell in column) for column in zip(header, *rows)]

    def line(cells: tuple[str, ...]) -> str:
        padded = [cell + " " * (width - display_width(cell)) for cell, width in zip(cells, widths)]
        return "  ".join(padded).rstrip()

    return "\n".join([line(header), line(tuple("-" * width for width in widths)), *map(line, rows)])
