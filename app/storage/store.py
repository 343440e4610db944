"""One open database behind the small API every repository uses: SQLite (one file, the embedded default) or
PostgreSQL (the office server several desks share).

The API is the part of sqlite-utils' `Database` the repositories already spoke, so a repository takes either:

- `execute(sql, params)` -> a cursor (`fetchone`, `fetchall`, iteration, `rowcount`);
- `executemany(sql, rows)`;
- `query(sql, params)` -> dicts, one per row;
- `atomic()` -> a transaction (nested blocks are savepoints);
- `dialect` -> "sqlite" or "postgresql", for the few statements the two engines spell differently.

SQL is written once with SQLite's placeholders (`?` and `:name`); the PostgreSQL store turns them into psycopg's
(`%s`, `%(name)s`) outside string literals, identifiers and comments. `json_extract(text, '$.a.b')` exists on
both (a SQL function the PostgreSQL schema defines), returning text on PostgreSQL.

Connections: SQLite binds a connection to its thread, so the SQLite store opens one per thread, lazily. The
PostgreSQL store takes connections from a pool; a thread inside `atomic()` keeps its connection until the block
ends, every other statement borrows one for itself.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from app.errors import InputProblem, PasswordNeeded, ServerUnavailable  # noqa: F401  (re-exported)
from app.storage.dialect import POSTGRESQL, SQLITE, dialect_of  # noqa: F401  (re-exported)

SERVER_SCHEMES = ("postgresql://", "postgres://")
POOL_SIZE = 8
CONNECT_TIMEOUT_S = 5


def is_server_url(target: object) -> bool:
    return isinstance(target, str) and target.lower().startswith(SERVER_SCHEMES)


def safe_location(url: str) -> str:
    """The server URL as it may be shown or logged: never a password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    user = parts.username or ""
    netloc = f"{user}@{host}" if user else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


# The pool says each failed reconnection (socket paths, never data) through logging: into the desk's log, not
# onto a command's standard error.
logging.getLogger("psycopg.pool").addHandler(logging.NullHandler())

_OPEN_SERVER_STORES: weakref.WeakSet = weakref.WeakSet()


def close_server_stores() -> None:
    """Close every office-server store this process still holds (their pools' connections and threads): at
    the desk's exit, and after each test."""
    for store in list(_OPEN_SERVER_STORES):
        store.close()


def open_store(target: Path | str, *, passphrase: str | None = None, password: str | None = None) -> Store:
    """The database at `target`: a file path (SQLite, created and migrated when new) or a `postgresql://` URL
    (the office server; migrated when its schema is older). Bad targets raise InputProblem naming them."""
    if is_server_url(target):
        return PostgresStore(str(target), password=password)
    return SqliteStore(Path(target), passphrase=passphrase)


class Store:
    """What every store has; see the module docstring."""

    dialect: str
    location: str  # a path or a URL without its password: safe to show

    def execute(self, sql: str, params: Sequence | Mapping | None = None):
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence | Mapping]) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence | Mapping | None = None) -> Iterator[dict]:
        raise NotImplementedError

    def atomic(self):
        raise NotImplementedError

    def lock(self, name: str) -> None:
        """Inside `atomic()`: hold the named lock until the transaction ends (serialises, e.g., the audit
        chain's append across desks). SQLite writers are already serialised by the file's write lock."""

    def change_marker(self) -> object:
        """A value that differs once another connection has committed a change (a cheap poll)."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location}>"


# ------------------------------------------------------------------------------------------------- SQLite


class SqliteStore(Store):
    dialect = SQLITE

    def __init__(self, path: Path | None, *, passphrase: str | None = None, _memory=None) -> None:
        from app.storage.db import open_db

        self.path = path
        self.passphrase = passphrase
        self.location = str(path) if path is not None else ":memory:"
        self._local = threading.local()
        self._all: list = []
        self._lock = threading.Lock()
        first = _memory if _memory is not None else open_db(path, passphrase)  # creates and migrates
        self._memory = _memory
        self._adopt(first)

    @classmethod
    def memory(cls) -> SqliteStore:
        """A fresh, migrated in-memory database (tests, previews): one connection, for one thread."""
        from app.storage.db import open_memory_db

        return cls(None, _memory=open_memory_db())

    @classmethod
    def wrapping(cls, db) -> SqliteStore:
        """A store over an already-open sqlite-utils Database (its thread only)."""
        store = cls.__new__(cls)
        store.path, store.passphrase, store.location = None, None, "(open database)"
        store._local, store._all, store._lock, store._memory = threading.local(), [], threading.Lock(), db
        store._adopt(db)
        return store

    def _adopt(self, db) -> None:
        self._local.db = db
        with self._lock:
            self._all.append(db)

    @property
    def db(self):
        """This thread's sqlite-utils Database (for SQLite-only code: backups, SQLCipher, FTS5 bulk loads)."""
        db = getattr(self._local, "db", None)
        if db is None:
            if self._memory is not None:
                return self._memory
            from app.storage.db import open_db

            db = open_db(self.path, self.passphrase)
            self._adopt(db)
        return db

    @property
    def conn(self):
        return self.db.conn

    def execute(self, sql, params=None):
        return self.db.execute(sql, params)

    def executemany(self, sql, rows):
        db = self.db
        if db.conn.in_transaction:
            db.conn.executemany(sql, rows)
        else:
            with db.atomic():
                db.conn.executemany(sql, rows)

    def query(self, sql, params=None):
        return self.db.query(sql, params)

    @contextmanager
    def atomic(self):
        """A transaction that takes the file's write lock at its start (BEGIN IMMEDIATE), waiting for another
        desk's write up to the busy timeout: a deferred one that read first could not write after another desk
        committed. Nested blocks are savepoints."""
        db = self.db
        if db.conn.in_transaction:
            with db.atomic():
                yield self
            return
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        else:
            try:
                db.conn.execute("COMMIT")
            except BaseException:
                if db.conn.in_transaction:
                    db.conn.execute("ROLLBACK")
                raise

    def change_marker(self) -> object:
        # PRAGMA data_version changes when another connection commits (not for this connection's own writes).
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                try:
                    db.close()
                except Exception:  # noqa: BLE001  (another thread's connection: closing is best effort)
                    pass
            self._all.clear()
        self._local = threading.local()


