"""The case file at scale: worklist, overdue, member and name queries on 1,000,000 requests; size; intake.

Measures, on a database of 1,000,000 requests, the worklist's first page, the overdue filter, the open
requests of one member and a name search, and the database size per request; then inserts 10,000 requests
through the service (evaluate + store) on a fresh database.

    .venv/bin/python benchmarks/bench_cases.py [--requests N] [--service N] [--keep PATH] [--runs N]

Targets (issue 3): worklist first page <= 20 ms, overdue filter (first page and its count) <= 50 ms, open
requests of one member <= 5 ms. Each figure is printed beside a bare baseline measured in the same run on the
same file (a raw sqlite3 primary-key SELECT on `requests`; a raw indexed range query `SELECT id FROM requests
WHERE next_due < ? LIMIT 50`; a raw executemany of as many rows), with the ratio.

How the big database is built. Building 1,000,000 requests one by one through the service would take well over
an hour, so the rows are replicated from real service output: a few hundred varied synthetic requests (every
plan, urgent and routine, specialist and PCP care, in- and out-of-network choices, several requester types)
are evaluated and stored once through `CaseService.submit` over the synthetic directory of
tests.factories.cast(), and walked through the service's own decide / pend / schedule_consult / request_report
/ report_received / close / withdraw methods to every status. Their `requests` and `request_history` rows are
then copied in bulk with raw executemany `INSERT ... SELECT` statements, each copy with its own id, member
(member_id, name; also inside request_json) and with every time column (received_at, the due columns,
created/updated, history times, the consult and report dates, the times inside the JSON) shifted by the same
whole number of weeks, so that weekdays, and with them the business-day deadlines the engine computed, stay
what they were. The copies give a realistic distribution: ids rise with received_at; many members with 1-3
requests each; ~80% finished (closed, denied then closed, withdrawn) and received over the past 2 years; ~20%
open, last touched in the past weeks, their deadlines running from the past weeks (overdue) into the next
weeks (received_at itself cannot lie in the future: the evaluator refuses it). The indexes of the schema are
dropped for the bulk copy and recreated from their own stored SQL afterwards; no ANALYZE is run, so the query
planner sees what it would see on a desk's file.

Measurements are medians of many runs on a warm cache, through the repository as the desk calls it. EXPLAIN
QUERY PLAN is printed for every measured statement (captured from the connection as the repository runs it).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from _common import Row, median_seconds, print_table

from app.devtools.synthetic import FIRST_NAMES, GROUPS, LAST_NAMES
from app.domain.cases import OPEN, Case, Status
from app.domain.models import Request
from app.domain.time import LOS_ANGELES
from app.errors import InputProblem
from app.services.cases import CaseService, Outcome
from app.services.context import evaluator_over
from app.storage.cases import CaseFilter, CaseRepository, search_key
from app.storage.words import request_search_words
from app.storage.db import open_db
from app.storage.providers import ProviderRepository
from tests.factories import (
    ALL_PLANS, CARDIO_DOE, CARDIOLOGY, FAMILY_MEDICINE, HEMATOLOGY_ONCOLOGY, INTERNAL_MEDICINE, ONCO_OON,
    ORTHO_HAKOBYAN, ORTHO_OON_CERTIFIED, ORTHO_OON_UNCERTIFIED, ORTHO_ORTIZ, ORTHO_PENA, ORTHOPAEDIC_SURGERY,
    PCP_CHEN, PCP_NGUYEN, PCP_REYES, UNKNOWN_NPI, cast, request_data,
)  # fmt: skip

WEEK = 7 * 86400
# A Monday: templates are received in the 8 weeks after it; copies move by whole weeks.
TEMPLATE_ANCHOR = datetime(2025, 1, 6, tzinfo=LOS_ANGELES)
UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
S = Status

# (care in question, diagnoses to pick from, professionals the member may ask for: None = let the desk choose)
CARES = (
    ({"from": "specialist", "taxonomy": ORTHOPAEDIC_SURGERY, "npi": ORTHO_ORTIZ, "name": "Sam Ortiz, MD"},
     ["M17.11", "M17.12", "M23.205", "M75.101"], [None, ORTHO_HAKOBYAN, ORTHO_PENA, ORTHO_OON_CERTIFIED,
                                                  ORTHO_OON_UNCERTIFIED]),
    ({"from": "specialist", "taxonomy": CARDIOLOGY, "npi": CARDIO_DOE, "name": "Jane Doe, MD"},
     ["I25.10", "R07.9", "I10"], [None, UNKNOWN_NPI]),
    ({"from": "specialist", "taxonomy": HEMATOLOGY_ONCOLOGY}, ["C50.911"], [None, ONCO_OON]),
    ({"from": "pcp", "taxonomy": FAMILY_MEDICINE, "npi": PCP_REYES, "name": "Ana Reyes, MD"},
     ["E11.9", "I10", "M54.50", "J45.909", "G43.909"], [None, PCP_NGUYEN, PCP_CHEN]),
    ({"from": "pcp", "taxonomy": INTERNAL_MEDICINE, "npi": PCP_NGUYEN, "name": "Minh Nguyễn, MD"},
     ["E11.9", "K21.9", "I10"], [None, PCP_REYES]),
)  # fmt: skip
COUNTIES = ("Orange", "Los Angeles", "San Joaquin", "Sacramento", "Riverside", "Kern", "Fresno", "Alameda")
REASONS = ("surgery_questioned", "diagnosis_or_plan_questioned", "unclear_or_conflicting", "not_improving",
           "concerns_after_following_plan", "conflicting_recommendations")
LANGUAGES = ("English", "Spanish", "Spanish", "Vietnamese", "Chinese", "Tagalog", "Armenian", "Hmong")
CONSULTANTS = (ORTHO_HAKOBYAN, ORTHO_PENA, CARDIO_DOE, PCP_NGUYEN, PCP_CHEN)
OPEN_GOALS = {S.pending_authorization: 4, S.ready_to_schedule: 3, S.pended: 1, S.approved: 2, S.modified: 1,
              S.denied: 1, S.consult_scheduled: 3, S.report_requested: 2, S.report_received: 1}
FINISHED_GOALS = {"closed": 8, "denied_then_closed": 1.5, "withdrawn": 1}


# --- templates: real service output ----------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = TEMPLATE_ANCHOR

    def __call__(self) -> datetime:
        return self.now


def synthetic_request(rng: random.Random, member_id: str, received: datetime) -> dict:
    care, diagnoses, choices = rng.choice(CARES)
    requester = rng.choices(
        [{"type": "member"},
         {"type": "authorized_representative", "name": "Rep Sample", "phone": "714-555-0102"},
         {"type": "pcp", "npi": PCP_REYES},
         {"type": "treating_provider", "npi": care.get("npi") or ORTHO_ORTIZ}],
        weights=[70, 12, 10, 8])[0]
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(80 * 365))
    return request_data(
        plan=rng.choice(ALL_PLANS),
        county=rng.choice(COUNTIES),
        received_at=received.replace(tzinfo=None).isoformat(),
        requester=requester,
        member={"member_id": member_id, "first_name": rng.choice(FIRST_NAMES),
                "last_name": rng.choice(LAST_NAMES), "date_of_birth": min(born, received.date()).isoformat(),
                "language": rng.choice(LANGUAGES), "health_network": rng.choice(GROUPS[:4])},
        care_in_question=care,
        diagnoses=rng.sample(diagnoses, k=min(len(diagnoses), rng.choice((1, 1, 2)))),
        reasons=rng.sample(REASONS, k=rng.choice((1, 1, 2))),
        urgent=rng.random() < 0.2,
        serious_condition=rng.random() < 0.1,
        opinion_number=3 if rng.random() < 0.05 else 2,
        requested_provider_npi=rng.choice(choices),
        procedure=rng.choice((None, "Right total knee arthroplasty", "Cardiac catheterization",
                              "Lumbar fusion")),
    )


def walk(service: CaseService, clock: Clock, rng: random.Random, case: Case, goal: object) -> Case:
    """Take a submitted case towards `goal` through the service's own methods, the clock moving forward."""

    def later(low_hours: float, high_hours: float) -> None:
        clock.now = (clock.now + timedelta(hours=rng.uniform(low_hours, high_hours))).replace(microsecond=0)

    def on(day: date) -> None:
        moment = datetime(day.year, day.month, day.day, 9, tzinfo=LOS_ANGELES)
        moment += timedelta(minutes=rng.randrange(480))
        clock.now = max(clock.now, moment)

    if goal == "withdrawn":
        case = walk(service, clock, rng, case, rng.choice((S.submitted, S.approved, S.consult_scheduled)))
        later(24, 240)
        return service.withdraw(case.id, rng.choice(("member no longer wants it", "member changed plans")))
    if goal in (S.submitted, S.pending_authorization, S.ready_to_schedule):
        return case
    if case.status == S.pending_authorization:
        if goal == S.pended or (goal not in (S.denied, "denied_then_closed") and rng.random() < 0.15):
            later(24, 96)
            case = service.decide(case.id, Outcome.pended, reason="awaiting the treating physician's notes")
            if goal == S.pended:
                return case
        later(24, 96)
        if goal in (S.denied, "denied_then_closed"):
            case = service.decide(case.id, Outcome.denied,
                                  reason="criteria not met: no recommendation of surgery is on file")
            if goal == S.denied:
                return case
            later(24, 96)
            return service.close(case.id)
        modified = goal == S.modified or (goal != S.approved and rng.random() < 0.15)
        day = clock.now.date()
        case = service.decide(case.id, Outcome.modified if modified else Outcome.approved,
                              reason="one visit, no tests" if modified else None,
                              authorization_number=f"AUTH-{rng.randrange(10**7):07d}", valid_from=day,
                              valid_to=day + timedelta(days=90))
        if goal in (S.approved, S.modified):
            return case
    elif goal in (S.pended, S.approved, S.modified, S.denied):
        return case  # no authorization needed: it stays ready to schedule
    later(24, 120)
    consult_on = clock.now.date() + timedelta(days=rng.randint(3, 21))
    case = service.schedule_consult(case.id, consult_on, rng.choice(CONSULTANTS))
    if goal == S.consult_scheduled:
        return case
    if goal == S.report_requested or rng.random() < 0.5:
        on(consult_on + timedelta(days=rng.randint(1, 3)))
        case = service.request_report(case.id)
        if goal == S.report_requested:
            return case
    report_on = consult_on + timedelta(days=rng.randint(4, 25))
    on(report_on)
    case = service.report_received(case.id, report_on)
    if goal == S.report_received:
        return case
    later(24, 240)
    return service.close(case.id)


