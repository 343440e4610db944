"""A batch is whole or absent: killed midway (SIGKILL) or failing anywhere, nothing looks complete and the
database records nothing; the requests are then offered again."""

import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from app.errors import InputProblem
from app.exports import package
from tests.factories import make_request
from tests.support.exports import exporting_desk

ROOT = Path(__file__).resolve().parents[2]
PLAN = "caloptima-medi-cal"

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from tests.support.exports import exporting_desk, fake_pdf

    db, out, marker, as_zip = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] == "zip"
    written = 0

    def slow_pdf(case):
        global written
        written += 1
        if written == 3:
            marker.write_text("half way")  # the parent kills us while we sleep here
            time.sleep(60)
        return fake_pdf(case)

    cases, exports = exporting_desk(db, pdf_for=slow_pdf, practice=False)
    exports.export("caloptima-medi-cal", out, as_zip=as_zip)
    print("finished")  # never reached
""")


def _desk_with_requests(tmp_path, count=5):
    cases, exports = exporting_desk(tmp_path / "desk.sqlite3")
    ids = [cases.submit(make_request(member={"member_id": f"TST1000{n:02d}"})).case.id for n in range(count)]
    return cases, exports, ids


def _counts(exports):
    return [exports.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("export_batches", "export_items")]


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_an_export_killed_midway_leaves_no_complete_looking_batch_and_records_nothing(tmp_path, as_zip):
    cases, exports, ids = _desk_with_requests(tmp_path)
    out = tmp_path / "exports"
    out.mkdir()
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path / "desk.sqlite3"), str(out), str(marker),
                              "zip" if as_zip else "folder"], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the child never reached its third letter"
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    left = list(out.iterdir())
    # Only a hidden partial, named for what it is; nothing under the batch's name.
    assert [path.name.startswith(".") and package.PARTIAL in path.name for path in left] == [True]
    partial = left[0]
    if as_zip:
        assert not zipfile.is_zipfile(partial)  # no central directory: no ZIP tool opens it as a batch
    else:
        assert not (partial / "manifest.json").exists()
        assert (partial / "requests").is_dir()  # it was killed while writing, not before
    assert _counts(exports) == [0, 0]

    # The requests are still unsent: the next export takes them all, beside the leftover.
    result = exports.export(PLAN, out, as_zip=as_zip)
    assert result.request_ids == ids and result.batch_id == 1


def test_a_failing_letter_leaves_no_files_and_no_records(tmp_path):
    cases, exports, ids = _desk_with_requests(tmp_path)

    def broken(case):
        if case.id == ids[2]:
            raise RuntimeError("renderer broke")
        return b"%PDF-1.4\n"

    exports.pdf_for = broken
    for as_zip in (False, True):
        with pytest.raises(RuntimeError, match="renderer broke"):
            exports.export(PLAN, tmp_path / "out", as_zip=as_zip)
        assert list((tmp_path).glob("*out*")) == [] and list(tmp_path.glob(".*")) == []
    assert _counts(exports) == [0, 0]


def test_a_failing_database_write_removes_the_batch(tmp_path, monkeypatch):
    cases, exports, ids = _desk_with_requests(tmp_path)

    def refuse(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(exports.repository, "claim", refuse)  # the one write that records a batch
    with pytest.raises(OSError, match="disk full"):
        exports.export(PLAN, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir() if "out" in p.name) == []
    monkeypatch.undo()
    assert _counts(exports) == [0, 0]


def test_a_failing_rename_rolls_the_records_back(tmp_path, monkeypatch):
    cases, exports, ids = _desk_with_requests(tmp_path)

    def no_rename(source, target):
        raise PermissionError("read-only folder")

    monkeypatch.setattr(package.os, "replace", no_rename)
    with pytest.raises(PermissionError):
        exports.export(PLAN, tmp_path / "out")
    monkeypatch.undo()
    assert _counts(exports) == [0, 0]
    assert [p.name for p in tmp_path.iterdir() if "out" in p.name] == []
    assert exports.export(PLAN, tmp_path / "out").request_ids == ids


def test_a_request_sent_by_another_desk_meanwhile_is_not_recorded_twice(tmp_path):
    cases, exports, ids = _desk_with_requests(tmp_path, count=2)
    _, other = exporting_desk(tmp_path / "desk.sqlite3")
    selected = exports.choose(PLAN)
    other.export(PLAN, tmp_path / "other")  # between this desk's selection and its commit
    exports.choose = lambda *a, **k: selected  # what this desk saw before the other desk committed
    with pytest.raises(InputProblem, match="another desk"):
        exports.export(PLAN, tmp_path / "mine")
    assert not (tmp_path / "mine").exists()
    assert _counts(exports) == [1, 2]
