"""The audit trail: append-only rows (who, when, what, which request), each hash-chained to the one before.

`hash = SHA-256(prev_hash + canonical fields)`, where the canonical fields are the row's id, time, user, action,
request id and detail as compact JSON. The id is in the hash, so a deleted row shows as a gap and renumbering the
rest breaks the chain; an edited row no longer matches its hash; a row whose hash was recomputed after an edit
breaks the next row's `prev_hash`. Triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL), so casual
edits through SQL fail; someone who drops or disables the triggers is still caught by `verify`.

Two desks appending at the same moment must not both chain to the same previous row. On SQLite the next row is
computed inside one INSERT ... SELECT (the hash is a SQL function registered on each connection): the statement
takes the file's write lock before it reads, so writers take turns. On PostgreSQL the append takes a
transaction-scoped advisory lock ("audit") first, then reads the last row, hashes in Python and inserts; the lock
is held until the transaction commits, so the next desk reads this row. The primary key on `id` is the backstop:
a second row with the same id is refused, never forked. Inside a larger transaction the lock is held until that
one ends: record the audit row last, after the rows it is about (every desk then takes the locks in one order).

`user` is a reserved word on PostgreSQL: every statement quotes it ("user"), which SQLite reads the same way.
Lists of users and actions sort by code point on both engines (COLLATE "C" on the server, whose database may
have a language's collation; SQLite's default is binary).

The detail carries ids and codes only (a letter kind, a batch id, setting names): never a name, a date of birth
or a member id.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone

import sqlite_utils

from app.domain.spreadsheet import safe_row
from app.logs import Safe
from app.storage.dialect import POSTGRESQL, SQLITE, dialect_of

log = logging.getLogger(__name__)
GENESIS = "0" * 64
HASH_FUNCTION = "sodesk_audit_hash"
APPEND_ONLY = "the audit trail is append-only: its rows cannot be changed or deleted"


def create_audit_table(db: sqlite_utils.Database) -> None:
    if dialect_of(db) == POSTGRESQL:
        db.execute(
            """
