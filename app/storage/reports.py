"""Read-only queries behind the management reports: plain rows, one function per report (app.reports turns
them into tables). Times come back as Pacific datetimes, dates as dates.

Each function takes `db`: a store of either engine, a sqlite-utils Database or a sqlite3 connection (anything
whose `execute(sql, params)` gives rows). The SQL is the same on both engines: every value it compares or gives
back is text, a number or a truth value that both spell alike (json_extract is only asked for JSON strings, which
both return as text), and the rows come back in the order of request ids.

A request's decision clock stops when it leaves pending authorization (or pended) for approved, modified or
denied, so its `decision_due` column is empty afterwards: the deadline it was decided against is the pended
extension (`extension_due`) when there was one, else the determination's own `decision_due` (computed by the
engine from the plan's rules when the request was received). The decision time is the first such step in
`request_history`. Likewise `report_due` runs only while a report is awaited; once it is received the deadline is
the consult date plus the report window (see app.reports.compute).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.time import LOS_ANGELES
from app.storage.dialect import POSTGRESQL, dialect_of
from app.storage.worklist import from_utc_text

DECISIONS = ("approved", "modified", "denied")
WAITING_FOR_DECISION = ("submitted", "pending_authorization", "pended")


@dataclass(frozen=True)
class DecisionRow:
    """A request that waited for an authorization decision (a decision clock ran)."""

    id: int
    plan: str
    plan_name: str
    urgent: bool
    received_at: datetime | None
    decision_due: datetime | None  # the determination's deadline
    extension_due: datetime | None  # the pended deadline, when the plan extended it
    decided_at: datetime | None  # the first step to approved / modified / denied
    outcome: str | None  # approved / modified / denied
    status: str  # now


@dataclass(frozen=True)
class ConsultRow:
    """A request with a consult scheduled."""

    id: int
    plan: str
    plan_name: str
    received_at: datetime | None
    scheduled_for: date
    report_due: datetime | None  # still running (report awaited), else None
    report_received_on: date | None
    status: str


@dataclass(frozen=True)
class OutcomeRow:
    """A submitted request, what became of it so far."""

    id: int
    plan: str
    plan_name: str
    taxonomy: str | None
    reasons: tuple[str, ...]
    received_at: datetime | None
    status: str
    decision: str | None  # the first decision: approved / modified / denied
    needed_no_authorization: bool  # went straight to ready to schedule


def _moment(text: str | None) -> datetime | None:
    """UTC text from a column, or the ISO text (with offset) pydantic wrote inside a JSON column."""
    if text is None:
        return None
    if text.endswith("Z"):
        return from_utc_text(text)
    return datetime.fromisoformat(text).astimezone(LOS_ANGELES)


def _plan_clause(plan: str | None, column: str = "r.plan") -> tuple[str, list]:
    return (f" AND {column} = ?", [plan]) if plan else ("", [])


_PLAN_NAME = "coalesce(json_extract(r.determination_json, '$.plan_name'), r.plan, '')"


def decision_rows(db, plan: str | None = None) -> list[DecisionRow]:
    """Every request that had a decision clock: it went to pending authorization with a deadline."""
    plan_sql, params = _plan_clause(plan)
    waiting = ", ".join(f"'{status}'" for status in WAITING_FOR_DECISION)
    decided = ", ".join(f"'{status}'" for status in DECISIONS)
    sql = f"""
WITH decisions AS (
    SELECT request_id, at, to_status,
           row_number() OVER (PARTITION BY request_id ORDER BY id) AS nth
    FROM request_history
    WHERE to_status IN ({decided}) AND from_status IN ({waiting})
)
SELECT r.id, coalesce(r.plan, ''), {_PLAN_NAME}, r.urgent, r.received_at,
       json_extract(r.determination_json, '$.decision_due'), r.extension_due, d.at, d.to_status, r.status
FROM requests r
LEFT JOIN decisions d ON d.request_id = r.id AND d.nth = 1
WHERE json_extract(r.determination_json, '$.decision_due') IS NOT NULL
  AND EXISTS (SELECT 1 FROM request_history h
              WHERE h.request_id = r.id AND h.to_status = 'pending_authorization'){plan_sql}
