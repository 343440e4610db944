"""A request's statuses and how the desk names them: plain enums, cheap to import (the worklist opens on them
before the pydantic models are loaded)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    draft = "draft"
    submitted = "submitted"
    ready_to_schedule = "ready_to_schedule"
    pending_authorization = "pending_authorization"
    approved = "approved"
    modified = "modified"
    denied = "denied"
    pended = "pended"
    consult_scheduled = "consult_scheduled"
    report_requested = "report_requested"
    report_received = "report_received"
    closed = "closed"
    withdrawn = "withdrawn"


FINISHED = frozenset({Status.closed, Status.withdrawn})
OPEN = frozenset(Status) - FINISHED

LABELS = {
    Status.draft: "Draft",
    Status.submitted: "Submitted",
    Status.ready_to_schedule: "Ready to schedule",
    Status.pending_authorization: "Pending authorization",
    Status.approved: "Approved",
    Status.modified: "Approved with changes",
    Status.denied: "Denied",
    Status.pended: "Pended for information",
    Status.consult_scheduled: "Consult scheduled",
    Status.report_requested: "Report requested",
    Status.report_received: "Report received",
    Status.closed: "Closed",
    Status.withdrawn: "Withdrawn",
}


class RunningClocks:
    """The deadlines still running, for anything with decision_due, consult_due and report_due (a case's Clocks,
    a worklist row)."""

    decision_due: datetime | None
    consult_due: datetime | None
    report_due: datetime | None

    def running(self) -> list[tuple[str, datetime]]:
        named = [("decision", self.decision_due), ("consult", self.consult_due), ("report", self.report_due)]
        return [(name, due) for name, due in named if due is not None]

    @property
    def next_due(self) -> datetime | None:
        running = [due for _, due in self.running()]
        return min(running) if running else None
