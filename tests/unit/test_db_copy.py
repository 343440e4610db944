"""Moving a desk's SQLite file onto the office server, and the server's backups: on a real PostgreSQL server
(the `pg_cluster` / `pg_url` fixtures), never a mock. Every person in the desks here is invented."""

from __future__ import annotations

import gc
import hashlib
import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

import app.storage.copy as copy_module
from app.errors import InputProblem
from app.storage.db import MIGRATIONS
from app.storage import server_backup
from app.storage.audit import AuditLog
from app.storage.copy import CopyRefused, copy_database, row_bytes
from app.storage.server_backup import (
    backup_server,
    check_dump,
    child_connection,
    restore_server,
    server_backups,
)
from app.storage.store import ServerUnavailable, open_store

SECRET = "hunter22"


# ---------------------------------------------------------------------------------------------- the desks


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its hash: proves nothing was written, renamed or left behind."""
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def letter_pdf(request_id: int) -> bytes:
    return b"%PDF-1.4\n% synthetic referral letter for request " + str(request_id).encode() + b"\n%%EOF\n"


def make_desk(folder: Path) -> Path:
    """A closed desk file with rows in every table: the demo's invented directory, roster and requests (with
    their history and audit rows), three printed letters with their PDFs in letters/, an export batch, settings,
    a user, and audit rows with NULLs and non-ASCII detail."""
    from app.services.demo import load_demo

    path = folder / "sodesk.sqlite3"
    load_demo(path, providers=600, requests=24, seed=11)
    store = open_store(path)
    try:
        at = "2026-03-02T17:30:00Z"
        for request_id in (1, 2, 3):
            data = letter_pdf(request_id)
            name = f"{request_id}/referral-en-20260302T093000.pdf"
            (folder / "letters" / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / "letters" / name).write_bytes(data)
            store.execute(
                "INSERT INTO letters (request_id, kind, language, file_path, sha256, size, printed_by, "
                "printed_at) VALUES (?, 'referral', 'en', ?, ?, ?, 'demo', ?)",
                [request_id, name, hashlib.sha256(data).hexdigest(), len(data), at],
            )
        store.execute(
            "INSERT INTO export_batches (id, plan, plan_name, practice_json, created_at, who, request_count, "
            "with_pdfs, manifest_sha256) VALUES (1, 'caloptima-medi-cal', 'CalOptima Health Medi-Cal', ?, ?, "
            "'demo', 2, 1, ?)",
            [json.dumps({"name": "Example Medical Group"}), at, "0" * 64],
        )
        store.executemany(
            "INSERT INTO export_items (batch_id, line, request_id, snapshot_json) VALUES (1, ?, ?, ?)",
            [(1, 4, '{"id": 4}'), (2, 5, '{"id": 5}')],
        )
        store.execute(
            "INSERT INTO settings (key, value) VALUES ('default_county', ?)", [json.dumps("San Joaquin")]
        )
        store.execute(
            "INSERT INTO users (username, display_name, role, password_hash, failed_count, locked_until, "
            "active, created_at, changed_at) VALUES ('admin', 'Desk Admin (Example)', 'admin', "
            "'$argon2id$v=19$m=65536,t=3,p=4$c3ludGhldGlj$c3ludGhldGlj', 0, NULL, 1, ?, ?)",
            [at, at],
        )
        log = AuditLog(store)
        log.record("admin", "sign_in")
        log.record("admin", "print_letter", request_id=1, detail="kind=referral lang=vi (Nguyễn)")
        log.record("admin", "export", detail=None)
    finally:
        store.close()
    gc.collect()
    assert not path.with_name(path.name + "-wal").exists(), "the desk file must be closed before it is copied"
    return path


@pytest.fixture(scope="module")
def desk_template(tmp_path_factory) -> Path:
    return make_desk(tmp_path_factory.mktemp("template"))


@pytest.fixture
def desk(desk_template, tmp_path) -> Path:
    """A fresh copy of the populated desk (its file and letters folder) for one test."""
    shutil.copytree(desk_template.parent, tmp_path / "desk")
    return tmp_path / "desk" / desk_template.name


def file_rows(path: Path, table: str, order: str) -> tuple[list[tuple], list[str]]:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    try:
        info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        columns = ", ".join(f'"{row[1]}"' for row in info)
        return conn.execute(f'SELECT {columns} FROM "{table}" ORDER BY {order}').fetchall(), [
            row[1] for row in info
        ]
    finally:
        conn.close()


def server_rows(url: str, table: str, columns: list[str], order: str) -> list[tuple]:
    store = open_store(url)
    try:
        names = ", ".join(f'"{name}"' for name in columns)
        return [
            tuple(row) for row in store.execute(f'SELECT {names} FROM "{table}" ORDER BY {order}').fetchall()
        ]
    finally:
        store.close()


def server_counts(url: str) -> dict[str, int]:
    store = open_store(url)
    try:
        tables = [
            row[0]
            for row in store.execute(
                "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
                "AND relkind = 'r' "
                "ORDER BY relname"
            )
        ]
        return {name: store.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}
    finally:
        store.close()


def server_has_pdf_column(url: str) -> bool:
    store = open_store(url)
    try:
        return (
            store.execute(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = 'letters' AND column_name = 'pdf'"
            ).fetchone()[0]
            == 1
        )
    finally:
        store.close()


# Each table by its primary key; text keys by code point on the server as in SQLite.
KEYS = {
    "providers": ('npi', 'npi COLLATE "C"'),
    "provider_plans": (
        "plan, taxonomy, accepting, sort_name, sort_first, npi",
        'plan COLLATE "C", taxonomy COLLATE "C", accepting, sort_name COLLATE "C", '
        'sort_first COLLATE "C", npi COLLATE "C"',
    ),
    "requests": ("id", "id"),
    "request_history": ("id", "id"),
    "members": ("member_id, plan", 'member_id COLLATE "C", plan COLLATE "C"'),
    "member_coverage": ("member_id, plan, start", 'member_id COLLATE "C", plan COLLATE "C", start COLLATE "C"'),
    "roster_loads": ("plan, loaded_at, source", 'plan COLLATE "C", loaded_at COLLATE "C", source COLLATE "C"'),
    "letters": ("id", "id"),
    "export_batches": ("id", "id"),
    "export_items": ("batch_id, line", "batch_id, line"),
    "settings": ("key", 'key COLLATE "C"'),
    "users": ("username", 'username COLLATE "C"'),
    "audit": ("id", "id"),
}
EMPTY = dict.fromkeys([*KEYS, "sodesk_migrations"], 0)


# ---------------------------------------------------------------------------------------------- the copy


def test_every_row_of_every_table_is_on_the_server_and_the_audit_chain_holds(desk, pg_url):
    report = copy_database(desk, pg_url)

    assert [table.name for table in report.tables] == list(KEYS)  # parents before children
    for table, (file_order, server_order) in KEYS.items():
        rows, columns = file_rows(desk, table, file_order)
        assert rows, f"the demo desk has rows in {table}"
        assert server_rows(pg_url, table, columns, server_order) == rows, table
        assert next(t for t in report.tables if t.name == table).rows == len(rows)
    store = open_store(pg_url)
    try:
        chain = AuditLog(store).verify()
        assert chain.ok and chain.rows == report.audit_rows == len(file_rows(desk, "audit", "id")[0])
        assert chain.last_hash == report.audit_last_hash
        # A desk on the server carries on where the file left off: new ids follow the copied ones.
        next_request = next(t for t in report.tables if t.name == "requests").next_id
        new_id = store.execute(
            "INSERT INTO requests (version, status, created_at, updated_at) "
            "VALUES (1, 'draft', 'x', 'x') RETURNING id"
        ).fetchone()[0]
        assert new_id == next_request == 25
        assert AuditLog(store).record("admin", "sign_in").id == chain.rows + 1
        assert AuditLog(store).verify().ok
        if server_has_pdf_column(pg_url):  # the server keeps each printed letter's PDF in its row
            pdfs = {row[0]: bytes(row[1]) for row in store.execute("SELECT request_id, pdf FROM letters")}
            assert pdfs == {request_id: letter_pdf(request_id) for request_id in (1, 2, 3)}
            assert report.letters.carried
    finally:
        store.close()
    assert report.letters.letters == report.letters.present == 3
    assert any(item.startswith("providers_fts") for item in report.skipped)


def test_the_file_is_only_read(desk, pg_url):
    before = files(desk.parent)
    copy_database(desk, pg_url)
    assert files(desk.parent) == before  # the file byte for byte (SHA-256), nothing created beside it


def test_an_encrypted_desk_is_copied_with_its_passphrase(desk, pg_url):
    from app.storage import crypto

    plain_rows = file_rows(desk, "requests", "id")[0]
    encrypt(desk, "correct horse battery staple")
    before = sha256(desk)
    with pytest.raises(crypto.EncryptedDatabase):
        copy_database(desk, pg_url)
    report = copy_database(desk, pg_url, passphrase="correct horse battery staple")
    assert sha256(desk) == before
    assert next(t for t in report.tables if t.name == "requests").rows == len(plain_rows)
    assert server_rows(pg_url, "requests", file_rows_columns("requests"), "id") == plain_rows


def encrypt(path: Path, passphrase: str) -> None:
    """The desk's file as SQLCipher 4 encrypts it (what `sodesk encrypt` does, without its checks)."""
    import sqlcipher3

    from app.storage.crypto import quote

    encrypted = path.with_name("encrypted.sqlite3")
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"ATTACH DATABASE {quote(str(encrypted))} AS encrypted KEY {quote(passphrase)}")
    conn.execute("SELECT sqlcipher_export('encrypted')")
    conn.execute("DETACH DATABASE encrypted")
    conn.close()
    encrypted.replace(path)


