"""Export batches as stored: what was sent to which plan, when, by whom, and each request exactly as sent.

`export_items` keeps a snapshot of every request as it went out (request, determination, status, and the
second-opinion professional as the directory had them), so a batch can be written again byte for byte from the
database even after the request moved on or the directory changed. Which batches a request went in, and when,
is a join of the two tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlite_utils

from app.domain.cases import Authorization, Case, Status
from app.domain.models import Determination, Provider, Request
from app.storage.worklist import from_utc_text, utc_text

# Waiting for the plan's decision, as submitted: what a default export sends.
AWAITING_DECISION = (Status.submitted, Status.pending_authorization)


def m005_exports(db: sqlite_utils.Database) -> None:
    """Export batches and the requests in each (with the snapshot they were sent as)."""
    db.execute(
        """
CREATE TABLE export_batches (
    id INTEGER PRIMARY KEY,
    plan TEXT NOT NULL,
    plan_name TEXT NOT NULL,
    practice_json TEXT NOT NULL,      -- the requesting practice as written in the batch
    created_at TEXT NOT NULL,         -- UTC text, as every time in this database
    who TEXT NOT NULL,
    request_count INTEGER NOT NULL CHECK (request_count >= 0),
    with_pdfs INTEGER NOT NULL CHECK (with_pdfs IN (0, 1)),
    manifest_sha256 TEXT NOT NULL     -- of manifest.json as written: a rewrite must give the same
) STRICT"""
    )
    db.execute("CREATE INDEX export_batches_by_plan ON export_batches (plan, id)")
    db.execute(
        """
