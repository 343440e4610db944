"""LetterService on a real database file: print (file + SHA-256), list, reprint, the day's batch; storage."""

import hashlib

import pytest

from app.letters import LetterKind
from app.services.letters import LetterProblem
from tests.factories import ORTHO_OON_CERTIFIED
from tests.support.desks import SUNRISE_CLINIC
from tests.support.desks import SYNTHETIC_NOW as NOW


@pytest.fixture
def desk(make_desk, tmp_path):
    """A case file and its letters on one database file (the letters beside it), on the `clock` fixture."""
    return make_desk(tmp_path / "desk.sqlite3", practice=SUNRISE_CLINIC)


def test_m004_letters_table_has_the_print_record_columns(desk):
    columns = {column.name: column.type for column in desk.store.db["letters"].columns}
    assert columns == {"id": "INTEGER", "request_id": "INTEGER", "kind": "TEXT", "language": "TEXT",
                       "file_path": "TEXT", "sha256": "TEXT", "size": "INTEGER", "printed_by": "TEXT",
                       "printed_at": "TEXT"}
    assert [fk.other_table for fk in desk.store.db["letters"].foreign_keys] == ["requests"]


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
    assert desk.store.db.execute("SELECT printed_at FROM letters").fetchone()[0] == "2025-03-03T18:00:00Z"


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


def test_a_request_without_the_members_language_or_address_prints_the_rosters(desk):
    """Issue 16: the plan's roster gives the letter the language and mailing address the request lacks; the
    request itself is not changed, and a request's own language and address are never replaced."""
    from app.domain.models import Address
    from tests.factories import NO_ADDRESS, roster_member
    from tests.support.pdfs import text_of

    desk.members.repository.upsert_many([roster_member(
        member_id="TST000301", last_name="Testcase", first_name="Lucía", language="Spanish",
        address=Address(line1="400 Example St", city="Anaheim", state="CA", zip="92805"))])
    bare = desk.approved(member={"member_id": "TST000301", "language": None, "address": NO_ADDRESS})
    printed = desk.letters.print_letter(bare.id, LetterKind.member_approval)
    assert printed.language == "es"
    text = text_of((desk.path.parent / "letters" / printed.file_path).read_bytes())
    assert "400 Example St" in text and "Anaheim, CA 92805" in text
    stored = desk.cases.get(bare.id).request.member
    assert stored.language is None and not stored.address.has_any()

    typed = desk.approved(member={"member_id": "TST000301", "language": "English"})  # typed for this request
    letter = desk.letters.letter(typed.id, LetterKind.member_approval)
    assert letter.language == "en" and letter.case.request.member.address.line1 == "100 Example St"
