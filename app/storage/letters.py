"""Printed letters: one row per print (file, kind, language, who, when, SHA-256), kept with the request.

The PDF itself lives in the `letters` folder next to the database file; the row holds its path relative to that
folder and its SHA-256, so a reprint can prove it is the same letter.
"""

from __future__ import annotations

from datetime import datetime

import sqlite_utils
from pydantic import BaseModel, ConfigDict

from app.storage.cases import from_utc_text, utc_text


def m004_letters(db: sqlite_utils.Database) -> None:
    """Every printed letter of a request."""
    db.execute(
        """
CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    kind TEXT NOT NULL,
    language TEXT NOT NULL,
    file_path TEXT NOT NULL,          -- relative to the letters folder next to the database
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    size INTEGER NOT NULL CHECK (size > 0),
    printed_by TEXT NOT NULL,
    printed_at TEXT NOT NULL          -- UTC, '2026-11-20T17:30:00Z'
) STRICT"""
    )
    db.execute("CREATE INDEX letters_by_request ON letters (request_id, kind)")


class PrintedLetter(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    request_id: int
    kind: str
    language: str
    file_path: str
    sha256: str
    size: int
    printed_by: str
    printed_at: datetime


def _letter(row: dict) -> PrintedLetter:
    return PrintedLetter(**{**row, "printed_at": from_utc_text(row["printed_at"])})


class LetterRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def add(self, *, request_id: int, kind: str, language: str, file_path: str, sha256: str, size: int,
            printed_by: str, printed_at: datetime) -> PrintedLetter:
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO letters (request_id, kind, language, file_path, sha256, size, printed_by, printed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [request_id, kind, language, file_path, sha256, size, printed_by, utc_text(printed_at)],
            )
        return self.get(cursor.lastrowid)

    def get(self, letter_id: int) -> PrintedLetter:
        rows = list(self.db.query("SELECT * FROM letters WHERE id = ?", [letter_id]))
        if not rows:
            raise LookupError(f"there is no printed letter #{letter_id}")
        return _letter(rows[0])

    def for_request(self, request_id: int) -> list[PrintedLetter]:
        return [_letter(row) for row in
                self.db.query("SELECT * FROM letters WHERE request_id = ? ORDER BY id", [request_id])]

    def printed_kinds(self, request_ids: list[int]) -> dict[int, set[str]]:
        """For each request id, the kinds already printed (one query for a whole worklist page)."""
        found: dict[int, set[str]] = {request_id: set() for request_id in request_ids}
        for start in range(0, len(request_ids), 500):
            chunk = request_ids[start:start + 500]
            sql = (f"SELECT DISTINCT request_id, kind FROM letters WHERE request_id IN "
                   f"({', '.join('?' for _ in chunk)})")
            for request_id, kind in self.db.execute(sql, chunk).fetchall():
                found[request_id].add(kind)
        return found
