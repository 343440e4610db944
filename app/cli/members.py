"""`sodesk members import FILE` (an X12 834 or the roster CSV) and `sodesk members find TEXT`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.errors import InputProblem


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("members", help="the member roster: import the plan's eligibility file, find a member",
                                 description=__doc__)
    actions = parser.add_subparsers(dest="members_command", metavar="ACTION", required=True)
    load = actions.add_parser(
        "import", help="load or update the roster from an X12 834 or a roster CSV (docs/members-834.md, "
        "docs/members-csv.md)",
        description="Load members from the plan's 834 benefit enrollment file or a roster CSV, in one "
        "transaction: a member already on the roster (same member ID and plan) is updated, and each coverage "
        "span is kept in the member's history. Bad rows are skipped and listed on stderr by line (or segment) "
        "and field; the good rows still load.")
    load.add_argument("file", metavar="FILE", type=Path)
    load.add_argument("--plan", metavar="ID", help="the plan an 834 is from, when its payer (N1*IN) does not name "
                      "one of the desk's plans, e.g. caloptima-medi-cal")
    load.set_defaults(handler=import_command)
    find = actions.add_parser("find", help="find members by member ID or name (with --dob)",
                              description="A member ID (or its beginning), or words of the name; with --dob, "
                              "only members born that day.")
    find.add_argument("text", metavar="TEXT", nargs="?", default="")
    find.add_argument("--dob", metavar="YYYY-MM-DD", type=_day, help="date of birth")
    find.set_defaults(handler=find_command)


def _day(text: str) -> date:
    from app.storage.members import parse_date

    day = parse_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"expected a date like 1984-03-07, got {text!r}")
    return day


def import_command(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, desk_of, print_skipped_and_warnings

    if not args.file.exists():
        raise InputProblem(["no such file"], source=str(args.file))
    desk = desk_of(args)
    try:
        report = desk.members.import_file(args.file, plan=args.plan)
    finally:
        desk.close()
    source = str(args.file)
    print(f"{source}: {report.inserted} inserted, {report.updated} updated, {report.unchanged} unchanged, "
          f"{report.skipped} skipped; {report.spans_added} new coverage spans ({', '.join(report.plans)})")
    print_skipped_and_warnings(source, report)
    return EXIT_OK


def find_command(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, desk_of
    from app.cli.providers import format_table

    if not args.text.strip() and args.dob is None:
        raise InputProblem(["give a member ID, words of the name, or --dob"])
    desk = desk_of(args)
    try:
        found = desk.members.find(args.text, args.dob)
    finally:
        desk.close()
    if not found:
        print("No member matches.")
        return EXIT_OK
    rows = [(member.member_id, f"{member.last_name}, {member.first_name}", f"{member.date_of_birth:%m/%d/%Y}",
             member.plan, member.health_network or "", member.coverage_end.isoformat() if member.coverage_end
             else "open") for member in found]
    print(format_table(("Member ID", "Name", "Born", "Plan", "Health network", "Covered until"), rows))
    return EXIT_OK
