"""The audit trail: a hash chain that verifies, catches an edited row and a deleted row, and refuses casual
UPDATE/DELETE through SQL, on SQLite and on PostgreSQL alike; and the users table on both engines.
The trail written by many processes at once: tests/unit/test_audit_concurrency.py."""

import sqlite3
import threading
from datetime import datetime, timedelta, timezone

import pytest

from app.cli import main
from app.storage.audit import APPEND_ONLY, GENESIS, AuditFilter, AuditLog, entries_csv, row_hash
from app.storage.store import open_store
from app.storage.users import UserRepository

T0 = datetime(2025, 3, 3, 17, 0, tzinfo=timezone.utc)
RECORDS = [  # (user, action, request_id, detail), one a minute from T0
    ("admin", "sign_in", None, None),
    ("rev", "view", 7, None),
    ("rev", "decide", 7, "outcome=denied"),
    ("desk", "print_letter", 7, "letter=1 kind=member_denial lang=es"),
    ("desk", "sign_out", None, None),
]


def minutes_from(start):
    moments = iter(start + timedelta(minutes=n) for n in range(1000))
    return lambda: next(moments)


@pytest.fixture
def trail(fresh_store):
    log = AuditLog(fresh_store, clock=minutes_from(T0))
    for user, action, request_id, detail in RECORDS:
        log.record(user, action, request_id=request_id, detail=detail)
    return log


def _tamper(store, sql, params=()):
    """What someone with the file and a SQLite shell, or the server's superuser, could do: lift the guards, then
    change rows."""
    with store.atomic():
        if store.dialect == "postgresql":
            store.execute("ALTER TABLE audit DISABLE TRIGGER audit_no_change")
        else:
            store.execute("DROP TRIGGER audit_no_update")
            store.execute("DROP TRIGGER audit_no_delete")
        store.execute(sql, params)


def _refusal(store):
    """The error each engine raises for a statement its append-only trigger refuses."""
    if store.dialect == "postgresql":
        import psycopg

        return psycopg.errors.RaiseException
    return sqlite3.IntegrityError


# --- the chain ----------------------------------------------------------------------------------------------------


def test_the_chain_verifies(trail):
    result = trail.verify()
    assert result.ok and result.rows == 5 and result.bad_id is None
    assert result.last_hash == trail.entries()[-1].hash


def test_each_row_chains_to_the_one_before(trail):
    entries = trail.entries()
    assert entries[0].prev_hash == "0" * 64
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert [e.at for e in entries][:2] == ["2025-03-03T17:00:00Z", "2025-03-03T17:01:00Z"]


