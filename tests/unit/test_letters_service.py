"""LetterService on a real database file: print (file + SHA-256), list, reprint, the day's batch; storage."""

import hashlib
from datetime import date, datetime

import pytest

from app.codes.icd10 import default_code_set
from app.domain.time import LOS_ANGELES
from app.letters import LetterKind
from app.rules.profiles import default_profiles
from app.services.cases import CaseService, Outcome
from app.services.evaluation import Evaluator
from app.services.letters import LetterProblem, LetterService, letters_folder_for
from app.storage.cases import CaseRepository
from app.storage.db import open_db
from app.storage.letters import LetterRepository
from app.storage.providers import ProviderRepository
from app.storage.settings import SettingsRepository
from tests.factories import ORTHO_HAKOBYAN, ORTHO_OON_CERTIFIED, cast, make_request

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=LOS_ANGELES)
PRACTICE = {"practice_name": "Sunrise Test Clinic", "practice_address": "100 Example Ave, Suite 2\nStockton, CA 95202",
            "practice_phone": "209-555-0100", "practice_fax": "209-555-0199"}


class Clock:
    def __init__(self, now=NOW):
        self.now = now

    def __call__(self):
        return self.now


class Desk:
    """A case file and its letters on one database file, with a settable clock."""

    def __init__(self, path, specialties):
        self.path = path
        self.db = open_db(path)
        directory = ProviderRepository(self.db)
        if directory.count() == 0:
            directory.upsert_many(cast())
        self.clock = Clock()
        settings = SettingsRepository(self.db).update(**PRACTICE)
        evaluator = Evaluator(profiles=default_profiles(), directory=directory, specialties=specialties,
                              codes=default_code_set())
        self.cases = CaseService(CaseRepository(self.db), evaluator, who="clerk.one", clock=self.clock)
        self.letters = LetterService(CaseRepository(self.db), LetterRepository(self.db), letters_folder_for(path),
                                     settings=settings, profiles=default_profiles(), directory=directory,
                                     codes=default_code_set(), who="clerk.one", clock=self.clock)

    def approved(self, **changes):
        changes.setdefault("requested_provider_npi", ORTHO_HAKOBYAN)
        case = self.cases.submit(make_request(**changes)).case
        return self.cases.decide(case.id, Outcome.approved, authorization_number="CO-2025-0042",
                                 valid_from=date(2025, 3, 4), valid_to=date(2025, 6, 30))

    def denied(self, **changes):
        case = self.cases.submit(make_request(**changes)).case
        return self.cases.decide(case.id, Outcome.denied,
                                 reason="An in-network orthopaedic surgeon is available; out-of-network opinions "
                                        "are authorized only when none is.")

    def pended(self, **changes):
        case = self.cases.submit(make_request(**changes)).case
        return self.cases.decide(case.id, Outcome.pended, reason="The MRI report of the right knee",
                                 extension_to=date(2025, 3, 20))

    def scheduled(self, **changes):
        case = self.approved(**changes)
        return self.cases.schedule_consult(case.id, date(2025, 3, 5), ORTHO_HAKOBYAN)


@pytest.fixture
def desk(tmp_path, specialties):
    return Desk(tmp_path / "desk.sqlite3", specialties)


def test_m004_letters_table_has_the_print_record_columns(desk):
    columns = {column.name: column.type for column in desk.db["letters"].columns}
    assert columns == {"id": "INTEGER", "request_id": "INTEGER", "kind": "TEXT", "language": "TEXT",
                       "file_path": "TEXT", "sha256": "TEXT", "size": "INTEGER", "printed_by": "TEXT",
                       "printed_at": "TEXT"}
    assert [fk.other_table for fk in desk.db["letters"].foreign_keys] == ["requests"]


def test_a_print_is_stored_next_to_the_database_with_its_sha256(desk):
    case = desk.approved()
    printed = desk.letters.print_letter(case.id, LetterKind.referral)
    path = desk.path.parent / "letters" / printed.file_path
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert printed.sha256 == hashlib.sha256(data).hexdigest() and printed.size == len(data)
    assert (printed.request_id, printed.kind, printed.language, printed.printed_by) == (
        case.id, "referral", "en", "clerk.one")
    assert printed.printed_at == NOW
    assert desk.db.execute("SELECT printed_at FROM letters").fetchone()[0] == "2025-03-03T18:00:00Z"


