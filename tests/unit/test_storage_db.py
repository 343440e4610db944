"""open_db: pragmas, strict tables, migrations once, and a clear refusal of files that are not databases."""

from __future__ import annotations

import sqlite3

import pytest

from app.errors import InputProblem
from app.storage.db import MIGRATIONS, open_db, open_memory_db


@pytest.fixture
def fresh_db(tmp_path):
    db = open_db(tmp_path / "data" / "desk.sqlite3")
    yield db
    db.close()


def test_open_db_creates_the_parent_folder_and_the_file(tmp_path):
    path = tmp_path / "nested" / "folder" / "desk.sqlite3"
    db = open_db(path)
    db.close()
    assert path.is_file()


def test_open_db_sets_foreign_keys_wal_and_busy_timeout(fresh_db):
    assert fresh_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert fresh_db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert fresh_db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_directory_tables_are_strict(fresh_db):
    for table in ("providers", "provider_plans"):
        sql = fresh_db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
        assert "STRICT" in sql.upper()
    assert fresh_db["providers"].strict
    with pytest.raises(sqlite3.IntegrityError):  # a strict table refuses a wrong type
        fresh_db.execute(
            "INSERT INTO providers (npi, accepting_new_patients, sort_name, sort_first) "
            "VALUES (?, 'yes', '', '')",
            ["1000000012"],
        )


def test_migrations_are_recorded_by_name_in_order(fresh_db):
    applied = [row["name"] for row in fresh_db["_sqlite_migrations"].rows_where(order_by="id")]
    assert applied == [migration.__name__ for migration in MIGRATIONS]
    assert applied[0] == "m001_providers"


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "desk.sqlite3"
    open_db(path).close()
    db = open_db(path)
    assert db["_sqlite_migrations"].count == len(MIGRATIONS)
    db.close()


def test_an_empty_file_is_a_new_database(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    db = open_db(path)
    assert "providers" in db.table_names()
    db.close()


@pytest.mark.parametrize(
    "content",
    [
        b"npi,last_name\n1000000012,Pe\xc3\xb1a\n",  # someone picked the CSV instead of the database
        b"hello",
        b"\x00\x01\x02",
    ],
)
def test_a_file_that_is_not_sqlite_is_refused_by_name_and_left_untouched(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(InputProblem) as raised:
        open_db(path)
    message = raised.value.render()
    assert str(path) in message
    assert "not a SQLite database" in message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # no -wal / -shm left behind


def test_a_damaged_database_is_an_input_problem_not_a_traceback(tmp_path):
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.raises(InputProblem) as raised:
        open_db(path)
    assert str(path) in raised.value.render()


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(InputProblem) as raised:
        open_db(tmp_path)
    assert "folder" in raised.value.render()


def test_open_memory_db_is_migrated():
    db = open_memory_db()
    assert {"providers", "provider_plans", "providers_fts"} <= set(db.table_names())
