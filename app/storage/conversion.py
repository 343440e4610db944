"""Converting a desk's file to SQLCipher and back, every row checked (`sodesk encrypt` / `sodesk decrypt`).

Kept apart from app.storage.crypto (opening an encrypted file, which app.storage.db needs) because a conversion
also needs the integrity check and the file helpers of app.storage.backup, which itself opens databases: this
way storage.db -> crypto and backup -> db never loop back.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.errors import InputProblem
from app.storage.backup import _fsync_file, _fsync_folder, _in_use, _side, check
from app.storage.crypto import _STAMP, connect, looks_encrypted, quote, remember


@dataclass
class Conversion:
    database: Path  # now in the new form
    kept_aside: Path  # the previous file, under a new name
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows, the same in both


def encrypt_database(path: Path | str, passphrase: str, *, now: datetime | None = None) -> Conversion:
    """Convert a plain database to SQLCipher. The plain original is kept aside as
    `<name>.plain-before-encryption-<time>` (delete it yourself once the encrypted one is known good)."""
    return _convert(Path(path), passphrase, encrypt=True, now=now or datetime.now())


def decrypt_database(path: Path | str, passphrase: str, *, now: datetime | None = None) -> Conversion:
    """Convert a SQLCipher database back to plain SQLite; the encrypted file is kept aside as
    `<name>.encrypted-before-decryption-<time>`."""
    return _convert(Path(path), passphrase, encrypt=False, now=now or datetime.now())


def _convert(path: Path, passphrase: str, *, encrypt: bool, now: datetime) -> Conversion:
    import sqlcipher3

    if not passphrase:
        raise InputProblem(["the passphrase is empty: give one"])
    if not path.is_file():
        raise InputProblem(["there is no database here"], source=str(path))
    if encrypt:
        if looks_encrypted(path):
            raise InputProblem(["this database is already encrypted"], source=str(path))
        report = check(path)
        if not report.ok:
            raise InputProblem([*report.problems, "nothing was converted"], source=str(path))
        if _in_use(path):
            raise InputProblem(["the database is open in another program (the desk?): close it first"],
                               source=str(path))
    elif not looks_encrypted(path):
        raise InputProblem(["this database is not encrypted"], source=str(path))
    partial = path.with_name(f".{path.name}.converting.partial")
    for stale in (partial, _side(partial, "-wal"), _side(partial, "-shm"), _side(partial, "-journal")):
        stale.unlink(missing_ok=True)
    if encrypt:
        source = sqlcipher3.connect(str(path))
        source.execute("PRAGMA cipher_log_level = NONE")
        target_key = quote(passphrase)
    else:
        source = connect(path, passphrase)
        target_key = "''"  # an empty key: a plain SQLite file
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every committed page into the file first
        version = source.execute("PRAGMA user_version").fetchone()[0]
        source.execute(f"ATTACH DATABASE {quote(str(partial))} AS converted KEY {target_key}")
        source.execute("SELECT sqlcipher_export('converted')")
        source.execute(f"PRAGMA converted.user_version = {int(version)}")
        source.execute("DETACH DATABASE converted")
        rows = _row_counts(source)
    except sqlcipher3.dbapi2.Error as error:
        partial.unlink(missing_ok=True)
        raise InputProblem([f"the conversion failed ({error}); nothing was changed"], source=str(path)) from None
    finally:
        source.close()
    converted = connect(partial, passphrase) if encrypt else sqlite3.connect(partial)
    try:
        copied = _row_counts(converted)
        found = [row[0] for row in converted.execute("PRAGMA integrity_check")]
    finally:
        converted.close()
    if copied != rows or found != ["ok"]:
        partial.unlink(missing_ok=True)
        differ = sorted(table for table in rows.keys() | copied.keys() if rows.get(table) != copied.get(table))
        raise InputProblem([f"the converted copy does not match (tables {', '.join(differ) or 'none'}; integrity "
                            f"{', '.join(found)}); nothing was changed"], source=str(path))
    _fsync_file(partial)
    label = "plain-before-encryption" if encrypt else "encrypted-before-decryption"
    aside = path.with_name(f"{path.name}.{label}-{now:{_STAMP}}")
    number = 2
    while aside.exists():
        aside = path.with_name(f"{path.name}.{label}-{now:{_STAMP}}-{number}")
        number += 1
    os.rename(path, aside)
    for suffix in ("-wal", "-shm"):
        side = _side(path, suffix)
        if side.exists():
            side.unlink()  # emptied by the checkpoint above
    os.replace(partial, path)
    _fsync_folder(path.parent)
    remember(path, passphrase if encrypt else None)
    return Conversion(database=path, kept_aside=aside, rows=rows)


def _row_counts(conn) -> dict[str, int]:
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]  # a virtual table's rows are its shadow tables'
    return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
