"""Encryption at rest with SQLCipher 4 (sqlcipher3): open, convert a plain database, and back to plain.

The passphrase is asked once when the desk or a command starts (never taken from the command line) and kept for
this process only, per database file (`remember`): every `open_db(path)` and every backup of that file then uses
it, without the passphrase being handed through each call. Nothing writes it anywhere.

A SQLCipher file has no readable header (its first 16 bytes are a random salt): the standard sqlite3 module
reads it as "file is not a database". A lost passphrase cannot be recovered: keep a copy in a safe place.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.errors import InputProblem
from app.storage.dialect import SQLITE_HEADER

_KEYS: dict[str, str] = {}
WRONG_PASSPHRASE = ("the passphrase is wrong, or this database is not encrypted (a plain database opens without "
                    "one); check the passphrase and the file")
_STAMP = "%Y%m%d-%H%M%S"


class EncryptedDatabase(InputProblem):
    """The file looks encrypted and no passphrase was given."""


class WrongPassphrase(InputProblem):
    """The passphrase does not open this file (or the file is not encrypted)."""


def _key(path: Path | str) -> str:
    return str(Path(path).resolve())


def remember(path: Path | str, passphrase: str | None) -> None:
    """Use `passphrase` for every later open and backup of `path` in this process (None: forget it)."""
    if passphrase:
        _KEYS[_key(path)] = passphrase
    else:
        _KEYS.pop(_key(path), None)


def passphrase_for(path: Path | str) -> str | None:
    return _KEYS.get(_key(path))


def looks_encrypted(path: Path | str) -> bool:
    """A non-empty file of whole pages that does not start with the SQLite header: a SQLCipher database (or
    damage; opening it with the passphrase tells which)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return size >= 512 and size % 512 == 0 and head != SQLITE_HEADER


def quote(passphrase: str) -> str:
    """A SQL string literal: PRAGMA key takes no bound parameters."""
    return "'" + passphrase.replace("'", "''") + "'"


def errors() -> tuple[type[BaseException], ...]:
    """The exception classes of both drivers (sqlcipher3's do not derive from sqlite3's)."""
    import sqlcipher3

    return (sqlite3.Error, sqlcipher3.dbapi2.Error)


def connect(path: Path | str, passphrase: str, *, readonly: bool = False, immutable: bool = False,
            check_same_thread: bool = True, timeout: float = 5.0):
    """A sqlcipher3 connection keyed with `passphrase` and proven to read the file; WrongPassphrase if not."""
    import sqlcipher3

    path = Path(path)
    if readonly:
        uri = path.resolve().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")
        conn = sqlcipher3.connect(uri, uri=True, timeout=timeout, check_same_thread=check_same_thread)
    else:
        conn = sqlcipher3.connect(str(path), timeout=timeout, check_same_thread=check_same_thread)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key would otherwise print noise on stderr
        conn.execute(f"PRAGMA key = {quote(passphrase)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.dbapi2.DatabaseError as error:
        conn.close()
        if "not a database" in str(error):
            raise WrongPassphrase([WRONG_PASSPHRASE], source=str(path)) from None
        raise InputProblem([f"cannot open the encrypted database: {error}"], source=str(path)) from None
    return conn


def open_encrypted(path: Path, passphrase: str, configure, migrations):  # -> sqlite_utils.Database
    """The encrypted counterpart of app.storage.db.open_db (which calls it with its own configure/migrations)."""
    import sqlcipher3

    source = str(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputProblem([f"cannot create the folder {path.parent} for the database: {error.strerror}"],
                           source=source) from None
    conn = connect(path, passphrase)
    import sqlite_utils  # here: the desk checks `looks_encrypted` at start, before sqlite-utils is needed

    db = sqlite_utils.Database(conn, strict=True)
    try:
        configure(db)
        migrations().apply(db)
    except sqlcipher3.dbapi2.OperationalError as error:
        db.close()
        raise InputProblem([f"cannot use the database: {error}"], source=source) from None
    except sqlcipher3.dbapi2.DatabaseError as error:
        db.close()
        raise InputProblem([f"not a usable database ({error})"], source=source) from None
    return db


# ---------------------------------------------------------------------------------------------- conversion
