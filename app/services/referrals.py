"""The referral letters of an export batch: each request's letter from its snapshot as sent (the professional and
the practice recorded with the batch, the day the request reached its status), so a batch written again holds
the same PDFs; rendered in worker processes when the batch is large (a letter is ~10-20 ms of reportlab).

Workers are started with "spawn" (safe beside the desk's threads and Qt) and build letters without a database:
profiles, letter texts and ICD-10 descriptions are read from the resources, everything else travels with the
submission.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date

from app.domain.cases import Case
from app.domain.models import Provider
from app.exports.batch import BatchHeader, Practice, Submission

PARALLEL_FROM = 48  # requests: below this the workers' start (about a second) costs more than it saves
CHUNK = 8


def _issued_on(case: Case) -> date:
    return case.updated_at.date()  # the day the request reached the status it was sent in: never today's clock


class ReferralRenderer:
    """`pdf_for` of ExportService. Called with a case it renders from the live directory and settings (the
    simple form); `for_submissions` renders a batch from its snapshots, in parallel when it is large."""

    def __init__(self, letters, *, workers: int | None = None, parallel_from: int = PARALLEL_FROM) -> None:
        self.letters = letters
        self.workers = workers if workers is not None else max(1, min(4, os.cpu_count() or 1))
        self.parallel_from = parallel_from

    def __call__(self, case: Case) -> bytes:
        from app.letters import LetterKind, render

        return render(self.letters.build(case, LetterKind.referral, today=_issued_on(case)), self.letters.catalog)

    def for_submissions(self, header: BatchHeader, submissions: Sequence[Submission]) -> Iterator[bytes]:
        """Each submission's referral PDF, in order."""
        jobs = [(s.case, s.professional, header.practice) for s in submissions]
        if self.workers < 2 or len(jobs) < self.parallel_from:
            _start(self.letters.profiles, self.letters.catalog)
            yield from (_render(job) for job in jobs)
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=_start) as pool:
            yield from pool.map(_render, jobs, chunksize=CHUNK)


# --- in the worker (or in process for small batches) -------------------------------------------------------

_state: dict = {}


def _start(profiles: Mapping | None = None, catalog=None) -> None:
    if profiles is None:
        from app.rules.profiles import default_profiles

        profiles = default_profiles()
    if catalog is None:
        from app.letters.texts import default_catalog

        catalog = default_catalog()
    _state.update(profiles=profiles, catalog=catalog)


def _describe(code: str) -> str | None:
    codes = _state.get("codes")
    if codes is None:
        from app.codes.icd10 import default_code_set

        codes = _state["codes"] = default_code_set()
    return codes.describe(code)


def _render(job: tuple[Case, Provider | None, Practice]) -> bytes:
    from app.letters import LetterKind, render
    from app.services.letters import compose_letter, letterhead_of, professional_of

    case, provider, practice = job
    letter = compose_letter(
        case, LetterKind.referral, None, _issued_on(case), profiles=_state["profiles"], catalog=_state["catalog"],
        letterhead=letterhead_of(practice.name, practice.address, practice.phone, practice.fax),
        professional=professional_of(case, provider), describe=_describe)
    return render(letter, _state["catalog"])
