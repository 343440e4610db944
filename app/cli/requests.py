"""`sodesk requests ...`: the case file from the command line, a thin shell over CaseService."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta

from app.errors import InputProblem


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-30") from None


def _case_id(text: str) -> int:
    try:
        value = int(text.lstrip("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a request id (a number, e.g. 12)") from None
    if value < 1:
        raise argparse.ArgumentTypeError("a request id is 1 or more")
    return value


def register(commands: argparse._SubParsersAction) -> None:
    from app.domain.status import Status

    requests = commands.add_parser("requests", help="the case file: add, list, show, decide, consult, close")
    sub = requests.add_subparsers(dest="requests_command", metavar="ACTION", required=True,
                                  parser_class=commands._parser_class)

    add = sub.add_parser("add", help="validate, evaluate and store a request (JSON file, or - for stdin)")
    add.add_argument("file", metavar="FILE.json")
    add.set_defaults(handler=run_add)

    listing = sub.add_parser("list", help="open requests by next deadline")
    listing.add_argument("--status", choices=[s.value for s in Status], action="append",
                         help="only this status (repeatable)")
    listing.add_argument("--plan", metavar="ID")
    listing.add_argument("--search", metavar="TEXT", help="member last name (start of it) or member id")
    listing.add_argument("--overdue", action="store_true", help="only requests with a deadline already past")
    listing.add_argument("--due-within", type=int, metavar="DAYS", help="only deadlines within DAYS days")
    listing.add_argument("--all", action="store_true", help="include closed and withdrawn requests")
    listing.add_argument("--limit", type=int, default=100)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    show = sub.add_parser("show", help="a request with its determination, history and clocks")
    show.add_argument("id", type=_case_id)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    decide = sub.add_parser("decide", help="record the reviewer's decision")
    decide.add_argument("id", type=_case_id)
    outcome = decide.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--approve", action="store_true")
    outcome.add_argument("--modify", action="store_true", help="approved with changes (give --reason)")
    outcome.add_argument("--deny", action="store_true")
    outcome.add_argument("--pend", action="store_true", help="pended for information: the extension clock runs")
    decide.add_argument("--auth-number", metavar="N")
    decide.add_argument("--valid-from", type=_date, metavar="DATE")
    decide.add_argument("--valid-to", type=_date, metavar="DATE")
    decide.add_argument("--reason", metavar="TEXT")
    decide.add_argument("--until", type=_date, metavar="DATE", help="with --pend: new expected date (≤ 14 days more)")
    decide.set_defaults(handler=run_decide)

    consult = sub.add_parser("consult", help="record the consult, or the consultation report's arrival")
    consult.add_argument("id", type=_case_id)
    when = consult.add_mutually_exclusive_group(required=True)
    when.add_argument("--scheduled", type=_date, metavar="DATE")
    when.add_argument("--report-requested", action="store_true")
    when.add_argument("--report-received", type=_date, metavar="DATE")
    consult.add_argument("--npi", help="the professional giving the opinion (with --scheduled)")
    consult.set_defaults(handler=run_consult)

    close = sub.add_parser("close", help="close a request (after the report, or a denial)")
    close.add_argument("id", type=_case_id)
    close.set_defaults(handler=run_close)

    withdraw = sub.add_parser("withdraw", help="withdraw an open request")
    withdraw.add_argument("id", type=_case_id)
    withdraw.add_argument("--reason", required=True, metavar="TEXT")
    withdraw.set_defaults(handler=run_withdraw)


def _service(args: argparse.Namespace):
    from app.cli import desk_of

    return desk_of(args).cases


def _print_case_line(case) -> str:
    from app.domain.cases import LABELS
    from app.domain.time import format_pacific

    due = case.clocks.next_due
    plan = case.request.plan if case.request else "-"
    urgent = " URGENT" if case.request and case.request.urgent else ""
    return (f"#{case.id:<5} {LABELS[case.status]:<22} {plan:<21} {case.member_label:<28} "
            f"{format_pacific(due) if due else '-'}{urgent}")


def run_add(args: argparse.Namespace) -> int:
    from app.cli.evaluate import _read
    from app.services.evaluation import load_request_json

    text, source = _read(args.file)
    request = load_request_json(text, source)
    try:
        submitted = _service(args).submit(request)
    except InputProblem as problem:
        raise InputProblem(problem.items, source=source) from None
    for other in submitted.duplicates:
        print(f"warning: this member already has an open request: {_print_case_line(other)}", file=sys.stderr)
    print(submitted.case.id)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from app.domain.status import Status
    from app.domain.time import now_pacific
    from app.storage.cases import CaseFilter

    now = now_pacific()
    where = CaseFilter(
        statuses=tuple(Status(s) for s in args.status or ()),
        plan=args.plan,
        text=args.search,
        overdue_at=now if args.overdue else None,
        due_before=now + timedelta(days=args.due_within) if args.due_within is not None else None,
        open_only=not args.all,
    )
    cases = _service(args).find(where, limit=args.limit)
    if args.json:
        rows = [{"id": c.id, "version": c.version, "status": c.status.value, "member": c.member_label,
                 "plan": c.request.plan if c.request else None,
                 "next_due": c.clocks.next_due.isoformat() if c.clocks.next_due else None,
                 **{f"{name}_due": due.isoformat() for name, due in c.clocks.running()}} for c in cases]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return 0
    if not cases:
        print("no requests match")
        return 0
    for case in cases:
        print(_print_case_line(case))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from app.domain.cases import LABELS
    from app.domain.time import format_pacific
    from app.services.summary import determination_text

    case = _service(args).get(args.id)
    if args.json:
        sys.stdout.write(case.model_dump_json(indent=2, by_alias=True) + "\n")
        return 0
    print(f"Request #{case.id} (version {case.version}): {LABELS[case.status]}, {case.member_label}")
    running = case.clocks.running()
    print("Clocks: " + ("; ".join(f"{name} due {format_pacific(due)}" for name, due in running) or "none running"))
    if case.authorization:
        auth = case.authorization
        validity = " to ".join(str(day) for day in (auth.valid_from, auth.valid_to) if day)
        print(f"Authorization {auth.number}" + (f", valid {validity}" if validity else ""))
    if case.consult:
        print(f"Consult: {case.consult.scheduled_for} with NPI {case.consult.npi}")
    if case.determination:
        sys.stdout.write(determination_text(case.determination))
    print("History:")
    for entry in case.history:
        start = LABELS[entry.from_status] if entry.from_status else "new"
        why = f": {entry.why}" if entry.why else ""
        print(f"  {format_pacific(entry.at)}  {entry.who}  {start} -> {LABELS[entry.to_status]}{why}")
    return 0


def _done(case) -> int:
    from app.domain.cases import LABELS

    print(f"#{case.id} is now {LABELS[case.status]} (version {case.version})")
    return 0


def run_decide(args: argparse.Namespace) -> int:
    from app.services.cases import Outcome

    outcome = (Outcome.approved if args.approve else Outcome.modified if args.modify
               else Outcome.denied if args.deny else Outcome.pended)
    return _done(_service(args).decide(args.id, outcome, reason=args.reason, authorization_number=args.auth_number,
                                       valid_from=args.valid_from, valid_to=args.valid_to, extension_to=args.until))


def run_consult(args: argparse.Namespace) -> int:
    service = _service(args)
    if args.scheduled:
        if not args.npi:
            raise InputProblem(["--npi: give the NPI of the professional giving the opinion"])
        return _done(service.schedule_consult(args.id, args.scheduled, args.npi))
    if args.report_requested:
        return _done(service.request_report(args.id))
    return _done(service.report_received(args.id, args.report_received))


def run_close(args: argparse.Namespace) -> int:
    return _done(_service(args).close(args.id))


def run_withdraw(args: argparse.Namespace) -> int:
    return _done(_service(args).withdraw(args.id, args.reason))