CREATE TABLE audit (
    id BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    "user" TEXT NOT NULL,
    action TEXT NOT NULL,
    request_id BIGINT,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
)"""
        )
        db.execute('CREATE INDEX audit_by_user ON audit ("user", id)')
        db.execute("CREATE INDEX audit_by_action ON audit (action, id)")
        db.execute("CREATE INDEX audit_by_request ON audit (request_id, id) WHERE request_id IS NOT NULL")
        db.execute(f"CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   f"RAISE EXCEPTION '{APPEND_ONLY}'; END $$")
        db.execute("CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()")
        return
    db.execute(
        """
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,              -- UTC, 2026-11-20T17:30:00Z
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    request_id INTEGER,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT"""
    )
    db.execute("CREATE INDEX audit_by_user ON audit (user, id)")
    db.execute("CREATE INDEX audit_by_action ON audit (action, id)")
    db.execute("CREATE INDEX audit_by_request ON audit (request_id, id) WHERE request_id IS NOT NULL")
    db.execute(f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END")
    db.execute(f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END")


def row_hash(prev_hash: str, row_id: int, at: str, user: str, action: str, request_id: int | None,
             detail: str | None) -> str:
    canonical = json.dumps([row_id, at, user, action, request_id, detail], ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    user: str
    action: str
    request_id: int | None
    detail: str | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditFilter:
    user: str | None = None
    action: str | None = None
    request_id: int | None = None
    since: date | None = None  # from this day (UTC) on
    until: date | None = None  # up to and including this day (UTC)


@dataclass(frozen=True)
class Verification:
    rows: int
    bad_id: int | None = None
    problem: str | None = None
    last_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.problem is None


COLUMNS = ("id", "at", "user", "action", "request_id", "detail", "prev_hash", "hash")
_SELECT_COLUMNS = ", ".join(f'"{column}"' if column == "user" else column for column in COLUMNS)


class AuditLog:
    """The trail of one database: `db` is a store (either engine) or a bare sqlite-utils Database."""

    def __init__(self, db: sqlite_utils.Database, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.clock = clock
        self.dialect = dialect_of(db)
        self._registered = threading.local()  # the SQLite connection (one per thread) that has the hash function
        if self.dialect == SQLITE:
            self._hash_function()

    def _hash_function(self) -> None:
        conn = self.db.conn  # this thread's connection: a SqliteStore opens one per thread
        if getattr(self._registered, "conn", None) is not conn:
            conn.create_function(HASH_FUNCTION, 7, row_hash, deterministic=True)
            self._registered.conn = conn

    def record(self, user: str, action: str, *, request_id: int | None = None,
               detail: str | None = None) -> AuditEntry:
        if self.dialect == POSTGRESQL:
            entry = self._append_locked(user, action, request_id, detail)
        else:
            entry = self._append_in_one_statement(user, action, request_id, detail)
        # The audit's fields are ids and codes by construction (see the module docstring), so they may be logged.
        log.info("audit %d: %s by %s, request %s, %s", entry.id, Safe(action), Safe(user),
                 Safe(str(request_id)) if request_id is not None else Safe("-"), Safe(detail or "-"))
        return entry

    def _append_in_one_statement(self, user, action, request_id, detail) -> AuditEntry:
        """SQLite: the INSERT takes the write lock before its SELECT reads the last row."""
        self._hash_function()
        at = _utc_text(self.clock())
        with self.db.atomic():
            self.db.execute(
                f"""INSERT INTO audit (id, at, "user", action, request_id, detail, prev_hash, hash)
                SELECT n.id, :at, :user, :action, :request_id, :detail, n.prev,
                       {HASH_FUNCTION}(n.prev, n.id, :at, :user, :action, :request_id, :detail)
                FROM (SELECT coalesce((SELECT max(id) FROM audit), 0) + 1 AS id,
                             coalesce((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), :genesis) AS prev) AS n""",
                {"at": at, "user": user, "action": action, "request_id": request_id, "detail": detail,
                 "genesis": GENESIS},
            )
            row = self.db.execute(f"SELECT {_SELECT_COLUMNS} FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        return AuditEntry(*row)

    def _append_locked(self, user, action, request_id, detail) -> AuditEntry:
        """PostgreSQL: desks take turns on the advisory lock, held until the (outermost) transaction ends."""
        with self.db.atomic():
            self.db.lock("audit")
            # Read after the lock: under READ COMMITTED this statement sees the row the previous holder committed.
            last = self.db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
            row_id, prev = (last[0] + 1, last[1]) if last is not None else (1, GENESIS)
            at = _utc_text(self.clock())  # in turn, so the times of the chain never go back (one clock aside)
            digest = row_hash(prev, row_id, at, user, action, request_id, detail)
            self.db.execute(f"INSERT INTO audit ({_SELECT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            [row_id, at, user, action, request_id, detail, prev, digest])
        return AuditEntry(row_id, at, user, action, request_id, detail, prev, digest)

    def entries(self, where: AuditFilter = AuditFilter(), *, limit: int | None = None,
                newest_first: bool = False) -> list[AuditEntry]:
        clauses, params = [], []
        if where.user:
            clauses.append('"user" = ?')
            params.append(where.user)
        if where.action:
            clauses.append("action = ?")
            params.append(where.action)
        if where.request_id is not None:
            clauses.append("request_id = ?")
            params.append(where.request_id)
        if where.since is not None:
            clauses.append("at >= ?")
            params.append(f"{where.since.isoformat()}T00:00:00Z")
        if where.until is not None:
            clauses.append("at <= ?")
            params.append(f"{where.until.isoformat()}T23:59:59Z")
        sql = f"SELECT {_SELECT_COLUMNS} FROM audit"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY id" + (" DESC" if newest_first else "")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [AuditEntry(*row) for row in self.db.execute(sql, params)]

    def actions(self) -> list[str]:
        return self._distinct("action")

    def users(self) -> list[str]:
        return self._distinct('"user"')

    def _distinct(self, column: str) -> list[str]:
        # GROUP BY, not DISTINCT: PostgreSQL refuses a DISTINCT ordered by an expression (the COLLATE) not selected.
        order = f'{column} COLLATE "C"' if self.dialect == POSTGRESQL else column
        return [row[0] for row in self.db.execute(f"SELECT {column} FROM audit GROUP BY {column} ORDER BY {order}")]

    def verify(self) -> Verification:
        """Walk the chain from the first row: the first row that is not what it should be, and why."""
        expected_id, previous, count = 1, GENESIS, 0
        for row in self.db.execute(f"SELECT {_SELECT_COLUMNS} FROM audit ORDER BY id"):
            entry = AuditEntry(*row)
            if entry.id != expected_id:
                missing = (f"row {expected_id} is missing" if entry.id == expected_id + 1
                           else f"rows {expected_id} to {entry.id - 1} are missing")
                after = f"row {entry.id} follows row {expected_id - 1}" if expected_id > 1 else \
                    f"the trail starts at row {entry.id}"
                return Verification(count, entry.id, f"{missing} (deleted): {after}", previous)
            if entry.prev_hash != previous:
                return Verification(count, entry.id, "chain break: its previous hash is not the hash of the row "
                                                     "before it (a row before it was edited, replaced or deleted)",
                                    previous)
            if row_hash(entry.prev_hash, entry.id, entry.at, entry.user, entry.action, entry.request_id,
                        entry.detail) != entry.hash:
                return Verification(count, entry.id, "edited: its content does not match its hash", previous)
            previous, expected_id, count = entry.hash, expected_id + 1, count + 1
        return Verification(count, None, None, previous)


def entries_csv(entries: Iterable[AuditEntry]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow(safe_row(getattr(entry, column) for column in COLUMNS))  # None: an empty cell
    return out.getvalue().encode("utf-8")