def build_templates(path: Path, count: int, seed: int) -> tuple[int, int]:
    """`count` requests through the real service, walked to every status; returns (open, finished) counts."""
    db = open_db(path)
    directory = ProviderRepository(db)
    directory.upsert_many(cast())
    clock = Clock()
    service = CaseService(CaseRepository(db), evaluator_over(directory), who="bench.clerk", clock=clock)
    rng = random.Random(seed)
    refused = 0
    for index in range(count):
        received = TEMPLATE_ANCHOR + timedelta(days=rng.randrange(56), hours=rng.randint(7, 18),
                                               minutes=rng.randrange(60))
        goals = OPEN_GOALS if index % 3 == 0 else FINISHED_GOALS
        goal = rng.choices(list(goals), weights=list(goals.values()))[0]
        try:
            request = Request.model_validate(synthetic_request(rng, f"TPL{index:06d}", received))
            clock.now = received + timedelta(minutes=rng.randint(5, 180))
            walk(service, clock, rng, service.submit(request).case, goal)
        except InputProblem:  # a combination the desk refuses: real behaviour, just not a template
            refused += 1
    open_count = db.execute(
        f"SELECT count(*) FROM requests WHERE status IN ({', '.join('?' for _ in OPEN)})",
        [status.value for status in OPEN],
    ).fetchone()[0]
    total = db.execute("SELECT count(*) FROM requests").fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    if refused:
        print(f"  ({refused} synthetic combinations refused by the service: not used)")
    return open_count, total - open_count


