"""`sodesk export` and `sodesk decisions import` end to end on a real database file: output and exit codes."""

import io
import json
import sys

import pytest
import pyzipper

from app.cli import main
from tests.factories import make_request
from tests.support.exports import exporting_desk, fake_pdf

PLAN = "caloptima-medi-cal"
PASSPHRASE = "four synthetic words here"


@pytest.fixture
def desk(tmp_path, capsys, monkeypatch):
    db = tmp_path / "desk.sqlite3"
    cases, _ = exporting_desk(db)
    ids = [cases.submit(make_request(member={"member_id": f"TST3000{n}"})).case.id for n in range(2)]
    monkeypatch.delenv("SODESK_EXPORT_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # no terminal to prompt on

    def run(*args):
        try:
            status = main(["--db", str(db), *map(str, args)])
        except SystemExit as exit_:
            status = exit_.code
        out, err = capsys.readouterr()
        return status, out, err

    run.ids = ids
    return run


def test_export_without_letters_then_nothing_left_then_again(desk, tmp_path):
    status, out, err = desk("export", "--plan", PLAN, "--out", tmp_path / "b1", "--no-pdf")
    assert (status, err) == (0, "")
    assert out == f"batch 1: 2 request(s) for {PLAN}: {tmp_path / 'b1'}\n"
    assert json.loads((tmp_path / "b1" / "manifest.json").read_text())["count"] == 2
    status, out, err = desk("export", "--plan", PLAN, "--out", tmp_path / "b2", "--no-pdf")
    assert (status, out) == (2, "") and "nothing to export for caloptima-medi-cal" in err
    status, out, _ = desk("export", "--plan", PLAN, "--out", tmp_path / "b2", "--no-pdf", "--again",
                          "--ids", desk.ids[1])
    assert status == 0 and out.startswith("batch 2: 1 request(s)")
    status, out, _ = desk("export", "--rewrite", "1", "--out", tmp_path / "b1-again.zip", "--zip", "--no-pdf")
    assert status == 0 and out.startswith("batch 1 written again (2 requests)")


def test_icd10_guideline_I_B_2_export_says_which_requests_it_held_back_and_why(desk, tmp_path):
    from tests.support.exports import store_unchecked

    cases, _ = exporting_desk(tmp_path / "desk.sqlite3")
    held = store_unchecked(cases, diagnoses=["I25"], member={"member_id": "TST30009"})
    status, out, err = desk("export", "--plan", PLAN, "--out", tmp_path / "b1", "--no-pdf")
    assert status == 0 and out == f"batch 1: 2 request(s) for {PLAN}: {tmp_path / 'b1'}\n"
    assert err == (f"warning: held back, not in the batch: request #{held}: diagnoses[0]: I25 is a category, not a "
                   "billable code (ICD-10-CM Official Guidelines I.B.2): choose one of I25.10, I25.110, I25.111, "
                   "I25.112, I25.118, I25.119, ... (56 codes; search the code list by words); to send it, withdraw "
                   f"request #{held} and enter it again with billable codes\n")
    status, out, err = desk("export", "--plan", PLAN, "--out", tmp_path / "b2", "--no-pdf")
    assert (status, out) == (2, "")
    assert err.startswith(f"nothing to export for {PLAN}: every request waiting is held back: request #{held}: "
                          "diagnoses[0]: I25 is a category")
    status, out, err = desk("export", "--plan", PLAN, "--out", tmp_path / "b3", "--no-pdf", "--again", "--ids",
                            f"{desk.ids[0]},{held}")
    assert (status, out) == (2, "")
    assert err.startswith(f"--ids: request #{held} cannot be sent: diagnoses[0]: I25 is a category")
    assert not (tmp_path / "b2").exists() and not (tmp_path / "b3").exists()


def test_export_carries_the_real_referral_letter_of_each_request(desk, tmp_path):
    from pypdf import PdfReader

    status, _, err = desk("export", "--plan", PLAN, "--out", tmp_path / "b1")
    assert status == 0, err
    letters = sorted((tmp_path / "b1" / "letters").iterdir())
    assert [p.name for p in letters] == ["1-referral.pdf", "2-referral.pdf"]
    text = "".join(page.extract_text() for page in PdfReader(letters[0]).pages)
    assert "Authorization for a second medical opinion" in text and "second opinion only" in text


def test_letters_when_a_renderer_is_given(desk, tmp_path, monkeypatch):
    monkeypatch.setattr("app.services.exports.referral_pdf_renderer", lambda letters: fake_pdf)
    status, _, _ = desk("export", "--plan", PLAN, "--out", tmp_path / "b1")
    assert status == 0 and sorted(p.name for p in (tmp_path / "b1" / "letters").iterdir()) == [
        "1-referral.pdf", "2-referral.pdf"]


def test_encrypt_takes_the_passphrase_from_the_environment_only(desk, tmp_path, monkeypatch):
    status, out, err = desk("export", "--plan", PLAN, "--out", tmp_path / "b.zip", "--encrypt", "--no-pdf")
    assert (status, out) == (2, "") and "set SODESK_EXPORT_PASSPHRASE" in err
    monkeypatch.setenv("SODESK_EXPORT_PASSPHRASE", "short")
    status, _, err = desk("export", "--plan", PLAN, "--out", tmp_path / "b.zip", "--encrypt", "--no-pdf")
    assert status == 2 and "too short" in err
    status, _, err = desk("export", "--plan", PLAN, "--out", tmp_path / "b.zip", "--passphrase", "x")
    assert status == 2 and "unrecognized arguments: --passphrase" in err
    monkeypatch.setenv("SODESK_EXPORT_PASSPHRASE", PASSPHRASE)
    status, _, _ = desk("export", "--plan", PLAN, "--out", tmp_path / "b.zip", "--encrypt", "--no-pdf")
    assert status == 0
    with pyzipper.AESZipFile(tmp_path / "b.zip") as archive:
        archive.setpassword(PASSPHRASE.encode())
        assert b"TST30000" in archive.read("submissions.csv")


def test_bad_arguments(desk, tmp_path):
    assert desk("export", "--out", tmp_path / "x")[0] == 2  # neither --plan nor --rewrite
    status, _, err = desk("export", "--plan", "nope", "--out", tmp_path / "x", "--no-pdf")
    assert status == 2 and "no plan 'nope'" in err
    status, _, err = desk("export", "--plan", PLAN, "--out", tmp_path / "x", "--ids", "two")
    assert status == 2 and "'two' is not an id" in err
    status, _, err = desk("export", "--rewrite", "4", "--out", tmp_path / "x", "--no-pdf")
    assert status == 2 and "there is no export batch 4" in err
    status, _, err = desk("export", "--rewrite", "4", "--again", "--out", tmp_path / "x", "--no-pdf")
    assert status == 2 and "--again and --ids do not apply" in err


def test_decisions_import_exit_codes(desk, tmp_path):
    first, second = desk.ids
    good = tmp_path / "good.csv"
    good.write_text(f"request_id,outcome,authorization_number\n{first},approved,CO-7\n", encoding="utf-8")
    status, out, err = desk("decisions", "import", good)
    assert (status, err) == (0, "")
    assert out == f"line 2: #{first} is now Approved\n1 decision(s) applied, 0 unchanged, 0 refused\n"
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(f"request_id,outcome,reason\n{first},denied,too late\n{second},denied,not necessary\n",
                     encoding="utf-8")
    status, out, err = desk("decisions", "import", mixed, "--dry-run")
    assert status == 2 and "#2 would become Denied" in out and "nothing changed (dry run)" in out
    status, out, err = desk("decisions", "import", mixed)
    assert status == 2
    assert out == f"line 3: #{second} is now Denied\n1 decision(s) applied, 0 unchanged, 1 refused\n"
    assert err.startswith(f"{mixed}: line 2, column outcome: request #{first}: A request that is Approved")
    status, out, err = desk("decisions", "import", tmp_path / "missing.csv")
    assert (status, out) == (2, "") and "cannot read the file" in err