CREATE TABLE export_items (
    batch_id INTEGER NOT NULL REFERENCES export_batches (id),
    line INTEGER NOT NULL CHECK (line >= 1),   -- its row in the batch's submissions.csv
    request_id INTEGER NOT NULL REFERENCES requests (id),
    snapshot_json TEXT NOT NULL,               -- {"case": ..., "professional": ...} as sent
    PRIMARY KEY (batch_id, line),
    UNIQUE (batch_id, request_id)
) STRICT"""
    )
    db.execute("CREATE INDEX export_items_by_request ON export_items (request_id, batch_id)")


_utc_text, _from_utc_text = utc_text, from_utc_text  # the case file's own: one way to store a time


def stored_time(moment: datetime) -> datetime:
    """A time as it will read back from this database (whole seconds, Pacific)."""
    return _from_utc_text(_utc_text(moment))


@dataclass(frozen=True)
class StoredBatch:
    id: int
    plan: str
    plan_name: str
    practice: dict
    created_at: datetime
    who: str
    request_count: int
    with_pdfs: bool
    manifest_sha256: str


@dataclass(frozen=True)
class StoredItem:
    line: int
    request_id: int
    case: Case
    professional: Provider | None = None


@dataclass(frozen=True)
class Sent:
    """One time a request went out: in which batch, on which line, when."""

    batch_id: int
    line: int
    plan: str
    created_at: datetime
    who: str


@dataclass
class BatchRecord:
    batch: StoredBatch
    items: list[StoredItem] = field(default_factory=list)


def snapshot_json(case: Case, professional: Provider | None) -> str:
    # Spliced rather than dumped twice: 10,000 snapshots are recorded in one export.
    case_json = case.model_dump_json(by_alias=True, exclude={"history"})
    professional_json = professional.model_dump_json() if professional is not None else "null"
    return f'{{"case":{case_json},"professional":{professional_json}}}'


def _from_snapshot(text: str) -> tuple[Case, Provider | None]:
    data = json.loads(text)
    professional = data.get("professional")
    return Case.model_validate(data["case"]), Provider.model_validate(professional) if professional else None


class ExportRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    # --- choosing what to send -------------------------------------------------------------------------------

    def awaiting_ids(self, plan: str, *, again: bool = False) -> list[int]:
        """Requests of `plan` submitted and waiting for an authorization decision; unless `again`, only those
        never exported to that plan."""
        statuses = [status.value for status in AWAITING_DECISION]
        sql = (
            "SELECT r.id FROM requests r WHERE r.plan = ? "
            f"AND r.status IN ({', '.join('?' for _ in statuses)}) "
            "AND json_extract(r.determination_json, '$.authorization_required') = 1"
        )
        if not again:
            sql += (" AND NOT EXISTS (SELECT 1 FROM export_items i JOIN export_batches b ON b.id = i.batch_id "
                    "WHERE i.request_id = r.id AND b.plan = r.plan)")
        return [row[0] for row in self.db.execute(sql + " ORDER BY r.id", [plan, *statuses])]

    def exported(self, request_ids: Iterable[int], plan: str) -> set[int]:
        """Which of these requests already went to `plan` in some batch."""
        rows = self.db.execute(
            "SELECT DISTINCT i.request_id FROM export_items i JOIN export_batches b ON b.id = i.batch_id "
            "WHERE b.plan = ? AND i.request_id IN (SELECT value FROM json_each(?))",
            [plan, json.dumps(sorted(set(request_ids)))],
        )
        return {row[0] for row in rows}

    def snapshots(self, request_ids: Sequence[int]) -> list[Case]:
        """The requests as they stand now, without history (what a batch sends), in the order asked.
        Unknown ids are left out; drafts come back with request None."""
        rows = self.db.execute(
            "SELECT id, version, status, request_json, determination_json, authorization_json, created_at, "
            "updated_at FROM requests WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(request_ids))],
        ).fetchall()
        by_id = {}
        for rid, version, status, request, determination, authorization, created, updated in rows:
            by_id[rid] = Case(
                id=rid, version=version, status=Status(status),
                request=Request.model_validate_json(request) if request else None,
                determination=Determination.model_validate_json(determination) if determination else None,
                authorization=Authorization.model_validate_json(authorization) if authorization else None,
                created_at=_from_utc_text(created), updated_at=_from_utc_text(updated),
            )
        return [by_id[rid] for rid in request_ids if rid in by_id]

    # --- recording a batch -----------------------------------------------------------------------------------

    def next_id(self) -> int:
        return self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM export_batches").fetchone()[0]

    def record(self, batch: StoredBatch, items: Iterable[tuple[int, int, str]]) -> None:
        """The batch and its (line, request id, snapshot json) rows, in one transaction (or the caller's)."""
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO export_batches (id, plan, plan_name, practice_json, created_at, who, request_count, "
                "with_pdfs, manifest_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [batch.id, batch.plan, batch.plan_name, json.dumps(batch.practice, sort_keys=True),
                 _utc_text(batch.created_at), batch.who, batch.request_count, int(batch.with_pdfs),
                 batch.manifest_sha256],
            )
            self.db.conn.executemany(
                "INSERT INTO export_items (batch_id, line, request_id, snapshot_json) VALUES (?, ?, ?, ?)",
                [(batch.id, line, request_id, snapshot) for line, request_id, snapshot in items],
            )

    # --- reading batches back --------------------------------------------------------------------------------

    def _batch(self, row: tuple) -> StoredBatch:
        bid, plan, plan_name, practice, created, who, count, with_pdfs, manifest = row
        return StoredBatch(id=bid, plan=plan, plan_name=plan_name, practice=json.loads(practice),
                           created_at=_from_utc_text(created), who=who, request_count=count,
                           with_pdfs=bool(with_pdfs), manifest_sha256=manifest)

    _COLUMNS = "id, plan, plan_name, practice_json, created_at, who, request_count, with_pdfs, manifest_sha256"

    def get(self, batch_id: int) -> BatchRecord | None:
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM export_batches WHERE id = ?", [batch_id]).fetchone()
        if row is None:
            return None
        items = []
        for line, request_id, snapshot in self.db.execute(
                "SELECT line, request_id, snapshot_json FROM export_items WHERE batch_id = ? ORDER BY line",
                [batch_id]):
            case, professional = _from_snapshot(snapshot)
            items.append(StoredItem(line, request_id, case, professional))
        return BatchRecord(self._batch(row), items)

    def batches(self, plan: str | None = None, limit: int = 100) -> list[StoredBatch]:
        where, params = ("WHERE plan = ?", [plan]) if plan else ("", [])
        return [self._batch(row) for row in self.db.execute(
            f"SELECT {self._COLUMNS} FROM export_batches {where} ORDER BY id DESC LIMIT ?", [*params, limit])]

    def request_at(self, batch_id: int, line: int) -> int | None:
        row = self.db.execute("SELECT request_id FROM export_items WHERE batch_id = ? AND line = ?",
                              [batch_id, line]).fetchone()
        return row[0] if row else None

    def batch_exists(self, batch_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM export_batches WHERE id = ?", [batch_id]).fetchone() is not None

    def sent(self, request_id: int) -> list[Sent]:
        """Every batch the request went in, oldest first (the request detail shows them)."""
        return [Sent(batch_id, line, plan, _from_utc_text(created), who) for batch_id, line, plan, created, who in
                self.db.execute(
                    "SELECT b.id, i.line, b.plan, b.created_at, b.who FROM export_items i "
                    "JOIN export_batches b ON b.id = i.batch_id WHERE i.request_id = ? ORDER BY b.id",
                    [request_id])]