# --- replication ----------------------------------------------------------------------------------------


def _shift(column: str) -> str:
    return f"strftime('{UTC_FORMAT}', {column}, ?2)"


def _json_shift(column: str, *paths: str, kind: str = "time") -> str:
    pairs = ", ".join(
        f"'$.{path}', " + (_shift(f"json_extract({column}, '$.{path}')") if kind == "time"
                           else f"date(json_extract({column}, '$.{path}'), ?2)")
        for path in paths
    )
    return f"json_set({column}, {pairs})"


# Columns of `requests` whose copies differ; any other column is copied as the service wrote it.
# ?1 id, ?2 shift ('+N days'), ?3 member_id, ?4 member_name, ?5 last name, ?6 first name, ?7 template id
REQUEST_EXPRESSIONS = {
    "id": "?1",
    "member_id": "?3",
    "member_name": "?4",
    "search_words": "?8",
    "request_json": "json_set(request_json, '$.member.member_id', ?3, '$.member.last_name', ?5, "
                    f"'$.member.first_name', ?6, '$.received_at', {_shift('received_at')})",
    "determination_json": _json_shift("determination_json", "received_at", "decision_due", "consult_due"),
    "consult_json": _json_shift("consult_json", "scheduled_for", kind="date"),
    "authorization_json": _json_shift("authorization_json", "valid_from", "valid_to", kind="date"),
    "report_received_on": "date(report_received_on, ?2)",
    **{column: _shift(column) for column in ("received_at", "extension_due", "decision_due", "consult_due",
                                             "report_due", "next_due", "created_at", "updated_at")},
}  # fmt: skip
HISTORY_EXPRESSIONS = {"request_id": "?1", "at": _shift("at")}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")]


