"""`sodesk users ...`, `sodesk audit ...`, `sodesk encrypt`, `sodesk decrypt`, and the CLI's sign-in.

Once a database has users, every command that reads or changes it signs in first: `--user NAME` (or
SODESK_USER) with the password from SODESK_PASSWORD or a prompt, and runs as that user (roles enforced by the
services). An encrypted database's passphrase comes from SODESK_PASSPHRASE or a prompt: never from argv, where
other users of the machine could read it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from app.errors import InputProblem

# Commands that never read a member's data from the database, so need no sign-in.
NO_SIGN_IN = {"plans", "evaluate", "check", "backups", "encrypt", "decrypt", "db"}


def _ask(prompt: str, env: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InputProblem([f"{prompt.rstrip(': ')}: set {env}, or run the command in a terminal to be asked"])
    return getpass.getpass(prompt)


def _ask_new(prompt: str, env: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    first = _ask(prompt, env)
    if getpass.getpass("Again, to be sure: ") != first:
        raise InputProblem(["the two entries differ: nothing was changed"])
    return first


def unlock_database(path: Path) -> None:
    """An encrypted database's passphrase, asked once and remembered for this process."""
    from app.storage import crypto

    if crypto.passphrase_for(path) is None and crypto.looks_encrypted(path):
        crypto.remember(path, _ask(f"Passphrase of {path.name}: ", "SODESK_PASSPHRASE"))


@contextmanager
def signed_in(args: argparse.Namespace) -> Iterator[object]:
    """Run a command as the signed-in user (see the module's docstring); no sign-in while there are no users.
    The command is logged (app.logs) when it is refused or fails."""
    from app.logs import ensure_logging

    ensure_logging()
    with _logged(args.command), _signed_in(args) as session:
        yield session


@contextmanager
def _signed_in(args: argparse.Namespace) -> Iterator[object]:
    """Build the command's Desk (`args.desk`) and, once the desk has users, sign it in as --user."""
    from app.cli import db_target, desk_of

    target = db_target(args)
    if isinstance(target, str):  # the office server
        if args.command not in NO_SIGN_IN:
            desk = desk_of(args)  # opened by the first service the command uses
            if desk.auth.users.any():
                desk.session = _sign_in(args, desk.auth)
        yield getattr(args, "desk", None) and args.desk.session
        return
    path = target
    command = args.command
    if command not in ("encrypt", "decrypt") and path.is_file():
        unlock_database(path)
    if (command in NO_SIGN_IN or not path.is_file() or path.stat().st_size == 0
            or (command == "users" and getattr(args, "users_command", None) == "first-admin")):
        yield None
        return
    from app.services.security import AuthService
    from app.storage.db import open_db
    from app.storage.users import UserRepository
    known = _has_users_readonly(path)
    if known is False or (known is None and not _sound(path)):
        # No users yet (a first start), or a damaged file that holds no users to ask: the command itself says
        # what is wrong (or restores). Read without opening for writing, so a damaged file stays as it is.
        yield None
        return
    try:
        db = open_db(path)
    except InputProblem as problem:
        from app.storage.crypto import EncryptedDatabase, WrongPassphrase

        if isinstance(problem, (EncryptedDatabase, WrongPassphrase)):
            raise
        yield None  # a damaged file holds no users to ask: the command itself says what is wrong (or restores)
        return
    try:
        session = _sign_in(args, AuthService(db)) if UserRepository(db).any() else None
    finally:
        db.close()  # before the command runs: a restore must find the file closed
    desk_of(args).session = session
    yield session


def _sign_in(args: argparse.Namespace, auth):
    user = getattr(args, "user", None) or os.environ.get("SODESK_USER")
    if not user:
        raise InputProblem(["this desk has users: sign in with --user NAME (the password is read from "
                            "SODESK_PASSWORD, or asked)"])
    password = _ask(f"Password for {user}: ", "SODESK_PASSWORD")
    return auth.sign_in(user, password, via="cli")


