"""The seeded case file of the reports' tests, whose answers are known by construction (issue 8).

Twelve synthetic requests are taken in, decided, scheduled and reported through CaseService with a clock set at
each step, so every history time is known. The figures of tests/unit/test_reports.py (and the same figures on both
engines, and on the Reports screen) are worked out by hand from this list:

 #  plan        clock    received          decision (deadline)                          consult / report
 1  CalOptima   routine  Mon 03-03 10:00   approved 03-07 09:00 (03-10 23:59) on time   03-14 / rec 04-10 (due 04-13)
 2  CalOptima   urgent   Mon 03-03 10:00   approved 03-05 12:00 (03-06 10:00) on time   03-10 / rec 04-15 (due 04-09)
 3  CalOptima   urgent   Mon 03-03 10:00   denied   03-06 14:00 (03-06 10:00) 4 h late
 4  Health Net  routine  Mon 03-03 10:00   modified 03-12 09:00 (03-10 23:59) 33 h late  03-14 / none (due 04-13)
 5  Health Net  routine  Mon 03-03 10:00   pended 03-05, approved 03-20 (extended to 03-24) on time
                                                                                        03-25 / none (due 04-24)
 6  CalOptima   routine  Tue 04-01 10:00   approved 04-09 08:00 (04-08 23:59) 8 h late
 7  Health Net  urgent   Tue 04-01 10:00   approved 04-02 10:00 (04-04 10:00) on time   04-03 / none (due 05-03)
 8  CalOptima   routine  Tue 04-01 10:00   still pending at 04-20 12:00 (04-08 23:59)  276 h past due
 9  CalOptima   routine  Fri 04-18 10:00   still pending, within its clock
10  Health Net  routine  Mon 03-03 10:00   withdrawn before a decision
11  HPSJ        routine  Mon 03-03 10:00   no authorization needed                      03-20 / rec 04-19 (due 04-19)
12  CalOptima   routine  Fri 03-28 10:00   approved 04-03 09:00 (04-04 23:59) on time

The reports are made at REPORTED_AT, Sun 2025-04-20 12:00 Pacific; the report window is 30 days.
"""

from __future__ import annotations

from datetime import date, datetime

from app.domain.cases import Status
from app.domain.time import LOS_ANGELES
from app.services.cases import Outcome
from tests.factories import CARDIO_DOE, CARDIOLOGY, ORTHO_HAKOBYAN, make_request
from tests.support.desks import Clock, build_desk

CO, HN, HPSJ = "caloptima-medi-cal", "healthnet-medi-cal", "hpsj-medi-cal"
COUNTY = {CO: "Orange", HN: "Kern", HPSJ: "San Joaquin"}
REPORTED_AT = datetime(2025, 4, 20, 12, 0, tzinfo=LOS_ANGELES)


def at(month, day, hour, minute=0):
    return datetime(2025, month, day, hour, minute, tzinfo=LOS_ANGELES)


def build_seeded(path) -> None:
    """The twelve requests of the table above, on the SQLite file at `path` (created), each step at its time."""
    clock = Clock(REPORTED_AT)
    desk = build_desk(path, clock=clock)
    service = desk.cases
    serial = iter(range(1, 100))

    def submit(plan, received, *, urgent=False, **changes):
        clock.now = received
        request = make_request(plan=plan, county=COUNTY[plan], urgent=urgent, received_at=received.isoformat(),
                               member={"member_id": f"TST{next(serial):06d}"}, **changes)
        return service.submit(request).case.id

    def do(when, action, *args, **kwargs):
        clock.now = when
        return action(*args, **kwargs)

    march, april = at(3, 3, 10), at(4, 1, 10)
    ids = [
        submit(CO, march),
        submit(CO, march, urgent=True),
        submit(CO, march, urgent=True, reasons=["surgery_questioned", "not_improving"]),
        submit(HN, march),
        submit(HN, march),
        submit(CO, april),
        submit(HN, april, urgent=True, care_in_question={"taxonomy": CARDIOLOGY, "npi": CARDIO_DOE,
                                                         "name": "Jane Doe, MD"}),
        submit(CO, april),
        submit(CO, at(4, 18, 10)),
        submit(HN, march),
        submit(HPSJ, march, requested_provider_npi=ORTHO_HAKOBYAN),
        submit(CO, at(3, 28, 10)),
    ]
    assert ids == list(range(1, 13))
    auth = {"authorization_number": "AUTH-1"}
    do(at(3, 7, 9), service.decide, 1, Outcome.approved, **auth)
    do(at(3, 5, 12), service.decide, 2, Outcome.approved, **auth)
    do(at(3, 6, 14), service.decide, 3, Outcome.denied, reason="Criteria not met")
    do(at(3, 12, 9), service.decide, 4, Outcome.modified, reason="Other professional", **auth)
    do(at(3, 5, 9), service.decide, 5, Outcome.pended, reason="Need the MRI report")
    do(at(3, 20, 9), service.decide, 5, Outcome.approved, **auth)
    do(at(4, 9, 8), service.decide, 6, Outcome.approved, **auth)
    do(at(4, 2, 10), service.decide, 7, Outcome.approved, **auth)
    do(at(3, 4, 9), service.withdraw, 10, "Member chose to proceed")
    do(at(4, 3, 9), service.decide, 12, Outcome.approved, **auth)
    for case_id, consult_on in ((1, date(2025, 3, 14)), (2, date(2025, 3, 10)), (4, date(2025, 3, 14)),
                                (5, date(2025, 3, 25)), (7, date(2025, 4, 3)), (11, date(2025, 3, 20))):
        do(at(3, 6, 9) if consult_on.month == 3 else at(4, 2, 11), service.schedule_consult, case_id, consult_on,
           ORTHO_HAKOBYAN)
    do(at(4, 10, 9), service.report_received, 1, date(2025, 4, 10))
    do(at(4, 15, 9), service.report_received, 2, date(2025, 4, 15))
    do(at(4, 19, 9), service.report_received, 11, date(2025, 4, 19))
    statuses = {case_id: service.get(case_id).status for case_id in range(1, 13)}
    assert statuses[8] == statuses[9] == Status.pending_authorization
    assert statuses[11] == Status.report_received and statuses[10] == Status.withdrawn
    desk.close()
