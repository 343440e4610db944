"""No PHI in the log: a realistic day (intake, decide, print, export, errors) logged at DEBUG, then the file is
searched for every synthetic member's name, date of birth and member id."""

import json
import logging

import pytest

from app.cli import main
from app.logs import REDACTED, Safe, setup_logging, stop_logging
from app.services.cases import Outcome
from tests.factories import BASE_REQUEST, request_data
from tests.support.desks import VALLEY_PRACTICE, build_desk
from tests.support.exports import fake_pdf, submit_three

# Every member the flow below stores (the base request's, and the two submit_three changes).
MEMBERS = [
    BASE_REQUEST["member"],
    {**BASE_REQUEST["member"], "member_id": "TST000002", "first_name": "Lê", "last_name": "Nguyễn"},
    {**BASE_REQUEST["member"], "member_id": "TST000003"},
]


def _phi() -> set[str]:
    found = {BASE_REQUEST["requester"]["name"], BASE_REQUEST["member"]["phone"]}
    for member in MEMBERS:
        year, month, day = member["date_of_birth"].split("-")
        found |= {member["first_name"], member["last_name"], member["member_id"], member["date_of_birth"],
                  f"{month}/{day}/{year}", f"{int(month)}/{int(day)}/{year}"}
    return found


@pytest.fixture
def log_file(tmp_path):
    path = tmp_path / "logs" / "sodesk.log"
    setup_logging(path, logging.DEBUG)
    yield path
    stop_logging()


def test_a_day_at_the_desk_leaves_no_member_in_the_log(tmp_path, log_file, capsys):
    path = tmp_path / "desk.sqlite3"
    desk = build_desk(path, practice=VALLEY_PRACTICE)
    cases, exports = desk.cases, desk.exports(pdf_for=fake_pdf)
    first, second, _third = submit_three(cases)  # intake
    cases.get_for_view(second)
    cases.decide(first, Outcome.denied, reason="Criteria GG.1538 II.C not met for Rosa Testcase")  # decide
    letters = desk.letters
    letters.print_letter(first, letters.applicable(first)[0])  # print (rendered for real)
    exports.export("caloptima-medi-cal", tmp_path / "batch")  # export
    cases.repository.db.close()
    # An error a clerk causes: a request whose date of birth is impossible, through the command line.
    bad = request_data(member={"date_of_birth": "1971-13-14"})
    bad_file = tmp_path / "bad.json"
    bad_file.write_text(json.dumps(bad), encoding="utf-8")
    assert main(["--db", str(path), "requests", "add", str(bad_file)]) == 2
    # An unexpected error whose message names the member, and another library chattering at DEBUG.
    try:
        raise ValueError(f"cannot file the letter of {MEMBERS[0]['first_name']} {MEMBERS[0]['last_name']}, "
                         f"born {MEMBERS[0]['date_of_birth']}, member {MEMBERS[0]['member_id']}")
    except ValueError:
        logging.getLogger("app.services.letters").exception("printing request %d failed", first)
    logging.getLogger("app.services").debug("member %s asked about %s", "Rosa Testcase", Safe("knee"))
    logging.getLogger("sqlite_utils").warning("row for TST000001 born 1971-05-14")
    logging.getLogger("reportlab").debug("Rosa Testcase")

    text = log_file.read_text(encoding="utf-8")
    assert "audit" in text and "decide" in text and "print_letter" in text and "export" in text
    assert f"printing request {first} failed" in text and "ValueError: " + REDACTED in text
    assert "requests refused: InputProblem" in text
    assert f"member {REDACTED} asked about knee" in text
    leaked = sorted(value for value in _phi() if value.casefold() in text.casefold())
    assert leaked == []
