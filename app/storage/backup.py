"""Backups, checks and restores of the desk's database, and what the app says when the database is damaged.

- `backup_to`: a consistent copy made with SQLite's online backup API (safe while the desk is writing),
  written under a temporary name in the target folder, checked, and only then renamed into place.
- `check`: header, `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, and the desk's migration record. It
  never writes: the file is opened read-only, and `immutable=1` when no `-wal` file is beside it (a read-only
  open of a WAL-mode file would otherwise leave new, empty `-wal`/`-shm` files behind).
- `restore_from`: checks the backup, keeps the current database aside under a new name (never deleted, even
  when damaged), then swaps the copy in with one rename.
- `automatic_backup`: at most one `sodesk-YYYYMMDD-HHMMSS.sqlite3` per interval in `backups/` beside the
  database, keeping the newest `keep`; it deletes nothing whose name does not follow that pattern.
- `open_or_explain`: the app's start: a damaged database is not opened (opening would run migrations on it),
  and the message names the last good backup with the command that restores it.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import sqlite3
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils

from app.errors import InputProblem
from app.storage.db import open_db
from app.storage.dialect import SQLITE_HEADER

DEFAULT_KEEP = 10
BACKUP_FOLDER = "backups"
BACKUP_PATTERN = re.compile(r"^sodesk-(\d{8}-\d{6})\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"
MIGRATION_SET = "sodesk"  # app.storage.db.migrations() records its names under this set
# SQLite reports at most this many integrity problems, and we show at most this many foreign-key ones.
_MAX_LISTED = 10
_SIDE_FILES = ("-wal", "-shm", "-journal")
_HEADER_SIZE = 100


class DamagedDatabase(InputProblem):
    """The database failed `check`: it was not opened and not changed. Carries what the app needs to offer
    the last good backup (`backup`, `restore_command`)."""

    def __init__(self, db_path: Path, report: CheckReport, backup: Path | None) -> None:
        self.db_path = db_path
        self.report = report
        self.backup = backup
        self.restore_command = restore_command(db_path, backup) if backup is not None else None
        super().__init__(report.problems, source=str(db_path))

    def render(self) -> str:
        lines = [f"{self.db_path}: this database is damaged, so it was not opened; the file was NOT changed."]
        lines += [f"  - {problem}" for problem in self.problems]
        if self.backup is None:
            lines.append(
                f"No good backup was found in {backup_folder(self.db_path)}. Keep this file as it is "
                "(copy it somewhere safe) and ask for help."
            )
        else:
            made = backup_time(self.backup)
            when = f" (made {made:%Y-%m-%d %H:%M})" if made else ""
            lines.append(f"Last good backup: {self.backup}{when}.")
            lines.append("To restore it (the damaged file is kept aside, not deleted), run:")
            lines.append(f"  {self.restore_command}")
        return "\n".join(lines)


class BackupFailed(Exception):
    """The copy could not be written (disk full, no permission...). The database itself is fine."""


@dataclass(frozen=True)
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    # An empty file, or a SQLite file without a single table: nothing in it to lose, so the app may
    # create its tables there (an interrupted first start leaves exactly this).
    blank: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class RestoreReport:
    restored: Path  # the database path, now holding the backup's content
    backup: Path
    kept_aside: Path | None  # the previous database under its new name; None when there was none
    previous_problems: list[str]  # what `check` said of the previous database ([] when it was fine)


# ---------------------------------------------------------------------------------------------- check


def check(db_path: Path | str, *, quick: bool = False, passphrase: str | None = None) -> CheckReport:
    """Is this a whole, readable Second Opinion Desk database? Never writes to the file.

    `quick=True` runs `PRAGMA quick_check` (skips matching index entries against their rows) instead of the
    full `integrity_check`. An encrypted database is checked with `passphrase` (or the one remembered for it).
    """
    path = Path(db_path)
    passphrase = passphrase or _passphrase_for(path)
    if passphrase and path.is_file() and path.stat().st_size > 0:
        return _check_encrypted(path, quick, passphrase)
    if not path.exists():
        return CheckReport(path, ["there is no file here"])
    if path.is_dir():
        return CheckReport(path, ["this is a folder, not a database file"])
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_HEADER_SIZE)
    except OSError as error:
        return CheckReport(path, [f"cannot read the file: {error.strerror}"])
    if size == 0:
        return CheckReport(path, ["the file is empty (0 bytes): it holds no database"], blank=True)
    problem = _header_problem(path, head, size)
    if problem:
        return CheckReport(path, [problem])
    try:
        conn = _connect_readonly(path)
    except sqlite3.Error as error:
        return CheckReport(path, [_sqlite_problem(error)])
    try:
        return _check_open(path, conn, quick)
    finally:
        conn.close()


def _passphrase_for(path: Path) -> str | None:
    from app.storage.crypto import passphrase_for

    return passphrase_for(path)


def _check_encrypted(path: Path, quick: bool, passphrase: str) -> CheckReport:
    from app.storage import crypto

    try:
        conn = crypto.connect(path, passphrase, readonly=True, check_same_thread=False,
                              immutable=not _side(path, "-wal").exists() and not _side(path, "-journal").exists())
    except InputProblem as problem:
        return CheckReport(path, problem.problems)
    try:
        return _check_open(path, conn, quick)
    except crypto.errors() as error:
        return CheckReport(path, [_sqlite_problem(error)])
    finally:
        conn.close()


def _check_open(path: Path, conn: sqlite3.Connection, quick: bool) -> CheckReport:
    pragma = "quick_check" if quick else "integrity_check"
    try:
        found = [row[0] for row in conn.execute(f"PRAGMA {pragma}({_MAX_LISTED})")]
    except sqlite3.Error as error:
        return CheckReport(path, [_sqlite_problem(error)])
    if found != ["ok"]:
        return CheckReport(path, [f"damaged structure (SQLite {pragma}: {line})" for line in found])
    problems: list[str] = []
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return CheckReport(
                path, ["it holds no tables: not a Second Opinion Desk database (yet)"], blank=True
            )
        problems += _foreign_key_problems(conn)
        marked = "_sqlite_migrations" in tables and conn.execute(
            "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        ).fetchone()[0]
    except sqlite3.Error as error:
        return CheckReport(path, [*problems, _sqlite_problem(error)])
    if not marked:
        problems.append(
            "this is a SQLite database, but not a Second Opinion Desk one "
            "(no record of the desk's migrations)"
        )
    return CheckReport(path, problems)


def _foreign_key_problems(conn: sqlite3.Connection) -> list[str]:
    counts: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fkid in conn.execute("PRAGMA foreign_key_check"):
        counts[(table, parent)] = counts.get((table, parent), 0) + 1
    return [
        f"{count} row{'s' if count > 1 else ''} of {table} point{'' if count > 1 else 's'} "
        f"to missing rows of {parent}"
        for (table, parent), count in list(counts.items())[:_MAX_LISTED]
    ]


def _header_problem(path: Path, head: bytes, size: int) -> str | None:
    if head[: len(SQLITE_HEADER)] != SQLITE_HEADER[: len(head)]:
        return "this file is not a SQLite database (it does not start with the SQLite header)"
    if len(head) < _HEADER_SIZE:
        return f"the file is cut short ({size} bytes): the SQLite header is not whole"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"the SQLite header is damaged (it gives an impossible page size, {page_size})"
    wal = _side(path, "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # Pages may still live in the WAL, and a checkpoint writes page 1 before it extends the file.
        return None
    pages = int.from_bytes(head[28:32], "big")
    # The header's page count is valid only when the two change counters agree (SQLite file format 1.3.7).
    if pages and head[24:28] == head[92:96] and size < pages * page_size:
        return (
            f"the file is cut short: it has {size:,} bytes but its header says {pages * page_size:,} "
            f"({pages:,} pages of {page_size:,} bytes); the end of the database is missing"
        )
    if size % page_size:
        return f"the file size ({size:,} bytes) is not a whole number of {page_size:,}-byte pages: it was cut"
    return None


def _sqlite_problem(error: sqlite3.Error) -> str:
    text = str(error)
    if "malformed" in text or "not a database" in text:
        return f"SQLite cannot read it ({text}): it is damaged"
    if "locked" in text or "busy" in text:
        return f"SQLite could not read it ({text}): another program is writing to it; try again"
    return f"SQLite cannot read it ({text})"


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to `path` or create files beside it.

    With a `-wal` (a live desk, or one that stopped mid-write) SQLite must read it, so: `mode=ro`, with the
    usual locks. Without one, `immutable=1`: a plain read-only open of a WAL-mode file would create (and
    leave behind) empty `-wal` and `-shm` files, and a copy on read-only media could not be opened at all.
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    if not _side(path, "-wal").exists() and not _side(path, "-journal").exists():
        uri += "&immutable=1"
    conn = sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False)
    conn.execute("PRAGMA query_only=ON")
    return conn


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


# ---------------------------------------------------------------------------------------------- backup


def backup_to(db_path: Path | str, target: Path | str, *, overwrite: bool = False,
              passphrase: str | None = None) -> Path:
    """Copy the database to `target` (a file name, or an existing folder: then `sodesk-<now>.sqlite3` in it).

    The copy is made with SQLite's online backup API from a read-only connection, so it is one consistent
    state even while the desk is writing. It is written under a temporary name in the target folder, passes
    `PRAGMA integrity_check`, is flushed to disk, and only then gets its name: a file under `target` is
    always whole. An existing `target` is refused unless `overwrite=True`. The copy is self-contained
    (rollback-journal mode: no `-wal` beside it). An encrypted database is copied encrypted, with the same
    passphrase. Returns the path written.
    """
    source = Path(db_path)
    target = Path(target)
    if target.is_dir():
        target = target / backup_name(datetime.now())
    passphrase = passphrase or _passphrase_for(source)
    _require_readable_database(source, encrypted=bool(passphrase))
    if _same_file(source, target):
        raise InputProblem(
            ["this is the database itself: give another file name for the backup"], source=str(target)
        )
    if not target.parent.is_dir():
        raise InputProblem([f"there is no folder {target.parent}: create it first"], source=str(target))
    if target.exists() and not overwrite:
        raise InputProblem(
            ["this file already exists and was left as it is: give a new file name (or overwrite it)"],
            source=str(target),
        )
    partial = _copy_verified(source, target.parent, target.name, passphrase)
    try:
        _place(partial, target, overwrite=overwrite)
    except BaseException:
        _remove_partial(partial)
        raise
    _fsync_folder(target.parent)
    return target


def backup_name(now: datetime) -> str:
    return f"sodesk-{now:{_STAMP}}.sqlite3"


def backup_time(path: Path | str) -> datetime | None:
    """When an automatic backup was made, read from its name; None for any other name."""
    match = BACKUP_PATTERN.match(Path(path).name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP)
    except ValueError:  # e.g. sodesk-20241399-...: not ours
        return None


def _require_readable_database(path: Path, encrypted: bool = False) -> None:
    if not path.exists():
        raise InputProblem(["there is no database here, so there is nothing to back up"], source=str(path))
    if path.is_dir():
        raise InputProblem(["this is a folder: give the database file"], source=str(path))
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEADER_SIZE)
        size = path.stat().st_size
    except OSError as error:
        raise InputProblem([f"cannot read the database: {error.strerror}"], source=str(path)) from None
    problem = "the file is empty (0 bytes): it holds no database" if size == 0 else None
    problem = problem or (None if encrypted else _header_problem(path, head, size))
    if problem:
        raise InputProblem([problem], source=str(path))


def _copy_verified(source: Path, folder: Path, name: str, passphrase: str | None = None) -> Path:
    """Back up `source` into a new temporary file in `folder` and check the copy; return the temporary path.

    A damaged source raises InputProblem; a copy that cannot be written raises BackupFailed. Either way no
    temporary file is left behind.
    """
    partial = folder / f".{name}.{secrets.token_hex(4)}.partial"
    try:
        partial.open("xb").close()  # claims the name; an empty file is a new database to SQLite
    except OSError as error:
        raise BackupFailed(f"{folder}: cannot write the backup there: {error.strerror}") from None
    try:
        if passphrase:
            _copy_encrypted(source, partial, passphrase)
            _fsync_file(partial)
            return partial
        try:
            src = _connect_readonly(source)
        except sqlite3.Error as error:
            raise InputProblem([_sqlite_problem(error)], source=str(source)) from None
        try:
            dst = sqlite3.connect(partial)
            # No syncs while a temporary file is written: it is fsynced once, whole, before it gets its name.
            dst.execute("PRAGMA synchronous=OFF")
            try:
                _backup(src, dst, source, partial)
            finally:
                dst.close()
        finally:
            src.close()
        _fsync_file(partial)
    except BaseException:
        _remove_partial(partial)
        raise
    return partial


def _copy_encrypted(source: Path, partial: Path, passphrase: str) -> None:
    """The online backup between two SQLCipher databases keyed alike: the copy is encrypted as the source is."""
    from app.storage import crypto

    src = crypto.connect(source, passphrase, readonly=True, check_same_thread=False,
                         immutable=not _side(source, "-wal").exists() and not _side(source, "-journal").exists())
    try:
        dst = crypto.connect(partial, passphrase)
        try:
            dst.execute("PRAGMA synchronous=OFF")
            _backup(src, dst, source, partial)
        except crypto.errors() as error:
            raise BackupFailed(f"{partial.parent}: cannot write the backup there: {error}") from None
        finally:
            dst.close()
    finally:
        src.close()


def _backup(src: sqlite3.Connection, dst: sqlite3.Connection, source: Path, partial: Path) -> None:
    try:
        src.backup(dst)  # all pages in one step: one read transaction, one consistent snapshot
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise BackupFailed(f"{source}: the database stayed busy; try again in a moment") from None
        raise BackupFailed(f"{partial.parent}: cannot write the backup there: {error}") from None
    except sqlite3.DatabaseError as error:
        raise InputProblem([_sqlite_problem(error)], source=str(source)) from None
    try:
        # The copy inherits WAL mode; a backup is one file that must open anywhere, even read-only media.
        dst.execute("PRAGMA journal_mode=DELETE")
        found = [row[0] for row in dst.execute(f"PRAGMA integrity_check({_MAX_LISTED})")]
    except sqlite3.OperationalError as error:
        raise BackupFailed(f"{partial.parent}: cannot write the backup there: {error}") from None
    except sqlite3.DatabaseError as error:
        raise InputProblem([_sqlite_problem(error)], source=str(source)) from None
    if found != ["ok"]:
        raise InputProblem(
            [
                "the database is damaged: its copy failed SQLite's integrity check, so no backup was written",
                *(f"damaged structure (SQLite integrity_check: {line})" for line in found),
            ],
            source=str(source),
        )


def _place(partial: Path, target: Path, *, overwrite: bool) -> None:
    if overwrite:
        os.replace(partial, target)
        return
    try:
        os.link(partial, target)  # atomic, and fails rather than replace a file that appeared meanwhile
    except FileExistsError:
        raise InputProblem(
            ["this file already exists and was left as it is: give a new file name"], source=str(target)
        ) from None
    except OSError:  # no hard links here (FAT, some network shares): rename after a last look
        if target.exists():
            raise InputProblem(
                ["this file already exists and was left as it is: give a new file name"], source=str(target)
            ) from None
        os.replace(partial, target)
        return
    partial.unlink()


def _remove_partial(partial: Path) -> None:
    for path in (partial, *(_side(partial, suffix) for suffix in _SIDE_FILES)):
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass  # a stray hidden .partial is harmless; the real error matters more


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; NTFS journals the rename
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


# ---------------------------------------------------------------------------------------------- restore


def restore_from(backup: Path | str, db_path: Path | str, *, now: datetime | None = None,
                 passphrase: str | None = None) -> RestoreReport:
    """Put the content of `backup` at `db_path`, keeping the current database aside.

    The backup must pass `check`; otherwise InputProblem says why and nothing changes. The current database
    (damaged or not) gets the name `<name>.before-restore-<YYYYMMDD-HHMMSS>` and is never deleted; its `-wal`
    goes with it (as that name + `-wal`) so no committed change is lost and none can be replayed onto the
    restored file; its `-shm` (a cache SQLite rebuilds) is removed. The restored copy is written beside the
    database under a temporary name and renamed into place, so `db_path` is always a whole file.
    """
    backup = Path(backup)
    db_path = Path(db_path)
    if not backup.exists():
        raise InputProblem(
            ["no such file: give a backup file (`sodesk backups` lists them)"], source=str(backup)
        )
    if db_path.is_dir():
        raise InputProblem(["this is a folder: give the database file"], source=str(db_path))
    if _same_file(backup, db_path):
        raise InputProblem(["this backup is the database itself: give a backup file"], source=str(backup))
    # An encrypted database's backups are encrypted with its passphrase.
    passphrase = passphrase or _passphrase_for(db_path)
    report = check(backup, passphrase=passphrase)
    if not report.ok:
        raise InputProblem(
            [
                *report.problems,
                "this backup is damaged, so nothing was restored and nothing was changed: choose another "
                "(`sodesk backups` lists them, with their check)",
            ],
            source=str(backup),
        )
    previous = check(db_path, passphrase=passphrase) if db_path.exists() else None
    if previous is not None and previous.ok and _in_use(db_path):
        raise InputProblem(
            ["the database is open in another program (the desk?): close it, then restore again"],
            source=str(db_path),
        )
    db_path.parent.mkdir(parents=True, exist_ok=True)
    partial = _copy_verified(backup, db_path.parent, db_path.name, passphrase)
    try:
        kept = _swap_in(partial, db_path, now or datetime.now())
    except BaseException:
        _remove_partial(partial)
        raise
    _fsync_folder(db_path.parent)
    return RestoreReport(
        restored=db_path,
        backup=backup,
        kept_aside=kept,
        previous_problems=previous.problems if previous is not None else [],
    )


def _swap_in(partial: Path, db_path: Path, now: datetime) -> Path | None:
    has_db = db_path.exists()
    stray = [suffix for suffix in ("-wal", "-journal") if _side(db_path, suffix).exists()]
    aside = _aside_name(db_path, now) if has_db or stray else None
    linked = False
    if has_db:
        try:
            os.link(db_path, aside)  # a second name: `db_path` stays whole until the final rename
            linked = True
        except FileExistsError:
            raise BackupFailed(f"{aside} appeared while restoring; nothing was changed, try again") from None
        except OSError:  # no hard links on this file system: move it
            os.rename(db_path, aside)
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in stray:
            # The old -wal belongs to the old file: replayed onto the restored one it would corrupt it.
            os.rename(_side(db_path, suffix), _side(aside, suffix))
            moved.append((_side(aside, suffix), _side(db_path, suffix)))
        shm = _side(db_path, "-shm")
        if shm.exists():
            shm.unlink()
        os.replace(partial, db_path)
    except BaseException:
        for here, back in reversed(moved):
            os.rename(here, back)
        if has_db:
            if linked:
                aside.unlink()
            else:
                os.rename(aside, db_path)
        raise
    return aside


def _aside_name(db_path: Path, now: datetime) -> Path:
    base = f"{db_path.name}.before-restore-{now:{_STAMP}}"
    candidate = db_path.with_name(base)
    number = 2
    while any(_side(candidate, suffix).exists() for suffix in ("", *_SIDE_FILES)):
        candidate = db_path.with_name(f"{base}-{number}")
        number += 1
    return candidate


def _in_use(db_path: Path) -> bool:
    """Is another connection (this process or another) holding the database open?

    A WAL connection holds a shared lock while open; asking for exclusive locking fails at once if any is
    there. Only asked of a database that passed `check`: when this probe is the last connection, closing it
    checkpoints the WAL into the file, which is fine for a sound database and not to be done to a damaged one.
    """
    if not any(_side(db_path, suffix).exists() for suffix in ("-wal", "-shm")):
        return False
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=rw", uri=True, timeout=0)
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.rollback()
    except sqlite3.OperationalError as error:
        return "locked" in str(error) or "busy" in str(error)
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return False


# ---------------------------------------------------------------------------------------------- automatic


def backup_folder(db_path: Path | str) -> Path:
    """Where automatic backups of this database go: `backups/` beside it."""
    return Path(db_path).parent / BACKUP_FOLDER


def automatic_backups(db_path: Path | str) -> list[Path]:
    """The automatic backups of this database (names `sodesk-YYYYMMDD-HHMMSS.sqlite3`), newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    dated = [(made, path) for path in folder.iterdir() if (made := backup_time(path)) and path.is_file()]
    return [path for _made, path in sorted(dated, reverse=True)]


