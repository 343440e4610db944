"""Move a desk's SQLite file onto the office server: every table, in one transaction, every row checked.

`copy_database(file, url)` copies a desk's database (plain or SQLCipher) into an empty PostgreSQL database
that has the desk's schema (a new one made with `createdb` is migrated first):

- The file is opened read-only (`mode=ro`, and `immutable=1` when no `-wal` is beside it), read in one read
  transaction (one consistent state), and never changed: not migrated, not checkpointed. A file whose schema
  is older or newer than this program's is refused (migrate it first, or update the program).
- The target must hold no row at all: a server that already has a request, a provider, a user or an audit row
  is refused, naming what it holds. Its tables are locked against writes for the whole copy (EXCLUSIVE: desks
  can still read), so no desk writes between the emptiness check and the commit.
- Tables go parents first (foreign keys), each with COPY in chunks of `CHUNK_ROWS` (ten times faster than
  INSERTs for a 200,000-provider directory: 1.8 s against 18.8 s), reporting progress. SQLite-only objects
  are not copied: the FTS5 provider index (`providers_fts` and its shadow tables; the server searches its own
  way) and sqlite-utils' migration record (`_sqlite_migrations`; the server keeps `sodesk_migrations`).
- Before the commit: the id sequences are moved past the copied ids; every table is read back in primary-key
  order and its row count and SHA-256 digest must equal the file's (values canonicalised by type, so SQLite's
  INTEGER and the server's BIGINT, bytes and NULLs compare alike; text primary keys ordered by code point on
  both: COLLATE "C"); the audit chain is verified on the server inside the same transaction and must read
  exactly as the file's. Any difference, error or lost connection rolls everything back: the server holds
  all of the file or none of it.

Printed letters: on SQLite their PDFs are files in the `letters` folder beside the database; the server
keeps each PDF in its row (`letters.pdf`, when its schema has it): each file is read, checked against the
SHA-256 its row recorded and copied with it, and a missing or changed one stops the copy before anything is
sent. Without that column the PDFs stay in the folder and the report counts them.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from app.errors import InputProblem
from app.storage.store import (
    CONNECT_TIMEOUT_S,
    POSTGRESQL,
    SQLITE,
    PasswordNeeded,
    ServerUnavailable,
    is_server_url,
    safe_location,
    to_psycopg,
)

CHUNK_ROWS = 5000
LOCK_TIMEOUT = "10s"
LETTERS_FOLDER = "letters"  # beside the database file (app.services.letters.LETTERS_FOLDER)
MIGRATION_SET = "sodesk"
SERVER_RECORD = "sodesk_migrations"
SQLITE_RECORD = "_sqlite_migrations"
# Parents before children; a table added later falls in by its foreign keys, then by name.
PREFERRED_ORDER = (
    "providers",
    "provider_plans",
    "requests",
    "request_history",
    "members",
    "member_coverage",
    "roster_loads",
    "letters",
    "export_batches",
    "export_items",
    "settings",
    "users",
    "audit",
)
# What a table's rows are called in a message ("already holds 40 requests and 2,000 providers").
ROW_NOUNS = {
    "providers": ("provider", "providers"),
    "provider_plans": ("provider plan row", "provider plan rows"),
    "requests": ("request", "requests"),
    "request_history": ("request history row", "request history rows"),
    "members": ("roster member", "roster members"),
    "member_coverage": ("coverage span", "coverage spans"),
    "roster_loads": ("roster import", "roster imports"),
    "letters": ("printed letter", "printed letters"),
    "export_batches": ("export batch", "export batches"),
    "export_items": ("exported request", "exported requests"),
    "settings": ("setting", "settings"),
    "users": ("user", "users"),
    "audit": ("audit row", "audit rows"),
}

# stage ("copying" or "checking"), table, rows done, rows in the table
Progress = Callable[[str, str, int, int], object]


class CopyRefused(InputProblem):
    """The copy was not started (or was undone): the target holds data, the schemas differ, the file cannot
    be read... The server database is as it was."""


@dataclass(frozen=True)
class TableCopy:
    name: str
    rows: int
    digest: str  # SHA-256 of every row in primary-key order: the same from the file and from the server
    next_id: int | None = None  # the id the server gives the next new row (tables with an id sequence)


@dataclass(frozen=True)
class LettersFolder:
    """The printed letters' PDF files in the folder beside the desk's file."""

    folder: Path
    letters: int  # letter rows in the file
    present: int  # of their files, found in the folder
    missing: list[str] = field(default_factory=list)  # file paths (relative to the folder) not found
    changed: list[str] = field(default_factory=list)  # found, but not the bytes their SHA-256 names
    # The PDFs went into the server's rows (its `letters.pdf`); else they stay in the folder.
    carried: bool = False


@dataclass(frozen=True)
class CopyReport:
    source: Path
    target: str  # safe to show: never a password
    tables: list[TableCopy]
    skipped: list[str]  # SQLite-only objects, with why
    audit_rows: int
    audit_last_hash: str
    audit_problem: str | None  # the chain's first bad row, when the file's own chain was already broken
    letters: LettersFolder
    seconds: float

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)


# ------------------------------------------------------------------------------------------------- digest


def value_bytes(value: object) -> bytes:
    """One value in a form both engines' drivers give alike: SQLite INTEGER and PostgreSQL BIGINT are both
    int, BLOB and BYTEA both bytes; a NULL is not an empty string."""
    if value is None:
        return b"N;"
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, int):
        return b"I%d;" % value
    if isinstance(value, float):
        return b"F" + repr(value).encode("ascii") + b";"
    if isinstance(value, str):
        data = value.encode("utf-8", "surrogatepass")
        return b"S%d:" % len(data) + data
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        return b"B%d:" % len(data) + data
    data = str(value).encode("utf-8")
    return b"?%d:" % len(data) + data


def row_bytes(row: Sequence) -> bytes:
    return b"".join(value_bytes(value) for value in row) + b"\n"


# ------------------------------------------------------------------------------------------------- the file


@dataclass
class _Table:
    name: str
    columns: list[str]
    primary_key: list[str]
    parents: set[str]
    rows: int = 0


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(names: Iterable[str]) -> str:
    return ", ".join(_quote(name) for name in names)


def open_source(path: Path, passphrase: str | None):
    """A connection to the desk's file that cannot write to it or create anything beside it (no `-wal`:
    immutable; with one, the usual read-only locks so that its pages are read too)."""
    no_wal = (
        not path.with_name(path.name + "-wal").exists()
        and not path.with_name(path.name + "-journal").exists()
    )
    if passphrase:
        from app.storage import crypto

        conn = crypto.connect(path, passphrase, readonly=True, immutable=no_wal)
    else:
        uri = path.resolve().as_uri() + "?mode=ro" + ("&immutable=1" if no_wal else "")
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=5)
        except sqlite3.Error as error:
            raise CopyRefused(
                [f"cannot read the file ({error}); nothing was copied"], source=str(path)
            ) from None
    conn.execute("PRAGMA query_only=ON")
    return conn


def source_layout(conn) -> tuple[list[_Table], list[str], set[str]]:
    """The file's tables to copy (parents first), the SQLite-only objects left out, and its migrations."""
    entries = conn.execute(
        "SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name"
    ).fetchall()
    virtual = [
        name
        for name, kind, sql in entries
        if kind == "table" and (sql or "").upper().startswith("CREATE VIRTUAL TABLE")
    ]
    skipped = [
        f"{name} (SQLite's full-text index{' of providers' if name == 'providers_fts' else ''}: the server "
        "searches its own way)"
        for name in virtual
    ]
    tables: dict[str, _Table] = {}
    migrations: set[str] = set()
    for name, kind, _sql in entries:
        if kind != "table" or name in virtual or name.startswith("sqlite_"):
            continue
        if any(name.startswith(f"{parent}_") for parent in virtual):
            continue  # an FTS5 shadow table: part of its index
        if name == SQLITE_RECORD:
            migrations = {
                row[0]
                for row in conn.execute(
                    f"SELECT name FROM {SQLITE_RECORD} WHERE migration_set = ?", [MIGRATION_SET]
                )
            }
            skipped.append(
                f"{SQLITE_RECORD} (SQLite's migration record: the server keeps its own, {SERVER_RECORD})"
            )
            continue
        info = conn.execute(f"PRAGMA table_info({_quote(name)})").fetchall()
        columns = [row[1] for row in info]
        key = [row[1] for row in sorted((row for row in info if row[5]), key=lambda row: row[5])]
        parents = {row[2] for row in conn.execute(f"PRAGMA foreign_key_list({_quote(name)})")} - {name}
        tables[name] = _Table(name, columns, key or columns, parents)
    return _parents_first(tables), skipped, migrations