@contextmanager
def _logged(command: str) -> Iterator[None]:
    """A refused command is logged by its kind, never by its message (it may quote what was typed)."""
    import logging

    from app.logs import Safe

    try:
        yield
    except InputProblem as problem:
        logging.getLogger("app.cli").warning("sodesk %s refused: %s, %d problem(s)", Safe(command),
                                             Safe(type(problem).__name__), len(problem.problems))
        raise
    except Exception:
        logging.getLogger("app.cli").exception("sodesk %s failed", Safe(command))
        raise


def _sound(path: Path) -> bool:
    from app.storage.backup import check

    return check(path, quick=True).ok


def _has_users_readonly(path: Path) -> bool | None:
    """Whether the file has users, read without writing anything; None when it cannot be told this way."""
    from app.storage import crypto

    try:
        passphrase = crypto.passphrase_for(path)
        # Read-only, and immutable without a -wal beside it: nothing is created next to the file.
        no_wal = not path.with_name(path.name + "-wal").exists() and not path.with_name(path.name + "-journal").exists()
        if passphrase:
            conn = crypto.connect(path, passphrase, readonly=True, immutable=no_wal)
        else:
            from app.storage.backup import _connect_readonly

            conn = _connect_readonly(path)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "users" not in tables:
                return False if "_sqlite_migrations" in tables or not tables else None
            return conn.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0] == 1
        finally:
            conn.close()
    except InputProblem:
        return None
    except crypto.errors():
        return None


def _session(args: argparse.Namespace):
    from app.cli import desk_of

    return desk_of(args).session


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-30") from None


# The roles as the command takes them: plain text here, so listing the commands loads no service (a test keeps
# them equal to app.services.security.Role).
ROLE_CHOICES = ("front_desk", "reviewer", "admin")


def register(commands: argparse._SubParsersAction) -> None:
    users = commands.add_parser("users", help="the desk's users and roles (admins)",
                                description="Add, disable and change users. The first admin is created with "
                                            "`first-admin`; after that an admin signs in (--user).")
    sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True,
                               parser_class=commands._parser_class)
    listing = sub.add_parser("list", help="every user, role and state")
    listing.set_defaults(handler=run_users_list)
    first = sub.add_parser("first-admin", help="create the first administrator (only when there is no user)")
    first.add_argument("username")
    first.add_argument("--name", required=True, help="the person's name as colleagues know it")
    first.set_defaults(handler=run_first_admin)
    add = sub.add_parser("add", help="add a user (the password is read from SODESK_NEW_PASSWORD, or asked)")
    add.add_argument("username")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=ROLE_CHOICES)
    add.set_defaults(handler=run_users_add)
    for action, help_text in (("disable", "a user can no longer sign in"), ("enable", "undo disable"),
                              ("unlock", "lift the lock after failed sign-ins")):
        one = sub.add_parser(action, help=help_text)
        one.add_argument("username")
        one.set_defaults(handler=run_users_change, change=action)
    role = sub.add_parser("role", help="change a user's role")
    role.add_argument("username")
    role.add_argument("role", choices=ROLE_CHOICES)
    role.set_defaults(handler=run_users_change, change="role")
    reset = sub.add_parser("reset-password", help="give a user a new password (SODESK_NEW_PASSWORD or asked)")
    reset.add_argument("username")
    reset.set_defaults(handler=run_users_change, change="reset-password")
    password = sub.add_parser("password", help="change your own password (SODESK_NEW_PASSWORD or asked)")
    password.set_defaults(handler=run_password)
    settings = sub.add_parser("settings", help="idle lock and lockout minutes")
    settings.add_argument("--idle-lock-minutes", type=int, metavar="N")
    settings.add_argument("--lockout-minutes", type=int, metavar="N")
    settings.set_defaults(handler=run_security_settings)

    audit = commands.add_parser("audit", help="the audit trail: verify its hash chain, list, export")
    asub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True,
                                parser_class=commands._parser_class)
    verify = asub.add_parser("verify", help="exit 0 when the chain is intact, 1 naming the first bad row")
    verify.set_defaults(handler=run_audit_verify)
    alist = asub.add_parser("list", help="rows, oldest first")
    alist.add_argument("--user", dest="audit_user", metavar="U")
    alist.add_argument("--action", metavar="A")
    alist.add_argument("--request", type=int, metavar="ID")
    alist.add_argument("--since", type=_date, metavar="DATE")
    alist.add_argument("--limit", type=int, default=1000)
    alist.set_defaults(handler=run_audit_list)
    export = asub.add_parser("export", help="every row to a CSV file")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    export.set_defaults(handler=run_audit_export)

    encrypt = commands.add_parser(
        "encrypt", help="convert the database to SQLCipher (passphrase from SODESK_PASSPHRASE, or asked twice)",
        description="Copy the database into an encrypted one, check that every table has every row, and put it "
                    "in place; the plain original is kept aside as <name>.plain-before-encryption-<time>.")
    encrypt.add_argument("--delete-plain", action="store_true",
                         help="delete the plain original once the encrypted copy is checked")
    encrypt.set_defaults(handler=run_encrypt)
    decrypt = commands.add_parser("decrypt", help="convert an encrypted database back to plain SQLite")
    decrypt.set_defaults(handler=run_decrypt)


