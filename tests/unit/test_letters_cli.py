"""`sodesk letters ID [--kind K] [--lang L] --out DIR` end to end on a real database file."""

import hashlib

import pytest
from pypdf import PdfReader

from app.cli import main
from app.storage.db import open_db
from app.storage.letters import LetterRepository
from tests.factories import ORTHO_HAKOBYAN, cast, make_request


@pytest.fixture
def desk(tmp_path, capsys):
    db = tmp_path / "desk.sqlite3"
    from app.storage.providers import ProviderRepository

    ProviderRepository(open_db(db)).upsert_many(cast())

    def run(*args):
        try:
            status = main(["--db", str(db), *args])
        except SystemExit as exit_:
            status = exit_.code
        out, err = capsys.readouterr()
        return status, out, err

    return run, db


def _approved(run, tmp_path):
    path = tmp_path / "request.json"
    path.write_text(make_request(requested_provider_npi=ORTHO_HAKOBYAN).model_dump_json(by_alias=True),
                    encoding="utf-8")
    assert run("requests", "add", str(path))[0] == 0
    assert run("requests", "decide", "1", "--approve", "--auth-number", "CO-9")[0] == 0


def test_writes_every_letter_the_request_needs(desk, tmp_path):
    run, _ = desk
    _approved(run, tmp_path)
    out_dir = tmp_path / "out"
    status, out, err = run("letters", "1", "--out", str(out_dir))
    assert (status, err) == (0, "")
    assert out.splitlines() == [str(out_dir / "1-referral.pdf"), str(out_dir / "1-member_approval.pdf")]
    approval = " ".join(PdfReader(out_dir / "1-member_approval.pdf").pages[0].extract_text().split())
    assert "Su segunda opinión médica está aprobada" in approval  # the member's language


def test_kind_and_language_and_record(desk, tmp_path):
    run, db = desk
    _approved(run, tmp_path)
    status, out, _ = run("letters", "1", "--kind", "member_approval", "--lang", "en", "--out", str(tmp_path / "o"),
                         "--record")
    assert status == 0
    written = (tmp_path / "o" / "1-member_approval.pdf").read_bytes()
    assert "Your second medical opinion is approved" in PdfReader(tmp_path / "o" / "1-member_approval.pdf") \
        .pages[0].extract_text()
    printed = LetterRepository(open_db(db)).for_request(1)
    assert [(p.kind, p.language) for p in printed] == [("member_approval", "en")]
    assert printed[0].sha256 == hashlib.sha256(written).hexdigest()


@pytest.mark.parametrize("args, message", [
    (("letters", "7", "--out", "OUT"), "there is no request #7"),
    (("letters", "1", "--kind", "member_denial", "--out", "OUT"),
     "request #1 has no member_denial letter now (it is approved); letters it needs: referral, member_approval"),
    (("letters", "1", "--lang", "Klingon", "--out", "OUT"), "--lang: no letter texts in 'Klingon'"),
    (("letters", "1", "--kind", "poem", "--out", "OUT"), "argument --kind: invalid choice: 'poem'"),
])
def test_bad_input_exits_2_with_a_clear_message(desk, tmp_path, args, message):
    run, _ = desk
    _approved(run, tmp_path)
    args = tuple(str(tmp_path / "out") if arg == "OUT" else arg for arg in args)
    status, out, err = run(*args)
    assert (status, out) == (2, "")
    assert message in err
    assert not (tmp_path / "out").exists()


def test_an_unwritable_folder_exits_2(desk, tmp_path):
    run, _ = desk
    _approved(run, tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    status, out, err = run("letters", "1", "--out", str(blocker / "sub"))
    assert (status, out) == (2, "")
    assert "cannot write" in err
    status, _, err = run("letters", "1", "--out", str(blocker))
    assert status == 2 and "is a file, not a folder" in err


def test_a_request_with_no_letter_yet_exits_2(desk, tmp_path):
    run, _ = desk
    path = tmp_path / "request.json"
    path.write_text(make_request().model_dump_json(by_alias=True), encoding="utf-8")
    run("requests", "add", str(path))
    status, _, err = run("letters", "1", "--out", str(tmp_path / "out"))
    assert status == 2 and "needs no letter at this stage (it is pending_authorization)" in err
