"""`sodesk evaluate`, `plans` and `schema` as a person types them."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from tests.factories import request_data

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "request-knee-surgery.json"


@pytest.fixture
def run(tmp_path, capsys):
    """run(*args, request=dict|str|None) -> (exit status, stdout, stderr)."""

    def _run(*args, request=None):
        argv = ["--db", str(tmp_path / "desk.sqlite3"), *args]
        if request is not None:
            path = tmp_path / "request.json"
            path.write_text(request if isinstance(request, str) else json.dumps(request), encoding="utf-8")
            argv = [*argv, "evaluate", str(path)]
        status = main(argv)
        out, err = capsys.readouterr()
        return status, out, err

    return _run


def test_evaluate_prints_the_determination_as_json(run):
    status, out, err = run(request=request_data())
    assert status == 0 and err == ""
    determination = json.loads(out)
    assert determination["eligible"] == "yes"
    assert determination["criteria_met"] == ["surgery_questioned"]
    assert determination["authorization_required"] is True
    assert determination["decision_due"] == "2025-03-10T23:59:59-07:00"
    assert {"rule", "severity", "message", "citation"} <= set(determination["findings"][0])


def test_the_documented_example_evaluates(run):
    status, out, _ = run("evaluate", str(EXAMPLE))
    assert status == 0
    assert json.loads(out)["plan"] == "healthnet-medi-cal"


def _bad(run, request):
    status, out, err = run(request=request)
    assert status == 2, err
    assert out == ""
    assert "Traceback" not in err
    return err


def test_unknown_plan_lists_the_known_ids(run):
    err = _bad(run, request_data(plan="kaiser-medi-cal"))
    assert "plan: unknown plan 'kaiser-medi-cal'; known plans: anthem-medi-cal, caloptima-medi-cal" in err


def test_npi_with_a_bad_check_digit_names_the_field(run):
    err = _bad(run, request_data(requested_provider_npi="1234567890"))
    assert "requested_provider_npi: NPI check digit does not match (Luhn with prefix 80840)" in err


def test_code_that_is_not_icd10cm_names_the_field(run):
    err = _bad(run, request_data(diagnoses=["M17.11", "E11.999"]))
    assert "diagnoses[1]: 'E11.999' is not an ICD-10-CM (FY2026) code" in err


def test_diagnosis_of_the_wrong_shape_names_the_field(run):
    err = _bad(run, request_data(diagnoses=["knee pain"]))
    assert "diagnoses[0]: an ICD-10-CM code looks like E11.9" in err


def test_birth_date_in_the_future_names_the_field(run):
    err = _bad(run, request_data(member={"date_of_birth": "2999-01-01"}))
    assert "member.date_of_birth: a date of birth cannot be in the future" in err


def test_unknown_reason_code_names_the_field_and_the_choices(run):
    err = _bad(run, request_data(reasons=["surgery_questioned", "feels_like_it"]))
    assert "reasons[1]: Input should be 'surgery_questioned'" in err and "'other'" in err


def test_every_problem_is_listed_at_once(run):
    err = _bad(run, request_data(plan="nope", diagnoses=["E11.999"]))
    assert "2 problems" in err and "plan:" in err and "diagnoses[0]:" in err


def test_a_misspelt_field_is_not_ignored(run):
    data = request_data()
    data["recieved_at"] = data.pop("received_at")
    err = _bad(run, data)
    assert "received_at: required, but missing" in err
    assert "recieved_at: unknown field" in err


def test_broken_json_gives_line_and_column(run):
    err = _bad(run, '{\n  "plan": "hpsj-medi-cal",\n  "county": \n}')
    assert "line 4, column 1: not valid JSON" in err


def test_a_missing_file_is_a_clear_message(run, tmp_path):
    status, out, err = run("evaluate", str(tmp_path / "nowhere.json"))
    assert (status, out) == (2, "")
    assert "no such file" in err


def test_an_odd_field_name_is_shown_quoted(run):
    data = request_data()
    data["bad key\u001e"] = 1
    assert '["bad key\\u001e"]: unknown field' in _bad(run, data)


def test_a_json_array_is_not_a_request(run):
    assert "expected a JSON object" in _bad(run, "[1, 2]")


def test_unknown_command_exits_2(run):
    with pytest.raises(SystemExit) as raised:
        run("frobnicate")
    assert raised.value.code == 2


def test_plans_lists_the_seven_plan_ids(run):
    status, out, _ = run("plans", "--json")
    assert status == 0
    assert sorted(row["id"] for row in json.loads(out)) == [
        "anthem-medi-cal", "caloptima-medi-cal", "caloptima-onecare", "healthnet-medi-cal", "hpsj-medi-cal",
        "mvhp-medi-cal", "partnership-medi-cal"]


def test_schema_is_the_request_json_schema(run):
    status, out, _ = run("schema")
    schema = json.loads(out)
    assert status == 0
    assert {"plan", "received_at", "requester", "member", "care_in_question", "reasons"} <= set(schema["properties"])
    assert "from" in schema["$defs"]["CareInQuestion"]["properties"]


def test_the_installed_command_runs_as_a_person_types_it(tmp_path):
    """The real process: `python -m app evaluate`, once with a good request and once with a bad one."""
    good = subprocess.run([sys.executable, "-m", "app", "--db", str(tmp_path / "x.sqlite3"), "evaluate",
                           str(EXAMPLE)], capture_output=True, text=True, timeout=60)
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["eligible"] == "yes"
    bad = subprocess.run([sys.executable, "-m", "app", "evaluate", "-"], input="{", capture_output=True,
                         text=True, timeout=60)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert "standard input: line 1, column 2: not valid JSON" in bad.stderr


# --- malformed requests never produce a traceback ------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)
FIELDS = sorted(request_data())


@st.composite
def malformed_requests(draw):
    data = request_data()
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        action = draw(st.sampled_from(["drop", "replace", "replace_nested", "add"]))
        key = draw(st.sampled_from(FIELDS))
        if action == "drop":
            data.pop(key, None)
        elif action == "replace":
            data[key] = draw(json_values)
        elif action == "replace_nested" and isinstance(data.get(key), dict) and data[key]:
            inner = draw(st.sampled_from(sorted(data[key])))
            data[key][inner] = draw(json_values)
        else:
            data[draw(st.text(min_size=1, max_size=10))] = draw(json_values)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=malformed_requests())
def test_property_malformed_requests_exit_2_with_field_paths_never_a_traceback(run, data):
    status, out, err = run(request=data)
    if status == 0:
        json.loads(out)  # the mutation happened to stay valid
        return
    assert status == 2
    assert out == ""
    assert "Traceback" not in err
    lines = [line.strip(" -") for line in err.rstrip("\n").split("\n")[1:]] or [err.split(": ", 1)[1]]
    assert all(":" in line for line in lines), err


def test_icd10_guideline_I_B_2_category_code_is_refused_at_evaluate(run):
    err = _bad(run, request_data(diagnoses=["M17.11", "I25"]))
    assert err.endswith(
        "diagnoses[1]: I25 is a category, not a billable code (ICD-10-CM Official Guidelines I.B.2): choose one "
        "of I25.10, I25.110, I25.111, I25.112, I25.118, I25.119, ... (56 codes; search the code list by words)\n")


@pytest.mark.parametrize(("code", "said"), [
    ("E11.6", "diagnoses[0]: E11.6 is a subcategory, not a billable code (ICD-10-CM Official Guidelines I.B.2): "
              "choose one of E11.610, E11.618, E11.620, E11.621, E11.622, E11.628, ... (12 codes;"),
    ("M2551", "diagnoses[0]: M25.51 is a subcategory, not a billable code (ICD-10-CM Official Guidelines I.B.2): "
              "choose one of M25.511, M25.512, M25.519\n"),
    ("S72.001", "diagnoses[0]: S72.001 lacks its 7th character, so it is not a billable code (ICD-10-CM Official "
                "Guidelines I.B.2): choose one of S72.001A, S72.001B,"),
])
def test_icd10_guideline_I_B_2_subcategory_or_code_without_its_7th_character_is_refused(run, code, said):
    assert said in _bad(run, request_data(diagnoses=[code]))


def test_icd10_guideline_I_B_2_every_category_is_named_with_its_own_path(run):
    err = _bad(run, request_data(diagnoses=["I25", "M17.11", "E11"]))
    assert err.splitlines()[0].endswith("request.json: 2 problems:")
    assert "  - diagnoses[0]: I25 is a category" in err and "  - diagnoses[2]: E11 is a category" in err


def test_fy2026_codes_with_a_letter_second_are_accepted(run):
    status, out, err = run(request=request_data(diagnoses=["QA0.0101", "U07.1"]))
    assert status == 0, err


def test_text_summary_puts_the_answers_first_and_cites_each_finding(run, tmp_path):
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request_data(urgent=True, member={"last_name": "Nguyễn"})), encoding="utf-8")
    status, out, _ = run("evaluate", "--text", str(path))
    assert status == 0
    lines = out.splitlines()
    assert lines[1] == "Eligible:        Yes"
    assert "Authorization:   Required, from CalOptima Health or the member's Health Network" in out
    assert "Decide by:       Thu Mar 6, 2025, 10:00 AM PST" in out
    assert "Consult by:      Thu Mar 6, 2025, 10:00 AM PST" in out
    assert "      CalOptima GG.1538 II.C.1" in lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 100_000, "nested too deeply"),
        ('{"opinion_number": ' + "9" * 5000 + "}", "not a usable JSON request"),
    ],
)
def test_hostile_json_is_a_message_not_a_traceback(run, text, expected):
    assert expected in _bad(run, text)


def test_received_at_far_outside_any_real_date_is_refused(run):
    assert "received_at: expected a date between 2000 and 2099" in _bad(run, request_data(
        received_at="9999-12-31T23:00:00", urgent=True))


def test_received_at_in_the_future_is_refused(run):
    assert "received_at: 2090-01-02 09:00 is in the future" in _bad(run, request_data(received_at="2090-01-02T09:00"))


def test_birth_after_receipt_names_the_birth_date_field(run):
    err = _bad(run, request_data(received_at="2025-03-03T10:00", member={"date_of_birth": "2025-06-01"}))
    assert "member.date_of_birth: 2025-06-01 is after the request was received (2025-03-03)" in err
    assert "(the request)" not in err


def test_a_byte_order_mark_on_standard_input_is_fine(tmp_path):
    body = "\ufeff" + json.dumps(request_data())
    done = subprocess.run([sys.executable, "-m", "app", "--db", str(tmp_path / "x.sqlite3"), "evaluate", "-"],
                          input=body, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_field_name_ending_in_a_newline_is_quoted_on_one_line(run):
    """Found by the property test above: `$` in a regex let "A\\n" pass as a plain name, splitting the message."""
    from tests.factories import request_data

    status, out, err = run(request={**request_data(), "A\n": 1})
    assert status == 2 and out == ""
    assert '["A\\n"]' in err and len(err.strip().splitlines()) == 1
