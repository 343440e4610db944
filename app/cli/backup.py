"""`sodesk backup FILE`, `sodesk restore FILE`, `sodesk check` and `sodesk backups`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(commands: argparse._SubParsersAction) -> None:
    save = commands.add_parser(
        "backup",
        help="copy the database to FILE (safe while the desk is running)",
        description="Write a consistent, checked copy of the database to FILE (or into FILE if it is a "
        "folder). The copy only gets its name once it is complete.",
    )
    save.add_argument("file", metavar="FILE", type=Path)
    save.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    save.set_defaults(handler=backup_command)

    put_back = commands.add_parser(
        "restore",
        help="replace the database with the backup FILE (the current one is kept aside)",
        description="Check FILE, keep the current database aside as <name>.before-restore-<time> (never "
        "deleted), then put the backup in its place. A damaged FILE is refused and nothing changes. "
        "Close the desk first.",
    )
    put_back.add_argument("file", metavar="FILE", type=Path)
    put_back.set_defaults(handler=restore_command)

    inspect = commands.add_parser(
        "check",
        help="check the database for damage (exit 0 ok, 1 damaged); changes nothing",
        description="Run SQLite's integrity and foreign-key checks and make sure this is a Second Opinion "
        "Desk database. Prints ok, or each problem and the last good backup. The file is opened read-only.",
    )
    inspect.set_defaults(handler=check_command)

    listing = commands.add_parser(
        "backups",
        help="list the automatic backups, newest first, with size and check",
        description="List the automatic backups (the backups folder beside the database), newest first, "
        "each with its size and whether it passes the check.",
    )
    listing.set_defaults(handler=backups_command)


def backup_command(args: argparse.Namespace) -> int:
    from app.cli import EXIT_FAILED, EXIT_OK, db_path
    from app.storage.backup import BackupFailed, backup_to

    try:
        written = backup_to(db_path(args), args.file, overwrite=args.overwrite)
    except (BackupFailed, OSError) as error:
        print(f"sodesk: backup not written: {_reason(error)}", file=sys.stderr)
        return EXIT_FAILED
    print(written)
    return EXIT_OK


def restore_command(args: argparse.Namespace) -> int:
    from app.cli import EXIT_FAILED, EXIT_OK, db_path
    from app.storage.backup import BackupFailed, restore_from

    try:
        report = restore_from(args.file, db_path(args))
    except (BackupFailed, OSError) as error:
        print(f"sodesk: not restored: {_reason(error)}", file=sys.stderr)
        return EXIT_FAILED
    if report.kept_aside is None:
        print("There was no database to keep aside.")
    else:
        state = "damaged" if report.previous_problems else "it passed the check"
        print(f"Kept the previous database ({state}) as {report.kept_aside}")
    print(f"Restored {report.backup} to {report.restored}")
    return EXIT_OK


def check_command(args: argparse.Namespace) -> int:
    from app.cli import EXIT_FAILED, EXIT_OK, db_path
    from app.errors import InputProblem
    from app.storage.backup import check, last_good_backup, restore_command

    path = db_path(args)
    if not path.exists():
        raise InputProblem(
            ["there is no database here: check --db (the desk creates it on first start)"], source=str(path)
        )
    report = check(path)
    if report.ok:
        print("ok")
        return EXIT_OK
    for problem in report.problems:
        print(f"{path}: {problem}")
    backup = last_good_backup(path)
    if backup is None:
        print("No good automatic backup. Keep this file as it is (copy it somewhere safe) and ask for help.")
    else:
        print(f"Last good backup: {backup}. To restore it (this file is kept aside):")
        print(f"  {restore_command(path, backup)}")
    return EXIT_FAILED


def backups_command(args: argparse.Namespace) -> int:
    from app.cli import EXIT_OK, db_path
    from app.cli.providers import format_table
    from app.storage.backup import automatic_backups, backup_folder, backup_time, check

    path = db_path(args)
    found = automatic_backups(path)
    if not found:
        print(f"No automatic backups in {backup_folder(path)} yet.")
        return EXIT_OK
    rows = []
    for backup in found:
        report = check(backup)
        made = backup_time(backup)
        rows.append(
            (
                str(backup),
                f"{made:%Y-%m-%d %H:%M}" if made else "",
                _size(backup.stat().st_size),
                "ok" if report.ok else f"damaged: {report.problems[0]}",
            )
        )
    print(format_table(("Backup", "Made", "Size", "Check"), rows))
    return EXIT_OK


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror}"
    return str(error)


def _size(count: int) -> str:
    if count < 1024 * 1024:
        return f"{max(1, round(count / 1024))} KB"
    return f"{count / (1024 * 1024):.1f} MB"
