"""Build the services' dependencies once: plan profiles, directory, code sets, calendar."""

from __future__ import annotations

from pathlib import Path

from app.domain.directory import DirectoryView
from app.domain.members import RosterView
from app.services.evaluation import Evaluator


def evaluator_over(directory: DirectoryView, roster: RosterView | None = None) -> Evaluator:
    """`roster`: the member roster the determination checks coverage against (None: no roster)."""
    from app.codes.icd10 import default_code_set
    from app.codes.taxonomy import default_taxonomy
    from app.rules.profiles import default_profiles

    return Evaluator(profiles=default_profiles(), directory=directory, specialties=default_taxonomy(),
                     codes=default_code_set(), roster=roster)


def evaluator_for(target: Path | str | None) -> Evaluator:
    """An Evaluator over the directory of the database at `target` (a file or the office server's URL); a file that
    does not exist yet gives an empty directory (network status then reads 'unknown' for a chosen professional)
    rather than creating a file on a read. A plain file with a directory is only read (app.storage.readonly)."""
    from app.domain.directory import InMemoryDirectory

    if target is None or (isinstance(target, Path) and not target.exists()):
        return evaluator_over(InMemoryDirectory())
    from app.storage.providers import ProviderRepository

    if isinstance(target, Path):
        from app.storage.readonly import open_read_only

        readable = open_read_only(target)  # reading needs neither sqlite-utils nor the migrations (issue 15)
        if readable is not None:
            return evaluator_over(ProviderRepository(readable))
    from app.storage.store import open_store

    return evaluator_over(ProviderRepository(open_store(target)))


def plan_profiles():
    """The plan profiles the desk ships (resources/plans), read once."""
    from app.rules.profiles import default_profiles

    return default_profiles()
