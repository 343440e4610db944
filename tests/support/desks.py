"""One desk builder for every test: the app's own Desk (app.services.desk) over a SQLite file or a PostgreSQL URL,
with the synthetic cast in its directory, a practice's settings, a clock the test sets and the clerk its history
names."""

from __future__ import annotations

from datetime import date, datetime
from functools import cached_property
from pathlib import Path

from argon2 import PasswordHasher

from app.domain.time import LOS_ANGELES
from app.services.cases import CaseService, Outcome
from app.services.context import evaluator_over
from app.services.desk import Desk
from app.services.security import Role, Session
from app.storage.cases import CaseRepository
from app.storage.members import MemberRepository
from app.storage.providers import ProviderRepository
from app.storage.settings import SettingsRepository
from app.storage.store import open_store
from tests.factories import ORTHO_HAKOBYAN, cast, make_request

SYNTHETIC_NOW = datetime(2025, 3, 3, 10, 0, tzinfo=LOS_ANGELES)  # a Monday morning, Pacific time
CLERK = "clerk.one"  # who the history of a test's requests names

# The letterhead the letters' tests read back (tests/unit/test_letters_*.py).
SUNRISE_CLINIC = {"practice_name": "Sunrise Test Clinic",
                  "practice_address": "100 Example Ave, Suite 2\nStockton, CA 95202",
                  "practice_phone": "209-555-0100", "practice_fax": "209-555-0199"}
# The practice an export batch names (tests/unit/test_exports_*.py).
VALLEY_PRACTICE = {"practice_name": "Valley Family Practice", "practice_address": "1 Sample Way\nStockton, CA 95202",
                   "practice_phone": "209-555-0199"}

# argon2id still, with small costs: the production defaults take 0.25 s per hash.
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "correct horse battery"
USERS = (("admin", "Ada Admin", Role.admin), ("rev", "Rhea Reviewer", Role.reviewer),
         ("desk", "Dee Desk", Role.front_desk))  # every one's password is PASSWORD


class Clock:
    """A clock the test sets: called, it gives `.now`; the test moves it by setting `.now` (a datetime, or a
    number of seconds for a monotonic clock)."""

    def __init__(self, now=SYNTHETIC_NOW) -> None:
        self.now = now

    def __call__(self):
        return self.now


class ClockedDesk(Desk):
    """The app's Desk whose case service, letters and exports run on the test's `clock` and name `who` (None: the
    signed-in user, as at a real desk). Its users' passwords are hashed with FAST."""

    def __init__(self, target: Path | str, *, store, cases: CaseService, clock: Clock, who: str | None) -> None:
        super().__init__(target, store=store, cases=cases)
        self.clock = clock
        self.who = who

    def letter_service(self, *, who: str | None = None):
        service = super().letter_service(who=who or self.who)
        service.clock = self.clock
        return service

    def exports(self, *, with_pdfs: bool = True, pdf_for=None):
        """The export service; its letters from `pdf_for` (case -> PDF bytes) when given, else as the desk's."""
        service = super().exports(with_pdfs=with_pdfs and pdf_for is None)
        if pdf_for is not None:
            service.pdf_for = pdf_for
        service.clock = self.clock
        return service

    @cached_property
    def auth(self):
        service = super().auth
        service.hasher = FAST
        return service

    # --- requests in a known state (the letters' tests) -----------------------------------------------------

    def approved(self, **changes):
        """A request (to Armen Hakobyan unless changed) submitted and approved under CO-2025-0042."""
        changes.setdefault("requested_provider_npi", ORTHO_HAKOBYAN)
        case = self.cases.submit(make_request(**changes)).case
        return self.cases.decide(case.id, Outcome.approved, authorization_number="CO-2025-0042",
                                 valid_from=date(2025, 3, 4), valid_to=date(2025, 6, 30))

    def denied(self, **changes):
        case = self.cases.submit(make_request(**changes)).case
        return self.cases.decide(case.id, Outcome.denied,
                                 reason="An in-network orthopaedic surgeon is available; out-of-network opinions "
                                        "are authorized only when none is.")

    def pended(self, **changes):
        case = self.cases.submit(make_request(**changes)).case
        return self.cases.decide(case.id, Outcome.pended, reason="The MRI report of the right knee",
                                 extension_to=date(2025, 3, 20))

    def scheduled(self, **changes):
        case = self.approved(**changes)
        return self.cases.schedule_consult(case.id, date(2025, 3, 5), ORTHO_HAKOBYAN)


def build_desk(target: Path | str, *, clock: Clock | None = None, who: str | None = CLERK, providers: bool = True,
               practice: dict | None = None) -> ClockedDesk:
    """A desk on `target` (a SQLite file path or a PostgreSQL URL; opened, created and migrated): the synthetic
    cast in its directory unless `providers` is False (or it has providers already), the `practice` settings when
    given, its services on `clock` (a fresh Clock at SYNTHETIC_NOW) acting as `who`."""
    store = open_store(target)
    directory = ProviderRepository(store)
    if providers and directory.count() == 0:
        directory.upsert_many(cast())
    if practice:
        SettingsRepository(store).update(**practice)
    clock = clock or Clock()
    cases = CaseService(CaseRepository(store), evaluator_over(directory, MemberRepository(store)), who=who, clock=clock)
    return ClockedDesk(target, store=store, cases=cases, clock=clock, who=who)


def add_users(auth) -> Session:
    """The USERS on a first start (the admin first); the admin's session."""
    (name, display_name, _role), *others = USERS
    admin = auth.create_first_admin(name, display_name, PASSWORD)
    for name, display_name, role in others:
        auth.add_user(admin, name, display_name, role, PASSWORD)
    return admin