def _parents_first(tables: dict[str, _Table]) -> list[_Table]:
    rank = {name: index for index, name in enumerate(PREFERRED_ORDER)}
    ordered: list[_Table] = []
    placed: set[str] = set()
    waiting = dict(tables)
    while waiting:
        ready = [table for table in waiting.values() if table.parents & tables.keys() <= placed]
        if not ready:  # a cycle (none in the desk's schema): keep the preferred order
            ready = list(waiting.values())
        chosen = min(ready, key=lambda table: (rank.get(table.name, len(rank)), table.name))
        ordered.append(chosen)
        placed.add(chosen.name)
        del waiting[chosen.name]
    return ordered


# ------------------------------------------------------------------------------------------------ the server


def connect_server(url: str, password: str | None = None):
    """One connection of its own to the server (autocommit: transactions are explicit). The password: the
    URL's, else `password` (the desk's keyring), else SODESK_DB_PASSWORD, else libpq's own ~/.pgpass or
    PGPASSWORD, as for the desk's store."""
    import psycopg

    kwargs = {"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S, "application_name": "sodesk-db"}
    password = password or os.environ.get("SODESK_DB_PASSWORD")
    if password and urlsplit(url).password is None:
        kwargs["password"] = password
    try:
        return psycopg.connect(url, **kwargs)
    except psycopg.OperationalError as error:
        raise unreachable(error, safe_location(url)) from None
    except psycopg.ProgrammingError as error:
        raise InputProblem(
            [
                f"not a PostgreSQL URL libpq can read ({_first_line(error)}); write it as "
                "postgresql://user@host/dbname"
            ],
            source=safe_location(url),
        ) from None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def unreachable(error: BaseException, location: str, *, during: str | None = None) -> ServerUnavailable:
    reason = _first_line(error)
    if "password authentication failed" in reason or "no password supplied" in reason:
        return PasswordNeeded(
            [
                f"the office database server refused the password ({reason}): set SODESK_DB_PASSWORD, or "
                "put the password in ~/.pgpass (docs/multi-desk.md), or let the desk keep it in the system "
                "keyring (Tools > Database)"
            ],
            source=location,
        )
    if during:
        return ServerUnavailable(
            [
                f"the connection to the office database server was lost {during} "
                f"({_first_line(error)}); the server undoes an unfinished transaction, so it "
                "holds none of it. Once the server is back, run the command again"
            ],
            source=location,
        )
    return ServerUnavailable(
        [
            f"the office database server cannot be reached ({_first_line(error)}); nothing "
            "was changed there. Check that the server is running and this computer is on the "
            "office network, then try again"
        ],
        source=location,
    )


def server_tables(conn) -> list[str]:
    """The tables of the schema the connection works in (the desk's: `public` unless search_path says
    otherwise)."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
            "AND relkind IN ('r', 'p') ORDER BY relname"
        )
    ]


def row_counts(conn, tables: Iterable[str]) -> dict[str, int]:
    return {name: conn.execute(f"SELECT count(*) FROM {_quote(name)}").fetchone()[0] for name in tables}


def describe_rows(counts: dict[str, int]) -> str:
    """'40 requests, 2,000 providers and 12 audit rows' (the tables that hold rows, in a useful order)."""
    rank: dict[str, int] = {}
    for name in ("requests", "providers", "users", "audit", *PREFERRED_ORDER):
        rank.setdefault(name, len(rank))
    held = sorted(
        (name for name, count in counts.items() if count), key=lambda name: (rank.get(name, 99), name)
    )
    parts = [
        f"{counts[name]:,} {ROW_NOUNS.get(name, (f'row of {name}', f'rows of {name}'))[counts[name] != 1]}"
        for name in held
    ]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "nothing"


@dataclass(frozen=True)
class _ServerColumn:
    name: str
    data_type: str
    required: bool  # NOT NULL without a default: the copy must give it
    generated: bool


def _server_columns(conn) -> dict[str, dict[str, _ServerColumn]]:
    found: dict[str, dict[str, _ServerColumn]] = {}
    for table, column, data_type, nullable, default, identity, generated in conn.execute(
        "SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity, is_generated "
        "FROM information_schema.columns WHERE table_schema = current_schema() "
        "ORDER BY table_name, ordinal_position"
    ):
        found.setdefault(table, {})[column] = _ServerColumn(
            column,
            data_type,
            nullable == "NO" and default is None and identity != "YES" and generated != "ALWAYS",
            generated == "ALWAYS",
        )
    return found


class _InTransaction:
    """The server connection inside the copy's transaction, as the small store API AuditLog reads through
    (so the chain is verified on the uncommitted rows, before the commit)."""

    dialect = POSTGRESQL

    def __init__(self, conn) -> None:
        self.conn = conn

    def execute(self, sql: str, params=None):
        return self.conn.execute(to_psycopg(sql), params)


class _InFile:
    """The file's read-only connection, for AuditLog (which registers its hash function on it)."""

    dialect = SQLITE

    def __init__(self, conn) -> None:
        self.conn = conn

    def execute(self, sql: str, params=None):
        return self.conn.execute(sql, params or [])


# --------------------------------------------------------------------------------------------------- the copy


def copy_database(
    source: Path | str,
    target_url: str,
    *,
    passphrase: str | None = None,
    password: str | None = None,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy the desk's SQLite file `source` into the empty PostgreSQL database at `target_url` (see the module
    docstring); `passphrase`: the file's, when it is encrypted; `password`: the server's (else
    SODESK_DB_PASSWORD, else ~/.pgpass). Raises CopyRefused (nothing copied) or ServerUnavailable (nothing
    kept) with the reason."""
    started = time.monotonic()
    source = Path(source)
    if not is_server_url(target_url):
        raise InputProblem(
            ["not a PostgreSQL URL: write the office server as postgresql://user@host/dbname"],
            source=str(target_url),
        )
    location = safe_location(target_url)
    passphrase = _check_source(source, passphrase)
    progress = progress or (lambda *_: None)
    conn = open_source(source, passphrase)
    try:
        conn.execute("BEGIN")  # one read transaction: every table from the same state of the file
        tables, skipped, migrations = source_layout(conn)
        _require_same_schema(source, migrations)
        for table in tables:
            table.rows = conn.execute(f"SELECT count(*) FROM {_quote(table.name)}").fetchone()[0]
        file_chain = _verify_chain(_InFile(conn))
        letters = _letters_folder(source, conn)
        _prepare_server(target_url, location, password)
        server = connect_server(target_url, password)
        try:
            copied, carried = _copy_all(conn, server, tables, letters, location, progress, file_chain)
        finally:
            server.close()
    finally:
        conn.close()
    return CopyReport(
        source=source,
        target=location,
        tables=copied,
        skipped=skipped,
        audit_rows=file_chain.rows,
        audit_last_hash=file_chain.last_hash,
        audit_problem=f"row {file_chain.bad_id}: {file_chain.problem}" if file_chain.problem else None,
        letters=LettersFolder(
            letters.folder, letters.letters, letters.present, letters.missing, letters.changed, carried
        ),
        seconds=time.monotonic() - started,
    )


def _check_source(source: Path, passphrase: str | None) -> str | None:
    from app.storage import crypto
    from app.storage.backup import check

    if not source.exists():
        raise InputProblem(
            ["there is no file here: give the desk's database file (sodesk.sqlite3)"], source=str(source)
        )
    if source.is_dir():
        raise InputProblem(["this is a folder: give the desk's database file inside it"], source=str(source))
    passphrase = passphrase or crypto.passphrase_for(source)
    if not passphrase and crypto.looks_encrypted(source):
        raise crypto.EncryptedDatabase(
            ["this database is encrypted: give its passphrase (SODESK_PASSPHRASE, or the command asks)"],
            source=str(source),
        )
    report = check(source, quick=True, passphrase=passphrase)
    if not report.ok:
        raise CopyRefused([*report.problems, "nothing was copied"], source=str(source))
    return passphrase


def _require_same_schema(source: Path, migrations: set[str]) -> None:
    from app.storage.db import MIGRATIONS

    known = [migration.__name__ for migration in MIGRATIONS]
    missing = [name for name in known if name not in migrations]
    newer = sorted(migrations - set(known))
    if newer:
        raise CopyRefused(
            [
                f"this file was last opened by a newer version of the desk (its schema has "
                f"{', '.join(newer)}): copy it with that version"
            ],
            source=str(source),
        )
    if missing:
        raise CopyRefused(
            [
                f"this file's schema is older than this version's (it lacks {', '.join(missing)}): "
                f"bring it up to date first with `sodesk db migrate --db {source}` (back it up first "
                "with `sodesk backup`), then copy it"
            ],
            source=str(source),
        )


def _letters_folder(source: Path, conn) -> LettersFolder:
    """The letters' PDF files beside the file, each checked against the SHA-256 its row recorded."""
    folder = source.resolve().parent / LETTERS_FOLDER
    missing, changed, present = [], [], 0
    for file_path, sha256 in conn.execute("SELECT file_path, sha256 FROM letters ORDER BY id"):
        try:
            data = (folder / file_path).read_bytes()
        except OSError:
            missing.append(file_path)
            continue
        if hashlib.sha256(data).hexdigest() != sha256:
            changed.append(file_path)
        present += 1
    return LettersFolder(folder, present + len(missing), present, missing, changed)


def server_schema(url: str, password: str | None) -> tuple[list[str], set[str]]:
    """(the tables of the server database, the desk migrations it records), read over a plain connection that
    migrates nothing: an unreachable server is said at once."""
    conn = connect_server(url, password)
    try:
        tables = server_tables(conn)
        applied = ({row[0] for row in conn.execute(f"SELECT name FROM {SERVER_RECORD}")}
                   if SERVER_RECORD in tables else set())
    finally:
        conn.close()
    return tables, applied


def _prepare_server(url: str, location: str, password: str | None) -> None:
    """Give a new, empty database the desk's schema (a desk would on opening it); refuse another program's."""
    from app.storage.db import MIGRATIONS
    from app.storage.store import open_store

    tables, applied = server_schema(url, password)
    if tables and SERVER_RECORD not in tables:
        shown = ", ".join(tables[:8]) + (", ..." if len(tables) > 8 else "")
        raise CopyRefused(
            [
                f"this database holds tables of another program ({shown}), not a Second Opinion "
                "Desk schema: give a new database made for the desk (createdb); nothing was "
                "copied"
            ],
            source=location,
        )
    if any(migration.__name__ not in applied for migration in MIGRATIONS):
        open_store(url, password=password).close()  # migrates, as a desk opening it would


@dataclass(frozen=True)
class _Planned:
    table: _Table
    names: list[str]  # the file's columns, copied as they are (and digested)
    pdf_from: Path | None = None  # letters: the folder the PDFs are read from into the server's `pdf` column


def _copy_all(
    conn, server, tables: list[_Table], letters: LettersFolder, location: str, progress: Progress, file_chain
) -> tuple[list[TableCopy], bool]:
    import psycopg

    stage = "while locking the server's tables"
    try:
        with server.transaction():
            server.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
            present = server_tables(server)
            columns = _server_columns(server)
            plan = _plan(tables, columns, letters, location)
            server.execute(f"LOCK TABLE {_columns(present)} IN EXCLUSIVE MODE")
            counts = row_counts(server, [name for name in present if name != SERVER_RECORD])
            if any(counts.values()):
                raise CopyRefused(
                    [
                        f"this database already holds {describe_rows(counts)}: a desk's file is copied "
                        "only into an empty database, so nothing was copied and the server was not "
                        "changed. Make a new database for it (createdb) or give another --to"
                    ],
                    source=location,
                )
            digests: dict[str, str] = {}
            for step in plan:
                stage = f"while copying {step.table.name}"
                digests[step.table.name] = _copy_table(conn, server, step, location, progress)
            stage = "while checking the copy"
            next_ids = _move_sequences(server, [step.table for step in plan])
            _check_copy(server, plan, digests, columns, location, progress)
            _check_server_chain(server, file_chain, location)
            stage = "while committing the copy"
            result = [
                TableCopy(
                    step.table.name, step.table.rows, digests[step.table.name], next_ids.get(step.table.name)
                )
                for step in plan
            ]
            carried = any(step.pdf_from is not None for step in plan)
    except psycopg.errors.LockNotAvailable:
        raise CopyRefused(
            [
                "a desk is writing to this database (its tables stayed locked for "
                f"{LOCK_TIMEOUT}): close the desks that use it, then copy again; nothing was copied"
            ],
            source=location,
        ) from None
    except psycopg.OperationalError as error:
        raise unreachable(error, location, during=stage) from None
    except psycopg.Error as error:  # e.g. a role that may not lock or write these tables
        raise CopyRefused(
            [f"the server refused the copy {stage} ({_first_line(error)}); nothing was copied"],
            source=location,
        ) from None
    return result, carried


def _plan(
    tables: list[_Table], columns: dict[str, dict[str, _ServerColumn]], letters: LettersFolder, location: str
) -> list[_Planned]:
    """Each table with the columns to copy; refuse when the server's schema cannot take the file's rows."""
    plan, problems = [], []
    for table in tables:
        on_server = columns.get(table.name)
        if on_server is None:
            if table.rows:
                problems.append(f"the server has no table {table.name} for the file's {table.rows:,} rows")
            continue  # an empty SQLite-only table: nothing to carry
        lacking = [name for name in table.columns if name not in on_server]
        if lacking:
            problems.append(f"the server's {table.name} has no column {', '.join(lacking)}")
        pdf_from = None
        if table.name == "letters" and "pdf" in on_server and "pdf" not in table.columns:
            # The server keeps each printed letter's PDF in its row (the desks share no folder): read from the
            # letters folder, each file as its row's SHA-256 says.
            pdf_from = letters.folder
            if letters.missing or letters.changed:
                problems.append(_letters_problem(letters))
        carried = {"pdf"} if pdf_from is not None else set()
        needed = [
            column.name
            for column in on_server.values()
            if column.required and column.name not in table.columns and column.name not in carried
        ]
        if needed:
            problems.append(
                f"the server's {table.name} needs {', '.join(needed)}, which the file does not have"
            )
        names = [name for name in table.columns if name in on_server and not on_server[name].generated]
        plan.append(_Planned(table, names, pdf_from))
    if problems:
        raise CopyRefused([*problems, "nothing was copied"], source=location)
    return plan


def _letters_problem(letters: LettersFolder) -> str:
    parts = []
    for label, paths in (
        ("missing", letters.missing),
        ("changed since printed (SHA-256 differs)", letters.changed),
    ):
        if paths:
            shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5:,} more" if len(paths) > 5 else "")
            parts.append(f"{len(paths):,} {label}: {shown}")
    return (
        f"the server keeps each printed letter's PDF, but in {letters.folder} "
        + "; ".join(parts)
        + ". Put the letters folder back beside the file as it was (from a copy or backup), then copy again"
    )