def test_prints_of_a_case_are_listed_and_a_reprint_gives_the_stored_bytes(desk):
    case = desk.approved()
    first = desk.letters.print_letter(case.id, LetterKind.referral)
    second = desk.letters.print_letter(case.id, LetterKind.member_approval)
    assert [p.kind for p in desk.letters.prints(case.id)] == ["referral", "member_approval"]
    assert second.language == "es"  # the member's language (factories: Spanish)
    assert desk.letters.reprint(first.id) == (desk.path.parent / "letters" / first.file_path).read_bytes()


def test_render_on_the_same_day_is_byte_identical_to_the_print(desk):
    case = desk.approved()
    printed = desk.letters.print_letter(case.id, LetterKind.referral)
    assert hashlib.sha256(desk.letters.render(case.id, LetterKind.referral)).hexdigest() == printed.sha256


def test_a_reprint_refuses_a_stored_file_that_changed(desk):
    case = desk.approved()
    printed = desk.letters.print_letter(case.id, LetterKind.referral)
    (desk.path.parent / "letters" / printed.file_path).write_bytes(b"%PDF-1.4 tampered")
    with pytest.raises(LetterProblem, match="has changed since it was printed"):
        desk.letters.reprint(printed.id)


def test_two_prints_in_the_same_second_keep_both_files(desk):
    case = desk.approved()
    first = desk.letters.print_letter(case.id, LetterKind.referral)
    second = desk.letters.print_letter(case.id, LetterKind.referral)
    assert first.file_path != second.file_path
    assert len(list((desk.path.parent / "letters").rglob("*.pdf"))) == 2


def test_letters_due_today_are_the_unprinted_letters_of_open_cases(desk):
    approved = desk.approved()
    denied = desk.denied(requested_provider_npi=ORTHO_OON_CERTIFIED)
    pended = desk.pended()
    due = {(item.case_id, item.kind) for item in desk.letters.due_today()}
    assert due == {(approved.id, LetterKind.referral), (approved.id, LetterKind.member_approval),
                   (denied.id, LetterKind.member_denial), (denied.id, LetterKind.member_financial_responsibility),
                   (pended.id, LetterKind.member_delay)}
    desk.letters.print_letter(approved.id, LetterKind.referral)
    assert (approved.id, LetterKind.referral) not in {(i.case_id, i.kind) for i in desk.letters.due_today()}


def test_batch_prints_every_due_letter_and_reports_progress(desk):
    desk.approved()
    desk.pended()
    seen = []
    printed = desk.letters.print_due(lambda done, total, item, _printed: seen.append((done, total, item.kind)))
    assert [p.kind for p in printed] == [kind for _, _, kind in seen]
    assert [(done, total) for done, total, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert desk.letters.due_today() == []


def test_batch_stops_when_progress_says_cancel(desk):
    desk.approved()
    desk.pended()
    printed = desk.letters.print_due(lambda done, total, item, _printed: done < 2)
    assert len(printed) == 2 and len(desk.letters.due_today()) == 1


def test_a_letter_that_does_not_apply_is_refused_with_what_does(desk):
    case = desk.pended()
    with pytest.raises(LetterProblem, match=r"has no referral letter now \(it is pended\); letters it needs: "
                                            r"member_delay"):
        desk.letters.render(case.id, LetterKind.referral)


def test_an_unknown_request_is_refused(desk):
    with pytest.raises(LetterProblem, match="there is no request #99"):
        desk.letters.render(99, LetterKind.referral)


def test_an_unwritable_letters_folder_is_a_clear_problem(desk, tmp_path):
    case = desk.approved()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    desk.letters.folder = blocker
    with pytest.raises(LetterProblem, match="cannot write"):
        desk.letters.print_letter(case.id, LetterKind.referral)
    assert desk.letters.prints(case.id) == []
