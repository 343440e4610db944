"""Every released schema has a real database file in tests/fixtures/db, and each still opens and upgrades."""

import shutil
from pathlib import Path

import pytest

from app.domain.cases import Status
from app.storage.cases import CaseFilter, CaseRepository
from app.storage.db import MIGRATIONS, open_db
from app.storage.settings import SettingsRepository
from app.storage.providers import ProviderRepository

def version(path: Path) -> int:
    """schema-v11.sqlite3 -> 11 (the names do not sort by their number)."""
    return int(path.stem.removeprefix("schema-v"))


FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "db").glob("schema-v*.sqlite3"), key=version)


def test_there_is_a_fixture_for_the_current_schema():
    assert f"schema-v{len(MIGRATIONS)}.sqlite3" in {path.name for path in FIXTURES}


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.name)
def test_each_released_schema_opens_upgrades_and_keeps_its_rows(fixture, tmp_path):
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    db = open_db(copy)
    applied = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY applied_at, name")]
    assert sorted(applied) == sorted(migration.__name__ for migration in MIGRATIONS)
    repository = ProviderRepository(db)
    assert repository.count() >= 12
    assert repository.search("nguy")  # the Vietnamese name in the fixture CSV is still found
    if version(fixture) >= 2:  # requests from v2, settings from v3
        cases = CaseRepository(db)
        found = cases.find(CaseFilter(), limit=1000)
        assert found, "the fixture's requests are still there"
        # The search index (m007) holds the rows written before it: the members are found by a part of a name.
        named = cases.find(CaseFilter(text="testc"), limit=1000)
        assert named and {case.id for case in named} <= {case.id for case in found}
        assert all("Testcase" in case.request.member.last_name for case in named if case.request)
        for case in found:  # every stored row still reads back through today's models
            history = cases.get(case.id).history
            assert history and history[0].to_status in (Status.submitted, Status.draft)
        assert SettingsRepository(db).load().default_county == "San Joaquin"
    if version(fixture) >= 6:  # printed letters (m004), export batches (m005), users and audit (m006)
        from app.storage.audit import AuditLog
        from app.storage.exports import ExportRepository
        from app.storage.letters import LetterRepository
        from app.storage.users import UserRepository

        urgent = next(case for case in CaseRepository(db).find(CaseFilter(), limit=100)
                      if case.request and case.request.urgent)
        assert [letter.kind for letter in LetterRepository(db).for_request(urgent.id)] == ["referral"]
        sent = [ExportRepository(db).sent(case.id) for case in CaseRepository(db).find(CaseFilter(), limit=100)]
        assert sum(len(batches) for batches in sent) == 1
        assert [user.username for user in UserRepository(db).all()] == ["admin"]
        assert AuditLog(db).verify().ok
    if version(fixture) >= 8:  # the member roster (m008)
        from app.storage.members import MemberRepository

        roster = MemberRepository(db)
        assert roster.count() == 3 and roster.rostered_plans() == ["caloptima-medi-cal", "hpsj-medi-cal"]
        assert roster.find("SM00000001")[0].plan == "hpsj-medi-cal"
        cins = {member.cin for member in roster.find("SM00000001") + roster.find("SM00000002")}
        assert cins == ({None, "91234567A"} if version(fixture) >= 11 else {None})  # the CIN came with m011


@pytest.mark.parametrize("fixture", [path for path in FIXTURES if version(path) >= 6], ids=lambda path: path.name)
def test_a_batch_an_earlier_release_sent_is_written_again_byte_for_byte(fixture, tmp_path):
    """Today's writers give the files each release sent (format 1, no sender id, before schema 9), checked
    against the manifest that release recorded (a mismatch would refuse and write nothing)."""
    from tests.support.desks import build_desk

    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    desk = build_desk(copy)
    desk.session = desk.auth.sign_in("admin", "fixture-password-1")  # tests/fixtures/db/make_fixture.py
    exports = desk.exports(with_pdfs=False)
    again = exports.rewrite(1, tmp_path / "again")
    assert again.manifest_sha256 == exports.batch(1).batch.manifest_sha256
    # The sender id and the format-2 columns came with m009, the recorded format 3 (payer id, CIN) with m010-m011.
    sent_in = 1 if version(fixture) < 9 else 2 if version(fixture) < 11 else 3
    assert f'"export_format_version": {sent_in}' in (again.path / "manifest.json").read_text(encoding="utf-8")


def test_a_desk_whose_early_m002_had_no_settings_table_is_upgraded(tmp_path):
    """Some desks ran m002 before the settings table and the worklist index moved into m003."""
    path = tmp_path / "early.sqlite3"
    db = open_db(path)
    db.execute("DROP TABLE settings")
    db.execute("DROP INDEX requests_worklist")
    db.execute("CREATE INDEX requests_by_next_due ON requests (next_due) WHERE next_due IS NOT NULL")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_worklist_and_settings'")
    db.close()
    db = open_db(path)
    assert SettingsRepository(db).load().report_due_days == 30
    indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "requests_worklist" in indexes and "requests_by_next_due" not in indexes
