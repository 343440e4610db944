"""Many desks on one database: separate processes, each a Desk signed in as its own reviewer, add, decide,
schedule consults and export at once. Nothing is lost, the audit chain stays one unbroken chain, no request goes
out twice, and every refused stale write names the change made at the other desk.

Run on a SQLite file (desks on one PC) and on the PostgreSQL server (desks across the office).
"""

from __future__ import annotations

import json
import multiprocessing
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.cases import Status
from app.services.cases import CaseProblem, Outcome
from app.services.desk import Desk
from app.services.security import Role
from app.storage.cases import CaseFilter
from tests.factories import ORTHO_HAKOBYAN, cast, make_request

WRITERS = 8
OPERATIONS = 250
PASSWORD = "a long shared test password"
PLAN = "caloptima-medi-cal"


def _writer(target: str, number: int, out: str, start) -> None:
    """One desk: its own process, store and session. Records what it did (ids, refusals) as JSON lines."""
    from app.errors import InputProblem

    desk = Desk.open(target)
    user = f"reviewer{number}"
    desk.session = desk.auth.sign_in(user, PASSWORD)
    cases = desk.cases
    rng = random.Random(number)
    done: list[dict] = []
    start.wait()
    for step in range(OPERATIONS):
        roll = rng.random()
        try:
            if roll < 0.4:
                case = cases.submit(make_request(plan=PLAN, requested_provider_npi=ORTHO_HAKOBYAN, member={
                    "member_id": f"TSTD{number}{step:04d}", "last_name": f"Desk{number}"})).case
                done.append({"op": "add", "id": case.id})
            elif roll < 0.7:
                waiting = cases.find(CaseFilter(statuses=(Status.pending_authorization,)), limit=20)
                if not waiting:
                    continue
                seen = rng.choice(waiting)  # what this desk's screen showed
                case = cases.decide(seen.id, Outcome.approved, authorization_number=f"A-{number}-{step}",
                                    expected_version=seen.version)
                done.append({"op": "decide", "id": case.id})
            elif roll < 0.95:
                ready = cases.find(CaseFilter(statuses=(Status.approved,)), limit=20)
                if not ready:
                    continue
                seen = rng.choice(ready)
                case = cases.schedule_consult(seen.id, date(2025, 4, 1) + timedelta(days=step % 20),
                                              ORTHO_HAKOBYAN, expected_version=seen.version)
                done.append({"op": "consult", "id": case.id})
            else:
                result = desk.exports(with_pdfs=False).export(PLAN, Path(out).parent / f"batch-{number}-{step}")
                done.append({"op": "export", "batch": result.batch_id, "count": result.count})
        except CaseProblem as problem:
            done.append({"op": "refused", "message": problem.render()})
        except InputProblem as problem:
            message = problem.render()
            if "export again" in message:  # another desk sent some of the same requests first: nothing recorded
                done.append({"op": "export_refused", "message": message})
            elif "nothing to export" not in message:
                done.append({"op": "error", "message": message})
    Path(out).write_text("\n".join(json.dumps(item) for item in done), encoding="utf-8")


@pytest.mark.slow
def test_eight_desks_at_once_lose_nothing_break_no_chain_and_send_nothing_twice(db_target, tmp_path, monkeypatch,
                                                                                capsys):
    desk = Desk.open(db_target)
    desk.directory.upsert_many(cast())
    admin = desk.auth.create_first_admin("admin", "Ada Admin", PASSWORD)
    for number in range(WRITERS):
        desk.auth.add_user(admin, f"reviewer{number}", f"Reviewer {number}", Role.reviewer, PASSWORD)
    desk.session = admin
    desk.settings.update(practice_name="Valley Family Practice")

    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WRITERS)
    outs = [tmp_path / f"desk-{number}" / "done.jsonl" for number in range(WRITERS)]
    for out in outs:
        out.parent.mkdir()
    workers = [context.Process(target=_writer, args=(str(db_target), number, str(out), start))
               for number, out in enumerate(outs)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert [worker.exitcode for worker in workers] == [0] * WRITERS

    done = {number: [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line]
            for number, out in enumerate(outs)}
    everything = [item for items in done.values() for item in items]
    assert [item for item in everything if item["op"] == "error"] == []

    # No lost update: every request a desk added is there, and every decision and consult a desk was told it
    # made is in that request's history, by that desk's user.
    store = desk.store
    added = sorted(item["id"] for item in everything if item["op"] == "add")
    assert [row[0] for row in store.execute("SELECT id FROM requests ORDER BY id")] == added
    history = {(row[0], row[1], row[2]) for row in store.execute(
        "SELECT request_id, to_status, who FROM request_history")}
    for number, items in done.items():
        for item in items:
            if item["op"] == "decide":
                assert (item["id"], "approved", f"reviewer{number}") in history
            if item["op"] == "consult":
                assert (item["id"], "consult_scheduled", f"reviewer{number}") in history
    decided = [item["id"] for item in everything if item["op"] == "decide"]
    assert len(decided) == len(set(decided))  # one approval each: a second desk's was refused as stale

    # One unbroken audit chain, many writers: as the auditor checks it.
    verified = desk.audit.verify()
    assert verified.ok, verified.problem
    assert verified.rows == store.execute("SELECT count(*) FROM audit").fetchone()[0]
    from app.cli import main

    monkeypatch.setenv("SODESK_PASSWORD", PASSWORD)
    capsys.readouterr()
    assert main(["--db", str(db_target), "--user", "admin", "audit", "verify"]) == 0, capsys.readouterr().err
    # (its own sign-in is one row more)
    assert capsys.readouterr().out.startswith(f"intact: {verified.rows + 1} rows")

    # Nothing sent twice.
    twice = list(store.execute("SELECT request_id FROM export_items GROUP BY request_id HAVING count(*) > 1"))
    assert twice == []
    sent = sum(item["count"] for item in everything if item["op"] == "export")
    assert sent == store.execute("SELECT count(*) FROM export_items").fetchone()[0]

    # Every refused stale write names the other desk's change: who made it, and when.
    refused = [(number, item["message"]) for number, items in done.items() for item in items
               if item["op"] == "refused"]
    assert refused, "with 8 desks on 20 shared requests some writes must meet a newer version"
    for number, message in refused:
        assert "changed at another desk" in message or "was changed by" in message, message
        others = [f"reviewer{other}" for other in range(WRITERS) if other != number]
        assert any(name in message for name in others), message
    assert added and decided and [item for item in everything if item["op"] == "consult"]


def test_a_user_signs_in_at_any_desk_and_a_lockout_holds_at_every_desk(db_target):
    from app.services.security import MAX_FAILED, SignInFailed

    first, second = Desk.open(db_target), Desk.open(db_target)
    admin = first.auth.create_first_admin("admin", "Ada Admin", PASSWORD)
    first.auth.add_user(admin, "reviewer0", "Reviewer Zero", Role.reviewer, PASSWORD)
    second.session = second.auth.sign_in("reviewer0", PASSWORD)  # made at one desk, signed in at another
    assert second.session.role == Role.reviewer
    for _ in range(MAX_FAILED):
        with pytest.raises(SignInFailed):
            first.auth.sign_in("reviewer0", "not the password at all")
    with pytest.raises(SignInFailed, match="locked until"):
        second.auth.sign_in("reviewer0", PASSWORD)  # locked at the first desk: locked here too
