"""Demo data for a first look: a synthetic directory across all seven plans and requests at every stage.

Every person is invented (names drawn at random, 555-01xx phones, 'Example St' addresses); nothing here is PHI.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.domain.time import LOS_ANGELES
from app.errors import InputProblem

FIRST = ["Rosa", "Thảo", "José", "Wei", "Ani", "Lucía", "Kate", "Minh", "Guadalupe", "Armen", "Mai", "Diego"]
LAST = ["Testcase", "Nguyễn", "Ávila", "Zhou", "Hakobyan", "Peña", "O'Brien", "Trần", "Hernández", "Sargsyan",
        "Lê", "Castañeda"]
COUNTIES = {"healthnet-medi-cal": "Kern", "hpsj-medi-cal": "San Joaquin", "mvhp-medi-cal": "El Dorado",
            "caloptima-medi-cal": "Orange", "caloptima-onecare": "Orange", "partnership-medi-cal": "Solano",
            "anthem-medi-cal": "Sacramento"}
REASONS = ["surgery_questioned", "diagnosis_or_plan_questioned", "unclear_or_conflicting", "not_improving",
           "concerns_after_following_plan"]
DIAGNOSES = ["M17.11", "C50.911", "I25.10", "E11.9", "G43.909", "M54.50", "K21.9", "N18.30"]  # billable codes only


@dataclass
class DemoLoaded:
    providers: int
    requests: int
    members: int = 0


def load_demo(desk, *, providers: int = 2_000, requests: int = 40, seed: int = 7,
              now: datetime | None = None) -> DemoLoaded:
    """Invented providers and requests into `desk` (a Desk, or a database path or URL)."""
    from app.devtools.synthetic import synthetic_members, synthetic_providers
    from app.services.cases import CaseService, Outcome
    from app.services.desk import Desk
    from app.storage.cases import CaseRepository

    if not isinstance(desk, Desk):
        desk = Desk(desk)
    now = now or datetime.now(LOS_ANGELES).replace(microsecond=0)
    rng = random.Random(seed)
    db = desk.store
    directory = desk.directory
    directory.upsert_many(synthetic_providers(providers, seed=seed))
    plans = sorted(COUNTIES)
    made = 0
    drafts = []
    for index in range(requests):
        plan = plans[index % len(plans)]
        taxonomy = rng.choice(["207X00000X", "207RC0000X", "207RH0003X", "2084N0400X", "207RG0100X"])
        pcp_care = index % 5 == 0
        candidates = directory.qualified(plan=plan, taxonomies=None if pcp_care else [taxonomy], limit=8)
        chosen = rng.choice(candidates).npi if candidates and index % 4 else None
        received = now - timedelta(days=rng.randint(0, 12), hours=rng.randint(0, 9))
        first, last = rng.choice(FIRST), rng.choice(LAST)
        data = {
            "plan": plan, "county": COUNTIES[plan], "received_at": received.isoformat(),
            "requester": {"type": rng.choice(["member", "treating_provider", "authorized_representative"])},
            "member": {"member_id": f"DEMO{index:05d}", "first_name": first, "last_name": last,
                       "date_of_birth": date(1940 + rng.randint(0, 60), rng.randint(1, 12), rng.randint(1, 28))
                       .isoformat(), "language": rng.choice(["English", "Spanish", "Vietnamese", "Armenian"]),
                       "phone": f"209-555-01{index % 100:02d}",
                       "address": {"line1": f"{100 + index} Example St", "city": "Stockton", "state": "CA",
                                   "zip": "95202"},
                       "health_network": rng.choice(["ipa-sunrise", "ipa-delta-valley", "mg-coastal"])},
            "care_in_question": ({"from": "pcp", "taxonomy": "207Q00000X"} if pcp_care
                                 else {"from": "specialist", "taxonomy": taxonomy}),
            "diagnoses": [rng.choice(DIAGNOSES)],
            "reasons": [rng.choice(REASONS)],
            "serious_condition": rng.random() < 0.5,
            "urgent": rng.random() < 0.2,
            "requested_provider_npi": chosen,
            "procedure": "Demo: recommended procedure",
            "notes": "Demo data: an invented member.",
        }
        drafts.append((index, received, chosen, data))
    # The plans' eligibility files, as a group receives them: every demo member is on its plan's roster (so the
    # intake fills itself from a DEMO member ID), with invented neighbours to look up by name.
    roster = [_roster_member(data) for _index, _received, _chosen, data in drafts]
    roster.extend(synthetic_members(min(10 * requests, 2_000), seed=seed, plans=tuple(plans)))
    desk.members.repository.upsert_many(roster, source="demo roster", who="demo")
    from app.services.evaluation import parse_request

    for index, received, chosen, data in drafts:
        service = CaseService(CaseRepository(db), desk.evaluator, who="demo", clock=lambda: received)
        case = service.submit(parse_request(data)).case
        made += 1
        stage = index % 6
        try:
            if stage >= 2 and case.status.value == "pending_authorization":
                case = service.decide(case.id, Outcome.approved, authorization_number=f"DEMO-{index:04d}")
            if stage >= 3 and chosen:
                case = service.schedule_consult(case.id, (received + timedelta(days=3)).date(), chosen)
            if stage >= 4 and chosen:
                case = service.request_report(case.id)
        except InputProblem:  # a step the lifecycle refuses for this case: leave it where it is
            continue
    db.close()
    return DemoLoaded(providers=providers, requests=made, members=len(roster))


def _roster_member(data: dict):
    """The roster row of a demo request's member: covered since 2024 under the request's plan and group."""
    from app.domain.members import RosterMember

    member = data["member"]
    return RosterMember(
        member_id=member["member_id"], plan=data["plan"], first_name=member["first_name"],
        last_name=member["last_name"], date_of_birth=date.fromisoformat(member["date_of_birth"]),
        language=member["language"], phone=member["phone"], address=member["address"], county=data["county"],
        health_network=member["health_network"], coverage_start=date(2024, 1, 1))
