"""Backups of the office server's database with PostgreSQL's own programs, and a restore into a new database.

- `backup_server(url, folder)`: `pg_dump --format=custom` (one consistent snapshot: pg_dump reads in one
  repeatable-read transaction while the desks keep working), written under a temporary name in `folder`,
  checked with `pg_restore --list` (readable, and holding the desk's tables), flushed to disk, and only then
  named `sodesk-YYYYMMDD-HHMMSS.pgdump` (the SQLite backups' name, app.storage.backup.backup_name, with the
  server's extension). The newest `keep` are kept; only names of that pattern are ever deleted.
- `restore_server(dump, url)`: checks the dump, refuses a database that holds anything, restores with
  `pg_restore --single-transaction --exit-on-error` (all or nothing), then opens the database as a desk would
  (which migrates a dump made by an older version), and verifies the audit chain.
- A password never goes on a command line (any user of the machine can read one with `ps`): the URL handed to
  the programs has none, and PGPASSWORD is set for the child only, from the URL or SODESK_DB_PASSWORD; libpq's
  ~/.pgpass works as it does for the desks. `--no-password`: a program run by cron never waits at a prompt.
- pg_dump and pg_restore are looked for in SODESK_PG_BIN, the newest /usr/lib/postgresql/N/bin, then PATH.
  pg_dump refuses a server newer than itself: install the client of the server's version (or newer).
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from app.errors import InputProblem
from app.storage.backup import DEFAULT_KEEP, backup_name
from app.storage.store import (
    CONNECT_TIMEOUT_S,
    PasswordNeeded,
    ServerUnavailable,
    is_server_url,
    safe_location,
)

EXTENSION = ".pgdump"
PATTERN = re.compile(r"^sodesk-(\d{8}-\d{6})\.pgdump$")
_STAMP = "%Y%m%d-%H%M%S"
SERVER_RECORD = "sodesk_migrations"
# A dump of a desk's database holds the rows of at least these (pg_restore --list: "TABLE DATA public audit").
DESK_TABLES = ("sodesk_migrations", "requests", "audit", "users", "providers")
INSTALL_HINT = (
    "install PostgreSQL's client programs of the server's version or newer (Debian/Ubuntu: `sudo apt-get "
    "install postgresql-client`; for another version, postgresql-client-16 from apt.postgresql.org), or "
    "set SODESK_PG_BIN to the folder that holds pg_dump and pg_restore"
)
_TOC_DATA = re.compile(r"^\d+; \d+ \d+ TABLE DATA (\S+) (\S+) ")


class ServerBackupFailed(Exception):
    """pg_dump or pg_restore could not do the work (disk full, version mismatch...): the message says why."""


@dataclass(frozen=True)
class DumpCheck:
    path: Path
    tables: list[str] = field(default_factory=list)  # tables whose rows the dump holds
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ServerBackup:
    path: Path
    size: int
    tables: int
    rows: dict[str, int]  # table -> rows at the time of the backup (read just before it)
    removed: list[Path]  # older backups deleted beyond `keep`


@dataclass(frozen=True)
class ServerRestore:
    dump: Path
    target: str  # safe to show
    rows: dict[str, int]
    migrated: list[str]  # migrations applied after the restore (a dump made by an older version)
    audit_rows: int
    audit_problem: str | None  # None: the chain is intact


# -------------------------------------------------------------------------------------------------- programs


def find_program(name: str) -> Path:
    """pg_dump / pg_restore: SODESK_PG_BIN, the newest /usr/lib/postgresql/N/bin, then PATH."""
    chosen = os.environ.get("SODESK_PG_BIN")
    candidates = [Path(chosen) / name] if chosen else []

    def version(path: str) -> int:
        number = Path(path).parents[1].name
        return int(number) if number.isdigit() else 0

    candidates += [
        Path(path)
        for path in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version, reverse=True)
    ]
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise InputProblem([f"{name} was not found: {INSTALL_HINT}"])


def child_connection(url: str, password: str | None = None) -> tuple[str, dict[str, str]]:
    """The URL for a child program (no password in it) and its environment: PGPASSWORD from the URL, else
    `password` (the desk's keyring), else SODESK_DB_PASSWORD; none: libpq reads ~/.pgpass itself."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    given = password
    password = unquote(parts.password) if parts.password is not None else None
    password = password or next((value for key, value in query if key == "password"), None) or given
    kept = urlencode([(key, value) for key, value in query if key != "password"], safe="/")
    bare = safe_location(urlunsplit((parts.scheme, parts.netloc, parts.path, kept, parts.fragment)))
    env = dict(os.environ)
    password = password or os.environ.get("SODESK_DB_PASSWORD")
    if password:
        env["PGPASSWORD"] = password
    env.setdefault("PGCONNECT_TIMEOUT", str(CONNECT_TIMEOUT_S))
    env["PGAPPNAME"] = "sodesk-backup"
    return bare, env


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    except OSError as error:
        raise ServerBackupFailed(f"{command[0]} could not be run: {error.strerror}") from None


def _failure(program: str, stderr: str, location: str) -> Exception:
    """What went wrong, in the clerk's words; the server's own line kept for the administrator."""
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    last = lines[-1] if lines else "no message"
    text = stderr.lower()
    if "password authentication failed" in text or "no password supplied" in text:
        return PasswordNeeded(
            [
                "the server refused the password (set SODESK_DB_PASSWORD, or put the password in "
                f"~/.pgpass; see docs/multi-desk.md): {last}"
            ],
            source=location,
        )
    if "server version mismatch" in text:
        return ServerBackupFailed(f"{program} is older than the server ({last}): {INSTALL_HINT}")
    if "connection to server" in text or "could not connect" in text or "could not translate host" in text:
        return ServerUnavailable(
            [
                f"the office database server cannot be reached ({last}); nothing was changed. "
                "Check that the server is running and this computer is on the office network, "
                "then try again"
            ],
            source=location,
        )
    return ServerBackupFailed(f"{program} failed: {last}")


# ---------------------------------------------------------------------------------------------------- names


def server_backup_name(now: datetime) -> str:
    """sodesk-YYYYMMDD-HHMMSS.pgdump: the SQLite backups' name with the server's extension."""
    return Path(backup_name(now)).with_suffix(EXTENSION).name


def backup_time(path: Path | str) -> datetime | None:
    match = PATTERN.match(Path(path).name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP)
    except ValueError:
        return None


def server_backups(folder: Path | str) -> list[Path]:
    """The server backups in `folder`, newest first."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    dated = [(made, path) for path in folder.iterdir() if (made := backup_time(path)) and path.is_file()]
    return [path for _made, path in sorted(dated, reverse=True)]


# ----------------------------------------------------------------------------------------------------- check


def check_dump(path: Path | str) -> DumpCheck:
    """Can pg_restore read this file, and is it a dump of a desk's database? Reads only."""
    path = Path(path)
    if not path.is_file():
        return DumpCheck(path, problems=["there is no file here"])
    result = _run([str(find_program("pg_restore")), "--list", str(path)], dict(os.environ))
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else "no message"
        return DumpCheck(path, problems=[f"pg_restore cannot read it ({reason}): not a whole pg_dump backup"])
    tables = sorted(
        {match.group(2) for line in result.stdout.splitlines() if (match := _TOC_DATA.match(line))}
    )
    lacking = [name for name in DESK_TABLES if name not in tables]
    if lacking:
        return DumpCheck(
            path,
            tables,
            [
                f"it is a pg_dump backup, but not of a Second Opinion Desk database (no "
                f"rows of {', '.join(lacking)})"
            ],
        )
    return DumpCheck(path, tables)


# ---------------------------------------------------------------------------------------------------- backup


def backup_server(
    url: str,
    folder: Path | str,
    *,
    keep: int = DEFAULT_KEEP,
    now: datetime | None = None,
    password: str | None = None,
) -> ServerBackup:
    """A checked pg_dump of the desk's server database into `folder`, keeping the newest `keep`; `password`:
    the server's (else SODESK_DB_PASSWORD, else ~/.pgpass)."""
    from app.storage.copy import connect_server, row_counts, server_tables

    if keep < 1:
        raise InputProblem([f"--keep: give 1 or more (got {keep})"])
    if not is_server_url(url):
        raise InputProblem(
            ["not a PostgreSQL URL: write the office server as postgresql://user@host/dbname"],
            source=str(url),
        )
    location = safe_location(url)
    folder = Path(folder)
    pg_dump = find_program("pg_dump")
    find_program("pg_restore")  # the check needs it: say so before the dump, not after
    conn = connect_server(url, password)
    try:
        present = server_tables(conn)
        if SERVER_RECORD not in present:
            raise InputProblem(
                [
                    "this database has no Second Opinion Desk schema, so there is nothing of the desk's "
                    "to back up (a new one gets it from `sodesk db migrate`)"
                ],
                source=location,
            )
        rows = row_counts(conn, [name for name in present if name != SERVER_RECORD])
    finally:
        conn.close()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ServerBackupFailed(f"{folder}: cannot create the backup folder: {error.strerror}") from None
    target = folder / server_backup_name(now or datetime.now())
    if target.exists():
        raise InputProblem(
            ["a backup of this name already exists and was left as it is: try again in a second"],
            source=str(target),
        )
    partial = folder / f".{target.name}.partial"
    bare, env = child_connection(url, password)
    try:
        result = _run(
            [str(pg_dump), "--format=custom", "--no-password", f"--file={partial}", f"--dbname={bare}"], env
        )
        if result.returncode != 0:
            raise _failure("pg_dump", result.stderr, location)
        checked = check_dump(partial)
        if not checked.ok:
            raise ServerBackupFailed(
                f"the dump failed its check ({'; '.join(checked.problems)}); no backup was written"
            )
        _fsync(partial)
        try:
            os.link(partial, target)  # fails rather than replace a file that appeared meanwhile
        except FileExistsError:
            raise InputProblem(
                ["a backup of this name already exists and was left as it is: try again in a second"],
                source=str(target),
            ) from None
        except OSError:
            os.replace(partial, target)
    except OSError as error:
        raise ServerBackupFailed(f"{folder}: cannot write the backup there: {error.strerror}") from None
    finally:
        partial.unlink(missing_ok=True)
    removed = []
    for old in server_backups(folder)[keep:]:
        old.unlink()
        removed.append(old)
    return ServerBackup(target, target.stat().st_size, len(checked.tables), rows, removed)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --------------------------------------------------------------------------------------------------- restore


def restore_server(dump: Path | str, url: str, *, password: str | None = None) -> ServerRestore:
    """Restore a server backup into the empty database at `url` (see the module docstring)."""
    from app.storage.audit import AuditLog
    from app.storage.copy import connect_server, describe_rows, row_counts, server_tables
    from app.storage.db import applied_migrations
    from app.storage.store import open_store

    dump = Path(dump)
    if not is_server_url(url):
        raise InputProblem(
            ["not a PostgreSQL URL: write the office server as postgresql://user@host/dbname"],
            source=f"--to {url}",
        )
    location = safe_location(url)
    if not dump.is_file():
        raise InputProblem(
            ["there is no file here: give a server backup (sodesk-YYYYMMDD-HHMMSS.pgdump)"], source=str(dump)
        )
    checked = check_dump(dump)
    if not checked.ok:
        raise InputProblem([*checked.problems, "nothing was restored"], source=str(dump))
    pg_restore = find_program("pg_restore")
    conn = connect_server(url, password)
    try:
        present = server_tables(conn)
        others = [
            row[0]
            for row in conn.execute(
                "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
                "AND relkind IN "
                "('S', 'v', 'm', 'f') UNION SELECT proname FROM pg_proc WHERE pronamespace = "
                "current_schema()::regnamespace ORDER BY 1"
            )
        ]
        if SERVER_RECORD in present:
            counts = row_counts(conn, [name for name in present if name != SERVER_RECORD])
            raise InputProblem(
                [
                    f"this database already has the desk's schema (it holds {describe_rows(counts)}): a "
                    "backup is restored only into a new, empty database, so nothing was restored. Make "
                    "one (createdb) and restore into it"
                ],
                source=location,
            )
        if present or others:
            shown = ", ".join([*present, *others][:8])
            raise InputProblem(
                [
                    f"this database is not empty ({shown}): a backup is restored only into a new, empty "
                    "database (createdb); nothing was restored"
                ],
                source=location,
            )
    finally:
        conn.close()
    bare, env = child_connection(url, password)
    result = _run(
        [
            str(pg_restore),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={bare}",
            str(dump),
        ],
        env,
    )
    if result.returncode != 0:
        failure = _failure("pg_restore", result.stderr, location)
        if isinstance(failure, ServerBackupFailed):
            failure = ServerBackupFailed(
                f"{failure}; nothing was restored (one transaction): the database is as it was"
            )
        raise failure
    before = set(checked_migrations(dump))
    store = open_store(
        url, password=password
    )  # a desk's open: brings a dump of an older version's schema up to date
    try:
        migrated = sorted(applied_migrations(store) - before)
        rows = {
            name: store.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in sorted(checked.tables)
            if name != SERVER_RECORD
        }
        chain = AuditLog(store).verify()
    finally:
        store.close()
    return ServerRestore(
        dump,
        location,
        rows,
        migrated,
        chain.rows,
        None if chain.ok else f"row {chain.bad_id}: {chain.problem}",
    )


def checked_migrations(dump: Path) -> list[str]:
    """The migration names recorded in a dump (its sodesk_migrations rows), read with pg_restore."""
    result = _run(
        [str(find_program("pg_restore")), "--data-only", f"--table={SERVER_RECORD}", "--file=-", str(dump)],
        dict(os.environ),
    )
    names, inside = [], False
    for line in result.stdout.splitlines():
        if line.startswith("COPY ") and SERVER_RECORD in line:
            inside = True
            continue
        if inside:
            if line == "\\.":
                break
            names.append(line.split("\t", 1)[0])
    return names
