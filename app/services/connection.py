"""Which database this desk opens, and how it reaches the office server.

- The choice is this computer's (a small JSON file in the user's data folder, `desk.json`): a database file, or
  the office server as a `postgresql://` URL. `--db` and `SODESK_DB` still override it. The URL never holds the
  password.
- The server's password comes from, in order: SODESK_DB_PASSWORD, the system keyring (kept there when the clerk
  asks the desk to remember it), libpq's own `~/.pgpass`. Never QSettings, the desk's files or the logs.
- TLS: `sslmode=verify-full` (the default offered) checks the server's certificate and name against the root
  certificate given (`sslrootcert`), as libpq does.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from pydantic import BaseModel, Field, ValidationError, field_validator

from app.errors import InputProblem, Problem
from app.paths import choice_file, chosen_database  # noqa: F401  (the choice is read at every start: kept light)
from app.storage.store import is_server_url, safe_location  # noqa: F401  (the screens ask here)

KEYRING_SERVICE = "Second Opinion Desk database server"
SSL_MODES = ("verify-full", "verify-ca", "require", "prefer", "disable")


class ServerSettings(BaseModel):
    """The office server as the Database settings ask for it."""

    host: str = Field(min_length=1)
    port: int = Field(default=5432, ge=1, le=65535)
    dbname: str = Field(default="sodesk", min_length=1)
    user: str = Field(min_length=1)
    sslmode: str = "verify-full"
    sslrootcert: str | None = None

    @field_validator("host", "dbname", "user")
    @classmethod
    def _no_spaces(cls, value: str) -> str:
        value = value.strip()
        if not value or any(ch.isspace() for ch in value):
            raise ValueError("no spaces: e.g. db.clinic.example (host), sodesk (database), desk1 (user)")
        return value

    @field_validator("sslmode")
    @classmethod
    def _mode(cls, value: str) -> str:
        if value not in SSL_MODES:
            raise ValueError(f"one of {', '.join(SSL_MODES)}")
        return value

    def url(self) -> str:
        """The libpq URL. A host that is a folder (the server's socket on this computer) goes in the query, as
        libpq reads it there."""
        query = {}
        netloc = f"{quote(self.user, safe='')}@"
        if self.host.startswith("/"):
            query.update(host=self.host, port=str(self.port))
        else:
            netloc += f"{self.host}:{self.port}"
        query["sslmode"] = self.sslmode
        if self.sslrootcert:
            query["sslrootcert"] = self.sslrootcert
        return f"postgresql://{netloc}/{quote(self.dbname, safe='')}?{urlencode(query)}"

    @classmethod
    def from_url(cls, url: str) -> ServerSettings:
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        return cls(host=query.get("host") or parts.hostname or "", port=int(query.get("port") or parts.port or 5432),
                   dbname=parts.path.lstrip("/") or "sodesk", user=parts.username or "",
                   sslmode=query.get("sslmode", "prefer"), sslrootcert=query.get("sslrootcert"))


def server_settings(**fields) -> ServerSettings:
    """ServerSettings from what was typed; InputProblem naming each field that is wrong."""
    try:
        return ServerSettings.model_validate(fields)
    except ValidationError as error:
        raise InputProblem([Problem(e["msg"].removeprefix("Value error, "),
                                    field_path=".".join(map(str, e["loc"])), kind=e["type"])
                            for e in error.errors()]) from None


# --- the desk's choice --------------------------------------------------------------------------------------


def choose_database(target: Path | str | None) -> None:
    """Remember `target` (a file, a server URL without password; None: the default file) for the next start."""
    from app.storage.store import is_server_url

    if isinstance(target, str) and is_server_url(target) and urlsplit(target).password is not None:
        raise InputProblem(["the server address must not hold the password: the desk keeps it in the system "
                            "keyring (or use ~/.pgpass)"])
    path = choice_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps({"database": str(target) if target is not None else None}), encoding="utf-8")
    os.replace(temporary, path)


# --- the password -------------------------------------------------------------------------------------------


def _account(url: str) -> str:
    from app.storage.store import safe_location

    return safe_location(url)


def remembered_password(url: str) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, _account(url))
    except Exception:  # noqa: BLE001  (no keyring on this computer: libpq's ~/.pgpass may still have it)
        return None


def remember_password(url: str, password: str) -> None:
    """Keep the server's password in the system keyring; InputProblem saying what to do where there is none."""
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(KEYRING_SERVICE, _account(url), password)
    except (ImportError, KeyringError, RuntimeError):
        raise InputProblem(["this computer has no system keyring to keep the password in: put it in ~/.pgpass "
                            "(docs/multi-desk.md says how) or in SODESK_DB_PASSWORD"]) from None


def forget_password(url: str) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, _account(url))
    except Exception:  # noqa: BLE001  (nothing kept, or no keyring: nothing to forget)
        pass


def password_for(url: str) -> str | None:
    """SODESK_DB_PASSWORD, else the keyring's; None lets libpq look in ~/.pgpass."""
    return os.environ.get("SODESK_DB_PASSWORD") or remembered_password(url)


def check_server(settings: ServerSettings, password: str | None = None) -> str:
    """Connect once (no migration) and say what answered: 'PostgreSQL 15.18, database sodesk, 3 requests'.
    ServerUnavailable or PasswordNeeded, in the clerk's words, when it cannot."""
    from app.storage.store import PostgresStore

    url = settings.url()
    store = PostgresStore(url, password=password or password_for(url), migrate=False, pool_size=1)
    try:
        version = store.execute("SHOW server_version").fetchone()[0]
        has_tables = store.execute("SELECT to_regclass('requests') IS NOT NULL").fetchone()[0]
        held = store.execute("SELECT count(*) FROM requests").fetchone()[0] if has_tables else None
    finally:
        store.close()
    what = f"{held:,} request(s)" if held is not None else "empty: the desk sets it up on first connection"
    return f"PostgreSQL {version.split()[0]}, database {settings.dbname}: {what}"
