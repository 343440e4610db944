"""Open the desk's SQLite database: strict tables, foreign keys on, WAL, a busy timeout, then migrations.

Migrations are named functions applied in the order of `MIGRATIONS`, recorded in sqlite-utils' own
`_sqlite_migrations` table (set "sodesk"). A released migration is never edited: add a new one at the end.
A `Database` is bound to the thread that opened it, so open one per thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

from app.errors import InputProblem
from app.storage import cases, members, providers
from app.storage import exports
from app.storage import letters
from app.storage import users
from app.storage.dialect import SQLITE_HEADER

BUSY_TIMEOUT_MS = 5000

# In order, forever. Each takes the Database and runs inside its own transaction.
MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    providers.m001_providers,
    cases.m002_requests,
    cases.m003_worklist_and_settings,
    letters.m004_letters,
    exports.m005_exports,
    users.m006_users_and_audit,
    cases.m007_request_search,
    members.m008_member_roster,
    exports.m009_export_csv_profile,
    exports.m010_export_format_and_payer,
    members.m011_member_cin,
)


def migrations() -> Migrations:
    registry = Migrations("sodesk")
    for migration in MIGRATIONS:
        registry(name=migration.__name__)(migration)
    return registry


def open_db(path: Path | str, passphrase: str | None = None) -> sqlite_utils.Database:
    """Open (creating if need be) the database at `path` and bring its schema up to date.

    A file that is not a SQLite database raises InputProblem naming it, and is left untouched. With a passphrase
    (given, or remembered for this file by app.storage.crypto) the file is opened, or created, with SQLCipher.
    """
    from app.storage import crypto

    path = Path(path)
    source = str(path)
    if path.is_dir():
        raise InputProblem([f"{path} is a folder: give a database file name inside it"], source=source)
    passphrase = passphrase or crypto.passphrase_for(path)
    if passphrase:
        return crypto.open_encrypted(path, passphrase, _configure, migrations)
    if crypto.looks_encrypted(path):
        raise crypto.EncryptedDatabase(["this database is encrypted: give its passphrase (the desk asks for it; "
                                        "commands read SODESK_PASSPHRASE or ask)"], source=source)
    _refuse_non_sqlite(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputProblem(
            [f"cannot create the folder {path.parent} for the database: {error.strerror}"], source=source
        ) from None
    try:
        db = sqlite_utils.Database(path, strict=True)
    except sqlite3.Error as error:
        raise InputProblem([f"cannot open the database: {error}"], source=source) from None
    try:
        _configure(db)
        migrations().apply(db)
    except sqlite3.OperationalError as error:  # locked, read-only, disk full...
        db.close()
        raise InputProblem([f"cannot use the database: {error}"], source=source) from None
    except sqlite3.DatabaseError as error:  # "file is not a database": damaged, or encrypted
        db.close()
        raise InputProblem(
            [
                f"not a usable SQLite database ({error}): "
                "give a Second Opinion Desk database or a new file name"
            ],
            source=source,
        ) from None
    return db


def migrate_postgres(store) -> None:
    """Bring an office server's schema up to date: the same migrations by name as SQLite's, recorded in one
    schema version table (`sodesk_migrations`). Desks starting at once take turns (an advisory lock), so each
    migration runs once, in its own transaction."""
    with store.atomic():
        store.lock("migrations")
        store.execute("CREATE TABLE IF NOT EXISTS sodesk_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        _postgres_functions(store)
        applied = {row[0] for row in store.execute("SELECT name FROM sodesk_migrations")}
    for migration in MIGRATIONS:
        if migration.__name__ in applied:
            continue
        with store.atomic():
            store.lock("migrations")
            if store.execute("SELECT 1 FROM sodesk_migrations WHERE name = ?", [migration.__name__]).fetchone():
                continue  # another desk applied it while this one waited
            migration(store)
            store.execute("INSERT INTO sodesk_migrations (name, applied_at) VALUES (?, to_char(now() AT TIME ZONE "
                          "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))", [migration.__name__])


def _postgres_functions(store) -> None:
    """What the shared SQL expects of the server: SQLite's json_extract (as text), and a change counter every
    desk can poll (a sequence: bumping it takes no lock), announced with NOTIFY for the desks that listen."""
    store.execute(
        "CREATE OR REPLACE FUNCTION json_extract(doc text, path text) RETURNS text LANGUAGE sql IMMUTABLE "
        "PARALLEL SAFE AS $$ SELECT $1::jsonb #>> string_to_array(substr($2, 3), '.') $$")
    store.execute("CREATE SEQUENCE IF NOT EXISTS sodesk_changes")
    store.execute(
        "CREATE OR REPLACE FUNCTION sodesk_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "PERFORM nextval('sodesk_changes'); PERFORM pg_notify('sodesk_changes', TG_TABLE_NAME); RETURN NULL; "
        "END $$")


def applied_migrations(db) -> set[str]:
    """The names of the migrations this database has (either engine)."""
    from app.storage.dialect import POSTGRESQL, dialect_of

    if dialect_of(db) == POSTGRESQL:
        return {row[0] for row in db.execute("SELECT name FROM sodesk_migrations")}
    return {row[0] for row in db.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'sodesk'")}


def open_memory_db() -> sqlite_utils.Database:
    """A fresh, migrated in-memory database (tests, previews)."""
    db = sqlite_utils.Database(memory=True, strict=True)
    _configure(db)
    migrations().apply(db)
    return db


def _refuse_non_sqlite(path: Path) -> None:
    """Read the 16-byte header before SQLite touches the file: a text file must stay as it was.

    An empty file is fine: SQLite treats it as a new, empty database.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as error:
        raise InputProblem([f"cannot read the database file: {error.strerror}"], source=str(path)) from None
    if head and head != SQLITE_HEADER:
        raise InputProblem(
            [
                "this file is not a SQLite database (it does not start with the SQLite header); "
                "give a Second Opinion Desk database (.sqlite3) or a new file name"
            ],
            source=str(path),
        )


def _configure(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
