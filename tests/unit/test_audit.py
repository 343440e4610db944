"""The audit trail: a hash chain that verifies, catches an edited row and a deleted row, and refuses casual
UPDATE/DELETE through SQL."""

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from app.cli import main
from app.storage.audit import AuditFilter, AuditLog, entries_csv
from app.storage.db import open_db

T0 = datetime(2025, 3, 3, 17, 0, tzinfo=timezone.utc)


@pytest.fixture
def trail(tmp_path):
    db = open_db(tmp_path / "desk.sqlite3")
    moments = iter(T0 + timedelta(minutes=n) for n in range(100))
    log = AuditLog(db, clock=lambda: next(moments))
    log.record("admin", "sign_in")
    log.record("rev", "view", request_id=7)
    log.record("rev", "decide", request_id=7, detail="outcome=denied")
    log.record("desk", "print_letter", request_id=7, detail="letter=1 kind=member_denial lang=es")
    log.record("desk", "sign_out")
    return log


def _tamper(db, sql, params=()):
    """What someone with the file and a SQLite shell could do: drop the guards, then change rows."""
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("DROP TRIGGER audit_no_delete")
    with db.atomic():
        db.execute(sql, params)


def test_the_chain_verifies(trail):
    result = trail.verify()
    assert result.ok and result.rows == 5 and result.bad_id is None
    assert result.last_hash == trail.entries()[-1].hash


def test_each_row_chains_to_the_one_before(trail):
    entries = trail.entries()
    assert entries[0].prev_hash == "0" * 64
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert [e.at for e in entries][:2] == ["2025-03-03T17:00:00Z", "2025-03-03T17:01:00Z"]


def test_an_edited_row_is_caught(trail):
    _tamper(trail.db, "UPDATE audit SET detail = 'outcome=approved' WHERE id = 3")
    result = trail.verify()
    assert (result.ok, result.bad_id) == (False, 3)
    assert "edited" in result.problem


def test_an_edited_row_with_its_hash_recomputed_breaks_the_next_link(trail):
    from app.storage.audit import row_hash

    row = trail.entries()[2]
    forged = row_hash(row.prev_hash, row.id, row.at, row.user, row.action, row.request_id, "outcome=approved")
    _tamper(trail.db, "UPDATE audit SET detail = 'outcome=approved', hash = ? WHERE id = 3", [forged])
    result = trail.verify()
    assert (result.ok, result.bad_id) == (False, 4)
    assert "chain break" in result.problem


def test_a_deleted_row_is_caught(trail):
    _tamper(trail.db, "DELETE FROM audit WHERE id = 2")
    result = trail.verify()
    assert (result.ok, result.bad_id) == (False, 3)
    assert "row 2 is missing (deleted)" in result.problem


def test_the_first_row_deleted_is_caught(trail):
    _tamper(trail.db, "DELETE FROM audit WHERE id = 1")
    result = trail.verify()
    assert (result.ok, result.bad_id) == (False, 2) and "row 1 is missing" in result.problem


@pytest.mark.parametrize("sql", ["UPDATE audit SET user = 'someone' WHERE id = 1", "DELETE FROM audit WHERE id = 1"])
def test_sql_cannot_change_or_delete_a_row(trail, sql):
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        trail.db.execute(sql)
    assert trail.verify().ok


def test_filters(trail):
    assert [e.action for e in trail.entries(AuditFilter(user="rev"))] == ["view", "decide"]
    assert [e.id for e in trail.entries(AuditFilter(request_id=7))] == [2, 3, 4]
    assert [e.id for e in trail.entries(AuditFilter(action="sign_out"))] == [5]
    assert trail.entries(AuditFilter(since=(T0 + timedelta(days=1)).date())) == []
    assert trail.actions() == ["decide", "print_letter", "sign_in", "sign_out", "view"]


def test_csv_has_a_header_and_every_row(trail):
    text = entries_csv(trail.entries()).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "id,at,user,action,request_id,detail,prev_hash,hash"
    assert len(lines) == 6 and lines[3].startswith("3,2025-03-03T17:02:00Z,rev,decide,7,outcome=denied,")


def test_sodesk_audit_verify_list_and_export(trail, tmp_path, capsys):
    db_file = str(tmp_path / "desk.sqlite3")
    assert main(["--db", db_file, "audit", "verify"]) == 0
    assert "intact: 5 rows" in capsys.readouterr().out
    assert main(["--db", db_file, "audit", "list", "--user", "rev"]) == 0
    out = capsys.readouterr().out
    assert "decide" in out and "sign_in" not in out
    assert main(["--db", db_file, "audit", "list", "--since", "2025-03-04"]) == 0
    assert "no audit rows match" in capsys.readouterr().out
    out_csv = tmp_path / "trail.csv"
    assert main(["--db", db_file, "audit", "export", "--out", str(out_csv)]) == 0
    assert len(out_csv.read_text(encoding="utf-8").splitlines()) == 6
    _tamper(trail.db, "DELETE FROM audit WHERE id = 4")
    assert main(["--db", db_file, "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "row 5" in out and "row 4 is missing (deleted)" in out
