"""The member roster: who a plan says its members are, with their coverage spans (issue 16).

A plan sends its delegated medical groups an eligibility file every month (an X12 834, or a CSV of the same
fields: docs/members-csv.md, docs/members-834.md). Each line becomes a `RosterMember`, keyed by member ID and
plan. Its coverage (start, end, health network) is kept as `CoverageSpan`s, one per start date, so a later
file that ends or moves a member's coverage adds to the member's history and never erases it.

The engine is handed a `MemberCoverage` (what the roster knows of one member ID) and says when the request
disagrees with it; it never reads the roster itself.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from pydantic import Field, field_validator, model_validator

from app.domain.models import Address, Cin, Member, Model, Npi, OptionalText, Sex, Text, sex_code


class CoverageSpan(Model):
    plan: Text = Field(min_length=1)
    start: date
    end: date | None = None  # None: open, still covered
    health_network: OptionalText = None

    @model_validator(mode="after")
    def _in_order(self) -> CoverageSpan:
        if self.end is not None and self.end < self.start:
            raise ValueError("coverage ends before it starts: check the two dates")
        return self

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class RosterMember(Model):
    """One member of one plan as the plan's file says it (the latest file wins for these fields)."""

    member_id: Text = Field(min_length=1)
    plan: Text = Field(min_length=1)
    last_name: Text = Field(min_length=1)
    first_name: Text = Field(min_length=1)
    date_of_birth: date
    sex: Sex | None = None
    language: OptionalText = None
    phone: OptionalText = None
    address: Address = Field(default_factory=Address)
    county: OptionalText = None
    health_network: OptionalText = None
    pcp_npi: Npi = None
    pcp_name: OptionalText = None
    coverage_start: date
    coverage_end: date | None = None
    cin: Cin = None  # the Medi-Cal CIN, when the plan's file gives it

    @field_validator("sex", mode="before")
    @classmethod
    def _sex(cls, value: object) -> object:
        return sex_code(value)

    @model_validator(mode="after")
    def _coverage_in_order(self) -> RosterMember:
        if self.coverage_end is not None and self.coverage_end < self.coverage_start:
            raise ValueError("coverage_end is before coverage_start: check the two dates (a member's dates are not "
                             "repeated here: they are PHI)")
        if self.date_of_birth > self.coverage_start.replace(year=self.coverage_start.year + 1):
            raise ValueError("date_of_birth is more than a year after coverage_start: check the two dates")
        return self

    @property
    def span(self) -> CoverageSpan:
        return CoverageSpan(plan=self.plan, start=self.coverage_start, end=self.coverage_end,
                            health_network=self.health_network)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def request_fields(self) -> dict:
        """What the intake form fills from this member: the request's own field names (app.domain.models)."""
        address = self.address.model_dump(exclude_none=True)
        member = {"member_id": self.member_id, "first_name": self.first_name, "last_name": self.last_name,
                  "date_of_birth": self.date_of_birth.isoformat(), "sex": self.sex, "language": self.language,
                  "phone": self.phone, "address": address, "health_network": self.health_network, "cin": self.cin}
        return {"plan": self.plan, "county": self.county,
                "member": {key: value for key, value in member.items() if value not in (None, {})},
                "pcp": {key: value for key, value in (("npi", self.pcp_npi), ("name", self.pcp_name)) if value}}


def as_a_history(spans: list[CoverageSpan]) -> list[CoverageSpan]:
    """The spans of one member as one history per plan: a span the files left open ends the day before the
    plan's next span starts (a later file that starts new coverage, in another health network say, ends the
    earlier coverage even when the plan never sent its termination)."""
    from datetime import timedelta

    ordered = sorted(spans, key=lambda span: (span.plan, span.start))
    kept = []
    for span, following in zip(ordered, [*ordered[1:], None]):
        if span.end is None and following is not None and following.plan == span.plan:
            span = span.model_copy(update={"end": following.start - timedelta(days=1)})
        kept.append(span)
    return sorted(kept, key=lambda span: (span.start, span.plan))


class MemberCoverage(Model):
    """What the roster knows of one member ID: every coverage span under every plan, and which plans' rosters
    are loaded at all (a member missing from a plan whose roster was never loaded proves nothing)."""

    member_id: str
    spans: list[CoverageSpan] = Field(default_factory=list)
    rostered_plans: list[str] = Field(default_factory=list)

    def on(self, day: date) -> list[CoverageSpan]:
        return [span for span in self.spans if span.covers(day)]


def completed_from_roster(member: Member, rostered: RosterMember | None) -> tuple[Member, tuple[str, ...]]:
    """The request's member with the roster's language and mailing address where the request has none (what
    the letters and the worklist show), and which of the two came from the roster. What the request holds is
    never replaced: the clerk typed it, or chose it, for this request."""
    if rostered is None or rostered.member_id != member.member_id:
        return member, ()
    update: dict = {}
    if not member.language and rostered.language:
        update["language"] = rostered.language
    if not member.address.has_any() and rostered.address.has_any():
        update["address"] = rostered.address
    if not update:
        return member, ()
    return member.model_copy(update=update), tuple(update)


class RosterView(Protocol):
    def get(self, member_id: str, plan: str) -> RosterMember | None:
        """The member of `plan` with this member ID, as the plan's latest file says."""
        ...

    def coverage(self, member_id: str) -> MemberCoverage | None:
        """The member's coverage, or None when no roster is loaded at all."""
        ...

    def find(self, text: str = "", date_of_birth: date | None = None, *, limit: int = 8) -> list[RosterMember]:
        """Members by member ID (or its beginning), or by words of the name with the date of birth."""
        ...