def file_rows_columns(table: str) -> list[str]:
    from app.storage.store import SqliteStore

    store = SqliteStore.memory()
    return [row[1] for row in store.execute(f'PRAGMA table_info("{table}")').fetchall()]


def test_a_server_that_holds_anything_is_refused_and_left_as_it_was(desk, pg_url):
    store = open_store(pg_url)
    store.execute("INSERT INTO settings (key, value) VALUES ('default_county', '\"Kern\"')")
    store.execute(
        "INSERT INTO requests (version, status, created_at, updated_at) VALUES (1, 'draft', 'x', 'x')"
    )
    store.close()
    before = server_counts(pg_url)
    with pytest.raises(CopyRefused) as refused:
        copy_database(desk, pg_url)
    message = refused.value.render()
    assert message.startswith(refused.value.source) and "host=" in message  # names the server
    assert "already holds 1 request and 1 setting" in message and "nothing was copied" in message
    assert server_counts(pg_url) == before
    assert server_rows(pg_url, "settings", ["key", "value"], "key") == [("default_county", '"Kern"')]


def test_another_programs_database_is_refused(desk, pg_cluster):
    url = pg_cluster.create_database("someone_elses")
    try:
        pg_cluster.sql("CREATE TABLE invoices (id bigint PRIMARY KEY)", "someone_elses")
        with pytest.raises(CopyRefused, match="tables of another program \\(invoices\\)"):
            copy_database(desk, url)
    finally:
        pg_cluster.drop_database("someone_elses")


