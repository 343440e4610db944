"""No batch carries a diagnosis that is not a billable ICD-10-CM code (Official Guidelines I.B.2, the HIPAA code
set of 45 CFR 162.1002): a request stored before the rule with a category such as I25 is held back and reported,
the others go out; named with --ids it is refused."""

import csv
import io
import json

import pytest

from app.codes.icd10 import default_code_set, display
from app.errors import InputProblem
from app.services.exports import ExportService, HeldBack
from tests.factories import make_request
from tests.support.exports import CheckSkipped, exporting_desk, store_unchecked, submit_three

PLAN = "caloptima-medi-cal"
I25_REFUSED = ("diagnoses[0]: I25 is a category, not a billable code (ICD-10-CM Official Guidelines I.B.2): choose "
               "one of I25.10, I25.110, I25.111, I25.112, I25.118, I25.119, ... (56 codes; search the code list by "
               "words)")


@pytest.fixture
def desk(db_target):
    """Two CalOptima requests that may go, one HPSJ request, and a CalOptima request stored with category I25."""
    cases, exports = exporting_desk(db_target)
    first, second, _ = submit_three(cases)
    category = store_unchecked(cases, diagnoses=["I25"], member={"member_id": "TST000007"})
    return cases, exports, (first, second, category)


def batch_codes(folder):
    """Every diagnosis code a batch carries: in submissions.csv, each request's JSON and each FHIR Bundle."""
    rows = csv.DictReader(io.StringIO((folder / "submissions.csv").read_text(encoding="utf-8"), newline=""))
    codes = [code for row in rows for code in row["diagnoses"].split(";") if code]
    for path in sorted((folder / "requests").glob("*.json")):
        codes += json.loads(path.read_text(encoding="utf-8"))["request"]["diagnoses"]
    for path in sorted((folder / "fhir").glob("*.json")):
        bundle = json.loads(path.read_text(encoding="utf-8"))
        for entry in bundle["entry"]:
            for diagnosis in entry["resource"].get("diagnosis", []):
                codes += [coding["code"] for coding in diagnosis["diagnosisCodeableConcept"]["coding"]]
    return codes


def test_icd10_guideline_I_B_2_a_stored_category_code_is_held_back_and_the_others_export(desk, tmp_path):
    _, exports, (first, second, category) = desk
    result = exports.export(PLAN, tmp_path)
    assert result.request_ids == [first, second] and result.count == 2
    assert result.held_back == [HeldBack(category, f"{I25_REFUSED}; to send it, withdraw request #{category} and "
                                                   "enter it again with billable codes")]
    assert str(result.held_back[0]).startswith(f"request #{category}: diagnoses[0]: I25 is a category")
    codes = batch_codes(result.path)
    assert sorted({display(code) for code in codes}) == ["M17.11", "M25.511"]  # requests/*.json keeps them as typed
    assert all(default_code_set().is_billable(code) for code in codes)
    assert not (result.path / "requests" / f"{category}.json").exists()
    assert "I25" not in (result.path / "submissions.csv").read_text(encoding="utf-8")
    assert json.loads((result.path / "manifest.json").read_text())["count"] == 2
    # Held back is not sent: it still waits, and it is still held back from the next batch.
    assert exports.sent(category) == []
    assert exports.select(PLAN) == []
    assert exports.choose(PLAN).held_back == result.held_back


def test_icd10_guideline_I_B_2_held_back_also_when_sending_again(desk, tmp_path):
    _, exports, (first, second, category) = desk
    exports.export(PLAN, tmp_path / "one")
    again = exports.export(PLAN, tmp_path / "two", again=True)
    assert again.request_ids == [first, second] and [held.request_id for held in again.held_back] == [category]


def test_a_stored_code_not_in_the_fy2026_code_set_is_held_back(db_target, tmp_path):
    cases, exports = exporting_desk(db_target)
    good = cases.submit(make_request()).case.id
    unknown = store_unchecked(cases, diagnoses=["M17.11", "E11.999"], member={"member_id": "TST000008"})
    result = exports.export(PLAN, tmp_path)
    assert result.request_ids == [good]
    assert [str(held) for held in result.held_back] == [
        f"request #{unknown}: diagnoses[1]: 'E11.999' is not an ICD-10-CM (FY2026) code; check it, or search the "
        f"code list by words; to send it, withdraw request #{unknown} and enter it again with billable codes"]
    assert "E11.999" not in (result.path / "submissions.csv").read_text(encoding="utf-8")


def test_icd10_guideline_I_B_2_a_category_request_named_by_ids_is_refused_and_nothing_written(desk, tmp_path):
    _, exports, (first, _, category) = desk
    with pytest.raises(InputProblem) as refused:
        exports.export(PLAN, tmp_path / "out", ids=[first, category])
    assert refused.value.problems == [f"--ids: request #{category} cannot be sent: {I25_REFUSED}; to send it, "
                                      f"withdraw request #{category} and enter it again with billable codes"]
    assert [path.name for path in tmp_path.iterdir() if not path.name.startswith("desk.sqlite3")] == [], (
        "no batch and no partial written")
    assert exports.batches() == [] and exports.sent(first) == []
    assert [case.id for case in exports.select(PLAN, ids=[first])] == [first], "the others may still be named"


def test_icd10_guideline_I_B_2_when_every_waiting_request_is_held_back_nothing_to_export_says_why(desk, tmp_path):
    _, exports, (_, _, category) = desk
    exports.export(PLAN, tmp_path / "one")  # the two that may go, gone
    with pytest.raises(InputProblem) as refused:
        exports.export(PLAN, tmp_path / "two")
    assert refused.value.render() == (
        f"nothing to export for {PLAN}: every request waiting is held back: request #{category}: {I25_REFUSED}; "
        f"to send it, withdraw request #{category} and enter it again with billable codes")
    assert not (tmp_path / "two").exists() and [batch.id for batch in exports.batches()] == [1]


def test_the_export_service_checks_against_the_code_set_it_is_given(db_target, tmp_path):
    cases, exports = exporting_desk(db_target)
    category = store_unchecked(cases, diagnoses=["I25"])
    assert exports.codes is cases.evaluator.codes, "by default the desk's own code set"
    lax = ExportService(cases, directory=exports.directory, profiles=exports.profiles, codes=CheckSkipped())
    assert [case.id for case in lax.select(PLAN)] == [category]
    assert exports.select(PLAN) == [] and [held.request_id for held in exports.choose(PLAN).held_back] == [category]