def automatic_backup(
    db_path: Path | str,
    keep: int = DEFAULT_KEEP,
    now: datetime | None = None,
    min_interval: timedelta = timedelta(days=1),
    passphrase: str | None = None,
) -> Path | None:
    """Back the database up into `backup_folder(db_path)` if the newest backup there is `min_interval` old
    (or there is none), then delete the oldest automatic backups beyond `keep`. Returns the new file, or
    None when none was due (or there is no database yet).

    Call it after `open_or_explain` succeeded: a damaged database raises InputProblem here (and is not
    copied). Only names matching `sodesk-YYYYMMDD-HHMMSS.sqlite3` are ever deleted.
    """
    if keep < 1:
        raise ValueError(f"keep must be 1 or more, got {keep}")
    db_path = Path(db_path)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    now = now or datetime.now()
    existing = automatic_backups(db_path)
    newest = backup_time(existing[0]) if existing else None
    # A newest backup dated in the future means the clock was wrong when it was made: don't wait for it.
    due = newest is None or newest > now or now - newest >= min_interval
    made = None
    if due:
        target = backup_folder(db_path) / backup_name(now)
        if not target.exists():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise BackupFailed(
                    f"{target.parent}: cannot create the backup folder: {error.strerror}"
                ) from None
            made = backup_to(db_path, target, passphrase=passphrase)
    for old in automatic_backups(db_path)[keep:]:
        old.unlink()
    return made


