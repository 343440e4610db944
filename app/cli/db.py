"""`sodesk db ...`: the database itself, on either engine: migrate, info, copy a desk's file to the office
server, and the server's backups and restores.

    sodesk db migrate [--db URL|PATH]           bring the schema up to date, print what was applied
    sodesk db info [--db URL|PATH]              engine, location (never a password), schema version, rows
    sodesk db copy [--from FILE] --to URL       a desk's file into an empty server database, every row checked
    sodesk db backup [--db URL] [--to FOLDER]   a checked pg_dump of the server, the newest --keep kept
    sodesk db restore FILE --to URL             a server backup into a new, empty database

`--db` may come before `db` (like every command) or after the action; it defaults to $SODESK_DB, then this
computer's choice (Tools > Database), then the desk's own file. Bad input exits 2 naming the argument; work
that fails (a dump that cannot be written) exits 1. The server's password: SODESK_DB_PASSWORD, the system
keyring (where Tools > Database keeps it), or ~/.pgpass; never on a command line.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
from pathlib import Path

from app.errors import InputProblem

_FOLDED_URL = re.compile(r"^(postgres(?:ql)?):/(?=[^/])", re.IGNORECASE)


def _target_type(text: str) -> Path | str:
    from app.storage.store import is_server_url

    return text if is_server_url(text) else Path(text)


def target_of(args: argparse.Namespace) -> Path | str:
    """--db (raw), else $SODESK_DB, else this computer's choice (Tools > Database), else the desk's default
    file: a Path, or a postgresql:// URL string."""
    raw = getattr(args, "db", None)
    if raw is None:
        from app.paths import chosen_database, default_db_path

        raw = os.environ.get("SODESK_DB") or chosen_database() or default_db_path()
    text = str(raw)
    if isinstance(raw, Path):
        # A parser that reads --db as a Path folds the URL's "//" (postgresql://u@h/db -> postgresql:/u@h/db).
        text = _FOLDED_URL.sub(lambda match: match.group(1) + "://", text, count=1)
    return _target_type(text)


def _url(text: str) -> str:
    """--to: a postgresql:// URL (argparse type)."""
    from app.storage.store import is_server_url, safe_location

    if not is_server_url(text):
        raise argparse.ArgumentTypeError(
            f"{safe_location(text)!r} is not a PostgreSQL URL: write the office server "
            "as postgresql://user@host/dbname"
        )
    return text


