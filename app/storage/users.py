"""The desk's users: one row each, with an argon2id hash (never the password), a role, failed sign-ins and a lock.

Usernames are stored casefolded: "RGarcia" and "rgarcia" are one account. The same table on both engines:
`active` is 0/1 (an integer, as SQLite stores it) on PostgreSQL too, and lists sort usernames by code point on
both (COLLATE "C" on a server whose database may have a language's collation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from app.storage import audit
from app.storage.dialect import POSTGRESQL, dialect_of
from app.storage.worklist import from_utc_text, utc_text

ROLES = ("front_desk", "reviewer", "admin")


def m006_users_and_audit(db: sqlite_utils.Database) -> None:
    """Users with roles and lockout, and the hash-chained, append-only audit trail."""
    if dialect_of(db) == POSTGRESQL:
        db.execute(
            f"""
CREATE TABLE users (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ({", ".join(f"'{role}'" for role in ROLES)})),
    password_hash TEXT NOT NULL,
    failed_count BIGINT NOT NULL DEFAULT 0,
    locked_until TEXT,
    active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL
)"""
        )
        audit.create_audit_table(db)
        return
    db.execute(
        f"""
CREATE TABLE users (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ({", ".join(f"'{role}'" for role in ROLES)})),
    password_hash TEXT NOT NULL,
    failed_count INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL
) STRICT"""
    )
    audit.create_audit_table(db)


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    role: str
    password_hash: str
    failed_count: int
    locked_until: datetime | None
    active: bool

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


def _user(row) -> User:
    username, display_name, role, password_hash, failed_count, locked_until, active = row
    return User(username, display_name, role, password_hash, failed_count, from_utc_text(locked_until),
                bool(active))


_SELECT = "SELECT username, display_name, role, password_hash, failed_count, locked_until, active FROM users"


def normal_username(username: str) -> str:
    return username.strip().casefold()


class UserRepository:
    """`db` is a store (either engine) or a bare sqlite-utils Database."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._by_username = 'username COLLATE "C"' if dialect_of(db) == POSTGRESQL else "username"

    def count(self, *, active_only: bool = True) -> int:
        sql = "SELECT count(*) FROM users" + (" WHERE active = 1" if active_only else "")
        return self.db.execute(sql).fetchone()[0]

    def any(self) -> bool:
        """Has this database any user at all (then every service action needs a signed-in session)?"""
        return bool(self.db.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0])  # 1 or true

    def get(self, username: str) -> User | None:
        row = self.db.execute(f"{_SELECT} WHERE username = ?", [normal_username(username)]).fetchone()
        return None if row is None else _user(row)

    def all(self) -> list[User]:
        return [_user(row) for row in self.db.execute(f"{_SELECT} ORDER BY active DESC, {self._by_username}")]

    def active_admins(self) -> int:
        return self.db.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1").fetchone()[0]

    def add(self, username: str, display_name: str, role: str, password_hash: str, now: datetime) -> User:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO users (username, display_name, role, password_hash, created_at, changed_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [normal_username(username), display_name.strip(), role, password_hash, utc_text(now),
                 utc_text(now)])
        return self.get(username)

    def update(self, username: str, now: datetime, **fields) -> None:
        allowed = {"display_name", "role", "password_hash", "failed_count", "locked_until", "active"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"not a user field: {', '.join(sorted(unknown))}")
        values = {key: (utc_text(value) if isinstance(value, datetime) else
                        int(value) if isinstance(value, bool) else value) for key, value in fields.items()}
        assignments = "".join(f"{key} = :{key}, " for key in values)
        with self.db.atomic():
            self.db.execute(f"UPDATE users SET {assignments}changed_at = :changed_at WHERE username = :username",
                            {**values, "changed_at": utc_text(now), "username": normal_username(username)})
