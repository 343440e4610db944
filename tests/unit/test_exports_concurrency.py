"""Two desks exporting to the same plan at once never send a request twice: recording a batch claims its
requests (app.storage.exports.ExportRepository.claim), desks taking turns, and the desk that comes second is
refused with the requests and the batch that has them, recording nothing. Threads and processes, both engines."""

from __future__ import annotations

import multiprocessing
import threading
import time
from datetime import datetime

import pytest

from app.domain.cases import Case, Clocks, Status
from app.domain.time import LOS_ANGELES
from app.storage.cases import CaseRepository
from app.storage.exports import AlreadySent, BatchRefused, ExportRepository, StoredBatch, snapshot_json
from app.storage.store import open_store
from tests.factories import make_request

PLAN = "caloptima-medi-cal"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=LOS_ANGELES)
HOLD_S = 0.6  # how long the first desk keeps its batch uncommitted while the second tries to record


def add_awaiting(store, determine, count: int, first_member: int) -> list[int]:
    """`count` submitted requests of PLAN waiting for the plan's authorization decision."""
    repository = CaseRepository(store)
    ids = []
    for serial in range(first_member, first_member + count):
        member = {"member_id": f"TST{serial:06d}", "last_name": "Testcase", "first_name": f"Member{serial}"}
        determination = determine(PLAN, member=member)
        assert determination.authorization_required
        case = Case(id=0, version=1, status=Status.pending_authorization, request=make_request(member=member),
                    determination=determination, clocks=Clocks(decision_due=determination.decision_due),
                    created_at=NOW, updated_at=NOW)
        ids.append(repository.create(case, who="clerk.one").id)
    return ids


def desk_batch(exports: ExportRepository, batch_id: int | None, who: str) -> tuple[StoredBatch, list]:
    """What a desk's export records: the requests it chose, each as it stands, under the next batch number."""
    cases = exports.snapshots(exports.awaiting_ids(PLAN))
    batch_id = batch_id if batch_id is not None else exports.next_id()
    batch = StoredBatch(id=batch_id, plan=PLAN, plan_name="CalOptima Health Medi-Cal", practice={}, created_at=NOW,
                        who=who, request_count=len(cases), with_pdfs=False, manifest_sha256="0" * 64)
    return batch, [(line, case.id, snapshot_json(case, None)) for line, case in enumerate(cases, start=1)]


def recorded_items(store) -> list[tuple[int, int]]:
    return [tuple(row) for row in store.execute("SELECT request_id, batch_id FROM export_items ORDER BY request_id")]


def run_desk(target, batch_id, who, ready, go, hold: float = 0.0, chosen=None) -> tuple:
    """One desk: choose (then set `chosen`), wait for `go`, record, set `ready` and keep the transaction open
    `hold` seconds more."""
    store = open_store(target)
    try:
        exports = ExportRepository(store)
        batch, items = desk_batch(exports, batch_id, who)
        if chosen is not None:
            chosen.set()
        go.wait()
        try:
            with store.atomic():
                exports.claim(batch, items)
                if ready is not None:
                    ready.set()
                time.sleep(hold)
        except BatchRefused as refused:
            return ("refused", type(refused).__name__, str(refused), sorted(i[1] for i in items))
        return ("recorded", batch.id, sorted(i[1] for i in items))
    finally:
        store.close()


# --- threads ---------------------------------------------------------------------------------------------------

