"""What the export tests share: a desk exporting Valley Family Practice's requests, three synthetic requests, a
stand-in for the referral letter, and requests stored before the billable-code check."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime

from app.domain.time import LOS_ANGELES
from app.services.cases import CaseService
from tests.factories import ORTHO_HAKOBYAN, make_request
from tests.support.desks import CLERK, VALLEY_PRACTICE, Clock, build_desk

EXPORTED_AT = datetime(2025, 3, 4, 9, 30, 15, tzinfo=LOS_ANGELES)


def fake_pdf(case) -> bytes:
    """Deterministic stand-in for the referral letter: a minimal PDF-looking body naming the request."""
    digest = hashlib.sha256(case.request.model_dump_json().encode()).hexdigest()
    return f"%PDF-1.4\n% referral letter for request {case.id} ({digest})\n%%EOF\n".encode()


def exporting_desk(target, *, pdf_for=fake_pdf, clock=None, practice=True):
    """(case service, export service) of a desk on `target` (tests.support.desks.build_desk), both on `clock` (a
    Clock at EXPORTED_AT) and with Valley Family Practice's settings (left as they are when `practice` is False);
    the letters of a batch from `pdf_for`, none when it is None."""
    desk = build_desk(target, clock=clock or Clock(EXPORTED_AT), practice=VALLEY_PRACTICE if practice else None)
    exports = desk.exports(pdf_for=pdf_for) if pdf_for is not None else desk.exports(with_pdfs=False)
    return desk.cases, exports


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
    unchecked = CaseService(cases.repository, replace(cases.evaluator, codes=CheckSkipped()), who=CLERK,
                            clock=cases.clock)
    return unchecked.submit(make_request(**changes)).case.id