def replicas(templates: list[tuple[int, float, float, bool]], count: int, now: datetime,
             seed: int) -> Iterator[tuple]:
    """(id, shift, member_id, member_name, last, first, template id, search words) per copy; ids rise with
    received_at."""
    rng = random.Random(seed)
    opened = [t for t in templates if t[3]]
    finished = [t for t in templates if not t[3]]
    now_ts = now.timestamp()
    plan = []
    for _ in range(count):
        if rng.random() < 0.2:
            tid, received, updated, _ = rng.choice(opened)
            # last touched in the past weeks (a few stragglers months ago); whole weeks, never after now
            age = min(rng.expovariate(1 / (12 * 86400)), 150 * 86400)
            weeks = math.floor((now_ts - age - updated) / WEEK)
        else:
            tid, received, updated, _ = rng.choice(finished)
            target = now_ts - rng.uniform(30 * 86400, 730 * 86400)
            weeks = math.floor((target - received) / WEEK)
        plan.append((received + weeks * WEEK, tid, weeks))
    plan.sort()
    # members: 1-3 requests each, spread at random over the copies
    slots: list[int] = []
    member = 0
    while len(slots) < count:
        slots += [member] * rng.choices((1, 2, 3), weights=(55, 30, 15))[0]
        member += 1
    del slots[count:]
    rng.shuffle(slots)
    names: dict[int, tuple[str, str, str]] = {}
    keys: dict[tuple[str, str], str] = {}
    for index, ((_, tid, weeks), who) in enumerate(zip(plan, slots), start=1):
        name = names.get(who)
        if name is None:
            last, first = rng.choice(LAST_NAMES), rng.choice(FIRST_NAMES)
            key = keys.get((last, first))
            if key is None:
                key = keys[(last, first)] = search_key(f"{last}, {first}")
            name = names[who] = (last, first, key)
        member_id = f"BM{(who * 7919) % 10**8:08d}"
        yield (index, f"{weeks * 7:+d} days", member_id, name[2], name[0], name[1], tid,
               request_search_words(name[2], member_id))


