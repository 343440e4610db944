"""The store: one API over SQLite and PostgreSQL (placeholders, transactions, migrations by name)."""

import threading
import time

import pytest

from app.storage.db import MIGRATIONS, applied_migrations
from app.errors import InputProblem
from app.storage.store import ServerUnavailable, open_store, safe_location, to_psycopg


@pytest.mark.parametrize(("sqlite", "psycopg"), [
    ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = %s AND b = %s"),
    ("UPDATE t SET a = :a WHERE id = :id", "UPDATE t SET a = %(a)s WHERE id = %(id)s"),
    ("SELECT '?', 'it''s :x', \"?col\" FROM t WHERE a LIKE '5%' AND b = ?",
     "SELECT '?', 'it''s :x', \"?col\" FROM t WHERE a LIKE '5%%' AND b = %s"),
    ("SELECT a::text, 100 % 7 FROM t -- what? :no\nWHERE a = ?", "SELECT a::text, 100 %% 7 FROM t -- what? :no\nWHERE a = %s"),
])
def test_placeholders_become_psycopgs_outside_literals(sqlite, psycopg):
    assert to_psycopg(sqlite) == psycopg


def test_a_server_password_is_never_shown():
    assert safe_location("postgresql://desk:s3cret@db.example.test:5433/sodesk") == \
        "postgresql://desk@db.example.test:5433/sodesk"
    assert safe_location("postgresql://desk@/sodesk?host=/run/pg") == "postgresql://desk@/sodesk?host=/run/pg"


def test_every_migration_is_applied_by_name_on_both_engines(fresh_store):
    assert applied_migrations(fresh_store) == {migration.__name__ for migration in MIGRATIONS}


def test_reopening_applies_nothing_twice(db_target):
    open_store(db_target).close()
    store = open_store(db_target)
    assert applied_migrations(store) == {migration.__name__ for migration in MIGRATIONS}


def test_a_failed_transaction_leaves_nothing_and_a_nested_one_is_a_savepoint(fresh_store):
    store = fresh_store
    with pytest.raises(RuntimeError):
        with store.atomic():
            store.execute("INSERT INTO settings (key, value) VALUES (?, ?)", ["a", "1"])
            raise RuntimeError("undo")
    assert store.execute("SELECT count(*) FROM settings").fetchone()[0] == 0
    with store.atomic():
        store.execute("INSERT INTO settings (key, value) VALUES (:key, :value)", {"key": "b", "value": "2"})
        with pytest.raises(RuntimeError):
            with store.atomic():
                store.execute("INSERT INTO settings (key, value) VALUES (?, ?)", ["c", "3"])
                raise RuntimeError("undo the inner block only")
    assert [row["key"] for row in store.query("SELECT key FROM settings ORDER BY key")] == ["b"]


def test_each_thread_gets_a_connection_of_its_own(fresh_store):
    store = fresh_store
    seen = []

    def write(n):
        with store.atomic():
            store.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [f"k{n}", str(n)])
        seen.append(store.execute("SELECT count(*) FROM settings").fetchone()[0])

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.execute("SELECT count(*) FROM settings").fetchone()[0] == 6
    assert sorted(seen)[-1] == 6


def test_a_commit_elsewhere_moves_the_change_marker(db_target):
    watcher, writer = open_store(db_target), open_store(db_target)
    before = watcher.change_marker()
    assert watcher.change_marker() == before
    writer.execute("INSERT INTO requests (version, status, created_at, updated_at) VALUES (1, 'draft', 'x', 'x')")
    deadline = time.monotonic() + 2  # the server's NOTIFY travels to the listener: seen within the desk's poll
    while watcher.change_marker() == before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert watcher.change_marker() != before


def test_an_unreachable_server_says_so_without_a_traceback_or_password(pg_cluster):
    url = pg_cluster.url("sodesk_template").replace("sodesk@", "sodesk:hunter22@").replace(
        f"port={pg_cluster.port}", "port=1")
    with pytest.raises(ServerUnavailable) as raised:
        open_store(url)
    message = raised.value.render()
    assert "cannot be reached" in message and "hunter22" not in message


def test_a_percent_sign_reaches_the_server_as_written_with_or_without_parameters(fresh_store):
    assert fresh_store.execute("SELECT '5%'").fetchone()[0] == "5%"
    assert fresh_store.execute("SELECT '5%' || ?", ["!"]).fetchone()[0] == "5%!"


@pytest.mark.parametrize(("url", "says"), [
    ("postgresql://de sk@/x?host=/nowhere", "unexpected spaces"),
    ("postgresql://desk@127.0.0.1:1/sodesk?sslmode=bogus", 'invalid sslmode value: "bogus"'),
])
def test_an_address_libpq_cannot_use_is_named_as_such_not_as_an_unreachable_server(url, says):
    with pytest.raises(InputProblem) as raised:
        open_store(url)
    message = raised.value.render()
    assert "not a PostgreSQL address" in message and says in message and "cannot be reached" not in message
