"""The referral letters inside an export batch (app.services.referrals): rendered from the batch's snapshots, so a
batch written again holds the very PDFs that were sent, also after the directory and the letterhead changed; and
the same bytes whether rendered in process or by worker processes, which are kept from one batch to the next until
they have been idle a while."""

from __future__ import annotations

import hashlib
import os
import signal
import time
from concurrent.futures.process import BrokenProcessPool

import pytest
from pypdf import PdfReader

from app.services.exports import referral_pdf_renderer
from app.services.letters import LetterService, letters_folder_for
from app.services.referrals import KeptWorkers, ReferralRenderer
from app.storage.letters import LetterRepository
from app.storage.settings import SettingsRepository
from tests.factories import ORTHO_HAKOBYAN
from tests.support.exports import exporting_desk, submit_three

PLAN = "caloptima-medi-cal"


def renderer_for(path, exports, **options) -> ReferralRenderer:
    db = exports.cases.repository.db
    letters = LetterService(exports.cases.repository, LetterRepository(db), letters_folder_for(path),
                            settings=SettingsRepository(db).load(), profiles=exports.profiles,
                            directory=exports.directory)
    return ReferralRenderer(letters, **options)


def pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def digests(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((folder / "letters").iterdir())}


def test_a_rewritten_batch_holds_the_letters_as_sent_after_the_directory_and_letterhead_changed(tmp_path):
    path = tmp_path / "desk.sqlite3"
    cases, exports = exporting_desk(path, pdf_for=None)
    submit_three(cases)
    exports.pdf_for = renderer_for(path, exports)
    sent = exports.export(PLAN, tmp_path / "sent")
    letter = sent.path / "letters" / "1-referral.pdf"
    assert "Valley Family Practice" in pdf_text(letter) and "Հակոբյան" in pdf_text(letter)
    # The professional moves and the practice renames itself: the letters as sent do not change.
    moved = exports.directory.get(ORTHO_HAKOBYAN).model_copy(update={"last_name": "Movedaway", "city": "Fresno"})
    exports.directory.upsert_many([moved])
    SettingsRepository(exports.cases.repository.db).update(practice_name="Renamed Clinic")
    exports.pdf_for = renderer_for(path, exports)
    again = exports.rewrite(sent.batch_id, tmp_path / "again")
    assert digests(again.path) == digests(sent.path)
    assert again.manifest_sha256 == sent.manifest_sha256


def test_worker_processes_render_the_same_bytes_as_in_process(tmp_path):
    path = tmp_path / "desk.sqlite3"
    cases, exports = exporting_desk(path, pdf_for=None)
    submit_three(cases)
    exports.pdf_for = renderer_for(path, exports, workers=1)
    alone = exports.export(PLAN, tmp_path / "alone")
    exports.pdf_for = renderer_for(path, exports, workers=2, parallel_from=1)
    parallel = exports.export(PLAN, tmp_path / "parallel", again=True)
    assert digests(parallel.path) == digests(alone.path) and len(digests(alone.path)) == 2


def test_the_service_wires_the_referral_renderer(tmp_path):
    path = tmp_path / "desk.sqlite3"
    _cases, exports = exporting_desk(path, pdf_for=None)
    assert isinstance(referral_pdf_renderer(renderer_for(path, exports).letters), ReferralRenderer)


# --- the kept worker processes -----------------------------------------------------------------------------


def _pid_of(pool) -> int:
    return pool.submit(os.getpid).result(timeout=60)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_next_batch_is_rendered_by_the_workers_the_last_one_started():
    kept = KeptWorkers(idle_seconds=60)
    try:
        with kept.pool(1) as pool:
            first = _pid_of(pool)
        with kept.pool(1) as pool:
            assert _pid_of(pool) == first
        assert kept.running() == 1
    finally:
        kept.stop()
    assert kept.running() == 0 and _gone(first)


def test_workers_unused_for_the_idle_time_are_stopped_and_the_next_batch_starts_new_ones():
    kept = KeptWorkers(idle_seconds=0.2)
    try:
        with kept.pool(1) as pool:
            first = _pid_of(pool)
        deadline = time.monotonic() + 30
        while not (kept.running() == 0 and _gone(first)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert kept.running() == 0 and _gone(first)
        with kept.pool(1) as pool:
            assert _pid_of(pool) != first
    finally:
        kept.stop()


def test_a_batch_in_progress_is_not_cut_short_by_the_idle_time():
    kept = KeptWorkers(idle_seconds=0.1)
    try:
        with kept.pool(1) as pool:
            first = _pid_of(pool)
            with kept.pool(1):  # another batch starts and ends meanwhile: the first is still rendering
                pass
            time.sleep(0.5)
            assert _pid_of(pool) == first
    finally:
        kept.stop()


def test_a_pool_whose_worker_was_killed_is_replaced_by_the_next_batch():
    kept = KeptWorkers(idle_seconds=60)
    try:
        with pytest.raises(BrokenProcessPool):
            with kept.pool(1) as pool:
                first = _pid_of(pool)
                os.kill(first, signal.SIGKILL)
                pool.submit(os.getpid).result(timeout=60)
        assert kept.running() == 0
        with kept.pool(1) as pool:
            assert _pid_of(pool) != first
    finally:
        kept.stop()