def test_the_same_records_give_the_same_hashes_on_either_engine(trail):
    previous, expected = GENESIS, []
    for row_id, (user, action, request_id, detail) in enumerate(RECORDS, start=1):
        at = (T0 + timedelta(minutes=row_id - 1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        previous = row_hash(previous, row_id, at, user, action, request_id, detail)
        expected.append(previous)
    assert [e.hash for e in trail.entries()] == expected
    assert [(e.id, e.user, e.action, e.request_id, e.detail) for e in trail.entries()] == \
        [(n, *record) for n, record in enumerate(RECORDS, start=1)]


def test_record_returns_the_row_as_stored(trail):
    entry = trail.record("rev", "view", request_id=8)
    assert entry == trail.entries()[-1]
    assert (entry.id, entry.at, entry.prev_hash) == (6, "2025-03-03T17:05:00Z", trail.entries()[-2].hash)


def test_a_record_in_a_transaction_rolled_back_leaves_no_row_and_the_chain_goes_on(trail):
    store = trail.db
    with pytest.raises(RuntimeError):
        with store.atomic():
            trail.record("rev", "decide", request_id=9, detail="outcome=approved")
            raise RuntimeError("the decision was not saved")
    assert [e.id for e in trail.entries()] == [1, 2, 3, 4, 5]
    assert trail.record("rev", "view", request_id=9).id == 6
    assert trail.verify().ok


def test_a_worker_thread_appends_through_its_own_connection(trail):
    done = []
    worker = threading.Thread(target=lambda: done.append(trail.record("desk", "export", detail="batch=3")))
    worker.start()
    worker.join()
    assert [(e.id, e.action) for e in done] == [(6, "export")]
    assert trail.verify().ok and trail.verify().rows == 6


def test_an_edited_row_is_caught(trail):
    _tamper(trail.db, "UPDATE audit SET detail = 'outcome=approved' WHERE id = 3")
    result = trail.verify()
    assert (result.ok, result.bad_id) == (False, 3)
    assert "edited" in result.problem


def test_an_edited_row_with_its_hash_recomputed_breaks_the_next_link(trail):
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


def test_an_empty_trail_verifies(fresh_store):
    result = AuditLog(fresh_store).verify()
    assert (result.ok, result.rows, result.last_hash) == (True, 0, GENESIS)


@pytest.mark.parametrize("sql", [
    "UPDATE audit SET \"user\" = 'someone' WHERE id = 1",
    "DELETE FROM audit WHERE id = 1",
    "DELETE FROM audit",
])
def test_sql_cannot_change_or_delete_a_row(trail, sql):
    with pytest.raises(_refusal(trail.db), match=APPEND_ONLY):
        trail.db.execute(sql)
    assert trail.verify().ok and trail.verify().rows == 5


@pytest.mark.parametrize("engine", ["postgresql"])  # SQLite has no TRUNCATE
def test_the_server_refuses_truncate_too(trail):
    with pytest.raises(_refusal(trail.db), match=APPEND_ONLY):
        trail.db.execute("TRUNCATE audit")
    assert trail.verify().ok and trail.verify().rows == 5


# --- reading ------------------------------------------------------------------------------------------------------


def test_filters(trail):
    assert [e.action for e in trail.entries(AuditFilter(user="rev"))] == ["view", "decide"]
    assert [e.id for e in trail.entries(AuditFilter(request_id=7))] == [2, 3, 4]
    assert [e.id for e in trail.entries(AuditFilter(action="sign_out"))] == [5]
    assert [e.id for e in trail.entries(AuditFilter(user="rev", request_id=7, action="decide"))] == [3]
    assert trail.entries(AuditFilter(since=(T0 + timedelta(days=1)).date())) == []
    assert [e.id for e in trail.entries(AuditFilter(since=T0.date(), until=T0.date()))] == [1, 2, 3, 4, 5]
    assert trail.entries(AuditFilter(until=(T0 - timedelta(days=1)).date())) == []
    assert [e.id for e in trail.entries(limit=2, newest_first=True)] == [5, 4]
    assert trail.actions() == ["decide", "print_letter", "sign_in", "sign_out", "view"]
    assert trail.users() == ["admin", "desk", "rev"]


def test_csv_has_a_header_and_every_row(trail):
    text = entries_csv(trail.entries()).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "id,at,user,action,request_id,detail,prev_hash,hash"
    assert len(lines) == 6 and lines[3].startswith("3,2025-03-03T17:02:00Z,rev,decide,7,outcome=denied,")
    assert lines[1].startswith("1,2025-03-03T17:00:00Z,admin,sign_in,,,0000")


def test_a_detail_a_spreadsheet_would_run_is_written_as_text_in_the_csv(trail):
    trail.record("desk", "view", detail="=HYPERLINK(\"http://evil.example\")")
    last = entries_csv(trail.entries()).decode("utf-8").splitlines()[-1]
    assert ",\"'=HYPERLINK(\"\"http://evil.example\"\")\"," in last
    assert trail.entries()[-1].detail == "=HYPERLINK(\"http://evil.example\")"  # the trail keeps it as written


# Code point order on both engines, though a server's database may sort by a language (ICU en-US puts "amy" before
# "Zed" and "_" before "9" and "."); SQLite's default collation is binary.
MIXED = ["sign_in", "sign9", "Zed", "amy", "r.garcia", "r_garcia", "rgarcia"]


@pytest.fixture
def en_us_store(pg_cluster):
    name = "test_audit_en_us"
    pg_cluster.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    pg_cluster.sql(f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'")
    store = open_store(pg_cluster.url(name))
    yield store
    store.close()
    pg_cluster.drop_database(name)


def test_lists_sort_by_code_point_on_a_server_with_a_language_collation(en_us_store):
    store = en_us_store
    assert [row[0] for row in store.execute(
        "SELECT x FROM (VALUES ('amy'), ('Zed')) AS t (x) ORDER BY x")] == ["amy", "Zed"]  # the server's own order
    log = AuditLog(store, clock=minutes_from(T0))
    for name in MIXED:
        log.record(name, name)
    assert log.actions() == log.users() == sorted(MIXED)
    users = UserRepository(store)
    for name in MIXED:
        users.add(name, name, "front_desk", "argon2-hash", T0)
    assert [user.username for user in users.all()] == sorted(name.casefold() for name in MIXED)


# --- users -------------------------------------------------------------------------------------------------------


def test_users_on_either_engine(fresh_store):
    users = UserRepository(fresh_store)
    assert users.any() is False and users.count() == 0 and users.all() == []
    added = users.add(" RGarcia ", " Rosa Garcia ", "reviewer", "argon2-hash", T0)
    users.add("admin", "Ada Admin", "admin", "argon2-hash", T0)
    assert (added.username, added.display_name, added.role, added.failed_count, added.active) == \
        ("rgarcia", "Rosa Garcia", "reviewer", 0, True)
    assert users.any() is True and users.count() == 2 and users.active_admins() == 1
    assert users.get("RGARCIA") == added and users.get("nobody") is None

    later = T0 + timedelta(minutes=5)
    users.update("RGarcia", later, active=False, failed_count=5, locked_until=later + timedelta(minutes=15))
    changed = users.get("rgarcia")
    assert (changed.active, changed.failed_count) == (False, 5)
    assert changed.locked_at(later) and not changed.locked_at(later + timedelta(minutes=15))
    assert users.count() == 1 and users.count(active_only=False) == 2
    assert [user.username for user in users.all()] == ["admin", "rgarcia"]  # active first
    rows = fresh_store.execute("SELECT username, active, changed_at FROM users ORDER BY username").fetchall()
    assert [tuple(row) for row in rows] == [("admin", 1, "2025-03-03T17:00:00Z"),
                                            ("rgarcia", 0, "2025-03-03T17:05:00Z")]  # 0/1 on both engines
    users.update("rgarcia", later, active=True, locked_until=None)
    assert users.get("rgarcia").active is True and users.get("rgarcia").locked_until is None
    with pytest.raises(ValueError, match="not a user field: created_at"):
        users.update("rgarcia", later, created_at=later)


def test_a_username_is_one_account_whatever_its_case(fresh_store):
    users = UserRepository(fresh_store)
    users.add("rgarcia", "Rosa Garcia", "reviewer", "argon2-hash", T0)
    with pytest.raises(Exception, match="(?i)unique|duplicate"):
        users.add("RGarcia", "Someone Else", "admin", "argon2-hash", T0)
    assert users.count() == 1


@pytest.mark.parametrize("field", [{"role": "superuser"}, {"active": 2}])
def test_the_users_table_refuses_a_role_or_state_it_does_not_know(fresh_store, field):
    users = UserRepository(fresh_store)
    users.add("rgarcia", "Rosa Garcia", "reviewer", "argon2-hash", T0)
    with pytest.raises(Exception, match="(?i)check constraint"):
        users.update("rgarcia", T0, **field)
    assert users.get("rgarcia").role == "reviewer" and users.get("rgarcia").active is True


# --- the command line (a desk's SQLite file) -----------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["sqlite"])  # `--db FILE`: the trail's own file
def test_sodesk_audit_verify_list_and_export(trail, db_target, tmp_path, capsys):
    db_file = str(db_target)
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