def _keep(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number: give how many backups to keep, e.g. 10"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"give 1 or more backups to keep, not {value}")
    return value


def _password(url: str) -> str | None:
    """The server's password as the desk finds it: SODESK_DB_PASSWORD, else the system keyring (Tools >
    Database keeps it there); None lets libpq read ~/.pgpass."""
    from app.services.connection import password_for

    return password_for(url)


def _plainly(handler):
    """The server's own refusals (a role without the right, a lost connection) as a message, never a
    traceback: the ones the storage code does not already put in words."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        import psycopg

        from app.storage.copy import unreachable

        try:
            return handler(args)
        except psycopg.OperationalError as error:
            raise unreachable(error, _where(args), during="during the command") from None
        except psycopg.Error as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise InputProblem([f"the server refused: {first}"], source=_where(args)) from None

    return run


def _where(args: argparse.Namespace) -> str:
    from app.storage.store import safe_location

    target = getattr(args, "to", None) or target_of(args)
    return safe_location(target) if isinstance(target, str) else str(target)


def register(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser(
        "db",
        help="the database itself: migrate, info, copy a desk's file to the office server, server backups",
        description="Work on the database itself, SQLite file or office server (PostgreSQL). See "
        "docs/multi-desk.md for setting up the server.",
    )
    actions = db.add_subparsers(
        dest="db_command", metavar="ACTION", required=True, parser_class=commands._parser_class
    )

    def with_db(parser: argparse.ArgumentParser, what: str) -> None:
        # SUPPRESS: given after the action it sets args.db; not given, the --db before `db` (or none) stays.
        parser.add_argument(
            "--db",
            metavar="PATH|URL",
            type=_target_type,
            default=argparse.SUPPRESS,
            help=f"{what} (default: --db before `db`, $SODESK_DB, else the desk's own file)",
        )

    migrate = actions.add_parser(
        "migrate",
        help="bring the schema up to date and print what was applied",
        description="Apply the migrations this version has and the database lacks (a new "
        "server database gets the whole schema). Each runs in a transaction.",
    )
    with_db(migrate, "the database file or the office server's URL")
    migrate.set_defaults(handler=_plainly(run_migrate))

    info = actions.add_parser(
        "info", help="engine, location, schema version and row counts (changes nothing)"
    )
    with_db(info, "the database file or the office server's URL")
    info.set_defaults(handler=_plainly(run_info))

    copy = actions.add_parser(
        "copy",
        help="copy a desk's database file into an empty database on the office server",
        description="Copy every table of a desk's file (encrypted ones too) into an empty server database in "
        "one transaction, then check every row (count and SHA-256 per table) and the audit chain on the "
        "server before committing. The file is only read. Close the desks that use the file first.",
    )
    copy.add_argument(
        "--from",
        dest="source",
        metavar="FILE",
        type=Path,
        help="the desk's database file (default: --db, when it is a file)",
    )
    copy.add_argument(
        "--to",
        dest="to",
        metavar="URL",
        type=_url,
        required=True,
        help="the empty server database, postgresql://user@host/dbname",
    )
    copy.set_defaults(handler=_plainly(run_copy))

    backup = actions.add_parser(
        "backup",
        help="back the office server's database up (pg_dump), keeping the newest --keep",
        description="Write a checked pg_dump (custom format) of the server database into FOLDER as "
        "sodesk-YYYYMMDD-HHMMSS.pgdump, then delete the oldest such files beyond --keep.",
    )
    with_db(backup, "the office server's URL")
    backup.add_argument(
        "--to",
        dest="folder",
        metavar="FOLDER",
        type=Path,
        help="where the backups go (default: the backups folder in the desk's data folder)",
    )
    backup.add_argument("--keep", type=_keep, default=None, metavar="N", help="how many backups to keep (10)")
    backup.set_defaults(handler=_plainly(run_backup))

    restore = actions.add_parser(
        "restore",
        help="restore a server backup into a new, empty database",
        description="Check FILE (pg_restore --list), then restore it into the empty database --to in one "
        "transaction, bring its schema up to date and verify the audit chain. A database that holds "
        "anything is refused.",
    )
    restore.add_argument("file", metavar="FILE", type=Path)
    restore.add_argument(
        "--to",
        dest="to",
        metavar="URL",
        type=_url,
        required=True,
        help="the new, empty database, postgresql://user@host/dbname",
    )
    restore.set_defaults(handler=_plainly(run_restore))


# ------------------------------------------------------------------------------------------------- migrate


def run_migrate(args: argparse.Namespace) -> int:
    from app.storage.db import MIGRATIONS

    target = target_of(args)
    before, after, location = _migrate_server(target) if isinstance(target, str) else _migrate_file(target)
    known = [migration.__name__ for migration in MIGRATIONS]
    applied = [name for name in known if name in after and name not in before]
    if applied:
        print(f"{location}: applied {', '.join(applied)}")
    print(
        f"{location}: {'up to date' if applied else 'already up to date, nothing applied'} "
        f"({len(known)} migrations; the last is {known[-1]})"
    )
    _warn_if_newer(after, known)
    return 0


def _migrate_server(url: str) -> tuple[set[str], set[str], str]:
    from app.storage.copy import SERVER_RECORD, server_schema
    from app.storage.db import applied_migrations
    from app.storage.store import open_store, safe_location

    tables, before = server_schema(url, _password(url))
    if tables and SERVER_RECORD not in tables:
        raise InputProblem(
            [
                f"this database holds another program's tables ({', '.join(tables[:8])}), "
                "not a Second Opinion Desk schema: give a database made for the desk (createdb)"
            ],
            source=f"--db {safe_location(url)}",
        )
    store = open_store(url, password=_password(url))  # migrates: one transaction each; starting desks wait
    try:
        return before, applied_migrations(store), store.location
    finally:
        store.close()


def _migrate_file(path: Path) -> tuple[set[str], set[str], str]:
    from app.storage.backup import check
    from app.storage.db import applied_migrations, open_db

    passphrase = _unlocked(path, "--db")
    report = check(path, quick=True, passphrase=passphrase)
    if not report.ok and not report.blank:
        raise InputProblem(
            [
                *report.problems,
                "nothing was migrated (`sodesk check` says more; `sodesk backups` lists the backups)",
            ],
            source=str(path),
        )
    before = _file_migrations(path, passphrase) if not report.blank else set()
    db = open_db(path, passphrase)
    try:
        return before, applied_migrations(db), str(path)
    finally:
        db.close()


def _warn_if_newer(applied: set[str], known: list[str]) -> None:
    newer = sorted(applied - set(known))
    if newer:
        print(
            f"sodesk: warning: this database also has {', '.join(newer)}, which this version does not "
            "know: a newer version of the desk migrated it; update this desk",
            file=sys.stderr,
        )


def _unlocked(path: Path, argument: str) -> str | None:
    """The file's passphrase when it is encrypted (SODESK_PASSPHRASE, or asked; remembered for this
    process)."""
    from app.storage import crypto

    if not path.exists():
        raise InputProblem(
            [
                "there is no database file here (a desk creates its file on first start; "
                "for the office server give postgresql://user@host/dbname)"
            ],
            source=f"{argument} {path}",
        )
    if path.is_dir():
        raise InputProblem(
            ["this is a folder: give the database file inside it"], source=f"{argument} {path}"
        )
    from app.cli.security import unlock_database

    unlock_database(path)
    return crypto.passphrase_for(path)


def _file_migrations(path: Path, passphrase: str | None) -> set[str]:
    from app.storage.copy import open_source, source_layout

    conn = open_source(path, passphrase)
    try:
        return source_layout(conn)[2]
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------------- info


def run_info(args: argparse.Namespace) -> int:
    from app.cli.providers import format_table
    from app.storage.db import MIGRATIONS

    target = target_of(args)
    facts, applied, counts = _server_info(target) if isinstance(target, str) else _file_info(target)
    known = [migration.__name__ for migration in MIGRATIONS]
    have = [name for name in known if name in applied]
    if not applied:
        schema = f"none yet: `sodesk db migrate` gives it the desk's schema ({len(known)} migrations)"
    elif len(have) == len(known):
        schema = f"up to date: {len(have)} of {len(known)} migrations (the last is {known[-1]})"
    else:
        schema = (
            f"{len(have)} of {len(known)} migrations: {len(known) - len(have)} to apply "
            "(`sodesk db migrate`, or open the desk)"
        )
    facts.append(("Schema", schema))
    width = max(len(label) for label, _value in facts) + 1
    for label, value in facts:
        print(f"{label + ':':<{width}} {value}")
    if counts:
        print()
        print(format_table(("Table", "Rows"), [(name, f"{count:,}") for name, count in counts.items()]))
    _warn_if_newer(applied, known)
    return 0


def _server_info(url: str) -> tuple[list[tuple[str, str]], set[str], dict[str, int]]:
    from app.storage.copy import SERVER_RECORD, connect_server, row_counts, server_tables
    from app.storage.store import safe_location

    conn = connect_server(url, _password(url))  # info changes nothing: a plain connection, no migration
    try:
        version = conn.execute("SHOW server_version").fetchone()[0]
        tables = server_tables(conn)
        applied = (
            {row[0] for row in conn.execute(f"SELECT name FROM {SERVER_RECORD}")}
            if SERVER_RECORD in tables
            else set()
        )
        counts = row_counts(conn, [name for name in tables if name != SERVER_RECORD])
    finally:
        conn.close()
    facts = [
        ("Engine", f"PostgreSQL {version.split()[0]} (the office server)"),
        ("Location", safe_location(url)),
    ]
    return facts, applied, counts


def _file_info(path: Path) -> tuple[list[tuple[str, str]], set[str], dict[str, int]]:
    from app.storage import crypto
    from app.storage.backup import check
    from app.storage.copy import LETTERS_FOLDER, open_source, source_layout

    passphrase = _unlocked(path, "--db")
    report = check(path, quick=True, passphrase=passphrase)
    if not report.ok and not report.blank:
        raise InputProblem(
            [*report.problems, "`sodesk check` says more; `sodesk backups` lists the backups"],
            source=str(path),
        )
    encrypted = " (encrypted, SQLCipher)" if crypto.looks_encrypted(path) else ""
    facts = [
        ("Engine", f"SQLite{encrypted}, one desk's file"),
        ("Location", str(path)),
        ("Size", f"{path.stat().st_size / (1024 * 1024):.1f} MB"),
        ("Letters", str(path.resolve().parent / LETTERS_FOLDER)),
    ]
    if report.blank:
        return facts, set(), {}
    conn = open_source(path, passphrase)
    try:
        tables, _skipped, applied = source_layout(conn)
        counts = {
            table.name: conn.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
            for table in sorted(tables, key=lambda table: table.name)
        }
    finally:
        conn.close()
    return facts, applied, counts


# ---------------------------------------------------------------------------------------------------- copy


def run_copy(args: argparse.Namespace) -> int:
    from app.cli.providers import format_table
    from app.storage.copy import copy_database

    source = args.source
    if source is None:
        target = target_of(args)
        if isinstance(target, str):
            raise InputProblem(
                ["--from: give the desk's database file to copy (--db names the office server)"]
            )
        source = target
    passphrase = _unlocked(source, "--from")
    wal = source.with_name(source.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        print(
            f"sodesk: warning: {wal.name} is beside the file: a desk may still have it open. "
            "The copy is of the "
            "file as it is now; what is saved after that stays in the file only. Close the desks first.",
            file=sys.stderr,
        )
    report = copy_database(
        source, args.to, passphrase=passphrase, password=_password(args.to), progress=_progress_printer()
    )
    print(
        f"Copied {report.source} to {report.target} in {report.seconds:.1f} s: {report.rows:,} rows in "
        f"{len(report.tables)} tables, every table checked (row count and SHA-256 of every row, in key "
        "order)."
    )
    print(
        format_table(
            ("Table", "Rows", "SHA-256 (first 16)", "Next id"),
            [
                (
                    table.name,
                    f"{table.rows:,}",
                    table.digest[:16],
                    f"{table.next_id:,}" if table.next_id is not None else "",
                )
                for table in report.tables
            ],
        )
    )
    if report.audit_problem is None:
        print(
            f"Audit trail: intact on the server, {report.audit_rows:,} rows "
            f"(last hash {report.audit_last_hash})."
        )
    else:
        print(
            f"Audit trail: copied exactly as the file has it, and the file's was already broken: "
            f"{report.audit_problem}."
        )
    for item in report.skipped:
        print(f"Not copied: {item}.")
    letters = report.letters
    if letters.letters and letters.carried:
        print(
            f"Printed letters: {letters.letters:,}, each with its PDF from {letters.folder} "
            "(checked against its "
            "SHA-256). Keep that folder with the file as the record of this desk."
        )
    elif letters.letters:
        missing = f", {len(letters.missing):,} missing" if letters.missing else ""
        print(
            f"Printed letters: {letters.letters:,} on the server; their PDF files stay in {letters.folder} "
            f"({letters.present:,} found{missing}). Keep that folder."
        )
    print(
        f"Next: point each desk at the server (--db {report.target}, or SODESK_DB), and keep {report.source} "
        "aside, unused, as the record of the move."
    )
    return 0


def _progress_printer():
    """Live progress on a terminal; one line per table otherwise (a log, cron)."""
    live = sys.stderr.isatty()

    def show(stage: str, table: str, done: int, total: int) -> None:
        if live:
            print(
                f"\r{stage} {table}: {done:,} of {total:,} rows\x1b[K",
                end="" if done < total else "\n",
                file=sys.stderr,
                flush=True,
            )
        elif stage == "copying" and done == total and total:
            print(f"copied {table}: {total:,} rows", file=sys.stderr)

    return show


# ------------------------------------------------------------------------------------------ backup, restore


def run_backup(args: argparse.Namespace) -> int:
    from app.cli.backup import _size
    from app.storage.backup import BACKUP_FOLDER, DEFAULT_KEEP
    from app.storage.copy import describe_rows
    from app.storage.server_backup import ServerBackupFailed, backup_server

    target = target_of(args)
    if not isinstance(target, str):
        raise InputProblem(
            [
                f"--db: `sodesk db backup` backs up the office server; {target} is a desk's file: back "
                "it up with `sodesk --db FILE backup FOLDER`"
            ]
        )
    folder = args.folder
    if folder is None:
        from app.paths import user_data_dir

        folder = user_data_dir() / BACKUP_FOLDER
    try:
        made = backup_server(target, folder, keep=args.keep or DEFAULT_KEEP, password=_password(target))
    except ServerBackupFailed as error:
        print(f"sodesk: backup not written: {error}", file=sys.stderr)
        return 1
    print(made.path)
    print(
        f"{_size(made.size)}, checked with pg_restore --list ({made.tables} tables); the server held "
        f"{describe_rows(made.rows)}.",
        file=sys.stderr,
    )
    for old in made.removed:
        print(f"removed the older backup {old}", file=sys.stderr)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from app.storage.copy import describe_rows
    from app.storage.server_backup import ServerBackupFailed, restore_server

    try:
        done = restore_server(args.file, args.to, password=_password(args.to))
    except ServerBackupFailed as error:
        print(f"sodesk: not restored: {error}", file=sys.stderr)
        return 1
    print(f"Restored {done.dump} into {done.target}: {describe_rows(done.rows)}.")
    if done.migrated:
        print(f"Brought its schema up to date: applied {', '.join(done.migrated)}.")
    if done.audit_problem is None:
        print(f"Audit trail: intact, {done.audit_rows:,} rows.")
    else:
        print(f"Audit trail: BROKEN at {done.audit_problem} (as it was in the backup).")
    return 0
