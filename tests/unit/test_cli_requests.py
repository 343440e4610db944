"""`sodesk requests ...` end to end on a real database file."""

import json

import pytest

from app.cli import main
from tests.factories import ORTHO_HAKOBYAN, cast, request_data


@pytest.fixture
def desk(tmp_path, capsys):
    db = tmp_path / "desk.sqlite3"
    from app.storage.db import open_db
    from app.storage.providers import ProviderRepository

    ProviderRepository(open_db(db)).upsert_many(cast())

    def run(*args, request=None):
        argv = ["--db", str(db), "requests", *args]
        if request is not None:
            path = tmp_path / "request.json"
            path.write_text(json.dumps(request), encoding="utf-8")
            argv.append(str(path))
        try:
            status = main(argv)
        except SystemExit as exit_:
            status = exit_.code
        out, err = capsys.readouterr()
        return status, out, err

    return run


def test_add_prints_the_id_and_list_shows_it(desk):
    status, out, err = desk("add", request=request_data())
    assert (status, out, err) == (0, "1\n", "")
    status, out, _ = desk("list")
    assert status == 0
    assert out.startswith("#1     Pending authorization  caloptima-medi-cal")
    assert "Testcase, Rosa" in out and "Mon Mar 10, 2025, 11:59 PM PDT" in out


def test_add_warns_of_an_open_request_for_the_same_member(desk):
    desk("add", request=request_data())
    status, out, err = desk("add", request=request_data())
    assert (status, out) == (0, "2\n")
    assert "warning: this member already has an open request: #1" in err


def test_add_refuses_a_bad_request_with_field_paths(desk):
    status, out, err = desk("add", request=request_data(requested_provider_npi="1234567890"))
    assert (status, out) == (2, "")
    assert "requested_provider_npi: NPI check digit does not match" in err


def test_icd10_guideline_I_B_2_category_code_is_refused_at_requests_add_and_nothing_is_stored(desk):
    status, out, err = desk("add", request=request_data(diagnoses=["I25"]))
    assert (status, out) == (2, "")
    assert err.endswith("request.json: diagnoses[0]: I25 is a category, not a billable code (ICD-10-CM Official "
                        "Guidelines I.B.2): choose one of I25.10, I25.110, I25.111, I25.112, I25.118, I25.119, ... "
                        "(56 codes; search the code list by words)\n")
    status, out, _ = desk("list")
    assert status == 0 and "#1" not in out
    status, out, err = desk("add", request=request_data(diagnoses=["I25.10"]))
    assert (status, out, err) == (0, "1\n", ""), "the first request stored is #1: nothing was kept of the refused one"


def test_decide_consult_report_close(desk):
    desk("add", request=request_data(urgent=True))
    assert desk("decide", "1", "--approve", "--auth-number", "CO-1", "--valid-to", "2025-06-30")[0] == 0
    assert desk("consult", "1", "--scheduled", "2025-03-05", "--npi", ORTHO_HAKOBYAN)[0] == 0
    assert desk("consult", "1", "--report-requested")[0] == 0
    assert desk("consult", "1", "--report-received", "2025-03-21")[0] == 0
    status, out, _ = desk("close", "1")
    assert (status, out) == (0, "#1 is now Closed (version 7)\n")
    status, out, _ = desk("show", "1")
    assert "Authorization CO-1, valid 2025-06-30" in out
    assert out.count(" -> ") == 7 and "Report received -> Closed" in out
    status, out, _ = desk("show", "1", "--json")
    shown = json.loads(out)
    assert shown["status"] == "closed" and shown["consult"]["npi"] == ORTHO_HAKOBYAN
    assert len(shown["history"]) == 7


def test_refused_transition_says_what_is_allowed(desk):
    desk("add", request=request_data())
    status, out, err = desk("close", "1")
    assert (status, out) == (2, "")
    assert "cannot become Closed. From Pending authorization it can go to: Approved (approved)" in err


def test_deny_and_pend_need_a_reason(desk):
    desk("add", request=request_data())
    status, _, err = desk("decide", "1", "--deny")
    assert status == 2 and "reason: required when the request is denied" in err
    status, out, _ = desk("decide", "1", "--pend", "--reason", "Need imaging", "--until", "2025-03-14")
    assert status == 0 and "Pended for information" in out
    _, out, _ = desk("list", "--json")
    assert json.loads(out)[0]["decision_due"] == "2025-03-14T23:59:59-07:00"


def test_list_filters(desk):
    desk("add", request=request_data())
    desk("add", request=request_data(plan="hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN,
                                     member={"member_id": "TST000002", "last_name": "Ávila"}))
    assert json.loads(desk("list", "--json", "--plan", "hpsj-medi-cal")[1])[0]["id"] == 2
    assert [row["id"] for row in json.loads(desk("list", "--json", "--status", "ready_to_schedule")[1])] == [2]
    assert [row["id"] for row in json.loads(desk("list", "--json", "--search", "ávi")[1])] == [2]
    assert [row["id"] for row in json.loads(desk("list", "--json", "--search", "AVILA")[1])] == [2]
    assert [row["id"] for row in json.loads(desk("list", "--json", "--overdue")[1])] == [1]  # due in March 2025
    assert desk("list", "--due-within", "3", "--search", "nobody")[1] == "no requests match\n"


def test_unknown_or_malformed_ids(desk):
    status, out, err = desk("show", "42")
    assert (status, out) == (2, "") and "no request #42" in err
    status, out, err = desk("show", "forty")
    assert status == 2 and "'forty' is not a request id" in err


def test_withdraw_needs_its_reason_flag(desk):
    desk("add", request=request_data())
    status, _, err = desk("withdraw", "1")
    assert status == 2 and "--reason" in err
    assert desk("withdraw", "1", "--reason", "Member moved out of county")[0] == 0