def _copy_table(conn, server, step: _Planned, location: str, progress: Progress) -> str:
    """COPY the table's rows in primary-key order, chunk by chunk; returns their digest (read from the
    file)."""
    import psycopg

    table, names = step.table, step.names
    into = [*names, "pdf"] if step.pdf_from is not None else names
    extra = _pdf_reader(step.pdf_from, names) if step.pdf_from is not None else None
    digest = hashlib.sha256()
    done = 0
    progress("copying", table.name, 0, table.rows)
    cursor = conn.execute(
        f"SELECT {_columns(names)} FROM {_quote(table.name)} ORDER BY {_columns(table.primary_key)}"
    )
    try:
        with (
            server.cursor() as out,
            out.copy(f"COPY {_quote(table.name)} ({_columns(into)}) FROM STDIN") as copy,
        ):
            while rows := cursor.fetchmany(CHUNK_ROWS):
                for row in rows:
                    digest.update(row_bytes(row))
                    copy.write_row(row if extra is None else (*row, extra(row)))
                done += len(rows)
                progress("copying", table.name, done, table.rows)
    except psycopg.OperationalError:
        raise
    except psycopg.Error as error:
        context = getattr(getattr(error, "diag", None), "context", None)
        where = f"; {context.strip().splitlines()[0]}" if context else ""
        raise CopyRefused(
            [
                f"the server refused a row of {table.name} ({_first_line(error)}{where}): the whole "
                "copy was undone, the server database is as it was"
            ],
            source=location,
        ) from None
    return digest.hexdigest()


