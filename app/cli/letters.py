"""`sodesk letters ID [--kind K] [--lang L] --out DIR`: a request's letters as PDF files, over LetterService."""

from __future__ import annotations

import argparse

from app.cli.requests import _case_id


def register(commands: argparse._SubParsersAction) -> None:
    from app.letters.letter_kind import LetterKind

    letters = commands.add_parser(
        "letters", help="write a request's letters (referral, report request, member notices) as PDF files",
        description="Write the letters a request needs now (or only --kind) into DIR. Member notices are in the "
                    "member's language when its texts exist, else English with a note; --lang overrides.")
    letters.add_argument("id", type=_case_id, metavar="ID")
    letters.add_argument("--kind", choices=[kind.value for kind in LetterKind], action="append",
                         help="only this kind (repeatable)")
    letters.add_argument("--lang", metavar="L", help="language code or name, e.g. es or Spanish")
    letters.add_argument("--out", type=_folder, required=True, metavar="DIR", help="folder to write the PDFs to")
    letters.add_argument("--record", action="store_true",
                         help="also record them as printed (a copy goes to the letters folder beside the database)")
    letters.set_defaults(handler=run_letters)


def _folder(text: str):
    from pathlib import Path

    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a file, not a folder")
    return path


def run_letters(args: argparse.Namespace) -> int:
    from app.cli import desk_of
    from app.letters.letter_kind import LetterKind

    service = desk_of(args).letters
    kinds = [LetterKind(kind) for kind in args.kind] if args.kind else None
    written = service.export(args.id, args.out, kinds, args.lang)
    for path in written:
        print(path)
    if args.record:
        for kind in kinds or service.applicable(args.id):
            service.print_letter(args.id, kind, args.lang)
    return 0
