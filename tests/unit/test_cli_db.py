"""`sodesk db ...` end to end: a desk's file and a real PostgreSQL server (the `pg_cluster` / `pg_url`
fixtures). Every person in the demo desk is invented."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from app.cli import main
from app.storage.db import MIGRATIONS

SECRET = "hunter22"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
ALL = [migration.__name__ for migration in MIGRATIONS]


@pytest.fixture
def run(capsys, monkeypatch, tmp_path):
    """run(*argv) -> (status, stdout, stderr); no command here reaches the user's own desk file."""
    monkeypatch.setenv("SODESK_DB", str(tmp_path / "no-desk-here.sqlite3"))
    monkeypatch.delenv("SODESK_PASSPHRASE", raising=False)

    def _run(*argv: str) -> tuple[int, str, str]:
        try:
            status = main(list(argv))
        except SystemExit as exit_:
            status = exit_.code
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return status, out, err

    return _run


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    from app.services.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "sodesk.sqlite3"
    load_demo(path, providers=300, requests=12, seed=5)
    gc.collect()
    return path


@pytest.fixture
def demo_desk(demo_template, tmp_path) -> Path:
    path = tmp_path / "desk" / "sodesk.sqlite3"
    path.parent.mkdir()
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def new_database(pg_cluster):
    """new_database(name) -> the URL of a new database as `createdb` makes it (no schema), dropped
    afterwards."""
    made = []

    def _make(name: str) -> str:
        made.append(name)
        return pg_cluster.create_database(name)

    yield _make
    for name in made:
        pg_cluster.drop_database(name)


def test_copy_prints_the_per_table_report_and_a_second_copy_is_refused(run, demo_desk, pg_url):
    status, out, err = run("db", "copy", "--from", str(demo_desk), "--to", pg_url)
    assert status == 0, err
    assert out.startswith(f"Copied {demo_desk} to {pg_url} in ")
    table = {
        line.split()[0]: line.split()[1]
        for line in out.splitlines()
        if line.split() and line.split()[0] in ("providers", "requests", "audit")
    }
    assert (
        table == {"providers": "300", "requests": "12", "audit": table["audit"]} and int(table["audit"]) > 0
    )
    assert "Audit trail: intact on the server" in out
    assert "Not copied: providers_fts" in out
    assert "copied providers: 300 rows" in err  # progress, one line per table when not on a terminal

    status, out, err = run("db", "copy", "--from", str(demo_desk), "--to", pg_url)
    assert (status, out) == (2, "")
    assert f"{pg_url}: this database already holds 12 requests, 300 providers" in err
    assert "nothing was copied and the server was not changed" in err


def test_copy_takes_the_desk_file_from_db_and_an_encrypted_ones_passphrase_from_the_environment(
    run, demo_desk, pg_url, monkeypatch
):
    import sqlcipher3

    from app.storage.crypto import quote

    encrypted = demo_desk.with_name("encrypted.sqlite3")
    conn = sqlcipher3.connect(str(demo_desk))
    conn.execute(f"ATTACH DATABASE {quote(str(encrypted))} AS encrypted KEY {quote('a long passphrase')}")
    conn.execute("SELECT sqlcipher_export('encrypted')")
    conn.execute("DETACH DATABASE encrypted")
    conn.close()
    monkeypatch.setenv("SODESK_PASSPHRASE", "a long passphrase")
    status, out, err = run("--db", str(encrypted), "db", "copy", "--to", pg_url)
    assert status == 0, err
    assert "12 " in out and f"Copied {encrypted} to" in out


def test_info_shows_engine_location_schema_and_rows_but_never_a_password(run, demo_desk, pg_url):
    status, out, err = run("db", "info", "--db", str(demo_desk))
    assert status == 0, err
    assert "Engine:   SQLite, one desk's file" in out and f"Location: {demo_desk}" in out
    assert f"Schema:   up to date: {len(ALL)} of {len(ALL)} migrations" in out
    assert "requests         12" in out

    run("db", "copy", "--from", str(demo_desk), "--to", pg_url)
    with_password = pg_url.replace("sodesk@", f"sodesk:{SECRET}@")  # the test server trusts its socket
    status, out, err = run("--db", with_password, "db", "info")  # --db before `db` works as after it
    assert status == 0, err
    assert SECRET not in out + err
    assert "Engine:   PostgreSQL 15" in out and f"Location: {pg_url}" in out
    assert "requests         12" in out and "providers        300" in out


def test_sodesk_db_in_the_environment_may_be_the_server(run, pg_url, monkeypatch):
    monkeypatch.setenv("SODESK_DB", pg_url)
    status, out, _ = run("db", "info")
    assert status == 0 and f"Location: {pg_url}" in out


def test_migrate_brings_an_old_file_up_to_date_and_says_what_it_applied(run, tmp_path):
    old = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / "schema-v3.sqlite3", old)
    status, out, err = run("db", "migrate", "--db", str(old))
    assert status == 0, err
    assert out.splitlines() == [
        f"{old}: applied m004_letters, m005_exports, m006_users_and_audit, m007_request_search, m008_member_roster, "
        "m009_export_csv_profile, m010_export_format_and_payer, m011_member_cin",
        f"{old}: up to date ({len(ALL)} migrations; the last is {ALL[-1]})",
    ]
    status, out, _ = run("db", "migrate", "--db", str(old))
    assert (
        out == f"{old}: already up to date, nothing applied ({len(ALL)} migrations; the last is {ALL[-1]})\n"
    )