def build_database(path: Path, count: int, seed: int, now: datetime, folder: Path) -> None:
    start = time.perf_counter()
    template_path = folder / "templates.sqlite3"
    opened, finished = build_templates(template_path, 360, seed)
    template_seconds = time.perf_counter() - start
    print(f"  {opened + finished} template requests through CaseService ({opened} open, {finished} finished) "
          f"in {template_seconds:.1f} s")

    open_db(path).close()  # the schema, exactly as the desk creates it
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute("ATTACH DATABASE ? AS tpl", (str(template_path),))
    templates = [
        (tid, _ts(received), _ts(updated), status in OPEN)
        for tid, received, updated, status in conn.execute(
            "SELECT id, received_at, updated_at, status FROM tpl.requests ORDER BY id")
    ]
    indexes = conn.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('requests', 'request_history')").fetchall()
    for name, _ in indexes:
        conn.execute(f"DROP INDEX main.{name}")

    request_columns = _columns(conn, "requests")
    history_columns = [column for column in _columns(conn, "request_history") if column != "id"]
    insert_request = (
        f"INSERT INTO main.requests ({', '.join(request_columns)}) SELECT "
        f"{', '.join(REQUEST_EXPRESSIONS.get(column, column) for column in request_columns)} "
        "FROM tpl.requests WHERE id = ?7"
    )
    insert_history = (
        f"INSERT INTO main.request_history ({', '.join(history_columns)}) SELECT "
        f"{', '.join(HISTORY_EXPRESSIONS.get(column, column) for column in history_columns)} "
        "FROM tpl.request_history WHERE request_id = ?3 ORDER BY id"
    )
    conn.execute("BEGIN")
    batch: list[tuple] = []
    for replica in replicas(templates, count, now, seed):
        batch.append(replica)
        if len(batch) == 20_000:
            _flush(conn, insert_request, insert_history, batch)
            batch = []
    _flush(conn, insert_request, insert_history, batch)
    conn.execute("COMMIT")
    copied = time.perf_counter() - start
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("DETACH DATABASE tpl")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    total = time.perf_counter() - start
    print(f"  copied in bulk in {copied - template_seconds:.1f} s, indexes rebuilt in {total - copied:.1f} s")
    print(f"built a {count:,}-request database in {total:.1f} s: {path}")


def _flush(conn: sqlite3.Connection, insert_request: str, insert_history: str, batch: list[tuple]) -> None:
    conn.executemany(insert_request, batch)
    conn.executemany(insert_history, [(row[0], row[1], row[6]) for row in batch])


def _ts(text: str) -> float:
    return datetime.strptime(text, UTC_FORMAT).replace(tzinfo=timezone.utc).timestamp()


# --- measuring ------------------------------------------------------------------------------------------


def timed(action: Callable[[], object], runs: int, budget: float = 3.0) -> float:
    """Median of up to `runs` runs, fewer when one run is slow (about `budget` seconds per figure)."""
    start = time.perf_counter()
    action()
    once = time.perf_counter() - start
    return median_seconds(action, max(5, min(runs, int(budget / max(once, 1e-6)))), warmup=2)


def cycling(values: list) -> Callable[[], object]:
    position = 0

    def following():
        nonlocal position
        position = (position + 1) % len(values)
        return values[position]

    return following


def captured_selects(db, action: Callable[[], object]) -> list[tuple[str, list]]:
    """The SELECT statements `action` runs, with their parameters kept apart, as the repository binds them.

    Not the expanded SQL of a trace callback: the planner treats a literal and a bound `?` differently (a
    partial index whose WHERE names statuses is usable with literals only), so the plan must be of the
    statement as sent.
    """
    seen: list[tuple[str, list]] = []
    with db.tracer(lambda sql, params: seen.append((sql, list(params or ())))):
        action()
    return [(sql, params) for sql, params in seen if sql.lstrip().upper().startswith("SELECT")]


def query_plan(conn: sqlite3.Connection, sql: str, params: list) -> list[str]:
    rows = conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    depth = {0: 0}
    lines = []
    for node, parent, _, detail in rows:
        depth[node] = depth.get(parent, 0) + 1
        lines.append("  " * depth[node] + detail)
    return lines