ORDER BY r.id"""
    return [
        DecisionRow(id=case_id, plan=plan_id, plan_name=name, urgent=bool(urgent), received_at=_moment(received),
                    decision_due=_moment(due), extension_due=_moment(extension), decided_at=_moment(at),
                    outcome=outcome, status=status)
        for case_id, plan_id, name, urgent, received, due, extension, at, outcome, status
        in db.execute(sql, params)
    ]


def _consult_rows(db, plan: str | None) -> list[ConsultRow]:
    plan_sql, params = _plan_clause(plan)
    sql = f"""
SELECT r.id, coalesce(r.plan, ''), {_PLAN_NAME}, r.received_at, json_extract(r.consult_json, '$.scheduled_for'),
       r.report_due, r.report_received_on, r.status
FROM requests r
WHERE r.consult_json IS NOT NULL{plan_sql}
ORDER BY r.id"""
    return [
        ConsultRow(id=case_id, plan=plan_id, plan_name=name, received_at=_moment(received),
                   scheduled_for=date.fromisoformat(scheduled), report_due=_moment(due),
                   report_received_on=date.fromisoformat(received_on) if received_on else None, status=status)
        for case_id, plan_id, name, received, scheduled, due, received_on, status in db.execute(sql, params)
    ]


def consultation_report_rows(db, plan: str | None = None) -> list[ConsultRow]:
    """Every request with a consult scheduled: its report's deadline and when the report came."""
    return _consult_rows(db, plan)


def time_to_consult_rows(db, plan: str | None = None) -> list[ConsultRow]:
    """Every request with a consult scheduled: when it was received and the consult's date."""
    return _consult_rows(db, plan)


def outcome_rows(db, plan: str | None = None) -> list[OutcomeRow]:
    """Every submitted request (not drafts) with its first decision, if any."""
    plan_sql, params = _plan_clause(plan)
    waiting = ", ".join(f"'{status}'" for status in WAITING_FOR_DECISION)
    decided = ", ".join(f"'{status}'" for status in DECISIONS)
    sql = f"""
WITH decisions AS (
    SELECT request_id, to_status, row_number() OVER (PARTITION BY request_id ORDER BY id) AS nth
    FROM request_history
    WHERE to_status IN ({decided}) AND from_status IN ({waiting})
)
SELECT r.id, coalesce(r.plan, ''), {_PLAN_NAME}, r.taxonomy, r.reasons, r.received_at, r.status, d.to_status,
       EXISTS (SELECT 1 FROM request_history h WHERE h.request_id = r.id AND h.to_status = 'ready_to_schedule')
FROM requests r
LEFT JOIN decisions d ON d.request_id = r.id AND d.nth = 1
WHERE r.status != 'draft' AND r.request_json IS NOT NULL{plan_sql}
ORDER BY r.id"""
    return [
        OutcomeRow(id=case_id, plan=plan_id, plan_name=name, taxonomy=taxonomy,
                   reasons=tuple(reason for reason in (reasons or "").split(";") if reason),
                   received_at=_moment(received), status=status, decision=decision,
                   needed_no_authorization=bool(not_needed))
        for case_id, plan_id, name, taxonomy, reasons, received, status, decision, not_needed
        in db.execute(sql, params)
    ]


def plans_in_use(db) -> list[tuple[str, str]]:
    """(plan id, plan name) of the plans the stored requests are for, by plan id."""
    # max() of text follows the server's locale unless told: bytewise, as SQLite, so when the requests of one plan
    # carry different names (a plan renamed) both engines show the same one.
    name = f'max({_PLAN_NAME} COLLATE "C")' if dialect_of(db) == POSTGRESQL else f"max({_PLAN_NAME})"
    sql = f"""
SELECT r.plan, {name} FROM requests r WHERE r.plan IS NOT NULL AND r.request_json IS NOT NULL
GROUP BY r.plan ORDER BY r.plan"""
    return sorted((plan_id, name) for plan_id, name in db.execute(sql))  # ids bytewise on either engine
