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