def last_good_backup(db_path: Path | str, passphrase: str | None = None) -> Path | None:
    """The newest automatic backup that passes `check`, or None."""
    passphrase = passphrase or _passphrase_for(Path(db_path))
    for path in automatic_backups(db_path):
        if check(path, passphrase=passphrase).ok:
            return path
    return None


def restore_command(db_path: Path | str, backup: Path | str) -> str:
    """The exact command line that restores `backup` over `db_path`, quoted for this system's shell."""
    words = ["sodesk", "--db", str(db_path), "restore", str(backup)]
    if os.name == "nt":
        return subprocess.list2cmdline(words)
    return shlex.join(words)


# ---------------------------------------------------------------------------------------------- app start


def open_or_explain(db_path: Path | str, *, quick: bool = True,
                    passphrase: str | None = None) -> sqlite_utils.Database:
    """Open the database for the app, unless it is damaged: then raise DamagedDatabase (nothing changed),
    naming the last good backup and the command that restores it.

    A missing or empty file, or a SQLite file without tables, is a new database: `open_db` creates it.
    By default the start runs `quick_check` (0.25 s for a 160 MB, 200k-provider database, against 1.3 s for
    the full `integrity_check`, which `sodesk check` and every backup still run).
    """
    path = Path(db_path)
    passphrase = passphrase or _passphrase_for(path)
    if path.exists() and not path.is_dir():
        if not passphrase and _looks_encrypted(path):
            return open_db(path)  # says it is encrypted and needs its passphrase; nothing is changed
        report = check(path, quick=quick, passphrase=passphrase)
        if passphrase and report.problems and report.problems[0].startswith("the passphrase is wrong"):
            raise InputProblem(report.problems, source=str(path))
        if not report.ok and not report.blank:
            raise DamagedDatabase(path, report, last_good_backup(path, passphrase))
    return open_db(path, passphrase)


def _looks_encrypted(path: Path) -> bool:
    from app.storage.crypto import looks_encrypted

    return looks_encrypted(path)