def test_a_new_empty_database_gets_the_schema_then_the_rows(desk, pg_cluster):
    url = pg_cluster.create_database("just_created")  # createdb, no migration yet
    try:
        report = copy_database(desk, url)
        assert (
            server_counts(url)["requests"]
            == 24
            == next(t for t in report.tables if t.name == "requests").rows
        )
    finally:
        pg_cluster.drop_database("just_created")


def test_a_copy_that_fails_midway_leaves_the_server_empty(desk, pg_url):
    # SQLite keeps a NUL inside text; PostgreSQL refuses it. Settings come after the directory and requests.
    conn = sqlite3.connect(desk)
    conn.execute("INSERT INTO settings (key, value) VALUES ('note', ?)", ['"typed\x00by mistake"'])
    conn.commit()
    conn.close()
    copied = []
    with pytest.raises(CopyRefused) as refused:
        copy_database(desk, pg_url, progress=lambda stage, table, done, total: copied.append((table, done)))
    assert ("requests", 24) in copied  # the earlier tables had been sent...
    assert "the server refused a row of settings" in refused.value.render()
    assert "NUL" in refused.value.render() and "the whole copy was undone" in refused.value.render()
    assert server_counts(pg_url) == {**EMPTY, "sodesk_migrations": len(MIGRATIONS)}  # ...and none of them stayed


