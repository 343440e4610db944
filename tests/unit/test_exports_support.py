"""Shared by the export tests: a desk on a real file with a few synthetic requests, and a fake letter renderer.

(Named test_exports_*.py to sit with its tests; it holds no tests itself.)
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from app.codes.icd10 import default_code_set
from app.domain.time import LOS_ANGELES
from app.rules.profiles import default_profiles
from app.services.cases import CaseService
from app.services.evaluation import Evaluator
from app.services.exports import ExportService
from app.storage.cases import CaseRepository
from app.storage.store import open_store
from app.storage.providers import ProviderRepository
from app.storage.settings import SettingsRepository
from tests.factories import ORTHO_HAKOBYAN, cast, make_request

NOW = datetime(2025, 3, 4, 9, 30, 15, tzinfo=LOS_ANGELES)


class Clock:
    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def fake_pdf(case) -> bytes:
    """Deterministic stand-in for the referral letter: a minimal PDF-looking body naming the request."""
    digest = hashlib.sha256(case.request.model_dump_json().encode()).hexdigest()
    return f"%PDF-1.4\n% referral letter for request {case.id} ({digest})\n%%EOF\n".encode()


def make_desk(target, *, pdf_for=fake_pdf, clock=None, practice=True):
    """(case service, export service) on `target`: a SQLite file path or a PostgreSQL URL."""
    db = open_store(target)
    directory = ProviderRepository(db)
    if directory.count() == 0:
        directory.upsert_many(cast())
    if practice:
        SettingsRepository(db).update(practice_name="Valley Family Practice",
                                      practice_address="1 Sample Way\nStockton, CA 95202",
                                      practice_phone="209-555-0199")
    clock = clock or Clock()
    evaluator = Evaluator(profiles=default_profiles(), directory=directory,
                          specialties=__import__("app.codes.taxonomy", fromlist=["x"]).default_taxonomy(),
                          codes=default_code_set())
    cases = CaseService(CaseRepository(db), evaluator, who="clerk.one", clock=clock)
    exports = ExportService(cases, directory=directory, profiles=default_profiles(),
                            settings=SettingsRepository(db).load(), pdf_for=pdf_for, clock=clock)
    return cases, exports


def submit_three(cases):
    """Two CalOptima requests needing authorization (one naming a professional, one urgent), one HPSJ request
    needing none. Returns their ids."""
    first = cases.submit(make_request(requested_provider_npi=ORTHO_HAKOBYAN)).case
    second = cases.submit(make_request(urgent=True, diagnoses=["M17.11", "M25511"],
                                       member={"member_id": "TST000002", "first_name": "Lê",
                                               "last_name": "Nguyễn"})).case
    third = cases.submit(make_request(plan="hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN,
                                      member={"member_id": "TST000003"})).case
    return first.id, second.id, third.id


class CheckSkipped:
    """A code set that passes every code: what a request stored before the billable-code rule (ICD-10-CM
    Official Guidelines I.B.2), or through a path that skipped the check, went through."""

    def __contains__(self, code: object) -> bool:
        return True

    def is_billable(self, code: str) -> bool:
        return True

    def billable_under(self, code: str, limit: int | None = None) -> list[str]:
        return [code]

    def count_billable_under(self, code: str) -> int:
        return 1


def store_unchecked(cases, **changes):
    """Store a synthetic request whose diagnoses were never checked (e.g. `diagnoses=["I25"]`); its id."""
    from dataclasses import replace

    unchecked = CaseService(cases.repository, replace(cases.evaluator, codes=CheckSkipped()), who="clerk.one",
                            clock=cases.clock)
    return unchecked.submit(make_request(**changes)).case.id