def in_threads(*desks) -> list[tuple]:
    results: list = [None] * len(desks)

    def work(index, kwargs):
        try:
            results[index] = run_desk(**kwargs)
        except Exception as error:  # noqa: BLE001  (reported to the test, which fails naming it)
            results[index] = ("error", repr(error))

    threads = [threading.Thread(target=work, args=(index, kwargs)) for index, kwargs in enumerate(desks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_a_desk_recording_while_another_holds_its_batch_waits_then_is_refused_threads(db_target, determine):
    store = open_store(db_target)
    ids = add_awaiting(store, determine, 3, first_member=1)
    first_go, first_recorded, second_chosen, second_go = (threading.Event() for _ in range(4))
    results: dict = {}

    def first():
        results["first"] = run_desk(db_target, 1, "desk.one", first_recorded, first_go, hold=HOLD_S)

    def second():
        results["second"] = run_desk(db_target, 2, "desk.two", None, second_go, chosen=second_chosen)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    assert second_chosen.wait(30)  # desk two chose the same requests
    first_go.set()
    assert first_recorded.wait(30)  # desk one has recorded its batch and not committed yet
    second_go.set()
    for thread in threads:
        thread.join(timeout=60)
    assert results["first"] == ("recorded", 1, ids)
    kind, name, message, chose = results["second"]
    assert (kind, name, chose) == ("refused", AlreadySent.__name__, ids)
    assert f"#{ids[0]} (batch 1)" in message and "export again" in message
    assert recorded_items(store) == [(rid, 1) for rid in ids]
    store.close()


@pytest.mark.parametrize("numbering", ["next number", "own numbers"])
def test_two_desks_exporting_at_once_never_record_a_request_twice_threads(db_target, determine, numbering):
    store = open_store(db_target)
    for round_ in range(4):
        ids = add_awaiting(store, determine, 3, first_member=10 * round_ + 1)
        go = threading.Barrier(2)
        numbers = (None, None) if numbering == "next number" else (100 + 2 * round_, 101 + 2 * round_)
        results = in_threads(*({"target": db_target, "batch_id": numbers[n], "who": f"desk.{n}", "ready": None,
                                "go": go} for n in range(2)))
        assert sorted(result[0] for result in results) == ["recorded", "refused"], results
        winner = next(result for result in results if result[0] == "recorded")
        loser = next(result for result in results if result[0] == "refused")
        assert winner[2] == ids and "export again" in loser[2]
        if numbering == "own numbers":
            assert loser[1] == AlreadySent.__name__
        items = [item for item in recorded_items(store) if item[0] in ids]
        assert items == [(rid, winner[1]) for rid in ids]  # each once, in the winner's batch
    store.close()


# --- processes -------------------------------------------------------------------------------------------------

def desk_process(target, batch_id, who, ready, go, hold, results, chosen=None) -> None:
    try:
        results.put((who, run_desk(target, batch_id, who, ready, go, hold, chosen)))
    except Exception as error:  # noqa: BLE001  (reported to the test, which fails naming it)
        results.put((who, ("error", repr(error))))


def test_a_desk_recording_while_another_holds_its_batch_waits_then_is_refused_processes(db_target, determine):
    store = open_store(db_target)
    ids = add_awaiting(store, determine, 3, first_member=1)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    first_go, first_recorded, second_chosen, second_go = (context.Event() for _ in range(4))
    first = context.Process(target=desk_process,
                            args=(str(db_target), 1, "desk.one", first_recorded, first_go, HOLD_S, results))
    second = context.Process(target=desk_process,
                             args=(str(db_target), 2, "desk.two", None, second_go, 0.0, results, second_chosen))
    first.start()
    second.start()
    assert second_chosen.wait(60)  # desk two chose the same requests
    first_go.set()
    assert first_recorded.wait(60)  # desk one has recorded its batch and not committed yet
    second_go.set()
    outcome = dict(results.get(timeout=60) for _ in range(2))
    for process in (first, second):
        process.join(timeout=60)
        assert process.exitcode == 0
    assert outcome["desk.one"] == ("recorded", 1, ids)
    kind, name, message, chose = outcome["desk.two"]
    assert (kind, name, chose) == ("refused", AlreadySent.__name__, ids)
    assert f"#{ids[-1]} (batch 1)" in message
    assert recorded_items(store) == [(rid, 1) for rid in ids]
    store.close()


def test_two_desks_exporting_at_once_never_record_a_request_twice_processes(db_target, determine):
    store = open_store(db_target)
    ids = add_awaiting(store, determine, 5, first_member=1)
    context = multiprocessing.get_context("spawn")  # a fresh interpreter per desk, as on two computers
    results = context.Queue()
    go = context.Barrier(2)  # both have chosen the same requests and the same next number: record at once
    desks = [context.Process(target=desk_process, args=(str(db_target), None, f"desk.{n}", None, go, 0.0, results))
             for n in range(2)]
    for process in desks:
        process.start()
    outcome = dict(results.get(timeout=60) for _ in range(2))
    for process in desks:
        process.join(timeout=60)
        assert process.exitcode == 0
    kinds = sorted(result[0] for result in outcome.values())
    assert kinds == ["recorded", "refused"], outcome
    winner = next(result for result in outcome.values() if result[0] == "recorded")
    assert winner[2] == ids
    assert recorded_items(store) == [(rid, winner[1]) for rid in ids]
    store.close()


def test_sqlite_refuses_a_claim_whose_deferred_transaction_read_before_another_desks_commit(tmp_path, determine):
    """A bare sqlite-utils Database begins its transactions deferred: one that read before another desk
    committed may not write. The claim says so in the clerk's words, and records nothing."""
    from app.storage.db import open_db
    from app.storage.exports import DatabaseBusy

    target = tmp_path / "desk.sqlite3"
    this_desk, other_desk = open_db(target), open_store(target)
    ids = add_awaiting(other_desk, determine, 2, first_member=1)
    exports = ExportRepository(this_desk)
    batch, items = desk_batch(exports, 1, "desk.one")
    with pytest.raises(DatabaseBusy, match="another desk was saving at the same moment; batch 1 was not recorded"):
        with this_desk.atomic():
            assert exports.exported(ids, PLAN) == set()  # read: this transaction's snapshot starts here
            other_batch, other_items = desk_batch(ExportRepository(other_desk), 7, "desk.two")
            ExportRepository(other_desk).claim(other_batch, other_items)
            exports.claim(batch, items)
    assert recorded_items(other_desk) == [(rid, 7) for rid in ids]
    this_desk.close()
    other_desk.close()