# Checked on the 1,000,000-request file, with the statements as the repository sends them (statuses bound as
# parameters), each in a fresh connection, before being written here.
ADVICE = {
    "worklist": (
        "`ORDER BY next_due IS NULL, next_due, id` cannot be read from requests_by_status_due across the 11 "
        "open statuses, so every open request (~200,000) is read and sorted for one page (USE TEMP B-TREE). "
        "Fix: CREATE INDEX requests_by_due_order ON requests (next_due IS NULL, next_due) (the rowid id "
        "completes the ORDER BY), plus ANALYZE: SCAN ... USING INDEX requests_by_due_order, stopping after 50 "
        "rows (find ~9 ms, of which SQL ~0.4 ms). The index alone is not enough: without sqlite_stat1 the "
        "planner keeps requests_by_status_due; without ANALYZE it is used only if the query stops offering "
        "status to an index (`+status IN (...)`, or `status NOT IN ('closed', 'withdrawn')`): ~0.45 ms. A "
        "partial index WHERE status IN ('approved', ...) is never used: the statuses are bound parameters."),
    "overdue": (
        "every overdue open request is read and sorted for one page (USE TEMP B-TREE FOR ORDER BY). The same "
        "index plus ANALYZE gives SEARCH ... USING INDEX requests_by_due_order (next_due<?), 50 rows read "
        "(page + count ~14 ms). With no new index: when the filter excludes NULL (overdue_at, due_before), "
        "ordering by `next_due, id` lets requests_by_status_due stop early per status (~1.4 ms of SQL). "
        "Keep the count on requests_by_status_due (covering: it reads no table rows)."),
}


def measure(path: Path, count: int, runs: int, now: datetime, seed: int) -> tuple[list[Row], list[str]]:
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = os.path.getsize(path)
    rng = random.Random(seed + 1)
    max_id = raw.execute("SELECT max(id) FROM requests").fetchone()[0]
    sample_ids = [rng.randint(1, max_id) for _ in range(2000)]
    payload = raw.execute(
        f"SELECT avg(length(request_json) + ifnull(length(determination_json), 0)) FROM requests "
        f"WHERE id IN ({', '.join(map(str, sample_ids))})").fetchone()[0]

    db = open_db(path)
    repository = CaseRepository(db)
    open_statuses = [status.value for status in OPEN]
    open_members = [row[0] for row in raw.execute(
        f"SELECT member_id FROM requests WHERE id IN ({', '.join(map(str, sample_ids))}) AND status IN "
        f"({', '.join('?' for _ in open_statuses)})", open_statuses)]
    if not open_members:
        raise SystemExit("no open request in the sample: is the database empty?")
    now_text = now.astimezone(timezone.utc).strftime(UTC_FORMAT)
    overdue = CaseFilter(overdue_at=now, open_only=True)

    next_id = cycling(sample_ids)
    next_member = cycling(open_members)
    pk_lookup = timed(
        lambda: raw.execute("SELECT * FROM requests WHERE id = ?", (next_id(),)).fetchone(), runs)
    range_query = timed(
        lambda: raw.execute("SELECT id FROM requests WHERE next_due < ? LIMIT 50", (now_text,)).fetchall(),
        runs)

    queries: dict[str, tuple[str, Callable[[], object], float | None, str, float]] = {
        "worklist": ("worklist first page: find(open_only, limit=50)",
                     lambda: repository.find(CaseFilter(open_only=True), limit=50), 20e-3, "PK", pk_lookup),
        "overdue": ("overdue: find(overdue_at=now, open_only, limit=50)",
                    lambda: repository.find(overdue, limit=50), None, "range", range_query),
        "overdue count": ("overdue: count(overdue_at=now, open_only)",
                          lambda: repository.count(overdue), None, "range", range_query),
        "overdue page + count": ("overdue filter: first page + count",
                                 lambda: (repository.find(overdue, limit=50), repository.count(overdue)),
                                 50e-3, "range", range_query),
        "member": ("open requests of one member: find(member_id, open_only)",
                   lambda: repository.find(CaseFilter(member_id=next_member(), open_only=True)), 5e-3, "PK",
                   pk_lookup),
        "name": ('name search: find(text="garc", limit=50)',
                 lambda: repository.find(CaseFilter(text="garc"), limit=50), None, "range", range_query),
    }
    baselines = {"PK": "raw sqlite3 PK SELECT", "range": "raw indexed range LIMIT 50"}
    rows: list[Row] = []
    plans: list[str] = []
    misses: list[str] = []
    for key, (label, action, target, baseline, baseline_seconds) in queries.items():
        seconds = timed(action, runs)
        rows.append(Row(label, seconds, baselines[baseline], baseline_seconds, target))
        if target is not None and seconds > target:
            misses.append(key)
        if key == "overdue page + count":
            continue
        statements = captured_selects(db, action)
        for sql, params in statements:
            plans.append(f"{label}\n    {sql}\n    parameters: {params}")
            plans += ["    " + line for line in query_plan(raw, sql, params)]
        if key in ("worklist", "overdue", "name"):  # how much of it is SQLite, how much building the models
            sql, params = statements[0]
            sql_only = timed(lambda: raw.execute(sql, params).fetchall(), runs)
            rows.append(Row("  same SELECT alone (raw sqlite3, no models)", sql_only, baselines[baseline],
                            baseline_seconds))
    matches = {
        "open": repository.count(CaseFilter(open_only=True)),
        "overdue": repository.count(overdue),
        "garc": repository.count(CaseFilter(text="garc")),
    }
    db.close()
    raw.close()
    notes = [
        f"database: {count:,} requests, {size / 1e9:.2f} GB after a checkpoint = "
        f"{size / count / 1024:.2f} KiB per request (bare baseline: the request + determination JSON alone, "
        f"{payload / 1024:.2f} KiB; ratio {size / count / payload:.1f}x)",
        f"rows matched: {matches['open']:,} open, {matches['overdue']:,} of them overdue, "
        f"{matches['garc']:,} named garc*",
    ]
    notes += [f"MISSED {key}: {ADVICE.get(key.split()[0], 'see its plan below')}" for key in misses]
    return rows, notes + ["", "EXPLAIN QUERY PLAN", *plans]