def _auth(args):
    from app.cli import desk_of

    return desk_of(args).auth


def run_first_admin(args) -> int:
    password = _ask_new(f"Password for {args.username}: ", "SODESK_NEW_PASSWORD")
    session = _auth(args).create_first_admin(args.username, args.name, password)
    print(f"created the administrator {session.user}")
    return 0


def run_users_list(args) -> int:
    from app.cli.providers import format_table
    from app.services.security import ROLE_LABELS, Role, Session, utc_now

    auth = _auth(args)
    session = _session(args) or (Session.system() if auth.needs_first_admin() else None)
    now = utc_now()
    rows = [(u.username, u.display_name, ROLE_LABELS[Role(u.role)],
             "disabled" if not u.active else "locked" if u.locked_at(now) else "active")
            for u in auth.list_users(session)]
    print(format_table(("User", "Name", "Role", "State"), rows) if rows else "no users yet: "
          "`sodesk users first-admin NAME --name \"...\"` creates the administrator")
    return 0


def run_users_add(args) -> int:
    password = _ask_new(f"Password for {args.username}: ", "SODESK_NEW_PASSWORD")
    user = _auth(args).add_user(_session(args), args.username, args.name, args.role, password)
    print(f"added {user.username} ({user.role})")
    return 0


def run_users_change(args) -> int:
    auth, session = _auth(args), _session(args)
    if args.change == "disable":
        auth.set_active(session, args.username, False)
    elif args.change == "enable":
        auth.set_active(session, args.username, True)
    elif args.change == "unlock":
        auth.unlock(session, args.username)
    elif args.change == "role":
        auth.set_role(session, args.username, args.role)
    else:
        auth.reset_password(session, args.username,
                            _ask_new(f"New password for {args.username}: ", "SODESK_NEW_PASSWORD"))
    print(f"{args.username}: done")
    return 0


def run_password(args) -> int:
    session = _session(args)
    if session is None:
        raise InputProblem(["sign in with --user NAME to change your password"])
    new = _ask_new("New password: ", "SODESK_NEW_PASSWORD")
    _auth(args).change_password(session, os.environ.get("SODESK_PASSWORD") or getpass.getpass("Current password: "),
                                new)
    print("password changed")
    return 0


def run_security_settings(args) -> int:
    from app.cli import desk_of

    changes = {key: value for key, value in (("idle_lock_minutes", args.idle_lock_minutes),
                                             ("lockout_minutes", args.lockout_minutes)) if value is not None}
    service = desk_of(args).settings
    settings = service.update(**changes) if changes else service.load()
    print(f"idle lock after {settings.idle_lock_minutes} minutes; "
          f"accounts locked for {settings.lockout_minutes} minutes after 5 failed sign-ins")
    return 0


