"""A request's statuses and how the desk names them: plain enums, cheap to import (the worklist opens on them
before the pydantic models are loaded)."""

from __future__ import annotations

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
