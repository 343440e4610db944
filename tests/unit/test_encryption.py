"""Encryption at rest: unreadable without the key, a clear message for a wrong passphrase, a conversion that loses
no row of any table, encrypted backups that restore, and the plain build still plain."""

import sqlite3

import pytest

from app.cli import main
from app.errors import InputProblem
from app.services.cases import Outcome
from app.storage import conversion, crypto
from app.storage.backup import backup_to, check, restore_from
from app.storage.db import open_db
from tests.support.desks import VALLEY_PRACTICE, build_desk
from tests.support.exports import fake_pdf, submit_three

PASSPHRASE = "blue heron at dawn"


@pytest.fixture(autouse=True)
def forget_passphrases():
    yield
    crypto._KEYS.clear()


def _rows(path, passphrase=None) -> dict[str, list[tuple]]:
    """Every row of every table, read and closed again (an open connection would block the conversion)."""
    conn = crypto.connect(path, passphrase) if passphrase else sqlite3.connect(path)
    try:
        return _all_rows(conn)
    finally:
        conn.close()


def _all_rows(conn) -> dict[str, list[tuple]]:
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
    return {table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}


@pytest.fixture
def busy_desk(tmp_path):
    """A plain database with providers, requests and their history, letters, an export batch and audit rows."""
    path = tmp_path / "desk.sqlite3"
    desk = build_desk(path, practice=VALLEY_PRACTICE)
    cases, exports = desk.cases, desk.exports(pdf_for=fake_pdf)
    first, second, _third = submit_three(cases)
    cases.decide(first, Outcome.denied, reason="criteria not met")
    exports.export("caloptima-medi-cal", tmp_path / "batch")
    from app.letters.model import LetterKind

    letters = desk.letters
    letters.record(letters.build(cases.get(second), LetterKind.referral), b"%PDF-1.4 a letter")
    cases.repository.db.close()
    return path


def test_an_encrypted_database_is_unreadable_by_the_standard_sqlite3_module(tmp_path):
    path = tmp_path / "desk.sqlite3"
    open_db(path, PASSPHRASE).close()
    assert crypto.looks_encrypted(path)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()


def test_encrypted_databases_keep_strict_tables_fts5_and_wal(tmp_path):
    path = tmp_path / "desk.sqlite3"
    crypto.remember(path, PASSPHRASE)
    cases = build_desk(path).cases  # open_db finds the remembered passphrase
    from tests.factories import make_request

    cases.submit(make_request())
    db = cases.repository.db.db  # the store's sqlite-utils Database (this thread's)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db["requests"].strict
    from app.storage.providers import ProviderRepository

    assert ProviderRepository(db).search("nguy")  # FTS5


@pytest.mark.parametrize("given", ["not the passphrase", None])
def test_a_wrong_or_missing_passphrase_gets_a_clear_message(tmp_path, given):
    path = tmp_path / "desk.sqlite3"
    open_db(path, PASSPHRASE).close()
    with pytest.raises(InputProblem) as raised:
        open_db(path, given)
    expected = "the passphrase is wrong, or this database is not encrypted" if given else "give its passphrase"
    assert expected in str(raised.value)


def test_a_plain_database_opened_with_a_passphrase_is_explained(tmp_path):
    path = tmp_path / "desk.sqlite3"
    open_db(path).close()
    with pytest.raises(crypto.WrongPassphrase, match="or this database is not encrypted"):
        open_db(path, PASSPHRASE)


def test_the_plain_build_stays_plain(tmp_path):
    path = tmp_path / "desk.sqlite3"
    open_db(path).close()
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert sqlite3.connect(path).execute("SELECT count(*) FROM users").fetchone() == (0,)


def test_conversion_loses_no_row_of_any_table(busy_desk):
    before = _rows(busy_desk)
    assert all(before[table] for table in ("providers", "requests", "request_history", "letters",
                                           "export_batches", "export_items", "audit"))
    done = conversion.encrypt_database(busy_desk, PASSPHRASE)
    assert crypto.looks_encrypted(busy_desk)
    assert done.kept_aside.name.startswith("desk.sqlite3.plain-before-encryption-")
    assert _rows(done.kept_aside) == before  # the original, untouched
    crypto._KEYS.clear()
    assert _rows(busy_desk, PASSPHRASE) == before
    assert open_db(busy_desk, PASSPHRASE)["audit"].count == len(before["audit"])
    back = conversion.decrypt_database(busy_desk, PASSPHRASE)
    assert back.kept_aside.name.startswith("desk.sqlite3.encrypted-before-decryption-")
    assert _rows(busy_desk) == before


def test_the_audit_chain_survives_the_conversion(busy_desk):
    conversion.encrypt_database(busy_desk, PASSPHRASE)
    from app.storage.audit import AuditLog

    assert AuditLog(open_db(busy_desk)).verify().ok


def test_encrypted_backup_and_restore_round_trip(busy_desk, tmp_path):
    conversion.encrypt_database(busy_desk, PASSPHRASE)
    before = _rows(busy_desk, PASSPHRASE)
    copy = backup_to(busy_desk, tmp_path / "copy.sqlite3")
    assert crypto.looks_encrypted(copy)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(copy).execute("SELECT * FROM sqlite_master").fetchall()
    assert check(copy, passphrase=PASSPHRASE).ok
    assert not check(copy, passphrase="wrong passphrase").ok
    db = open_db(busy_desk)
    with db.atomic():
        db.execute("DELETE FROM export_items")
    db.close()
    report = restore_from(copy, busy_desk)
    assert report.kept_aside is not None and crypto.looks_encrypted(busy_desk)
    assert _rows(busy_desk, PASSPHRASE) == before


def test_sodesk_encrypt_and_decrypt(busy_desk, monkeypatch, capsys):
    before = _rows(busy_desk)
    monkeypatch.setenv("SODESK_PASSPHRASE", PASSPHRASE)
    assert main(["--db", str(busy_desk), "encrypt"]) == 0
    out = capsys.readouterr().out
    assert "every one checked" in out and "plain-before-encryption" in out and "NOT" in out
    crypto._KEYS.clear()
    assert main(["--db", str(busy_desk), "requests", "list", "--all"]) == 0  # the passphrase from the env
    assert "#" in capsys.readouterr().out
    crypto._KEYS.clear()
    monkeypatch.setenv("SODESK_PASSPHRASE", "a wrong passphrase")
    assert main(["--db", str(busy_desk), "requests", "list"]) == 2
    assert "the passphrase is wrong" in capsys.readouterr().err
    crypto._KEYS.clear()
    monkeypatch.setenv("SODESK_PASSPHRASE", PASSPHRASE)
    assert main(["--db", str(busy_desk), "decrypt"]) == 0
    assert _rows(busy_desk) == before
