"""Who may do what: users, roles, sign-in with lockout, and the permission table the services enforce.

Roles: front desk (intake, print, export), reviewer (also records determinations), admin (also users and
settings). `require(session, action)` raises NotAllowed, said in the clerk's words.

How the services know who is asking: each takes a `session`, or a function giving the session at the moment of
each action (a `Desk` hands its services `desk.acting`: the session is a field of the desk, never a global). A
database with no user yet is a first start (the desk then creates the administrator before anything else), so
the services allow every action without a session there; once a user exists, an action without a permitted
session is refused. The CLI signs in with `--user` and the password from SODESK_PASSWORD or a prompt. `Session.system()` passes every check: only
trusted code (tests, migrations, conversions) builds it; nothing a clerk types can produce one.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from app.errors import InputProblem
from app.storage.audit import AuditLog, utc_now
from app.storage.users import ROLES, User, UserRepository, normal_username

MAX_FAILED = 5
MIN_PASSWORD = 10
SYSTEM_USER = "system"


class Role(StrEnum):
    front_desk = "front_desk"
    reviewer = "reviewer"
    admin = "admin"


assert tuple(Role) == ROLES  # the storage CHECK constraint and the enum say the same

ROLE_LABELS = {Role.front_desk: "front desk", Role.reviewer: "reviewer", Role.admin: "admin"}


class Action(StrEnum):
    view = "view"  # open a request (recorded in the audit trail)
    intake = "intake"  # save a draft, submit a request
    schedule = "schedule"  # consult, report, close, withdraw
    print = "print"  # print or save a letter
    export = "export"  # write a batch for a plan
    decide = "decide"  # record a determination (also importing the plan's decisions)
    users = "users"  # add, disable, change the role of users; read the audit trail
    settings = "settings"  # change the desk's settings


_EVERYONE = frozenset(Role)
PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.view: _EVERYONE,
    Action.intake: _EVERYONE,
    Action.schedule: _EVERYONE,
    Action.print: _EVERYONE,
    Action.export: _EVERYONE,
    Action.decide: frozenset({Role.reviewer, Role.admin}),
    Action.users: frozenset({Role.admin}),
    Action.settings: frozenset({Role.admin}),
}

# "Only a reviewer or an admin may <what>"
WHAT = {
    Action.view: "open a request",
    Action.intake: "take in a request",
    Action.schedule: "record the consult and the report",
    Action.print: "print letters",
    Action.export: "export requests",
    Action.decide: "record a determination",
    Action.users: "manage users or read the audit trail",
    Action.settings: "change the settings",
}


class NotAllowed(InputProblem):
    """The signed-in user's role may not do this (or nobody is signed in)."""


class SignInFailed(InputProblem):
    """A sign-in was refused: wrong user name or password, a locked or a disabled account."""


@dataclass(frozen=True)
class Session:
    user: str
    role: Role
    display_name: str = ""
    is_system: bool = field(default=False, compare=False)

    @classmethod
    def system(cls, user: str = SYSTEM_USER) -> Session:
        """Passes every permission check: tests, migrations and conversions only."""
        return cls(user=user, role=Role.admin, display_name="system", is_system=True)

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    def __str__(self) -> str:
        return self.user


def _article(role: Role) -> str:
    label = ROLE_LABELS[role]
    return ("an " if label[0] in "aeiou" else "a ") + label


def allowed(session: Session | None, action: Action | str) -> bool:
    if session is None:
        return False
    return session.is_system or session.role in PERMISSIONS[Action(action)]


def require(session: Session | None, action: Action | str) -> None:
    action = Action(action)
    if session is None:
        raise NotAllowed([f"sign in first: only a signed-in user may {WHAT[action]}"])
    if allowed(session, action):
        return
    roles = [role for role in Role if role in PERMISSIONS[action]]
    who = " or ".join(_article(role) for role in roles)
    raise NotAllowed([f"Only {who} may {WHAT[action]}; you are signed in as {session.role_label}"])


SessionSource = Session | Callable[[], Session | None] | None


class Guard:
    """What a service asks before an action: the session's permission, or, with no session, that the database has
    no users yet (a first start). `session`: a Session, or a function asked at each check (a desk's `acting`)."""

    def __init__(self, db, session: SessionSource) -> None:
        self.db = db
        self._session = session

    @property
    def session(self) -> Session | None:
        return self._session() if callable(self._session) else self._session

    def check(self, action: Action | str) -> None:
        session = self.session
        if session is not None:
            require(session, action)
        elif UserRepository(self.db).any():
            require(None, action)

    @property
    def user(self) -> str | None:
        session = self.session
        return session.user if session is not None else None


# ---------------------------------------------------------------------------------------------- passwords


def default_hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id, RFC 9106 low-memory profile


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"password: at least {MIN_PASSWORD} characters (a short sentence is easy to remember)"
    if password.strip() != password:
        return "password: no spaces at the start or the end"
    return None


