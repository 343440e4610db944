"""Requests as stored: one row per request with a version column, and an append-only history.

Times are stored as UTC text ("2026-11-20T17:30:00Z") so they sort and compare correctly in SQL; they come back
as Pacific time. The JSON columns hold the pydantic models; the scalar columns beside them exist to be queried.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

import sqlite_utils

from app.domain.cases import Authorization, Case, Clocks, Consult, HistoryEntry, Status
from app.domain.models import Determination, Request
from app.storage.worklist import (  # noqa: F401  (search_key, CaseFilter: imported from here too)
    ORDERS,
    CaseFilter,
    WorklistReader,
    WorklistRow,
    from_utc_text,
    search_key,
    utc_text,
    where_sql,
)


def m002_requests(db: sqlite_utils.Database) -> None:
    """Requests with their determination snapshot, clocks as queryable columns, and the history of each."""
    db.execute(
        """
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL CHECK (version >= 1),
    status TEXT NOT NULL,
    plan TEXT,
    member_id TEXT,
    member_name TEXT,                 -- 'last, first' casefolded, for search
    taxonomy TEXT,                    -- of the care in question
    reasons TEXT NOT NULL DEFAULT '', -- ';'-joined reason codes
    urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    received_at TEXT,
    request_json TEXT,                -- the validated request (null while a draft)
    draft_json TEXT,                  -- what was typed so far (drafts only)
    determination_json TEXT,
    engine_version TEXT,
    policy_revision TEXT,
    authorization_json TEXT,
    decision_reason TEXT,
    extension_due TEXT,
    extension_reason TEXT,
    consult_json TEXT,
    consult_npi TEXT,
    report_received_on TEXT,
    decision_due TEXT,
    consult_due TEXT,
    report_due TEXT,
    next_due TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT"""
    )
    db.execute("CREATE INDEX requests_by_status_due ON requests (status, next_due)")
    db.execute("CREATE INDEX requests_by_next_due ON requests (next_due) WHERE next_due IS NOT NULL")
    db.execute("CREATE INDEX requests_by_member ON requests (member_id, status)")
    db.execute("CREATE INDEX requests_by_name ON requests (member_name)")
    db.execute("CREATE INDEX requests_by_plan_status ON requests (plan, status)")
    db.execute(
        """
CREATE TABLE request_history (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    why TEXT
) STRICT"""
    )
    db.execute("CREATE INDEX request_history_by_request ON request_history (request_id, id)")


def m003_worklist_and_settings(db: sqlite_utils.Database) -> None:
    """The worklist's order as an index, and the shared settings. IF NOT EXISTS: some early desks have them."""
    db.execute("DROP INDEX IF EXISTS requests_by_next_due")
    # A first page then reads 50 index entries instead of sorting every open request.
    db.execute("CREATE INDEX IF NOT EXISTS requests_worklist ON requests ((next_due IS NULL), next_due, id)")
    db.execute("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT")


class StaleVersion(Exception):
    """The row changed since it was read: another desk saved first."""

    def __init__(self, case_id: int, expected: int, current: int) -> None:
        super().__init__(
            f"Request #{case_id} was changed at another desk while you had it open (you had version {expected}, "
            f"it is now version {current}). Reload it and make your change again; nothing was overwritten."
        )
        self.case_id, self.expected, self.current = case_id, expected, current


class UnknownCase(LookupError):
    def __init__(self, case_id: int) -> None:
        super().__init__(f"there is no request #{case_id}: `sodesk requests list` shows the ids")
        self.case_id = case_id


def _dump(model) -> str | None:
    return None if model is None else model.model_dump_json(by_alias=True)


def _row(case: Case) -> dict:
    request = case.request
    draft = case.draft or {}
    member = request.member if request else None
    draft_member = draft.get("member") if isinstance(draft.get("member"), dict) else {}
    last = member.last_name if member else draft_member.get("last_name")
    first = member.first_name if member else draft_member.get("first_name")
    name = search_key(", ".join(str(part) for part in (last, first) if part)) or None
    determination = case.determination
    clocks = case.clocks
    return {
        "id": case.id,
        "version": case.version,
        "status": case.status.value,
        "plan": request.plan if request else (draft.get("plan") if isinstance(draft.get("plan"), str) else None),
        "member_id": member.member_id if member else draft_member.get("member_id"),
        "member_name": name,
        "taxonomy": request.care_in_question.taxonomy if request else None,
        "reasons": ";".join(reason.value for reason in request.reasons) if request else "",
        "urgent": int(bool(request and request.urgent)),
        "received_at": utc_text(request.received_at) if request else None,
        "request_json": _dump(request),
        "draft_json": json.dumps(case.draft, ensure_ascii=False) if case.draft is not None else None,
        "determination_json": _dump(determination),
        "engine_version": determination.engine_version if determination else None,
        "policy_revision": determination.policy_revision if determination else None,
        "authorization_json": _dump(case.authorization),
        "decision_reason": case.decision_reason,
        "extension_due": utc_text(case.extension_due),
        "extension_reason": case.extension_reason,
        "consult_json": _dump(case.consult),
        "consult_npi": case.consult.npi if case.consult else None,
        "report_received_on": case.report_received_on.isoformat() if case.report_received_on else None,
        "decision_due": utc_text(clocks.decision_due),
        "consult_due": utc_text(clocks.consult_due),
        "report_due": utc_text(clocks.report_due),
        "next_due": utc_text(clocks.next_due),
        "created_at": utc_text(case.created_at),
        "updated_at": utc_text(case.updated_at),
    }


