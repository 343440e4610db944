"""Build the services' dependencies once: plan profiles, directory, code sets, calendar."""

from __future__ import annotations

from pathlib import Path

from app.services.evaluation import Evaluator


def evaluator_for(db_path: Path | None) -> Evaluator:
    """An Evaluator over the database's directory; a database that does not exist yet gives an empty directory
    (network status then reads 'unknown' for a chosen professional) rather than creating a file on a read."""
    from app.codes.icd10 import default_code_set
    from app.codes.taxonomy import default_taxonomy
    from app.domain.directory import InMemoryDirectory
    from app.rules.profiles import default_profiles

    directory = InMemoryDirectory()
    if db_path is not None and db_path.exists():
        from app.storage.db import open_db
        from app.storage.providers import ProviderRepository

        directory = ProviderRepository(open_db(db_path))
    return Evaluator(
        profiles=default_profiles(),
        directory=directory,
        specialties=default_taxonomy(),
        codes=default_code_set(),
    )