# --------------------------------------------------------------------------------------------- PostgreSQL


_TOKEN = re.compile(r"""('(?:[^']|'')*')|("(?:[^"]|"")*")|(--[^\n]*)|(\$\$.*?\$\$)|(::)|(\?)|:([A-Za-z_]\w*)|(%)""",
                    re.S)


@lru_cache(maxsize=512)
def to_psycopg(sql: str) -> str:
    """SQLite's placeholders as psycopg's: `?` -> %s, `:name` -> %(name)s, a literal % -> %%; string literals,
    quoted identifiers, comments, $$ bodies and `::` casts are left as they are."""

    def swap(match: re.Match) -> str:
        if match.group(6):
            return "%s"
        if match.group(7):
            return f"%({match.group(7)})s"
        if match.group(8):
            return "%%"
        text = match.group(0)
        return text.replace("%", "%%") if match.group(1) or match.group(4) else text

    return _TOKEN.sub(swap, sql)


def _for_psycopg(sql: str, params) -> str:
    # Without parameters psycopg sends the text as it is (a literal '%' stays single): nothing to translate.
    return sql if params is None else to_psycopg(sql)


class _Rows:
    """A finished statement's rows, read before its connection went back to the pool."""

    def __init__(self, cursor) -> None:
        self.description = cursor.description
        self.rowcount = cursor.rowcount
        self.lastrowid = None
        self._rows = cursor.fetchall() if cursor.description is not None else []
        self._index = 0

    def fetchone(self):
        if self._index >= len(self._rows):
            return None
        row = self._rows[self._index]
        self._index += 1
        return row

    def fetchall(self):
        rows, self._index = self._rows[self._index:], len(self._rows)
        return rows

    def fetchmany(self, size: int = 1):
        rows = self._rows[self._index:self._index + size]
        self._index += len(rows)
        return rows

    def __iter__(self):
        while (row := self.fetchone()) is not None:
            yield row


def _bad_url(error: Exception, location: str) -> InputProblem:
    reason = str(error).strip().splitlines()[0].removeprefix("connection is bad: ")
    return InputProblem([f"--db: not a PostgreSQL address the desk can use ({reason}); write it as "
                         "postgresql://user@host[:port]/dbname?sslmode=verify-full"], source=location)


def server_problem(error: Exception, location: str) -> ServerUnavailable:
    """The clerk's words for a lost or refused server connection; the reason without any password."""
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if "password authentication failed" in reason or "no password supplied" in reason:
        return PasswordNeeded([f"the office database server refused the password for this desk's user ({reason}): "
                               "give the password (the desk can keep it in the system keyring), or put it in "
                               "~/.pgpass"], source=location)
    return ServerUnavailable(
        [f"the office database server cannot be reached ({reason}); nothing was saved there. Check that the "
         "server is running and this computer is on the office network, then try again (what you typed is "
         "kept in this desk's draft)"], source=location)


