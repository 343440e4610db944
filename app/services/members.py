"""Use case: the member roster (issue 16). Load the plan's eligibility file (an X12 834 or the roster CSV), find
a member for the intake, and say what the roster knows of a member's coverage.

Importing is an intake action (any signed-in clerk loads the month's file) and is written to the audit trail
with its counts and the file's name, never a member's data. Looking a member up is not audited: the intake
does it at each pause in typing, and what the clerk then saves is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.domain.members import RosterMember
from app.storage.members import LOOKUP_LIMIT, MemberRepository, Progress, RosterReport


class RosterService:
    def __init__(self, store, *, session=None, plan_names: dict[str, str] | None = None,
                 clock: Callable[[], str] | None = None) -> None:
        from app.services.security import Guard

        self.store = store
        self.repository = MemberRepository(store)
        self.guard = Guard(store, session)
        self.plan_names = plan_names if plan_names is not None else _plan_names()
        self.clock = clock

    def import_file(self, path: Path | str, *, plan: str | None = None,
                    progress: Progress | None = None) -> RosterReport:
        """Load `path` into the roster in one transaction (see MemberRepository.import_file); InputProblem when
        the file is unreadable or holds no good member, nothing changed then."""
        from app.errors import InputProblem
        from app.services.security import Action
        from app.storage.audit import AuditLog

        self.guard.check(Action.intake)
        options = {"clock": self.clock} if self.clock is not None else {}
        report = self.repository.import_file(path, self.plan_names, plan=plan, who=self.guard.user,
                                             progress=progress, **options)
        if report.loaded == 0:
            raise InputProblem(report.items or ["no member in the file"], source=str(path))
        AuditLog(self.store).record(self.guard.user or "(first start)", "roster_imported",
                                    detail=f"file={Path(path).name} plans={','.join(report.plans)} "
                                    f"inserted={report.inserted} updated={report.updated} "
                                    f"unchanged={report.unchanged} skipped={report.skipped}")
        return report

    def find(self, text: str = "", date_of_birth: date | None = None, *,
             limit: int = LOOKUP_LIMIT) -> list[RosterMember]:
        return self.repository.find(text, date_of_birth, limit=limit)

    def member(self, member_id: str, plan: str | None = None) -> RosterMember | None:
        """The member under `plan`, or (no plan given, or none under it) the member's only or latest plan."""
        if plan:
            found = self.repository.get(member_id, plan)
            if found is not None:
                return found
        rows = self.repository.find(member_id)
        exact = [row for row in rows if row.member_id == member_id]
        return max(exact, key=lambda row: row.coverage_start) if exact else None

    def count(self) -> int:
        return self.repository.count()

    def loads(self, limit: int = 20) -> list[dict]:
        return self.repository.loads(limit)


def _plan_names() -> dict[str, str]:
    from app.rules.plan_names import plan_names

    return dict(plan_names())
