"""A desk's file opened to read only, with the standard library's sqlite3: for one-shot commands that read the
directory (`sodesk evaluate`) and need none of sqlite-utils, the migrations or the other repositories (issue 15:
the one-shot budget). Anything else (a new file, an encrypted one, one without a directory yet) is opened the
full way (app.storage.store.open_store), which creates, migrates, asks for a passphrase or explains."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.storage.dialect import SQLITE, SQLITE_HEADER

NEEDS = "m001_providers"  # the directory's tables (later migrations leave them as they are)


class ReadOnlyFile:
    """What ProviderRepository reads through (`conn`, `dialect`), over a read-only connection."""

    dialect = SQLITE

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.location = str(path)

    def execute(self, sql: str, params=()):
        return self.conn.execute(sql, params)

    def close(self) -> None:
        self.conn.close()


def open_read_only(path: Path) -> ReadOnlyFile | None:
    """The plain SQLite file at `path`, to read, when its directory's tables are there; None otherwise."""
    try:
        with open(path, "rb") as file:
            if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return None
    try:
        applied = {name for (name,) in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'sodesk'")}
    except sqlite3.Error:
        applied = set()
    if NEEDS not in applied:
        conn.close()
        return None
    return ReadOnlyFile(conn, path)
