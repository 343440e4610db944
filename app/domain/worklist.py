"""What the worklist asks for and what one of its lines holds: plain data, shared by the storage that answers and
the screens that ask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.status import RunningClocks, Status


@dataclass(frozen=True)
class CaseFilter:
    statuses: tuple[Status, ...] = ()
    plan: str | None = None
    member_id: str | None = None
    text: str | None = None  # member name prefix or member id
    overdue_at: datetime | None = None
    due_before: datetime | None = None
    open_only: bool = False


@dataclass(frozen=True)
class WorklistRow(RunningClocks):
    """One line of the worklist, as the clerk reads it."""

    id: int
    status: Status
    member: str  # "Last, First", or "(draft)"
    plan: str  # the plan's name as determined, else its id
    urgent: bool
    professional: str  # the consult's or the requested professional, named from the directory, or "not chosen"
    decision_due: datetime | None
    consult_due: datetime | None
    report_due: datetime | None
    language: str = ""  # the member's language, the request's or else the roster's
    address: str = ""  # the member's mailing address on one line, the request's or else the roster's
    from_roster: tuple[str, ...] = ()  # which of language and address came from the member roster