def _role(value: Role | str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise InputProblem([f"role: one of {', '.join(role.value for role in Role)}, not {value!r}"]) from None


class AuthService:
    """Sign-in, lockout and user management. `clock` gives aware datetimes (UTC); tests move it on."""

    def __init__(self, db, *, clock: Callable[[], datetime] = utc_now, hasher=None,
                 lockout_minutes: int | None = None, audit: AuditLog | None = None) -> None:
        self.db = db
        self.users = UserRepository(db)
        self.clock = clock
        self.hasher = hasher or default_hasher()
        self._lockout_minutes = lockout_minutes
        self.audit = audit or AuditLog(db, clock=clock)
        self._dummy_hash: str | None = None

    @property
    def lockout(self) -> timedelta:
        minutes = self._lockout_minutes
        if minutes is None:
            from app.storage.settings import SettingsRepository

            minutes = SettingsRepository(self.db).load().lockout_minutes
        return timedelta(minutes=minutes)

    # --- first start ------------------------------------------------------------------------------------------

    def needs_first_admin(self) -> bool:
        return not self.users.any()

    def create_first_admin(self, username: str, display_name: str, password: str) -> Session:
        if not self.needs_first_admin():
            raise NotAllowed(["this desk already has users: sign in, and ask an admin to add you"])
        user = self._add(username, display_name, Role.admin, password)
        self.audit.record(user.username, "user_added", detail=f"user={user.username} role=admin first")
        return self._session(user, "sign_in", "first start")

    # --- signing in and out -----------------------------------------------------------------------------------

    def sign_in(self, username: str, password: str, *, via: str | None = None) -> Session:
        name = normal_username(username)
        now = self.clock()
        user = self.users.get(name) if name else None
        if user is None:
            self._verify_dummy(password)  # the same time for an unknown name: no hint which names exist
            # What was typed is not kept: it may be a password typed in the wrong field.
            self.audit.record("(unknown)", "sign_in_failed", detail="unknown user")
            raise SignInFailed(["the user name or the password is wrong"])
        if not user.active:
            self.audit.record(user.username, "sign_in_failed", detail="disabled")
            raise SignInFailed(["this account is disabled: ask an admin"])
        if user.locked_at(now):
            self.audit.record(user.username, "sign_in_failed", detail="locked")
            raise SignInFailed([self._locked_message(user.locked_until)])
        if not self._verify(user.password_hash, password):
            failed = user.failed_count + 1
            if failed >= MAX_FAILED:
                until = now + self.lockout
                self.users.update(user.username, now, failed_count=0, locked_until=until)
                self.audit.record(user.username, "account_locked", detail=f"after {failed} failed sign-ins")
                raise SignInFailed([f"the password is wrong, for the {failed}th time: "
                                    + self._locked_message(until)])
            self.users.update(user.username, now, failed_count=failed)
            self.audit.record(user.username, "sign_in_failed", detail=f"wrong password ({failed})")
            left = MAX_FAILED - failed
            raise SignInFailed([f"the user name or the password is wrong ({left} more "
                                f"{'try' if left == 1 else 'tries'} before the account is locked)"])
        if user.failed_count or user.locked_until:
            self.users.update(user.username, now, failed_count=0, locked_until=None)
        if self.hasher.check_needs_rehash(user.password_hash):
            self.users.update(user.username, now, password_hash=self.hasher.hash(password))
        return self._session(user, "sign_in", via)

    def sign_out(self, session: Session) -> None:
        self.audit.record(session.user, "sign_out")

    def locked(self, session: Session, why: str = "idle") -> None:
        """The desk hid its content behind the sign-in prompt."""
        self.audit.record(session.user, "desk_locked", detail=why)

    def _locked_message(self, until: datetime) -> str:
        from app.domain.time import LOS_ANGELES

        local = until.astimezone(LOS_ANGELES)
        return (f"after {MAX_FAILED} failed sign-ins this account is locked until {local:%H:%M} "
                f"({local:%Y-%m-%d}); try again then, or ask an admin to unlock it")

    def _session(self, user: User, action: str, detail: str | None = None) -> Session:
        self.audit.record(user.username, action, detail=detail)
        return Session(user=user.username, role=Role(user.role), display_name=user.display_name)

    def _verify(self, password_hash: str, password: str) -> bool:
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return self.hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def _verify_dummy(self, password: str) -> None:
        if self._dummy_hash is None:
            self._dummy_hash = self.hasher.hash("not a password of anyone")
        self._verify(self._dummy_hash, password)

    # --- passwords --------------------------------------------------------------------------------------------

    def change_password(self, session: Session, old: str, new: str) -> None:
        user = self.users.get(session.user)
        if user is None or not self._verify(user.password_hash, old):
            raise InputProblem(["current password: it is not the one this account has"])
        self._check_password(new)
        self.users.update(user.username, self.clock(), password_hash=self.hasher.hash(new))
        self.audit.record(session.user, "password_changed", detail=f"user={user.username}")

    def _check_password(self, password: str) -> None:
        problem = password_problem(password)
        if problem:
            raise InputProblem([problem])

    # --- users (admins only) ----------------------------------------------------------------------------------

    def list_users(self, session: Session | None) -> list[User]:
        require(session, Action.users)
        return self.users.all()

    def add_user(self, session: Session | None, username: str, display_name: str, role: Role | str,
                 password: str) -> User:
        require(session, Action.users)
        user = self._add(username, display_name, _role(role), password)
        self.audit.record(session.user, "user_added", detail=f"user={user.username} role={user.role}")
        return user

    def set_role(self, session: Session | None, username: str, role: Role | str) -> User:
        require(session, Action.users)
        role = _role(role)
        user = self._existing(username)
        if user.role == Role.admin and role != Role.admin and user.active and self.users.active_admins() <= 1:
            raise InputProblem([f"{user.username} is the only active admin: make another user admin first"])
        self.users.update(user.username, self.clock(), role=role.value)
        self.audit.record(session.user, "user_role_changed", detail=f"user={user.username} role={role.value}")
        return self._existing(username)

    def set_active(self, session: Session | None, username: str, active: bool) -> User:
        require(session, Action.users)
        user = self._existing(username)
        if not active and user.role == Role.admin and user.active and self.users.active_admins() <= 1:
            raise InputProblem([f"{user.username} is the only active admin: it cannot be disabled"])
        self.users.update(user.username, self.clock(), active=active)
        self.audit.record(session.user, "user_enabled" if active else "user_disabled",
                          detail=f"user={user.username}")
        return self._existing(username)

    def reset_password(self, session: Session | None, username: str, password: str) -> User:
        """An admin gives a user a new password (and lifts a lock)."""
        require(session, Action.users)
        user = self._existing(username)
        self._check_password(password)
        self.users.update(user.username, self.clock(), password_hash=self.hasher.hash(password), failed_count=0,
                          locked_until=None)
        self.audit.record(session.user, "password_reset", detail=f"user={user.username}")
        return self._existing(username)

    def unlock(self, session: Session | None, username: str) -> User:
        require(session, Action.users)
        user = self._existing(username)
        self.users.update(user.username, self.clock(), failed_count=0, locked_until=None)
        self.audit.record(session.user, "user_unlocked", detail=f"user={user.username}")
        return self._existing(username)

    def _existing(self, username: str) -> User:
        user = self.users.get(username)
        if user is None:
            raise InputProblem([f"there is no user {normal_username(username)!r}"])
        return user

    def _add(self, username: str, display_name: str, role: Role, password: str) -> User:
        name = normal_username(username)
        problems = []
        if not name or not all(ch.isalnum() or ch in "._-" for ch in name):
            problems.append("user name: letters, digits, '.', '_' or '-' (e.g. rgarcia)")
        if name == SYSTEM_USER:
            problems.append(f"user name: {SYSTEM_USER!r} is reserved")
        if not display_name.strip():
            problems.append("display name: give the person's name as colleagues know it")
        problem = password_problem(password)
        if problem:
            problems.append(problem)
        if not problems and self.users.get(name) is not None:
            problems.append(f"user name: {name!r} is taken")
        if problems:
            raise InputProblem(problems)
        return self.users.add(name, display_name, role.value, self.hasher.hash(password), self.clock())


class SettingsService:
    """The settings as SettingsDialog uses them (load, update), saved only by an admin and audited by key name."""

    def __init__(self, db, session: SessionSource, *, audit: AuditLog | None = None) -> None:
        from app.storage.settings import SettingsRepository

        self.repository = SettingsRepository(db)
        self.guard = Guard(db, session)
        self.audit = audit or AuditLog(db)

    def load(self):
        return self.repository.load()

    def update(self, **changes):
        self.guard.check(Action.settings)
        before = self.repository.load().model_dump()
        with self.repository.db.atomic():
            updated = self.repository.update(**changes)
            changed = sorted(key for key, value in updated.model_dump().items() if before.get(key) != value)
            if changed:
                self.audit.record(self.guard.user or SYSTEM_USER, "settings_changed", detail=",".join(changed))
        return updated


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service account, a container): still record something
        return "desk"


class ActsForSession:
    """Who a service's history and audit rows name: the `who` it was given, else the session's user, else the login
    name. Services set `self._who` and `self.guard` (use_session)."""

    _who: str | None
    guard: Guard

    @property
    def who(self) -> str:
        return self._who or self.guard.user or current_user()

    @who.setter
    def who(self, value: str | None) -> None:
        self._who = value