class PostgresStore(Store):
    dialect = POSTGRESQL

    def __init__(self, url: str, *, password: str | None = None, pool_size: int = POOL_SIZE,
                 migrate: bool = True) -> None:
        """`password`: given (the desk's keyring), else SODESK_DB_PASSWORD, else libpq's own (~/.pgpass)."""
        import psycopg
        from psycopg_pool import ConnectionPool

        self.url = url
        self.location = safe_location(url)
        self._psycopg = psycopg
        self._local = threading.local()
        password = password or os.environ.get("SODESK_DB_PASSWORD")
        self._password = password
        self._listener = None  # the LISTEN connection of change_marker, opened on first use
        self._listening = threading.Lock()
        self._heard = 0
        kwargs = {"autocommit": True, "cursor_factory": psycopg.ClientCursor,
                  "connect_timeout": CONNECT_TIMEOUT_S, "application_name": "sodesk"}
        if password and urlsplit(url).password is None:
            kwargs["password"] = password
        try:
            # `check`: a connection the server dropped (restarted, unplugged) is replaced before it is lent out
            self.pool = ConnectionPool(url, min_size=1, max_size=pool_size, kwargs=kwargs, open=False,
                                       timeout=CONNECT_TIMEOUT_S, name="sodesk",
                                       check=ConnectionPool.check_connection)
        except psycopg.ProgrammingError as error:  # a URL libpq cannot read
            raise InputProblem([f"not a PostgreSQL URL libpq can read ({error}); write it as "
                                "postgresql://user@host/dbname"], source=self.location) from None
        try:
            psycopg.conninfo.conninfo_to_dict(url)
        except psycopg.ProgrammingError as error:
            raise _bad_url(error, self.location) from None
        try:
            self.pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except Exception as error:  # noqa: BLE001  (the pool says PoolTimeout; the first connect's error is logged)
            self.pool.close()
            reason = self._first_connect_error() or error
            if "invalid" in str(reason) and "value" in str(reason):  # e.g. sslmode=bogus: libpq reads it at connect
                raise _bad_url(reason, self.location) from None
            raise server_problem(reason, self.location) from None
        _OPEN_SERVER_STORES.add(self)
        if migrate:
            from app.storage.db import migrate_postgres

            migrate_postgres(self)

    def _first_connect_error(self) -> Exception | None:
        try:
            extra = {"password": self._password} if self._password else {}
            conn = self._psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT_S, **extra)
        except self._psycopg.Error as error:
            return error
        conn.close()
        return None

    # --- connections -------------------------------------------------------------------------------------------

    @contextmanager
    def _connection(self):
        held = getattr(self._local, "conn", None)
        if held is not None:
            yield held
            return
        try:
            with self.pool.connection() as conn:
                yield conn
        except self._psycopg.OperationalError as error:
            raise server_problem(error, self.location) from None
        except Exception as error:
            if type(error).__name__ == "PoolTimeout":
                raise server_problem(error, self.location) from None
            raise

    @contextmanager
    def atomic(self):
        held = getattr(self._local, "conn", None)
        if held is not None:
            with held.transaction():  # a savepoint
                yield self
            return
        with self._connection() as conn:
            self._local.conn = conn
            try:
                with conn.transaction():
                    yield self
            except self._psycopg.OperationalError as error:
                raise server_problem(error, self.location) from None
            finally:
                self._local.conn = None

    # --- statements --------------------------------------------------------------------------------------------

    def execute(self, sql, params=None):
        with self._connection() as conn:
            try:
                return _Rows(conn.execute(_for_psycopg(sql, params), params))
            except self._psycopg.OperationalError as error:
                raise server_problem(error, self.location) from None

    def executemany(self, sql, rows):
        with self._connection() as conn:
            with conn.cursor() as cursor:
                cursor.executemany(to_psycopg(sql), list(rows))

    def query(self, sql, params=None):
        from psycopg.rows import dict_row

        with self._connection() as conn:
            with conn.cursor(row_factory=dict_row) as cursor:
                cursor.execute(_for_psycopg(sql, params), params)
                rows = cursor.fetchall() if cursor.description is not None else []
        return iter(rows)

    def lock(self, name: str) -> None:
        self.execute("SELECT pg_advisory_xact_lock(hashtext(?))", [f"sodesk:{name}"])

    def change_marker(self) -> object:
        """LISTEN/NOTIFY: every change's trigger notifies `sodesk_changes` (app.storage.db._postgres_functions);
        a connection of this store listens, and the marker counts what it heard. Asking reads what the server
        already sent (no round trip). A listener that lost the server starts again and moves the marker (what
        was said meanwhile was not heard); ServerUnavailable while the server is away."""
        psycopg = self._psycopg
        with self._listening:
            try:
                if self._listener is None or self._listener.closed:
                    extra = {"password": self._password} if self._password else {}
                    self._listener = psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                                                     application_name="sodesk-listener", **extra)
                    self._listener.execute("LISTEN sodesk_changes")
                    self._heard += 1
                self._heard += sum(1 for _ in self._listener.notifies(timeout=0))
            except psycopg.Error as error:
                if self._listener is not None:
                    self._listener.close()
                self._listener = None
                raise server_problem(error, self.location) from None
            return self._heard

    def close(self) -> None:
        with self._listening:
            if self._listener is not None:
                self._listener.close()
                self._listener = None
        self.pool.close()
        _OPEN_SERVER_STORES.discard(self)