def test_a_server_stopped_during_the_copy_keeps_none_of_it(desk, pg_url, pg_cluster, monkeypatch):
    monkeypatch.setattr(copy_module, "CHUNK_ROWS", 100)

    def stop_after_two_chunks(stage, table, done, total):
        if (table, done) == ("providers", 200):
            pg_cluster.stop()

    try:
        with pytest.raises(ServerUnavailable) as lost:
            copy_database(desk, pg_url, progress=stop_after_two_chunks)
    finally:
        pg_cluster.start()
    message = lost.value.render()
    assert "lost while copying providers" in message and "holds none of it" in message
    assert server_counts(pg_url) == {**EMPTY, "sodesk_migrations": len(MIGRATIONS)}


def test_an_unreachable_server_is_said_plainly_and_the_file_untouched(desk, pg_cluster):
    url = (
        pg_cluster.url("sodesk_template")
        .replace("sodesk@", f"sodesk:{SECRET}@")
        .replace(f"port={pg_cluster.port}", "port=1")
    )
    before = files(desk.parent)
    with pytest.raises(ServerUnavailable) as raised:
        copy_database(desk, url)
    assert "cannot be reached" in raised.value.render() and SECRET not in raised.value.render()
    assert files(desk.parent) == before


def test_big_tables_go_in_chunks_with_progress(desk, pg_url, monkeypatch):
    monkeypatch.setattr(copy_module, "CHUNK_ROWS", 250)
    seen = []
    copy_database(
        desk, pg_url, progress=lambda stage, table, done, total: seen.append((stage, table, done, total))
    )
    assert [event for event in seen if event[1] == "providers"] == [
        ("copying", "providers", 0, 600),
        ("copying", "providers", 250, 600),
        ("copying", "providers", 500, 600),
        ("copying", "providers", 600, 600),
        ("checking", "providers", 0, 600),
        ("checking", "providers", 250, 600),
        ("checking", "providers", 500, 600),
        ("checking", "providers", 600, 600),
    ]


def test_a_file_with_an_older_schema_is_refused_with_the_way_forward(tmp_path, pg_url):
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "db" / "schema-v3.sqlite3"
    old = tmp_path / "old.sqlite3"
    shutil.copy(fixture, old)
    with pytest.raises(CopyRefused) as refused:
        copy_database(old, pg_url)
    assert "lacks m004_letters, m005_exports, m006_users_and_audit" in refused.value.render()
    assert f"sodesk db migrate --db {old}" in refused.value.render()
    assert sha256(old) == sha256(fixture)


def test_a_letter_pdf_missing_from_the_folder(desk, pg_url):
    (desk.parent / "letters" / "2" / "referral-en-20260302T093000.pdf").unlink()
    if server_has_pdf_column(
        pg_url
    ):  # the server keeps the PDFs: a missing one stops the copy, before anything
        with pytest.raises(CopyRefused, match="1 missing: 2/referral-en-20260302T093000.pdf"):
            copy_database(desk, pg_url)
        assert server_counts(pg_url) == {**EMPTY, "sodesk_migrations": len(MIGRATIONS)}
    else:  # the PDFs stay in the folder: the report says one is not there
        report = copy_database(desk, pg_url)
        assert report.letters.missing == ["2/referral-en-20260302T093000.pdf"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ((1, "x"), (1, "x"), True),
        ((True, 0), (1, False), True),  # a server BOOLEAN and a SQLite 0/1 INTEGER
        ((None,), ("",), False),  # NULL is not an empty string
        ((b"ab",), ("ab",), False),  # bytes are not text
        (("a", "bc"), ("ab", "c"), False),  # values do not run into each other
        ((1,), ("1",), False),
    ],
)
def test_the_row_digest_tells_types_apart_and_nothing_else(a, b, same):
    assert (row_bytes(a) == row_bytes(b)) is same