def test_migrate_gives_a_new_server_database_the_schema_and_says_what_it_applied(run, new_database):
    url = new_database("made_by_createdb")
    status, out, err = run("db", "migrate", "--db", url)
    assert status == 0, err
    assert out.splitlines()[0] == f"{url}: applied {', '.join(ALL)}"
    status, out, _ = run("db", "migrate", "--db", url)
    assert "already up to date, nothing applied" in out


def test_backup_then_restore_through_the_commands(run, demo_desk, pg_url, new_database, tmp_path):
    assert run("db", "copy", "--from", str(demo_desk), "--to", pg_url)[0] == 0
    folder = tmp_path / "server-backups"
    status, out, err = run("db", "backup", "--db", pg_url, "--to", str(folder), "--keep", "3")
    assert status == 0, err
    dump = Path(out.strip())
    assert dump.parent == folder and dump.name.startswith("sodesk-") and dump.suffix == ".pgdump"
    assert "checked with pg_restore --list" in err

    target = new_database("restored")
    status, out, err = run("db", "restore", str(dump), "--to", target)
    assert status == 0, err
    assert f"Restored {dump} into {target}: 12 requests, 300 providers" in out
    assert "Audit trail: intact" in out
    status, out, _ = run("db", "info", "--db", target)
    assert "requests         12" in out

    status, out, err = run("db", "restore", str(dump), "--to", target)  # not into a database that holds rows
    assert (status, out) == (2, "")
    assert "already has the desk's schema" in err and "nothing was restored" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["db"], "the following arguments are required: ACTION"),
        (
            ["db", "copy", "--to", "mysql://desk@server/sodesk"],
            "argument --to: 'mysql://desk@server/sodesk' is not a PostgreSQL URL",
        ),
        (["db", "copy", "--from", "{tmp}/desk.sqlite3"], "the following arguments are required: --to"),
        (
            ["db", "copy", "--from", "{tmp}/missing.sqlite3", "--to", "{url}"],
            "--from {tmp}/missing.sqlite3: there is no database file here",
        ),
        (["db", "copy", "--from", "{tmp}", "--to", "{url}"], "--from {tmp}: this is a folder"),
        (["db", "copy", "--from", "{tmp}/notes.txt", "--to", "{url}"], "not a SQLite database"),
        (["db", "copy", "--to", "{url}", "--db", "{url}"], "unrecognized arguments: --db"),
        (["db", "backup", "--db", "{url}", "--keep", "many"], "argument --keep: 'many' is not a number"),
        (["db", "backup", "--db", "{tmp}/notes.txt"], "--db: `sodesk db backup` backs up the office server"),
        (["db", "restore", "{tmp}/notes.txt", "--to", "{url}"], "pg_restore cannot read it"),
        (["db", "restore", "{tmp}/missing.pgdump", "--to", "{url}"], "there is no file here"),
        (
            ["db", "info", "--db", "{tmp}/missing.sqlite3"],
            "--db {tmp}/missing.sqlite3: there is no database file",
        ),
        (
            ["db", "migrate", "--db", "{tmp}/missing.sqlite3"],
            "--db {tmp}/missing.sqlite3: there is no database file",
        ),
    ],
)
def test_bad_input_exits_2_with_a_message_naming_it(run, tmp_path, pg_url, argv, said):
    (tmp_path / "notes.txt").write_text("Meeting notes, not a database.\n", encoding="utf-8")
    status, out, err = run(*(word.format(tmp=tmp_path, url=pg_url) for word in argv))
    assert (status, out) == (2, "")
    assert said.format(tmp=tmp_path, url=pg_url) in err


def test_a_stopped_server_is_said_plainly_without_a_traceback(run, demo_desk, pg_url, pg_cluster, tmp_path):
    pg_cluster.stop()
    try:
        for argv in (
            ["db", "copy", "--from", str(demo_desk), "--to", pg_url],
            ["db", "info", "--db", pg_url],
            ["db", "backup", "--db", pg_url, "--to", str(tmp_path / "backups")],
        ):
            status, out, err = run(*argv)
            assert (status, out) == (2, ""), argv
            assert f"{pg_url}: the office database server cannot be reached" in err, argv
    finally:
        pg_cluster.start()
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_a_server_url_read_as_a_path_gets_its_slashes_back():
    import argparse

    from app.cli.db import target_of

    # An argument parser with `type=Path` folds "//": the command still finds the server.
    assert (
        target_of(argparse.Namespace(db=Path("postgresql://desk@db.office.example/sodesk")))
        == "postgresql://desk@db.office.example/sodesk"
    )
    assert target_of(argparse.Namespace(db=Path("desk.sqlite3"))) == Path("desk.sqlite3")


def test_the_keyrings_password_reaches_pg_dump_through_its_environment_only(
    run, pg_url, tmp_path, monkeypatch, memory_keyring
):
    from app.services.connection import remember_password
    from app.storage import server_backup

    remember_password(pg_url, SECRET)  # as Tools > Database does when asked to remember it
    seen = []
    real_run = server_backup._run

    def watched(command, env):
        seen.append((command, env.get("PGPASSWORD")))
        return real_run(command, env)

    monkeypatch.setattr(server_backup, "_run", watched)
    status, out, err = run("db", "backup", "--db", pg_url, "--to", str(tmp_path / "backups"))
    assert status == 0, err
    dumps = [(command, password) for command, password in seen if command[0].endswith("pg_dump")]
    assert dumps and all(password == SECRET for _command, password in dumps)
    assert not any(SECRET in word for command, _password in seen for word in command)
