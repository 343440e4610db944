"""The referral letters of an export batch: each request's letter from its snapshot as sent (the professional and
the practice recorded with the batch, the day the request reached its status), so a batch written again holds
the same PDFs; rendered in worker processes when the batch is large (a letter is ~10-20 ms of reportlab).

Workers are started with "spawn" (safe beside the desk's threads and Qt) and build letters without a database:
profiles, letter texts and ICD-10 descriptions are read from the resources, everything else travels with the
submission. Their start (imports, fonts: about 0.7 s of a core each) is paid once: they are kept between
batches and stopped when unused for IDLE_SECONDS, so a desk's next batch of letters renders from its first
request (issue 15: 1,000 letters within 1.3x of the renderer alone divided by the cores).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from datetime import date

from app.domain.cases import Case
from app.domain.models import Provider
from app.exports.batch import BatchHeader, Practice, Submission

PARALLEL_FROM = 48  # requests: below this the workers' start (about a second) costs more than it saves
CHUNK = 8
IDLE_SECONDS = 300.0  # the kept workers (about 100 MB each) are stopped after this long without a batch


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
        with WORKERS.pool(self.workers) as pool:
            yield from pool.map(_render, jobs, chunksize=CHUNK)


class KeptWorkers:
    """The renderer's worker processes, kept from one batch to the next. A pool is made on first use, stopped
    `idle_seconds` after the last batch that used it ended (a batch in progress is never cut short), and dropped
    when it broke (a worker killed), so the next batch starts a new one."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self.lock = threading.Lock()
        self.pools: dict[int, ProcessPoolExecutor] = {}
        self.busy = 0
        self.timer: threading.Timer | None = None

    @contextmanager
    def pool(self, workers: int) -> Iterator[ProcessPoolExecutor]:
        with self.lock:
            self.busy += 1
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            pool = self.pools.get(workers)
            if pool is None:
                pool = self.pools[workers] = ProcessPoolExecutor(
                    max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start)
        try:
            yield pool
        except BrokenProcessPool:
            with self.lock:
                if self.pools.get(workers) is pool:
                    del self.pools[workers]
            raise
        finally:
            with self.lock:
                self.busy -= 1
                if not self.busy and self.pools:
                    self.timer = threading.Timer(self.idle_seconds, self.stop, kwargs={"when_idle": True})
                    self.timer.daemon = True
                    self.timer.start()

    def running(self) -> int:
        """How many pools are kept (each of up to its `workers` processes)."""
        with self.lock:
            return len(self.pools)

    def stop(self, *, when_idle: bool = False) -> None:
        """Stop the kept workers (`when_idle`: only if no batch is using them, as the idle timer does)."""
        with self.lock:
            if when_idle and self.busy:
                return
            pools, self.pools = list(self.pools.values()), {}
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
        for pool in pools:
            pool.shutdown(wait=not when_idle, cancel_futures=True)


WORKERS = KeptWorkers()


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
