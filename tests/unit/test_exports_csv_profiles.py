"""A plan's own submissions.csv (its plan file's [submissions_csv], issue 17): its columns and names, its codes,
its date format, a byte order mark and folded line breaks; recorded with the batch, so it is written again alike."""

import csv
import io
import shutil

import pytest

from app.errors import InputProblem
from app.rules.profiles import ProfileCatalog, load_profile, plans_dir
from tests.factories import make_request
from tests.support.exports import exporting_desk

PLAN = "caloptima-medi-cal"
PROFILE = '''
[submissions_csv]
date_format = "MM/DD/YYYY"
byte_order_mark = true
fold_newlines = true
columns = [
  { header = "Reference", field = "request_id" },
  { header = "Member ID", field = "member_id" },
  { header = "DOB", field = "member_date_of_birth" },
  { header = "Received", field = "received_at" },
  { header = "Requested By", field = "requester_type" },
  { header = "Reason Codes", field = "reasons" },
  { header = "Network", field = "health_network" },
  { header = "Procedure", field = "procedure" },
]

[submissions_csv.codes]
requester_type = { member = "MBR", authorized_representative = "AR", treating_provider = "TP", pcp = "PCP", other_provider = "OP" }
reasons = { surgery_questioned = "R1", diagnosis_or_plan_questioned = "R2", unclear_or_conflicting = "R3", not_improving = "R4", concerns_after_following_plan = "R5", conflicting_recommendations = "R6", other = "R9" }
health_network = { "ipa-sunrise" = "HN-07" }
'''


def _plans(tmp_path, extra=PROFILE):
    """A plans folder whose CalOptima file asks for its own CSV."""
    folder = tmp_path / "plans"
    folder.mkdir(exist_ok=True)
    shutil.copy(plans_dir() / f"{PLAN}.toml", folder / f"{PLAN}.toml")
    (folder / f"{PLAN}.toml").write_text((plans_dir() / f"{PLAN}.toml").read_text(encoding="utf-8") + extra,
                                        encoding="utf-8")
    return folder


def _rows(path):
    data = (path / "submissions.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark: Excel opens the accents right
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_plans_columns_names_codes_and_dates(db_target, tmp_path):
    cases, exports = exporting_desk(db_target, pdf_for=None)
    exports.profiles = ProfileCatalog(_plans(tmp_path))
    case = cases.submit(make_request(reasons=["surgery_questioned", "other"], other_reason="Closer to home",
                                     procedure="Right total knee arthroplasty\r\nthen physical therapy")).case
    header, row = _rows(exports.export(PLAN, tmp_path / "out").path)
    assert header == ["Reference", "Member ID", "DOB", "Received", "Requested By", "Reason Codes", "Network",
                      "Procedure"]
    assert row == [str(case.id), "TST000001", "05/14/1971", "03/03/2025 10:00", "MBR", "R1;R9", "HN-07",
                   "Right total knee arthroplasty then physical therapy"]


def test_a_formula_is_still_text_in_a_plans_csv(db_target, tmp_path):
    cases, exports = exporting_desk(db_target, pdf_for=None)
    exports.profiles = ProfileCatalog(_plans(tmp_path))
    cases.submit(make_request(procedure='=HYPERLINK("http://example.invalid","x")'))
    (_, row) = _rows(exports.export(PLAN, tmp_path / "out").path)
    assert row[-1] == "'=HYPERLINK(\"http://example.invalid\",\"x\")"


def test_a_batch_is_written_again_with_the_profile_it_was_sent_with(db_target, tmp_path):
    cases, exports = exporting_desk(db_target, pdf_for=None)
    exports.profiles = ProfileCatalog(_plans(tmp_path))
    cases.submit(make_request())
    sent = exports.export(PLAN, tmp_path / "sent")
    exports.profiles = ProfileCatalog(plans_dir())  # the plan drops its profile since
    again = exports.rewrite(sent.batch_id, tmp_path / "again")
    assert (again.path / "submissions.csv").read_bytes() == (sent.path / "submissions.csv").read_bytes()
    assert again.manifest_sha256 == sent.manifest_sha256


def test_without_a_profile_the_desks_documented_columns(db_target, tmp_path):
    cases, exports = exporting_desk(db_target, pdf_for=None)
    cases.submit(make_request())
    data = (exports.export(PLAN, tmp_path / "out").path / "submissions.csv").read_bytes()
    assert data.startswith(b"line,batch_id,request_id,received_at,")
    assert "2025-03-03T10:00:00-08:00" in data.decode("utf-8")


@pytest.mark.parametrize("extra, where, says", [
    ('[submissions_csv]\ncolumns = [{ header = "Member", field = "member_ssn" }]\n',
     "submissions_csv.columns.0.field", "'member_ssn' is not a column of submissions.csv"),
    ('[submissions_csv]\ncolumns = [{ header = "Member", field = "member_id" }]\n',
     "submissions_csv", "include request_id or line"),
    ('[submissions_csv.codes]\nrequester_type = { member = "MBR" }\n',
     "submissions_csv.codes", "gives no code for authorized_representative"),
    ('[submissions_csv]\ndate_format = "DD.MM.YYYY"\n', "submissions_csv.date_format", "MM/DD/YYYY"),
])
def test_a_bad_profile_names_the_field_and_what_is_expected(tmp_path, extra, where, says):
    folder = _plans(tmp_path, extra)
    with pytest.raises(InputProblem) as refused:
        load_profile(folder / f"{PLAN}.toml")
    (problem,) = refused.value.items
    assert problem.field_path == where and says in problem.message


@pytest.mark.parametrize("payer_id, loaded", [('"TSTPAYER1"', "TSTPAYER1"), ('"TST PAYER!"', None)])
def test_a_plan_files_payer_id_is_letters_and_digits_or_named_as_wrong(tmp_path, payer_id, loaded):
    folder = _plans(tmp_path, "")
    path = folder / f"{PLAN}.toml"
    path.write_text(f"payer_id = {payer_id}\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    if loaded:
        assert load_profile(path).payer_id == loaded
        return
    with pytest.raises(InputProblem) as refused:
        load_profile(path)
    (problem,) = refused.value.items
    assert problem.field_path == "payer_id" and "2 to 80 letters and digits" in problem.message
