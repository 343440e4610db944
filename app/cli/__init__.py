"""The `sodesk` command: a thin shell over the services.

Exit status: 0 done, 1 the work itself failed (e.g. a file could not be written), 2 bad input (message on
stderr, nothing on stdout). With no command it opens the desk window.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.errors import InputProblem

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's default exit status is also 2; keep the hint short
        self.print_usage(sys.stderr)
        print(f"sodesk: {message}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    from app.cli import (backup, db, demo, evaluate, exports, letters, members, plans, providers, report, requests,
                         security)

    parser = _Parser(prog="sodesk", description="Second Opinion Desk: Medi-Cal second medical opinions.")
    parser.add_argument("--version", action="version", version=f"sodesk {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation (database, rules, a letter) in a temporary folder, and exit")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        type=_db_target,
        help="database file, or the office server as postgresql://user@host/dbname (default: $SODESK_DB, else "
             "sodesk.sqlite3 in the user's data folder); a server's password comes from SODESK_DB_PASSWORD, "
             "~/.pgpass or is asked",
    )
    parser.add_argument("--user", metavar="NAME",
                        help="sign in as NAME once the desk has users (default $SODESK_USER); the password is read "
                             "from $SODESK_PASSWORD or asked. An encrypted database's passphrase: $SODESK_PASSPHRASE "
                             "or asked")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in (backup, db, demo, evaluate, exports, letters, members, plans, providers, report, requests,
                   security):
        module.register(commands)
    return parser


def _db_target(text: str) -> Path | str:
    from app.storage.store import is_server_url

    return text if is_server_url(text) else Path(text)


def db_target(args: argparse.Namespace) -> Path | str:
    """--db, else $SODESK_DB, else this computer's choice (Settings > Database), else the default file: a Path, or
    a postgresql:// URL."""
    from app.paths import default_db_path

    if args.db is not None:
        return args.db
    chosen = os.environ.get("SODESK_DB")
    if chosen:
        return _db_target(chosen)
    from app.paths import chosen_database

    return chosen_database() or default_db_path()


def db_path(args: argparse.Namespace) -> Path:
    """The database file, for the commands that work on a SQLite file only (backups, encryption)."""
    target = db_target(args)
    if isinstance(target, str):
        raise InputProblem([f"--db: this command works on a desk's database file, not on the office server "
                            f"({safe(target)}); for the server see `sodesk db --help`"])
    return target


def safe(url: str) -> str:
    from app.storage.store import safe_location

    return safe_location(url)


def desk_of(args: argparse.Namespace):
    """The Desk every command works through, signed in as the command's user (built by `signed_in`)."""
    desk = getattr(args, "desk", None)
    if desk is None:
        from app.services.desk import Desk

        desk = args.desk = Desk(db_target(args))
    return desk


def print_skipped_and_warnings(source: str, report) -> None:
    """An import's skipped rows and warnings (an ImportReport's), one a line on standard error."""
    for line in report.problems:
        print(f"{source}: skipped: {line}", file=sys.stderr)
    for line in report.warnings:
        print(f"{source}: warning: {line}", file=sys.stderr)


def _no_screen() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from app.cli.selftest import run_self_test

        return run_self_test()
    if args.command is None:
        if _no_screen():
            print("sodesk: no screen to open the desk on (DISPLAY is not set). Run it from a desktop session, "
                  "or under a virtual screen: xvfb-run -a sodesk (or set QT_QPA_PLATFORM=offscreen). "
                  "Commands such as `sodesk evaluate` need no screen.", file=sys.stderr)
            return EXIT_FAILED
        from app.ui.main import run_desk

        return run_desk(db_target(args))
    try:
        from app.cli.security import signed_in

        with signed_in(args):  # once the desk has users, every command runs as a signed-in user
            return args.handler(args)
    except InputProblem as problem:
        print(problem.render(), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `sodesk ... | head` closes stdout early: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
