"""Settings live in the database and feed the clocks."""

from datetime import date

import pytest

from app.errors import InputProblem
from app.services.desk import Desk
from app.storage.db import open_db
from app.storage.settings import SettingsRepository
from tests.factories import cast, make_request


def test_defaults_then_saved_values(tmp_path):
    repository = SettingsRepository(open_db(tmp_path / "s.sqlite3"))
    assert repository.load().report_due_days == 30 and repository.load().backup_keep == 14
    repository.update(report_due_days=21, default_county="Kern")
    again = SettingsRepository(open_db(tmp_path / "s.sqlite3")).load()
    assert (again.report_due_days, again.default_county) == (21, "Kern")


def test_a_bad_value_is_refused_by_name(tmp_path):
    repository = SettingsRepository(open_db(tmp_path / "s.sqlite3"))
    with pytest.raises(InputProblem, match="report_due_days"):
        repository.update(report_due_days=0)
    assert repository.load().report_due_days == 30


def test_a_damaged_stored_value_falls_back_to_its_default(tmp_path):
    db = open_db(tmp_path / "s.sqlite3")
    db.execute("INSERT INTO settings (key, value) VALUES ('report_due_days', '\"soon\"'), ('backup_keep', '5')")
    loaded = SettingsRepository(db).load()
    assert (loaded.report_due_days, loaded.backup_keep) == (30, 5)


def test_report_due_days_setting_sets_the_report_clock(tmp_path):
    path = tmp_path / "desk.sqlite3"
    from app.storage.providers import ProviderRepository

    db = open_db(path)
    ProviderRepository(db).upsert_many(cast())
    SettingsRepository(db).update(report_due_days=10)
    service = Desk(path).cases
    case = service.submit(make_request(plan="hpsj-medi-cal", requested_provider_npi=cast()[4].npi)).case
    case = service.schedule_consult(case.id, date(2025, 3, 5), cast()[4].npi)
    assert case.clocks.report_due.date() == date(2025, 3, 15)