def _audit_log(args, *, read: bool = True):
    from app.cli import desk_of
    from app.services.security import Action, Guard

    desk = desk_of(args)
    if desk.path is not None and not desk.path.is_file():
        raise InputProblem(["there is no database here: check --db"], source=str(desk.path))
    if read:
        Guard(desk.store, desk.acting).check(Action.users)
    return desk.audit


def run_audit_verify(args) -> int:
    result = _audit_log(args, read=False).verify()
    if result.ok:
        print(f"intact: {result.rows} rows; last hash {result.last_hash}")
        return 0
    print(f"row {result.bad_id}: {result.problem} ({result.rows} rows before it are intact)")
    return 1


def run_audit_list(args) -> int:
    from app.storage.audit import AuditFilter

    where = AuditFilter(user=args.audit_user, action=args.action, request_id=args.request, since=args.since)
    entries = _audit_log(args).entries(where, limit=args.limit)
    if not entries:
        print("no audit rows match")
        return 0
    for e in entries:
        request = f"#{e.request_id}" if e.request_id is not None else "-"
        print(f"{e.id:>6}  {e.at}  {e.user:<16} {e.action:<18} {request:<7} {e.detail or ''}".rstrip())
    return 0


def run_audit_export(args) -> int:
    from app.storage.audit import entries_csv

    data = entries_csv(_audit_log(args).entries())
    try:
        args.out.write_bytes(data)
    except OSError as error:
        raise InputProblem([f"cannot write the file: {error.strerror}"], source=str(args.out)) from None
    print(args.out)
    return 0


def _has_users(db) -> bool:
    from app.storage.users import UserRepository

    return UserRepository(db).any()


def run_encrypt(args) -> int:
    from app.cli import db_path
    from app.storage.conversion import encrypt_database

    path = db_path(args)
    if not path.is_file():
        raise InputProblem(["there is no database here: check --db"], source=str(path))
    _require_settings_permission_for(args, path)
    passphrase = _ask_new("New passphrase for the database: ", "SODESK_PASSPHRASE")
    done = encrypt_database(path, passphrase)
    print(f"encrypted {path}: {sum(done.rows.values())} rows in {len(done.rows)} tables, every one checked")
    if args.delete_plain:
        done.kept_aside.unlink()
        print("the plain original was deleted")
    else:
        print(f"the plain original is kept as {done.kept_aside}: delete it once the desk opens the encrypted one")
    print("Backups made from now on are encrypted with the same passphrase. Earlier backups in "
          f"{path.parent / 'backups'} are NOT: delete them or keep them somewhere safe. "
          "A lost passphrase cannot be recovered: keep a copy in a safe place.")
    return 0


def run_decrypt(args) -> int:
    from app.cli import db_path
    from app.storage import conversion, crypto

    path = db_path(args)
    if not path.is_file():
        raise InputProblem(["there is no database here: check --db"], source=str(path))
    passphrase = crypto.passphrase_for(path) or _ask(f"Passphrase of {path.name}: ", "SODESK_PASSPHRASE")
    crypto.remember(path, passphrase)
    _require_settings_permission_for(args, path)
    done = conversion.decrypt_database(path, passphrase)
    print(f"decrypted {path}: {sum(done.rows.values())} rows in {len(done.rows)} tables, every one checked; "
          f"the encrypted file is kept as {done.kept_aside}")
    return 0


def _require_settings_permission_for(args, path: Path) -> None:
    """Encrypting or decrypting changes how the whole file is protected: an admin's job once users exist."""
    from app.services.security import Action, AuthService, Guard
    from app.storage.db import open_db

    db = open_db(path)
    try:
        session = _session(args)
        if session is None and _has_users(db):
            user = getattr(args, "user", None) or os.environ.get("SODESK_USER")
            if not user:
                raise InputProblem(["this desk has users: an admin signs in with --user NAME (password from "
                                    "SODESK_PASSWORD, or asked)"])
            session = AuthService(db).sign_in(user, _ask(f"Password for {user}: ", "SODESK_PASSWORD"), via="cli")
        Guard(db, session).check(Action.settings)
    finally:
        db.close()