def _pdf_reader(folder: Path, names: list[str]) -> Callable[[Sequence], bytes]:
    path_at, sha_at = names.index("file_path"), names.index("sha256")

    def read(row: Sequence) -> bytes:
        data = (folder / row[path_at]).read_bytes()  # each was read and checked before the copy began
        if hashlib.sha256(data).hexdigest() != row[sha_at]:
            raise CopyRefused(
                [f"the letter {row[path_at]} changed during the copy: the copy was undone"],
                source=str(folder),
            )
        return data

    return read


def _move_sequences(server, tables: list[_Table]) -> dict[str, int]:
    """Move each id sequence past the largest copied id, so the next new row does not collide with one."""
    next_ids: dict[str, int] = {}
    for table in tables:
        for column in table.primary_key:
            sequence = server.execute(
                "SELECT pg_get_serial_sequence(%s, %s)", [_quote(table.name), column]
            ).fetchone()[0]
            if sequence is None:
                continue
            largest = server.execute(f"SELECT max({_quote(column)}) FROM {_quote(table.name)}").fetchone()[0]
            if largest is not None:
                server.execute("SELECT setval(%s, %s)", [sequence, largest])
            next_ids[table.name] = (largest or 0) + 1
    return next_ids


def _check_copy(
    server, plan: list[_Planned], digests: dict[str, str], columns, location: str, progress: Progress
) -> None:
    """Read every copied table back from the server in the file's order; count and digest must match."""
    problems = []
    for index, step in enumerate(plan):
        table = step.table
        order = ", ".join(
            _quote(name)
            + (
                ' COLLATE "C"'
                if columns[table.name][name].data_type in ("text", "character varying", "character")
                else ""
            )
            for name in table.primary_key
        )
        digest, count = hashlib.sha256(), 0
        progress("checking", table.name, 0, table.rows)
        with server.cursor(name=f"sodesk_check_{index}") as cursor:
            cursor.itersize = CHUNK_ROWS
            cursor.execute(f"SELECT {_columns(step.names)} FROM {_quote(table.name)} ORDER BY {order}")
            for row in cursor:
                digest.update(row_bytes(row))
                count += 1
                if count % CHUNK_ROWS == 0:
                    progress("checking", table.name, count, table.rows)
        if count % CHUNK_ROWS:
            progress("checking", table.name, count, table.rows)
        if count != table.rows:
            problems.append(f"{table.name}: {count:,} rows on the server, {table.rows:,} in the file")
        elif digest.hexdigest() != digests[table.name]:
            problems.append(
                f"{table.name}: the rows on the server differ from the file's (SHA-256 "
                f"{digest.hexdigest()[:16]} against {digests[table.name][:16]})"
            )
        if step.pdf_from is not None:
            wrong = server.execute(
                "SELECT count(*) FROM letters WHERE pdf IS NULL OR encode(sha256(pdf), 'hex') <> sha256"
            ).fetchone()[0]
            if wrong:
                problems.append(f"letters: {wrong:,} PDFs on the server do not match their SHA-256")
    if problems:
        raise CopyRefused(
            [*problems, "the copy was undone: the server database is as it was"], source=location
        )


def _verify_chain(db):
    from app.storage.audit import AuditLog

    return AuditLog(db).verify()


def _check_server_chain(server, file_chain, location: str) -> None:
    on_server = _verify_chain(_InTransaction(server))
    if (on_server.rows, on_server.bad_id, on_server.problem, on_server.last_hash) != (
        file_chain.rows,
        file_chain.bad_id,
        file_chain.problem,
        file_chain.last_hash,
    ):
        said = "intact" if on_server.ok else f"row {on_server.bad_id}: {on_server.problem}"
        raise CopyRefused(
            [
                f"the audit chain on the server does not read as the file's ({said}, {on_server.rows:,} "
                f"rows against {file_chain.rows:,}): the copy was undone"
            ],
            source=location,
        )
