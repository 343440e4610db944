"""One `Desk` per open database: it owns the store and hands out every service over it.

The desk window, each `sodesk` command and the tests build the same object:

    desk = Desk.open("~/.local/share/SecondOpinionDesk/sodesk.sqlite3")   # or "postgresql://desk@server/sodesk"
    desk.session = desk.auth.sign_in("rgarcia", password)
    desk.cases.submit_draft(...)

The signed-in session is a field of the desk, not a global: every service the desk hands out asks the desk who
is signed in at the moment it acts, so signing out, the idle lock and signing in as someone else take effect at
once, and a worker thread acts for the person whose desk it works for. Nothing is opened until it is first
used (the window shows its worklist before the models are loaded: the cold-start budget). The store keeps one
connection per thread (SQLite) or a pool (PostgreSQL), so services may be used from worker threads.
"""

from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from app.storage.store import POSTGRESQL, SQLITE, Store, is_server_url, open_store, safe_location

if TYPE_CHECKING:  # security (the audit trail, sqlite-utils) loads after the worklist shows
    from app.services.security import Session


class Desk:
    def __init__(self, target: Path | str | None = None, *, store: Store | None = None,
                 passphrase: str | None = None, password: str | None = None, session: Session | None = None,
                 cases=None) -> None:
        """`cases`: a case service of the caller's own (a test's clock, a screenshot's), made to act for this
        desk's session."""
        if target is None and store is None:
            raise ValueError("a Desk needs a database: a path, a postgresql:// URL or an open store")
        if isinstance(target, str) and not is_server_url(target):
            target = Path(target).expanduser()
        self.target = target
        self._store = store
        self._opening = threading.Lock()
        self._passphrase = passphrase
        self._password = password  # the server's, when the clerk just typed it; else the keyring's or ~/.pgpass
        self.session: Session | None = session
        if cases is not None:
            cases.use_session(self.acting, cases._who)
            cases.local_drafts = self.local_drafts
            self.__dict__["cases"] = cases

    @classmethod
    def open(cls, target: Path | str, *, passphrase: str | None = None) -> Desk:
        """The desk on `target`, its store opened now (created and migrated when new): bad targets and an
        unreachable server raise InputProblem here, before any screen is built on it."""
        desk = cls(target, passphrase=passphrase)
        desk.store  # noqa: B018
        return desk

    # --- where it is -------------------------------------------------------------------------------------------

    @property
    def is_server(self) -> bool:
        return is_server_url(self.target) or (self._store is not None and self._store.dialect == POSTGRESQL)

    @property
    def dialect(self) -> str:
        return POSTGRESQL if self.is_server else SQLITE

    @property
    def path(self) -> Path | None:
        """The SQLite file (None on the server)."""
        return self.target if isinstance(self.target, Path) else None

    @property
    def location(self) -> str:
        """Where the data is, as it may be shown: a path, or the server URL without its password."""
        if self.path is not None:
            return str(self.path)
        if isinstance(self.target, str):
            return safe_location(self.target)
        return self.store.location

    @property
    def name(self) -> str:
        """A short name for the window title: the file's name, or the server's database."""
        if self.path is not None:
            return self.path.name
        from urllib.parse import urlsplit

        parts = urlsplit(self.location)
        return f"{parts.path.lstrip('/') or 'sodesk'} on {parts.hostname or 'this computer'}"

    @property
    def data_folder(self) -> Path:
        """This desk's own folder: beside the SQLite file, or the user's data folder for a server desk (its
        exports, reports and local drafts stay on this computer)."""
        if self.path is not None:
            return self.path.parent
        from app.paths import user_data_dir

        return user_data_dir()

    @property
    def letters_folder(self) -> Path:
        from app.services.letters import letters_folder_for

        if self.path is not None:
            return letters_folder_for(self.path)
        return self.data_folder / "letters"

    @property
    def exports_folder(self) -> Path:
        return self.data_folder / "exports"

    # --- the store ---------------------------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        if self._store is not None:
            return self._store
        with self._opening:  # the window's threads may ask at once: one store
            if self._store is not None:
                return self._store
            password = self._password
            if password is None and is_server_url(self.target):
                from app.services.connection import password_for

                password = password_for(self.target)
            self._store = open_store(self.target, passphrase=self._passphrase, password=password)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def acting(self) -> Session | None:
        """Who the services act for: asked at each action."""
        return self.session

    # --- the services ------------------------------------------------------------------------------------------

    @property
    def settings_repository(self):
        from app.storage.settings import SettingsRepository

        return SettingsRepository(self.store)

    @cached_property
    def settings(self):
        """Load and (admins only, audited) update the settings."""
        from app.services.security import SettingsService

        return SettingsService(self.store, self.acting)

    @cached_property
    def directory(self):
        from app.storage.providers import ProviderRepository

        return ProviderRepository(self.store)

    @cached_property
    def members(self):
        """The member roster: its imports and the intake's look-ups (app.services.members)."""
        from app.services.members import RosterService

        return RosterService(self.store, session=self.acting, plan_names=self.plan_names)

    @cached_property
    def evaluator(self):
        from app.services.context import evaluator_over

        return evaluator_over(self.directory, self.members.repository)

    @cached_property
    def cases(self):
        from app.services.cases import CaseService
        from app.storage.cases import CaseRepository

        service = CaseService(CaseRepository(self.store, self.plan_names), self.evaluator,
                              report_due_days=self.settings_repository.load().report_due_days, session=self.acting)
        service.local_drafts = self.local_drafts
        return service

    @cached_property
    def plan_names(self) -> dict[str, str]:
        from app.rules.plan_names import plan_names

        return dict(plan_names())

    @property
    def local_drafts(self):
        """Where typing goes while the office server is away (None for a SQLite desk: its file is here)."""
        if not self.is_server:
            return None
        import hashlib

        from app.services.cases import LocalDrafts

        server = hashlib.sha256(self.location.encode("utf-8")).hexdigest()[:16]  # one folder per server
        return LocalDrafts(self.data_folder / "drafts-kept-here" / server)

    @cached_property
    def letters(self):
        return self.letter_service()

    def letter_service(self, *, who: str | None = None):
        """The letters of this desk's requests (a service of its own when a command prints as `who`)."""
        from app.rules.profiles import default_profiles
        from app.services.letters import LetterService
        from app.storage.letters import LetterRepository

        return LetterService(self.cases.repository, LetterRepository(self.store), self.letters_folder,
                             settings=self.settings_repository.load(), profiles=default_profiles(),
                             directory=self.directory, roster=self.members.repository, who=who,
                             session=self.acting)

    def exports(self, *, with_pdfs: bool = True):
        """The export service; with the referral letters rendered into each batch unless `with_pdfs` is False."""
        from app.rules.profiles import default_profiles
        from app.services.exports import ExportService, referral_pdf_renderer

        pdf_for = referral_pdf_renderer(self.letter_service()) if with_pdfs else None
        return ExportService(self.cases, directory=self.directory, profiles=default_profiles(),
                             settings=self.settings_repository.load(), pdf_for=pdf_for)

    @cached_property
    def reports(self):
        from app.services.reports import ReportService

        return ReportService(self.store, session=self.acting)

    @cached_property
    def auth(self):
        from app.services.security import AuthService

        return AuthService(self.store)

    @cached_property
    def audit(self):
        from app.storage.audit import AuditLog

        return AuditLog(self.store)

    def __repr__(self) -> str:
        return f"<Desk {self.location}>"
