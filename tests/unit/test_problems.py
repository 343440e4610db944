"""Problems carry their place (field path, line and column) beside the sentence; the text stays as it was."""

from datetime import datetime

import pytest

from app.codes.icd10 import default_code_set
from app.domain.time import LOS_ANGELES
from app.errors import InputProblem, Problem
from app.exports.decisions_csv import read_decisions
from app.services.evaluation import MISSING, Evaluator, load_request_json, parse_request
from tests.factories import request_data


@pytest.mark.parametrize(("problem", "said"), [
    (Problem("the passphrase is empty"), "the passphrase is empty"),
    (Problem("'X' is not a code", field_path="diagnoses[1]"), "diagnoses[1]: 'X' is not a code"),
    (Problem(MISSING, field_path="member.date_of_birth"), "member.date_of_birth: required, but missing"),
    (Problem("not valid JSON (Expecting value)", line=3, column=2),
     "line 3, column 2: not valid JSON (Expecting value)"),
    (Problem("an NPI is exactly 10 digits", field_path="npi", line=6, column=1),
     "line 6, column 1 (npi): an NPI is exactly 10 digits"),
    (Problem("missing column(s): npi", line=1, label="header"), "line 1 (header): missing column(s): npi"),
    (Problem("'nope': expected one of approved", line=4, column="outcome"),
     "line 4, column outcome: 'nope': expected one of approved"),
    (Problem("no outcome column", line=1), "line 1: no outcome column"),
    (Problem("required to approve", field_path="authorization_number", label="authorization number"),
     "authorization number: required to approve"),
    (Problem("expected a JSON object", label="(the request)"), "(the request): expected a JSON object"),
])
def test_a_problem_is_said_with_its_place_first(problem, said):
    assert problem.render() == said
    assert str(problem) == said


def test_an_input_problem_takes_sentences_and_problems_and_says_them_the_same():
    raised = InputProblem(["the passphrase is empty", Problem("unknown plan 'x'", field_path="plan")],
                          source="request.json")
    assert raised.items == [Problem("the passphrase is empty"),
                            Problem("unknown plan 'x'", field_path="plan")]
    assert raised.problems == ["the passphrase is empty", "plan: unknown plan 'x'"]
    assert raised.render() == str(raised) == (
        "request.json: 2 problems:\n  - the passphrase is empty\n  - plan: unknown plan 'x'")
    one = InputProblem([Problem("bad", line=2, column=5)], source="a.json")
    assert one.render() == "a.json: line 2, column 5: bad"


def _items(data):
    with pytest.raises(InputProblem) as raised:
        parse_request(data)
    return raised.value.items


def test_validation_gives_each_problem_its_field_path_and_kind():
    data = request_data()
    del data["member"]["date_of_birth"]
    data["member"]["address"]["zip"] = "9270"
    missing, zip_code = _items(data)
    assert missing == Problem(MISSING, field_path="member.date_of_birth", kind="missing")
    assert (zip_code.field_path, zip_code.kind) == ("member.address.zip", "value_error")
    assert str(zip_code) == 'member.address.zip: a ZIP code is 5 digits, or 5+4 like 95202-1234 (got "9270")'


def test_a_check_across_fields_carries_the_field_it_names():
    [problem] = _items(request_data(member={"date_of_birth": "2025-06-01"}))
    assert problem.field_path == "member.date_of_birth" and problem.label is None
    assert problem.message == "2025-06-01 is after the request was received (2025-03-03); check both dates"


def test_a_request_that_is_not_an_object_names_the_whole_request():
    [problem] = _items(["not", "an", "object"])
    assert (problem.field_path, problem.label) == (None, "(the request)")
    assert str(problem) == "(the request): expected a JSON object {...} holding the request's fields"


def test_bad_json_is_placed_by_line_and_column():
    with pytest.raises(InputProblem) as raised:
        load_request_json('{\n  "plan": ,\n}', "request.json")
    [problem] = raised.value.items
    assert (problem.line, problem.column, problem.field_path) == (2, 11, None)
    assert raised.value.render() == "request.json: line 2, column 11: not valid JSON (Expecting value)"


def test_the_evaluator_names_a_diagnosis_by_its_index(profiles, directory, specialties):
    now = datetime(2025, 3, 3, 10, 0, tzinfo=LOS_ANGELES)
    evaluator = Evaluator(profiles=profiles, directory=directory, specialties=specialties,
                          codes=default_code_set(), clock=lambda: now)
    with pytest.raises(InputProblem) as raised:
        evaluator.check(parse_request(request_data(plan="nowhere", diagnoses=["M17.11", "I25"])))
    plan, diagnosis = raised.value.items
    assert plan.field_path == "plan" and plan.message.startswith("unknown plan 'nowhere'")
    assert diagnosis.field_path == "diagnoses[1]"
    assert str(diagnosis).startswith("diagnoses[1]: I25 is a category, not a billable code")


def test_a_decisions_file_names_the_column_of_each_problem():
    _rows, [problem] = read_decisions(b"request_id,outcome\r\n1,nope\r\n")
    assert (problem.line, problem.column) == (2, "outcome")
