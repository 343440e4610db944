"""Build the services' dependencies once: plan profiles, directory, code sets, calendar."""

from __future__ import annotations

from pathlib import Path

from app.domain.directory import DirectoryView
from app.services.evaluation import Evaluator


def evaluator_over(directory: DirectoryView) -> Evaluator:
    from app.codes.icd10 import default_code_set
    from app.codes.taxonomy import default_taxonomy
    from app.rules.profiles import default_profiles

    return Evaluator(profiles=default_profiles(), directory=directory, specialties=default_taxonomy(),
                     codes=default_code_set())


def evaluator_for(db_path: Path | None) -> Evaluator:
    """An Evaluator over the database's directory; a database that does not exist yet gives an empty directory
    (network status then reads 'unknown' for a chosen professional) rather than creating a file on a read."""
    from app.domain.directory import InMemoryDirectory

    if db_path is None or not db_path.exists():
        return evaluator_over(InMemoryDirectory())
    from app.storage.db import open_db
    from app.storage.providers import ProviderRepository

    return evaluator_over(ProviderRepository(open_db(db_path)))


def case_service_for(db_path: Path, *, session=None):
    """The case file on the database at `db_path` (created and migrated when new), with its evaluator, acting for
    `session` (app.services.security.Session; None: allowed only while the database has no users)."""
    from app.services.cases import CaseService
    from app.storage.cases import CaseRepository
    from app.storage.db import open_db
    from app.storage.providers import ProviderRepository

    from app.storage.settings import SettingsRepository

    db = open_db(db_path)
    settings = SettingsRepository(db).load()
    return CaseService(CaseRepository(db), evaluator_over(ProviderRepository(db)),
                       report_due_days=settings.report_due_days, session=session)
