"""Issue 13: the corrected determination is what the exports and the letters carry, not only what the screen shows.

A CalOptima member of ipa-sunrise asks about the PCP's care and chooses Lori Chen, a contracted family doctor in
another medical group (GG.1538 III.A allows the whole network); the request is received on a Saturday (H&S
1367.01(h): Monday is business day 1, the decision is due that Friday)."""

import csv
import io
import json

from pypdf import PdfReader

from app.letters import LetterKind
from app.letters.applicable import letters_for
from tests.factories import FAMILY_MEDICINE, PCP_CHEN, PCP_REYES, make_request
from tests.support.desks import SUNRISE_CLINIC, build_desk
from tests.support.exports import exporting_desk

PCP_CARE = {"from": "pcp", "taxonomy": FAMILY_MEDICINE, "npi": PCP_REYES, "name": "Ana Reyes, MD"}
SATURDAY = "2025-03-01T15:30:00"


def test_export_carries_the_whole_network_choice_and_the_friday_deadline(db_target, tmp_path):
    cases, exports = exporting_desk(db_target)
    submitted = cases.submit(make_request(care_in_question=PCP_CARE, requested_provider_npi=PCP_CHEN,
                                          received_at=SATURDAY)).case
    result = exports.export("caloptima-medi-cal", tmp_path)
    rows = list(csv.DictReader(io.StringIO((result.path / "submissions.csv").read_text(encoding="utf-8"),
                                           newline="")))
    assert [(row["request_id"], row["professional_npi"], row["network"]) for row in rows] == [
        (str(submitted.id), PCP_CHEN, "in")]
    assert rows[0]["decision_due"] == "2025-03-07T23:59:59-08:00", "Friday, not Monday week"
    document = json.loads((result.path / "requests" / "1.json").read_text(encoding="utf-8"))
    determination = document["determination"]
    assert determination["provider_qualified"] is True and determination["network"] == "in"
    rules = {finding["rule"] for finding in determination["findings"]}
    assert "network.outside_members_group" in rules and "network.outside_health_network" not in rules
    bundle = (result.path / "fhir" / "1-bundle.json").read_text(encoding="utf-8")
    assert PCP_CHEN in bundle


def test_hpsj_II_E_referral_letter_goes_to_the_doctor_in_another_group_without_an_out_of_network_letter(
        tmp_path):
    desk = build_desk(tmp_path / "desk.sqlite3", practice=SUNRISE_CLINIC)
    case = desk.cases.submit(make_request(plan="hpsj-medi-cal", care_in_question=PCP_CARE,
                                          requested_provider_npi=PCP_CHEN)).case
    assert case.status == "ready_to_schedule", "in network, qualified, no authorization (Procedure II.A)"
    assert case.determination.provider_qualified is True
    assert letters_for(case, case.created_at.date()) == [LetterKind.referral, LetterKind.member_approval]
    printed = desk.letters.print_letter(case.id, LetterKind.referral)
    text = " ".join(page.extract_text() for page in
                    PdfReader(desk.path.parent / "letters" / printed.file_path).pages)
    assert "Lori Chen" in text
