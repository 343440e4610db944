"""A request's life on the desk: its status, its history, its clocks, and what was decided."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from app.domain.models import Determination, Model, Request
from app.domain.status import FINISHED, LABELS, OPEN, RunningClocks, Status  # noqa: F401  (where they were first)


class Authorization(Model):
    number: str = Field(min_length=1)
    valid_from: date | None = None
    valid_to: date | None = None


class Consult(Model):
    scheduled_for: date
    npi: str
    name: str | None = None


class Clocks(RunningClocks, Model):
    """Deadlines still running (None when a clock is stopped or never started)."""

    decision_due: datetime | None = None
    consult_due: datetime | None = None
    report_due: datetime | None = None


class HistoryEntry(Model):
    at: datetime
    who: str
    from_status: Status | None
    to_status: Status
    why: str | None = None


class Case(Model):
    """One request as stored: the request itself, its determination snapshot, its status and version.

    `version` rises by one with every write; an edit based on an older version is refused (two desks, one file).
    """

    id: int
    version: int
    status: Status
    request: Request | None = None
    draft: dict | None = Field(default=None, description="what the clerk has typed so far, before it validates")
    determination: Determination | None = None
    authorization: Authorization | None = None
    decision_reason: str | None = None
    extension_due: datetime | None = None
    extension_reason: str | None = None
    consult: Consult | None = None
    report_received_on: date | None = None
    clocks: Clocks = Field(default_factory=Clocks)
    created_at: datetime
    updated_at: datetime
    history: list[HistoryEntry] = Field(default_factory=list)

    @property
    def member_label(self) -> str:
        if self.request is not None:
            return f"{self.request.member.last_name}, {self.request.member.first_name}"
        member = (self.draft or {}).get("member")
        member = member if isinstance(member, dict) else {}  # a draft holds whatever was typed
        parts = (member.get("last_name"), member.get("first_name"))
        return ", ".join(part.strip() for part in parts if isinstance(part, str) and part.strip()) or "(draft)"
