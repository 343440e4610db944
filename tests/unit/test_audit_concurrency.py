"""The audit chain holds with many writers: separate processes (desks), each with its own store on the same
database, append at the same moment; the chain verifies, the ids have no gap and no writer loses a record. On
SQLite the file's write lock makes them take turns; on PostgreSQL the advisory lock does (app.storage.audit)."""

import multiprocessing
import time

from app.storage.audit import AuditLog
from app.storage.store import open_store

WRITERS = 8
RECORDS_EACH = 250
TIMEOUT_S = 120


def _append(target, writer: int, ready) -> None:
    """One desk: its own process and store, appending RECORDS_EACH records once every desk is ready."""
    store = open_store(target)
    log = AuditLog(store)
    ready.wait()
    for n in range(RECORDS_EACH):
        log.record(f"desk{writer}", "append", request_id=writer, detail=f"n={n}")
    store.close()


def _run_writers(target) -> float:
    context = multiprocessing.get_context("spawn")  # no fork of pytest's state (threads, open connections)
    ready = context.Barrier(WRITERS + 1, timeout=TIMEOUT_S)  # every desk has opened its store, and this test
    desks = [context.Process(target=_append, args=(target, writer, ready), name=f"desk{writer}")
             for writer in range(WRITERS)]
    for desk in desks:
        desk.start()
    ready.wait()
    began = time.perf_counter()
    for desk in desks:
        desk.join(TIMEOUT_S)
    elapsed = time.perf_counter() - began
    for desk in desks:
        if desk.is_alive():
            desk.kill()
    assert [desk.exitcode for desk in desks] == [0] * WRITERS, "a desk failed: its traceback is in stderr"
    return elapsed


def _tamper_row(store, row_id: int) -> None:
    """What the server's superuser (or someone with the file and a SQLite shell) could do."""
    with store.atomic():
        if store.dialect == "postgresql":
            store.execute("ALTER TABLE audit DISABLE TRIGGER audit_no_change")
        else:
            store.execute("DROP TRIGGER audit_no_update")
        store.execute("UPDATE audit SET detail = 'n=-1' WHERE id = ?", [row_id])


def test_many_desks_appending_at_once_keep_one_unbroken_chain(db_target):
    open_store(db_target).close()  # created and migrated before the desks start
    elapsed = _run_writers(db_target)

    store = open_store(db_target)
    log = AuditLog(store)
    total = WRITERS * RECORDS_EACH
    result = log.verify()
    assert (result.ok, result.rows, result.problem) == (True, total, None)
    entries = log.entries()
    assert [e.id for e in entries] == list(range(1, total + 1))
    for writer in range(WRITERS):
        # every record of each desk is there once, in the order that desk wrote them
        assert [e.detail for e in entries if e.user == f"desk{writer}"] == [f"n={n}" for n in range(RECORDS_EACH)]
    assert log.users() == sorted(f"desk{writer}" for writer in range(WRITERS))
    # They wrote at the same time: one after the other would change writer WRITERS - 1 times in all (SQLite lets
    # a writer keep the lock while the others sleep in their busy handler: 13 to 40 changes seen; the server's
    # lock queue takes turns, about 2000).
    switches = sum(1 for before, after in zip(entries, entries[1:]) if before.user != after.user)
    assert switches >= WRITERS, f"the desks wrote one after the other ({switches} changes of writer in {elapsed:.1f} s)"
    print(f"{store.dialect}: {total} records by {WRITERS} processes in {elapsed:.2f} s, {switches} changes of writer")

    _tamper_row(store, 1000)
    result = log.verify()
    assert (result.ok, result.bad_id, result.rows) == (False, 1000, 999)
    assert "edited" in result.problem
    store.close()
