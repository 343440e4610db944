"""`sodesk export ...` and `sodesk decisions import ...`: submissions to a plan and its decisions back.

The passphrase of an encrypted batch never travels on the command line (it would sit in shell history and in
the process list): it is read from $SODESK_EXPORT_PASSPHRASE, else asked for twice at the terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.errors import InputProblem

PASSPHRASE_VARIABLE = "SODESK_EXPORT_PASSPHRASE"
MIN_PASSPHRASE = 8


def _id(text: str) -> int:
    try:
        value = int(text.strip().lstrip("#"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a number, e.g. 12)") from None
    if value < 1:
        raise argparse.ArgumentTypeError("an id is 1 or more")
    return value


def _ids(text: str) -> list[int]:
    return [_id(part) for part in text.replace(",", " ").split()]


def register(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export", help="write a batch of requests for a plan (folder or ZIP): CSV, JSON, FHIR, letters",
        description="Write the requests waiting for a plan's authorization decision as one batch, and record "
                    "it. The passphrase of --encrypt comes from $SODESK_EXPORT_PASSPHRASE or a prompt.")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--plan", metavar="ID", help="the plan the batch is for (sodesk plans list)")
    which.add_argument("--rewrite", type=_id, metavar="BATCH",
                       help="write a recorded batch again, identical to the one sent")
    export.add_argument("--out", required=True, type=Path, metavar="PATH",
                        help="the folder (or .zip with --zip) to create; an existing folder gets the batch inside")
    export.add_argument("--zip", action="store_true", help="one ZIP file instead of a folder")
    export.add_argument("--encrypt", action="store_true", help="AES-256 encrypted ZIP (implies --zip)")
    export.add_argument("--again", action="store_true", help="include requests already sent to the plan")
    export.add_argument("--ids", type=_ids, action="extend", metavar="ID[,ID...]",
                        help="only these requests (repeatable, comma- or space-separated)")
    export.add_argument("--no-pdf", action="store_true", help="leave out the referral letters")
    export.set_defaults(handler=run_export)

    decisions = commands.add_parser("decisions", help="the plan's decisions back into the case file")
    sub = decisions.add_subparsers(dest="decisions_command", metavar="ACTION", required=True,
                                   parser_class=commands._parser_class)
    take = sub.add_parser("import", help="apply a decisions CSV (docs/exports.md): bad rows reported by line")
    take.add_argument("file", metavar="FILE.csv", type=Path)
    take.add_argument("--dry-run", action="store_true", help="check every row, change nothing")
    take.set_defaults(handler=run_decisions_import)


def _passphrase() -> str:
    from_environment = os.environ.get(PASSPHRASE_VARIABLE)
    if from_environment is not None:
        passphrase = from_environment
    elif sys.stdin.isatty():
        import getpass

        passphrase = getpass.getpass("Passphrase for the encrypted batch: ")
        if getpass.getpass("The same passphrase again: ") != passphrase:
            raise InputProblem(["the two passphrases differ; nothing was written"])
    else:
        raise InputProblem([f"--encrypt: no terminal to ask for the passphrase: set {PASSPHRASE_VARIABLE}"])
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputProblem([f"the passphrase is too short: use at least {MIN_PASSPHRASE} characters (a few words "
                            "are easier to tell the plan by phone than a code)"])
    return passphrase


def run_export(args: argparse.Namespace) -> int:
    from app.cli import desk_of

    if args.rewrite is not None and (args.again or args.ids):
        raise InputProblem(["--rewrite writes a recorded batch as it was: --again and --ids do not apply"])
    as_zip = args.zip or args.encrypt
    passphrase = _passphrase() if args.encrypt else None
    service = desk_of(args).exports(with_pdfs=not args.no_pdf)
    if args.rewrite is not None:
        result = service.rewrite(args.rewrite, args.out, as_zip=as_zip, passphrase=passphrase)
        print(f"batch {result.batch_id} written again ({result.count} requests): {result.path}")
        return 0
    result = service.export(args.plan, args.out, as_zip=as_zip, passphrase=passphrase, again=args.again,
                            ids=args.ids or ())
    print(f"batch {result.batch_id}: {result.count} request(s) for {args.plan}: {result.path}")
    for held in result.held_back:  # written, but without these: say so where warnings go
        print(f"warning: held back, not in the batch: {held}", file=sys.stderr)
    return 0


def run_decisions_import(args: argparse.Namespace) -> int:
    from app.cli import EXIT_BAD_INPUT, desk_of
    from app.domain.cases import LABELS

    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise InputProblem([f"cannot read the file: {error.strerror}"], source=str(args.file)) from None
    report = desk_of(args).exports(with_pdfs=False).import_decisions(data, dry_run=args.dry_run)
    verb = "would become" if report.dry_run else "is now"
    for line, request_id, status in report.applied:
        print(f"line {line}: #{request_id} {verb} {LABELS[status]}")
    for line, request_id, why in report.unchanged:
        print(f"line {line}: #{request_id} unchanged ({why})")
    done = "checked, nothing changed (dry run)" if report.dry_run else "applied"
    print(f"{len(report.applied)} decision(s) {done}, {len(report.unchanged)} unchanged, "
          f"{len(report.problems)} refused")
    if report.problems:
        print(InputProblem(report.problems, source=str(args.file)).render(),
              file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0
