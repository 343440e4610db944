"""Backups and damage: consistent copies, a read-only check, restores that keep the old file, and a damaged
database that is never overwritten (issue 3, item 7)."""

from __future__ import annotations

import hashlib
import random
import shlex
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import app.storage.backup as backup_module
from app.cli import main
from app.errors import InputProblem
from app.storage.backup import (
    DamagedDatabase,
    automatic_backup,
    automatic_backups,
    backup_folder,
    backup_to,
    check,
    last_good_backup,
    open_or_explain,
    restore_from,
)
from app.storage.db import open_db
from app.storage.providers import ProviderRepository

SMALL_CSV = Path(__file__).resolve().parent.parent / "fixtures" / "providers_small.csv"
MORNING = datetime(2026, 3, 2, 9, 0, 0)


# ---------------------------------------------------------------------------------------------- helpers


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its hash: proves nothing was written, renamed or left behind."""
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every ordinary table (FTS shadow tables included), read without writing."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        tables = [
            name
            for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            if not sql.upper().startswith("CREATE VIRTUAL")
        ]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in tables}
    finally:
        conn.close()


def page_size(path: Path) -> int:
    size = int.from_bytes(path.read_bytes()[16:18], "big")
    return 65536 if size == 1 else size


def truncate_to_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def scribble_on_page_2(path: Path) -> None:
    data = bytearray(path.read_bytes())
    size = page_size(path)
    noise = random.Random(7)
    data[size : 2 * size] = bytes(noise.randrange(256) for _ in range(size))
    path.write_bytes(bytes(data))


def replace_with_text(path: Path) -> None:
    path.write_text("Meeting notes, not a database.\n", encoding="utf-8")


DAMAGE = {
    "truncated to half": (truncate_to_half, "cut short"),
    "random bytes over page 2": (scribble_on_page_2, "damaged"),
    "a text file": (replace_with_text, "not a SQLite database"),
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def seeded_path(tmp_path) -> Path:
    """A closed desk database with the 12 providers of the small CSV and one setting."""
    path = tmp_path / "desk" / "sodesk.sqlite3"
    db = open_db(path)
    assert ProviderRepository(db).import_csv(SMALL_CSV).inserted == 12
    db["settings"].insert({"key": "backups.keep", "value": "10"})
    db.close()
    return path


@pytest.fixture
def backed_up_path(seeded_path) -> tuple[Path, Path]:
    """The seeded database and one automatic backup of it, made yesterday morning."""
    made = automatic_backup(seeded_path, now=MORNING - timedelta(days=1))
    assert made is not None
    return seeded_path, made


# ---------------------------------------------------------------------------------------------- backup_to


def test_backup_and_restore_round_trip_keeps_every_row(seeded_path, tmp_path):
    before = snapshot(seeded_path)
    assert len(before["providers"]) == 12
    copy = backup_to(seeded_path, tmp_path / "copy.sqlite3")
    assert snapshot(copy) == before

    db = open_db(seeded_path)
    db.execute("DELETE FROM provider_plans")
    db.execute("DELETE FROM settings")
    db.conn.commit()
    db.close()
    assert snapshot(seeded_path) != before

    restore_from(copy, seeded_path)
    assert snapshot(seeded_path) == before
    assert check(seeded_path).ok
    open_db(seeded_path).close()  # and the desk opens it again


def test_backup_is_one_self_contained_file(seeded_path, tmp_path):
    copy = backup_to(seeded_path, tmp_path / "copy.sqlite3")
    header = copy.read_bytes()[:20]
    assert header[18:20] == b"\x01\x01"  # rollback journal, not WAL: nothing else needed beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite3", "desk"]


def test_backup_while_another_connection_holds_a_write_transaction_is_consistent(seeded_path, tmp_path):
    committed = snapshot(seeded_path)
    writer = open_db(seeded_path)
    try:
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute("DELETE FROM provider_plans")
        writer.conn.execute("INSERT INTO settings (key, value) VALUES ('half', 'written')")
        copy = backup_to(seeded_path, tmp_path / "during.sqlite3")
        assert snapshot(copy) == committed  # the last committed state, none of the open transaction
        assert check(copy).ok
    finally:
        writer.conn.rollback()
        writer.close()


def test_backup_includes_changes_still_in_the_wal(seeded_path, tmp_path):
    db = open_db(seeded_path)
    try:
        db["settings"].insert({"key": "only-in-wal", "value": "yes"})
        assert seeded_path.with_name(seeded_path.name + "-wal").stat().st_size > 0
        copy = backup_to(seeded_path, tmp_path / "copy.sqlite3")
    finally:
        db.close()
    assert ("only-in-wal", "yes") in snapshot(copy)["settings"]


def test_backup_refuses_to_overwrite_unless_asked(seeded_path, tmp_path):
    target = tmp_path / "existing.sqlite3"
    target.write_bytes(b"keep me")
    with pytest.raises(InputProblem, match="already exists"):
        backup_to(seeded_path, target)
    assert target.read_bytes() == b"keep me"
    assert backup_to(seeded_path, target, overwrite=True) == target
    assert check(target).ok
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk", "existing.sqlite3"]  # no .partial left


def test_backup_into_a_folder_names_the_file(seeded_path, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    written = backup_to(seeded_path, folder)
    assert written.parent == folder
    assert backup_module.backup_time(written) is not None


def test_a_copy_that_cannot_be_finished_never_gets_the_name(seeded_path, tmp_path, monkeypatch):
    def disk_full(path):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(backup_module, "_fsync_file", disk_full)
    with pytest.raises(OSError):
        backup_to(seeded_path, tmp_path / "copy.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk"]


@pytest.mark.parametrize("damage", DAMAGE, ids=str)
def test_backup_of_a_damaged_database_writes_nothing(seeded_path, tmp_path, damage):
    DAMAGE[damage][0](seeded_path)
    with pytest.raises(InputProblem):
        backup_to(seeded_path, tmp_path / "copy.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk"]


# ---------------------------------------------------------------------------------------------- check


def test_check_on_a_live_wal_database_writes_nothing(seeded_path):
    db = open_db(seeded_path)
    try:
        db["settings"].insert({"key": "live", "value": "1"})  # lives in the -wal until a checkpoint
        before = files(seeded_path.parent)
        assert {"sodesk.sqlite3-wal", "sodesk.sqlite3-shm"} <= set(before)
        report = check(seeded_path)
        assert (report.ok, report.problems) == (True, [])
        after = files(seeded_path.parent)
        # -shm is SQLite's shared memory between live connections: every reader leaves its read mark there.
        after.pop("sodesk.sqlite3-shm"), before.pop("sodesk.sqlite3-shm")
        assert after == before
    finally:
        db.close()


def test_check_on_a_copied_wal_mode_file_without_its_wal_creates_nothing(seeded_path, tmp_path):
    copy_folder = tmp_path / "copied"
    copy_folder.mkdir()
    copy = copy_folder / "sodesk.sqlite3"
    shutil.copyfile(seeded_path, copy)
    assert copy.read_bytes()[18:20] == b"\x02\x02"  # WAL mode in the header, and no -wal beside it
    assert check(copy).ok
    assert list(copy_folder.iterdir()) == [copy]  # no -wal/-shm left behind


def test_check_reports_rows_pointing_nowhere(seeded_path):
    conn = sqlite3.connect(seeded_path)  # foreign keys are off by default: the orphan goes in
    conn.execute(
        "INSERT INTO request_history (request_id, at, who, to_status) VALUES (999, '2026-03-02', 'x', 'open')"
    )
    conn.commit()
    conn.close()
    assert check(seeded_path).problems == ["1 row of request_history points to missing rows of requests"]


def test_check_tells_another_programs_database_apart(tmp_path):
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    report = check(other)
    assert not report.ok and not report.blank
    assert "not a Second Opinion Desk one" in report.problems[0]
    before = sha256(other)
    with pytest.raises(DamagedDatabase):
        open_or_explain(other)  # no desk tables are written into another program's file
    assert sha256(other) == before


@pytest.mark.parametrize("make", ["empty file", "sqlite without tables"])
def test_a_blank_file_is_a_new_database(tmp_path, make):
    path = tmp_path / "new.sqlite3"
    if make == "empty file":
        path.write_bytes(b"")
    else:  # what a first start that stopped before its migrations leaves
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE t (x)")
        conn.execute("DROP TABLE t")
        conn.commit()
        conn.close()
    assert check(path).blank
    db = open_or_explain(path)
    db.close()
    assert check(path).ok


# ---------------------------------------------------------------------------------------------- damage


@pytest.mark.parametrize("damage", DAMAGE, ids=str)
def test_a_damaged_database_is_reported_named_with_its_backup_and_left_unchanged(backed_up_path, damage):
    db_path, good = backed_up_path
    make_damage, said = DAMAGE[damage]
    make_damage(db_path)
    before = files(db_path.parent)

    report = check(db_path)
    assert not report.ok
    assert said in " ".join(report.problems)

    with pytest.raises(DamagedDatabase) as raised:
        open_or_explain(db_path)
    message = raised.value.render()
    assert "NOT changed" in message
    assert str(good) in message
    assert f"sodesk --db {db_path} restore {good}" in message
    assert raised.value.backup == good
    assert files(db_path.parent) == before  # the damaged bytes, the backups: all exactly as they were


@pytest.mark.parametrize("damage", DAMAGE, ids=str)
def test_the_offered_command_restores_and_keeps_the_damaged_file(backed_up_path, capsys, damage):
    db_path, good = backed_up_path
    DAMAGE[damage][0](db_path)
    damaged = sha256(db_path)
    with pytest.raises(DamagedDatabase) as raised:
        open_or_explain(db_path)

    status, out, err = run(capsys, *shlex.split(raised.value.restore_command)[1:])
    assert (status, err) == (0, "")
    aside = db_path.with_name(db_path.name + ".before-restore-")
    kept = [p for p in db_path.parent.iterdir() if p.name.startswith(aside.name)]
    assert len(kept) == 1 and sha256(kept[0]) == damaged  # kept aside, byte for byte
    assert f"Kept the previous database (damaged) as {kept[0]}" in out
    assert snapshot(db_path) == snapshot(good)
    open_or_explain(db_path).close()


def test_no_good_backup_is_said_plainly(seeded_path):
    truncate_to_half(seeded_path)
    with pytest.raises(DamagedDatabase) as raised:
        open_or_explain(seeded_path)
    assert raised.value.backup is None
    assert "No good backup was found" in raised.value.render()


def test_last_good_backup_skips_a_damaged_newer_one(backed_up_path):
    db_path, good = backed_up_path
    newer = automatic_backup(db_path, now=MORNING)
    truncate_to_half(newer)
    assert automatic_backups(db_path) == [newer, good]
    assert last_good_backup(db_path) == good


# ---------------------------------------------------------------------------------------------- restore


@pytest.mark.parametrize("damage", DAMAGE, ids=str)
def test_restore_from_a_damaged_backup_is_refused_and_changes_nothing(backed_up_path, damage):
    db_path, good = backed_up_path
    DAMAGE[damage][0](good)
    before = files(db_path.parent)
    with pytest.raises(InputProblem) as raised:
        restore_from(good, db_path)
    assert "nothing was restored and nothing was changed" in raised.value.render()
    assert files(db_path.parent) == before


def test_restore_keeps_the_old_database_aside(backed_up_path):
    db_path, good = backed_up_path
    db = open_db(db_path)
    db["settings"].insert({"key": "after-backup", "value": "1"})
    db.close()
    old = snapshot(db_path)

    report = restore_from(good, db_path, now=MORNING)
    assert report.kept_aside == db_path.with_name("sodesk.sqlite3.before-restore-20260302-090000")
    assert snapshot(report.kept_aside) == old
    assert report.previous_problems == []
    assert snapshot(db_path) == snapshot(good)

    again = restore_from(good, db_path, now=MORNING)  # same second: a new name, never a replacement
    assert again.kept_aside.name == "sodesk.sqlite3.before-restore-20260302-090000-2"
    assert report.kept_aside.exists()


def crash_copy(db_path: Path, folder: Path) -> Path:
    """A copy of the database as a desk that stopped mid-way leaves it: a committed change only in -wal."""
    folder.mkdir()
    live = open_db(db_path)
    live["settings"].insert({"key": "only-in-wal", "value": "1"})
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(db_path.with_name(db_path.name + suffix), folder / f"sodesk.sqlite3{suffix}")
    live.close()
    return folder / "sodesk.sqlite3"


def test_restore_over_a_crashed_database_keeps_its_last_change_and_never_replays_it(backed_up_path, tmp_path):
    db_path, good = backed_up_path
    target = crash_copy(db_path, tmp_path / "crashed")
    report = restore_from(good, target, now=MORNING)
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "sodesk.sqlite3",
        "sodesk.sqlite3.before-restore-20260302-090000",  # its -wal was checkpointed into it first
    ]
    assert ("only-in-wal", "1") in snapshot(report.kept_aside)["settings"]
    assert snapshot(target) == snapshot(good)


def test_restore_over_a_damaged_database_moves_its_wal_with_it_untouched(backed_up_path, tmp_path):
    db_path, good = backed_up_path
    target = crash_copy(db_path, tmp_path / "crashed")
    truncate_to_half(target)
    assert not check(target).ok
    damaged = {name: sha256(target.with_name(target.name + name)) for name in ("", "-wal")}

    restore_from(good, target, now=MORNING)
    aside = target.with_name("sodesk.sqlite3.before-restore-20260302-090000")
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "sodesk.sqlite3",
        aside.name,
        aside.name + "-wal",  # beside its own file, never beside the restored one
    ]
    assert {name: sha256(aside.with_name(aside.name + name)) for name in ("", "-wal")} == damaged
    assert snapshot(target) == snapshot(good)


def test_restore_refuses_while_the_database_is_open(backed_up_path):
    db_path, good = backed_up_path
    db = open_db(db_path)
    try:
        db.execute("SELECT count(*) FROM providers").fetchone()
        before = files(db_path.parent)
        with pytest.raises(InputProblem, match="open in another program"):
            restore_from(good, db_path)
        assert files(db_path.parent) == before
    finally:
        db.close()


# ---------------------------------------------------------------------------------------------- automatic


def test_automatic_backups_at_most_daily_keeping_the_last_n(seeded_path):
    folder = backup_folder(seeded_path)
    assert folder == seeded_path.parent / "backups"
    first = automatic_backup(seeded_path, keep=3, now=MORNING)
    assert first == folder / "sodesk-20260302-090000.sqlite3"
    assert automatic_backup(seeded_path, keep=3, now=MORNING + timedelta(hours=23)) is None
    made = [first]
    for day in range(1, 5):
        made.append(automatic_backup(seeded_path, keep=3, now=MORNING + timedelta(days=day)))
    assert automatic_backups(seeded_path) == made[::-1][:3]
    assert all(check(path).ok for path in made[-3:])


def test_automatic_backups_never_delete_other_files(seeded_path):
    folder = backup_folder(seeded_path)
    folder.mkdir()
    others = [
        "notes.txt",
        "sodesk-manual.sqlite3",
        "sodesk-20241399-000000.sqlite3",  # no such date: not one of ours
        "sodesk-20200101-000000.sqlite3.bak",
        ".sodesk-20200101-000000.sqlite3.1234abcd.partial",
    ]
    for name in others:
        (folder / name).write_text("x")
    for day in range(4):
        automatic_backup(seeded_path, keep=1, now=MORNING + timedelta(days=day))
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([*others, "sodesk-20260305-090000.sqlite3"])


def test_a_backup_dated_in_the_future_does_not_stop_new_ones(seeded_path):
    automatic_backup(seeded_path, now=MORNING + timedelta(days=365))  # the clock was a year ahead
    assert automatic_backup(seeded_path, now=MORNING) is not None


def test_no_database_no_automatic_backup(tmp_path):
    assert automatic_backup(tmp_path / "missing.sqlite3", now=MORNING) is None
    assert not (tmp_path / "backups").exists()


# ---------------------------------------------------------------------------------------------- CLI


def test_cli_backup_prints_the_path(seeded_path, tmp_path, capsys):
    target = tmp_path / "copy.sqlite3"
    assert run(capsys, "--db", str(seeded_path), "backup", str(target)) == (0, f"{target}\n", "")
    assert snapshot(target) == snapshot(seeded_path)

    status, out, err = run(capsys, "--db", str(seeded_path), "backup", str(target))
    assert (status, out) == (2, "")
    assert "already exists" in err


def test_cli_backup_that_cannot_be_written_exits_1(seeded_path, tmp_path, capsys, monkeypatch):
    def disk_full(path):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(backup_module, "_fsync_file", disk_full)
    status, out, err = run(capsys, "--db", str(seeded_path), "backup", str(tmp_path / "copy.sqlite3"))
    assert (status, out) == (1, "")
    assert "No space left on device" in err


def test_cli_check_ok_and_damaged(backed_up_path, capsys):
    db_path, good = backed_up_path
    assert run(capsys, "--db", str(db_path), "check") == (0, "ok\n", "")
    truncate_to_half(db_path)
    status, out, err = run(capsys, "--db", str(db_path), "check")
    assert (status, err) == (1, "")
    assert out.startswith(f"{db_path}: the file is cut short")
    assert f"sodesk --db {db_path} restore {good}" in out


def test_cli_check_without_a_database_is_bad_input(tmp_path, capsys):
    status, out, err = run(capsys, "--db", str(tmp_path / "missing.sqlite3"), "check")
    assert (status, out) == (2, "")
    assert "there is no database here" in err
    assert not (tmp_path / "missing.sqlite3").exists()


def test_cli_restore(backed_up_path, capsys):
    db_path, good = backed_up_path
    status, out, err = run(capsys, "--db", str(db_path), "restore", str(good))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Kept the previous database (it passed the check) as ")
    assert lines[1] == f"Restored {good} to {db_path}"


def test_cli_restore_from_a_damaged_backup_is_bad_input(backed_up_path, capsys):
    db_path, good = backed_up_path
    truncate_to_half(good)
    before = files(db_path.parent)
    status, out, err = run(capsys, "--db", str(db_path), "restore", str(good))
    assert (status, out) == (2, "")
    assert "cut short" in err and "nothing was changed" in err
    assert files(db_path.parent) == before


def test_cli_backups_lists_newest_first_with_size_and_check(backed_up_path, capsys):
    db_path, older = backed_up_path
    newer = automatic_backup(db_path, now=MORNING)
    truncate_to_half(newer)
    status, out, err = run(capsys, "--db", str(db_path), "backups")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["Backup", "Made", "Size", "Check"]
    assert lines[2].startswith(str(newer)) and "2026-03-02 09:00" in lines[2] and "damaged: " in lines[2]
    assert lines[3].startswith(str(older)) and lines[3].endswith(" ok") and " KB" in lines[3]


def test_cli_backups_when_there_are_none(seeded_path, capsys):
    status, out, _ = run(capsys, "--db", str(seeded_path), "backups")
    assert (status, out) == (0, f"No automatic backups in {seeded_path.parent / 'backups'} yet.\n")


def test_starting_the_desk_backs_up_once_a_day_keeping_the_setting(tmp_path):
    from app.services.startup import start_database
    from app.storage.settings import SettingsRepository

    db_path = tmp_path / "desk.sqlite3"
    first = start_database(db_path)
    assert first.backup is not None and first.backup.exists() and first.backup_problem is None
    assert start_database(db_path).backup is None, "at most daily"
    assert first.backup.parent == tmp_path / "backups"


def test_the_backup_count_comes_from_the_settings(tmp_path, monkeypatch):
    from app.services import startup
    from app.storage.settings import SettingsRepository

    db_path = tmp_path / "desk.sqlite3"
    SettingsRepository(open_db(db_path)).update(backup_keep=3)
    seen = {}
    monkeypatch.setattr(backup_module, "automatic_backup", lambda path, keep: seen.setdefault("keep", keep))
    startup.start_database(db_path)
    assert seen == {"keep": 3}


def test_starting_on_a_damaged_database_names_the_last_good_backup_and_changes_nothing(tmp_path):
    import hashlib

    from app.services.startup import start_database

    db_path = tmp_path / "desk.sqlite3"
    start_database(db_path)
    data = bytearray(db_path.read_bytes())
    data[4096:8192] = b"\xde\xad" * 2048  # scribble over page 2
    db_path.write_bytes(bytes(data))
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(InputProblem) as raised:
        start_database(db_path)
    assert "restore" in raised.value.render() and "backups" in raised.value.render()
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
