"""What happens before the desk opens: the database is checked (never overwritten when damaged), created or
upgraded, and backed up at most daily, keeping the number of backups the settings say."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.errors import InputProblem


@dataclass
class Started:
    backup: Path | None
    backup_problem: str | None = None


def start_database(db_path: Path) -> Started:
    """Raise InputProblem (DamagedDatabase naming the last good backup) when the file cannot be used."""
    from app.storage.backup import BackupFailed, automatic_backup, open_or_explain
    from app.storage.settings import SettingsRepository

    db = open_or_explain(db_path)
    try:
        keep = SettingsRepository(db).load().backup_keep
    except sqlite3.Error as error:  # a database from another program or version: say so, change nothing
        raise InputProblem([f"the database cannot be read as a Second Opinion Desk database ({error}); "
                            "give another file with --db, or restore a backup"], source=str(db_path)) from None
    finally:
        db.close()
    try:
        return Started(backup=automatic_backup(db_path, keep=keep))
    except (BackupFailed, InputProblem, OSError) as error:
        # A failed backup must not stop the day's work; the window says so.
        return Started(backup=None, backup_problem=str(error))


def open_worklist(db_path: Path):
    """The plain worklist reader of a database file that already has what it reads, else None (app.storage.worklist):
    the window shows it before the start-up check ends."""
    from app.storage.worklist import open_worklist as reader_of

    return reader_of(db_path)


def server_worklist(desk):
    """The worklist reader of a desk on the office server (PasswordNeeded when it wants a password)."""
    from app.storage.worklist import WorklistReader

    return WorklistReader(desk.store, desk.plan_names)


def needs_passphrase(db_path: Path) -> bool:
    """An encrypted database file whose passphrase this desk does not hold yet."""
    from app.storage import crypto

    return crypto.looks_encrypted(db_path) and not crypto.passphrase_for(db_path)


def unlock(db_path: Path, passphrase: str) -> None:
    """Open the encrypted file with `passphrase` once and keep it for this run; InputProblem when it is wrong."""
    from app.storage import crypto

    crypto.connect(db_path, passphrase).close()
    crypto.remember(db_path, passphrase)