# ---------------------------------------------------------------------------------------------- backups


def test_backup_then_restore_gives_back_every_row(desk, pg_url, pg_cluster, tmp_path):
    copy_database(desk, pg_url)
    made = backup_server(pg_url, tmp_path / "backups")
    assert made.path.parent == tmp_path / "backups" and made.path.name.startswith("sodesk-")
    assert made.path.suffix == ".pgdump" and check_dump(made.path).ok
    assert made.rows["requests"] == 24
    url = pg_cluster.create_database("restored_here")
    try:
        done = restore_server(made.path, url)
        assert done.audit_problem is None and done.audit_rows == made.rows["audit"]
        for table, (_file_order, server_order) in KEYS.items():
            columns = file_rows_columns(table)
            assert server_rows(url, table, columns, server_order) == server_rows(
                pg_url, table, columns, server_order
            ), table
        assert server_counts(url) == server_counts(pg_url)
        store = open_store(url)  # ids carry on after a restore too
        try:
            assert (
                store.execute(
                    "INSERT INTO requests (version, status, created_at, updated_at) "
                    "VALUES (1, 'draft', 'x', 'x') RETURNING id"
                ).fetchone()[0]
                == 25
            )
        finally:
            store.close()
    finally:
        pg_cluster.drop_database("restored_here")


def test_a_restore_into_a_database_that_holds_anything_is_refused(desk, pg_url, tmp_path):
    copy_database(desk, pg_url)
    made = backup_server(pg_url, tmp_path / "backups")
    before = server_counts(pg_url)
    with pytest.raises(InputProblem, match="already has the desk's schema .* nothing was restored"):
        restore_server(made.path, pg_url)
    assert server_counts(pg_url) == before


def test_backups_keep_the_newest_n_and_nothing_else_is_deleted(pg_url, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    (folder / "sodesk-20260101-000000.sqlite3").write_bytes(b"a desk file's backup, not the server's")
    for day in (1, 2, 3):
        backup_server(pg_url, folder, keep=2, now=datetime(2026, 3, day, 22, 0, 0))
    assert [path.name for path in server_backups(folder)] == [
        "sodesk-20260303-220000.pgdump",
        "sodesk-20260302-220000.pgdump",
    ]
    assert (folder / "notes.txt").exists() and (folder / "sodesk-20260101-000000.sqlite3").exists()
    assert not any(path.name.endswith(".partial") for path in folder.iterdir())


def test_the_password_never_goes_on_a_command_line(pg_cluster, pg_url, tmp_path, monkeypatch):
    url = pg_url.replace(
        "sodesk@", f"sodesk:{SECRET}@"
    )  # the test server trusts its socket: any password works
    bare, env = child_connection(url)
    assert SECRET not in bare and env["PGPASSWORD"] == SECRET
    commands = []
    real_run = server_backup._run

    def watched(command, env):
        commands.append(command)
        return real_run(command, env)

    monkeypatch.setattr(server_backup, "_run", watched)
    made = backup_server(url, tmp_path / "backups")
    assert any("pg_dump" in command[0] for command in commands)
    assert not any(SECRET in word for command in commands for word in command)
    assert made.path.exists()


def test_a_missing_pg_dump_says_how_to_install_it(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv("SODESK_PG_BIN", str(tmp_path))  # an empty folder
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(server_backup.glob, "glob", lambda pattern: [])
    with pytest.raises(
        InputProblem, match="pg_dump was not found: install .*apt-get install postgresql-client"
    ):
        backup_server(pg_url, tmp_path / "backups")
    assert not (tmp_path / "backups").exists()