# --- inserting through the service ----------------------------------------------------------------------


def service_inserts(folder: Path, count: int, seed: int) -> list[Row]:
    rng = random.Random(seed + 2)
    now = datetime.now(LOS_ANGELES).replace(microsecond=0)
    requests = [
        Request.model_validate(synthetic_request(
            rng, f"SV{rng.randrange(count * 2):08d}",
            now - timedelta(days=rng.randrange(30), hours=rng.randrange(24), minutes=rng.randrange(60))))
        for _ in range(count)
    ]  # parsed beforehand: the figure is evaluate + store
    path = folder / "service.sqlite3"
    db = open_db(path)
    directory = ProviderRepository(db)
    directory.upsert_many(cast())
    service = CaseService(CaseRepository(db), evaluator_over(directory), who="bench.clerk")
    start = time.perf_counter()
    for request in requests:
        service.submit(request)
    through_service = time.perf_counter() - start
    request_rows = db.execute("SELECT * FROM requests ORDER BY id").fetchall()
    history_rows = db.execute("SELECT * FROM request_history ORDER BY id").fetchall()
    db.close()

    def raw_insert(attempt: int) -> float:
        target = folder / f"raw-{attempt}.sqlite3"
        open_db(target).close()
        conn = sqlite3.connect(target, isolation_level=None)
        begin = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO requests VALUES ({', '.join('?' * len(request_rows[0]))})",
                         request_rows)
        conn.executemany(f"INSERT INTO request_history VALUES ({', '.join('?' * len(history_rows[0]))})",
                         history_rows)
        conn.execute("COMMIT")
        seconds = time.perf_counter() - begin
        conn.close()
        return seconds

    raw = sorted(raw_insert(attempt) for attempt in range(3))[1]
    label = f"raw executemany, {count:,} rows + history"
    return [
        Row(f"insert {count:,} requests via CaseService.submit (total)", through_service, label, raw),
        Row("  per request (evaluate + duplicate check + store)", through_service / count,
            f"{label}, per row", raw / count),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--service", type=int, default=10_000)
    parser.add_argument("--keep", type=Path,
                        help="build the database here and keep it; reuse it if it exists")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    now = datetime.now(LOS_ANGELES).replace(microsecond=0)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        path = args.keep or folder / "cases.sqlite3"
        if args.keep and args.keep.exists() and args.keep.stat().st_size > 0:
            with sqlite3.connect(args.keep) as conn:
                count = conn.execute("SELECT count(*) FROM requests").fetchone()[0]
            print(f"reusing {args.keep}: {count:,} requests (built earlier; times are read against now)")
        else:
            count = args.requests
            build_database(path, count, args.seed, now, folder)
        rows, notes = measure(path, count, args.runs, now, args.seed)
        if args.service:
            rows += service_inserts(folder, args.service, args.seed)
        print_table(f"Case file on a {count:,}-request database", rows)
        print()
        print("\n".join(notes))


if __name__ == "__main__":
    main()
