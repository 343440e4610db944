"""`sodesk report KIND [--plan ID] [--from YYYY-MM] [--to YYYY-MM] [--out FILE.csv|FILE.pdf]`: the management
reports (docs/reports.md). Without --out the report is printed as a table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.reports.kinds import KINDS, TITLES


def _month(text: str) -> str:
    from app.reports.model import parse_month

    try:
        return parse_month(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(commands: argparse._SubParsersAction) -> None:
    kinds = "; ".join(f"{kind}: {TITLES[kind].lower()}" for kind in KINDS)
    report = commands.add_parser(
        "report", help="management reports: timeliness, consultation reports, outcomes, time to consult",
        description=f"Print a management report, or write it as CSV or PDF. Kinds: {kinds}.")
    report.add_argument("kind", choices=KINDS, metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    report.add_argument("--plan", metavar="ID", help="only this plan (sodesk plans list)")
    report.add_argument("--from", dest="first", type=_month, metavar="YYYY-MM", help="first month (included)")
    report.add_argument("--to", dest="last", type=_month, metavar="YYYY-MM", help="last month (included)")
    report.add_argument("--out", type=Path, metavar="FILE",
                        help="write FILE.csv (and FILE-late.csv for the listing) or FILE.pdf instead of printing")
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from app.cli import EXIT_FAILED, desk_of
    from app.services.reports import ReportNotWritten, ReportProblem

    if args.out is not None and args.out.suffix.lower() not in (".csv", ".pdf"):
        raise ReportProblem([f"--out: {args.out.name} should end in .csv or .pdf"])
    desk = desk_of(args)
    if desk.path is not None and not desk.path.exists():
        raise ReportProblem([f"--db: there is no database at {desk.path}"])
    service = desk.reports
    report = service.report(args.kind, plan=args.plan, first=args.first, last=args.last)
    if args.out is None:
        sys.stdout.write(service.text(report))
        return 0
    try:
        written = service.write(report, args.out)
    except ReportNotWritten as error:
        print(f"sodesk report: {error}", file=sys.stderr)
        return EXIT_FAILED
    for target in written:
        print(f"wrote {target}")
    return 0
