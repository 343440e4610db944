"""The plan's decisions back: round trip from a batch, problems by line and column, the rest applied together."""

import csv
import io

import pytest

from app.domain.cases import Status
from app.exports.decisions_csv import read_decisions
from app.services.cases import Outcome
from tests.factories import make_request
from tests.support.exports import exporting_desk

PLAN = "caloptima-medi-cal"


@pytest.fixture
def desk(db_target):
    cases, exports = exporting_desk(db_target)
    ids = [cases.submit(make_request(member={"member_id": f"TST2000{n:02d}"})).case.id for n in range(4)]
    return cases, exports, ids


def _csv(rows, header=("request_id", "batch_id", "line", "outcome", "authorization_number", "valid_from",
                        "valid_to", "reason")) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_round_trip_export_then_decisions_by_batch_and_line(desk, tmp_path):
    cases, exports, ids = desk
    batch = exports.export(PLAN, tmp_path)
    sent = list(csv.DictReader(io.StringIO((batch.path / "submissions.csv").read_text(encoding="utf-8"))))
    # The plan answers with its own file, naming the requests by the batch and line it received.
    outcomes = [("approved", "CO-100", "2025-03-05", "2025-06-05", ""),
                ("modified", "CO-101", "3/5/2025", "4/5/2025", "One visit, no imaging"),
                ("denied", "", "", "", "Criteria not met: no surgery recommended"),
                ("pended", "", "", "", "Awaiting the treating surgeon's notes")]
    data = _csv([("", row["batch_id"], row["line"], *outcome) for row, outcome in zip(sent, outcomes)])
    report = exports.import_decisions(data)
    assert report.problems == []
    assert report.applied == [(2, ids[0], Status.approved), (3, ids[1], Status.modified),
                              (4, ids[2], Status.denied), (5, ids[3], Status.pended)]
    approved = cases.get(ids[0])
    assert approved.authorization.number == "CO-100" and str(approved.authorization.valid_to) == "2025-06-05"
    assert str(cases.get(ids[1]).authorization.valid_from) == "2025-03-05"
    denied = cases.get(ids[2])
    assert denied.decision_reason == "Criteria not met: no surgery recommended"
    last = denied.history[-1]
    assert (last.from_status, last.to_status, last.who) == (Status.pending_authorization, Status.denied,
                                                            "clerk.one")
    assert cases.get(ids[3]).extension_due is not None  # a pend starts the extension clock
    # The same file again changes nothing and refuses nothing: each row is already recorded.
    again = exports.import_decisions(data)
    assert again.applied == [] and [u[0] for u in again.unchanged] == [2, 3, 4, 5] and again.problems == []


def test_problems_by_line_and_column_and_the_rest_applied_in_one_go(desk, tmp_path):
    cases, exports, ids = desk
    exports.export(PLAN, tmp_path)
    cases.decide(ids[3], Outcome.denied, reason="earlier denial")
    data = _csv([
        (ids[0], "", "", "approved", "CO-1", "", "", ""),            # 2: good
        ("999", "", "", "approved", "CO-2", "", "", ""),              # 3: unknown request
        (ids[1], "", "", "aproved", "CO-3", "", "", ""),              # 4: bad outcome
        (ids[1], "", "", "approved", "", "", "", ""),                 # 5: no authorization number
        (ids[3], "", "", "approved", "CO-4", "", "", ""),             # 6: denied cannot become approved
        (ids[2], "", "", "approved", "CO-5", "2025-13-01", "", ""),   # 7: bad date
        ("", "1", "9", "denied", "", "", "", "no"),                   # 8: no such line in batch 1
        ("", "7", "1", "denied", "", "", "", "no"),                   # 9: no batch 7
        (ids[2], "1", "1", "denied", "", "", "", "no"),               # 10: line 1 is another request
        (ids[2], "", "", "pended", "", "", "", ""),                   # 11: a pend needs its reason
        (ids[2], "", "", "denied", "", "", "", "Not medically necessary"),  # 12: good
    ])
    report = exports.import_decisions(data)
    assert [str(problem) for problem in report.problems] == [
        f"line 3, column request_id: there is no request #999",
        "line 4, column outcome: 'aproved': expected one of approved, modified, denied, pended",
        "line 5, column authorization_number: required to approve (as the plan or IPA gave it)",
        f"line 6, column outcome: request #{ids[3]}: A request that is Denied cannot become Approved. "
        "From Denied it can go to: Closed (closed), Withdrawn (withdrawn).",
        "line 7, column valid_from: '2025-13-01' is not a date like 2026-03-31 or 3/31/2026",
        "line 8, column line: batch 1 has no line 9",
        "line 9, column batch_id: there is no export batch 7",
        f"line 10, column request_id: request #{ids[2]} is not line 1 of batch 1 (that line is request "
        f"#{ids[0]})",
        "line 11, column reason: required when the request is pended: give what information is missing",
    ]
    assert report.applied == [(2, ids[0], Status.approved), (12, ids[2], Status.denied)]
    assert [cases.get(i).status for i in ids] == [Status.approved, Status.pending_authorization, Status.denied,
                                                  Status.denied]
    # A refused row leaves no trace in the history.
    assert [h.to_status for h in cases.get(ids[1]).history] == [Status.submitted, Status.pending_authorization]


def test_dry_run_checks_everything_and_changes_nothing(desk):
    cases, exports, ids = desk
    report = exports.import_decisions(_csv([(ids[0], "", "", "approved", "CO-1", "", "", ""),
                                            (ids[1], "", "", "denied", "", "", "", "")]), dry_run=True)
    assert report.applied == [(2, ids[0], Status.approved)] and len(report.problems) == 1
    assert cases.get(ids[0]).status == Status.pending_authorization
    assert len(cases.get(ids[0]).history) == 2


@pytest.mark.parametrize(("data", "expected"), [
    (b"", ["line 1: the file is empty: expected a header row naming the columns"]),
    (b"request_id,verdict\r\n1,approved\r\n", [
        "line 1: unknown column(s) 'verdict'; the columns are request_id, batch_id, line, outcome, "
        "authorization_number, valid_from, valid_to, reason",
        "line 1: no outcome column"]),
    (b"outcome,reason\r\napproved,x\r\n", [
        "line 1: name each request: a request_id column, or batch_id and line columns"]),
    (b"request_id,outcome\r\n\xff\xfe,approved\r\n", [
        "line 2: not UTF-8 text (byte 20 of the file); nothing was applied: save the file as CSV UTF-8"]),
    (b"\xef\xbb\xbfRequest ID,Outcome\r\n1,APPROVED\r\n\r\nx,denied\r\n2,denied,extra\r\n", [
        "line 4, column request_id: 'x' is not a number", "line 5: 3 cells where the header has 2"]),
])
def test_reading_the_file(data, expected):
    rows, problems = read_decisions(data)
    assert [str(problem) for problem in problems] == expected
    if data.startswith(b"\xef\xbb\xbf"):
        assert [(row.line, row.request_id, row.outcome) for row in rows] == [(2, 1, "approved")]


def test_a_quoted_reason_over_two_lines_keeps_the_line_numbers_of_its_record():
    data = b'request_id,outcome,reason\r\n1,denied,"first line\r\nsecond line"\r\n2,nope,\r\n'
    rows, problems = read_decisions(data)
    assert rows[0].reason == "first line\r\nsecond line" and rows[0].line == 2
    assert [str(p) for p in problems] == [
        "line 4, column outcome: 'nope': expected one of approved, modified, denied, pended"]