def _case(row: dict, history: list[HistoryEntry] | None = None) -> Case:
    def load(model, text):
        return None if text is None else model.model_validate_json(text)

    return Case(
        id=row["id"],
        version=row["version"],
        status=Status(row["status"]),
        request=load(Request, row["request_json"]),
        draft=json.loads(row["draft_json"]) if row["draft_json"] is not None else None,
        determination=load(Determination, row["determination_json"]),
        authorization=load(Authorization, row["authorization_json"]),
        decision_reason=row["decision_reason"],
        extension_due=from_utc_text(row["extension_due"]),
        extension_reason=row["extension_reason"],
        consult=load(Consult, row["consult_json"]),
        report_received_on=date.fromisoformat(row["report_received_on"]) if row["report_received_on"] else None,
        clocks=Clocks(
            decision_due=from_utc_text(row["decision_due"]),
            consult_due=from_utc_text(row["consult_due"]),
            report_due=from_utc_text(row["report_due"]),
        ),
        created_at=from_utc_text(row["created_at"]),
        updated_at=from_utc_text(row["updated_at"]),
        history=history or [],
    )


class CaseRepository:
    """The only code that writes requests; every write bumps the version and appends to the history."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def create(self, case: Case, *, who: str, why: str | None = None) -> Case:
        row = _row(case)
        row.pop("id")
        with self.db.atomic():
            cursor = self.db.execute(
                f"INSERT INTO requests ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
            )
            case_id = cursor.lastrowid
            self._history(case_id, case.created_at, who, None, case.status, why)
        return self.get(case_id)

    def save(
        self,
        case: Case,
        *,
        expected_version: int,
        who: str,
        changes: Iterable[tuple[Status | None, Status, str | None]] = (),
    ) -> Case:
        """Write `case` if the stored row is still at `expected_version`; record each status change."""
        row = _row(case)
        case_id = row.pop("id")
        row["version"] = expected_version + 1
        assignments = ", ".join(f"{column} = ?" for column in row)
        with self.db.atomic():
            cursor = self.db.execute(
                f"UPDATE requests SET {assignments} WHERE id = ? AND version = ?",
                [*row.values(), case_id, expected_version],
            )
            if cursor.rowcount != 1:
                current = self.db.execute("SELECT version FROM requests WHERE id = ?", [case_id]).fetchone()
                if current is None:
                    raise UnknownCase(case_id)
                raise StaleVersion(case_id, expected_version, current[0])
            for from_status, to_status, why in changes:
                self._history(case_id, case.updated_at, who, from_status, to_status, why)
        return self.get(case_id)

    def _history(self, case_id: int, at: datetime, who: str, from_status, to_status, why) -> None:
        self.db.execute(
            "INSERT INTO request_history (request_id, at, who, from_status, to_status, why) VALUES (?, ?, ?, ?, ?, ?)",
            [case_id, utc_text(at), who, from_status.value if from_status else None, to_status.value, why],
        )

    def get(self, case_id: int) -> Case:
        rows = list(self.db.query("SELECT * FROM requests WHERE id = ?", [case_id]))
        if not rows:
            raise UnknownCase(case_id)
        return _case(rows[0], self.history(case_id))

    def history(self, case_id: int) -> list[HistoryEntry]:
        return [
            HistoryEntry(
                at=from_utc_text(row["at"]),
                who=row["who"],
                from_status=Status(row["from_status"]) if row["from_status"] else None,
                to_status=Status(row["to_status"]),
                why=row["why"],
            )
            for row in self.db.query(
                "SELECT at, who, from_status, to_status, why FROM request_history WHERE request_id = ? ORDER BY id",
                [case_id],
            )
        ]

    ORDERS = ORDERS

    def find(self, where: CaseFilter, *, limit: int = 100, offset: int = 0, order: str = "due",
             descending: bool = False) -> list[Case]:
        """A page of cases; `order` is one of ORDERS (never SQL from outside)."""
        clauses, params = where_sql(where)
        order_by = self.ORDERS[order][1 if descending else 0]
        sql = f"SELECT * FROM requests {clauses} ORDER BY {order_by} LIMIT ? OFFSET ?"
        return [_case(row) for row in self.db.query(sql, [*params, limit, offset])]

    def count(self, where: CaseFilter = CaseFilter()) -> int:
        clauses, params = where_sql(where, for_count=True)
        return self.db.execute(f"SELECT count(*) FROM requests {clauses}", params).fetchone()[0]

    def worklist(self, where: CaseFilter, *, limit: int = 100, offset: int = 0, order: str = "due",
                 descending: bool = False) -> list[WorklistRow]:
        return WorklistReader(self.db.conn).worklist(where, limit=limit, offset=offset, order=order,
                                                     descending=descending)

    def is_empty(self) -> bool:
        return WorklistReader(self.db.conn).is_empty()
