"""Use cases of the case file: take a request in, decide it, schedule the consult, track the report, close it.

Every change goes through `_change`: it checks the transition, recomputes the clocks from the stored facts, and
writes with the version the caller read, so two desks on one file never overwrite each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from app.domain.cases import LABELS, OPEN, Authorization, Case, Consult, Status
from app.domain.models import Request
from app.domain.time import now_pacific
from app.errors import InputProblem, Problem
from app.rules.lifecycle import (
    DEFAULT_REPORT_DUE_DAYS,
    TRANSITIONS,
    IllegalTransition,
    after_submission,
    check_transition,
    clocks_for,
    extension_deadline,
)
from app.services.evaluation import Evaluator
from app.services.intake import Intake
from app.services.security import Action, ActsForSession, Guard, Session
from app.storage.cases import CaseFilter, CaseRepository, StaleVersion, UnknownCase
from app.storage.worklist import WorklistRow


class Outcome(StrEnum):
    approved = "approved"
    modified = "modified"
    denied = "denied"
    pended = "pended"


class CaseProblem(InputProblem):
    """A refused change, said so a clerk knows what to do (illegal transition, stale version, unknown id)."""


@dataclass
class Submitted:
    case: Case
    duplicates: list[Case]


class CaseService(ActsForSession):
    local_drafts: LocalDrafts | None = None  # a desk on the office server keeps typing here while it is away

    def __init__(
        self,
        repository: CaseRepository,
        evaluator: Evaluator,
        *,
        who: str | None = None,
        clock: Callable[[], datetime] = now_pacific,
        report_due_days: int = DEFAULT_REPORT_DUE_DAYS,
        session: Session | None = None,
    ) -> None:
        self.repository = repository
        self.evaluator = evaluator
        self.intake = Intake(evaluator)  # what the intake form asks while the clerk types
        self.clock = clock
        self.report_due_days = report_due_days
        self.use_session(session, who)

    def use_session(self, session: Session | None, who: str | None = None) -> None:
        """Act for `session` (app.services.security: its role is checked before each change, and the history
        and the audit trail name its user). Without one, only a database with no users yet allows changes."""
        from app.storage.audit import AuditLog

        self.session = session
        self.guard = Guard(self.repository.db, session)
        self._who = who
        self.audit = AuditLog(self.repository.db)

    def get_for_view(self, case_id: int) -> Case:
        """The case a user opens on screen: allowed to every signed-in role, and recorded in the audit trail."""
        self.guard.check(Action.view)
        case = self.get(case_id)
        self.audit.record(self.who, "view", request_id=case_id)
        return case

    # --- reading ---------------------------------------------------------------------------------------------

    @staticmethod
    def next_steps(status: Status) -> frozenset[Status]:
        """The statuses a case may move to from `status` (what the request screen offers as buttons)."""
        return TRANSITIONS[status]

    def get(self, case_id: int) -> Case:
        try:
            return self.repository.get(case_id)
        except UnknownCase as error:
            raise CaseProblem([str(error)]) from None

    def find(self, where: CaseFilter = CaseFilter(), *, limit: int = 100, offset: int = 0, order: str = "due",
             descending: bool = False) -> list[Case]:
        return self.repository.find(where, limit=limit, offset=offset, order=order, descending=descending)

    def count(self, where: CaseFilter = CaseFilter()) -> int:
        return self.repository.count(where)

    def worklist(self, where: CaseFilter = CaseFilter(), *, limit: int = 100, offset: int = 0, order: str = "due",
                 descending: bool = False) -> list[WorklistRow]:
        """The worklist's rows (plain, no models): what the desk's table shows."""
        return self.repository.worklist(where, limit=limit, offset=offset, order=order, descending=descending)

    def is_empty(self) -> bool:
        return self.repository.is_empty()

    def duplicates_of(self, request: Request, exclude: int | None = None) -> list[Case]:
        """Open requests of the same member about the same specialty or with a reason in common."""
        same_member = self.repository.find(CaseFilter(member_id=request.member.member_id, open_only=True))
        reasons = set(request.reasons)
        found = []
        for case in same_member:
            other = case.request
            if case.id == exclude or other is None:
                continue
            same_specialty = bool(request.care_in_question.taxonomy) and (
                other.care_in_question.taxonomy == request.care_in_question.taxonomy)
            if same_specialty or reasons & set(other.reasons):
                found.append(case)
        return found

    # --- drafts: kept as typed, never lost ------------------------------------------------------------------

    def save_draft(self, data: dict, case_id: int | None = None) -> Case:
        """Store what has been typed so far (any shape: it is validated only when submitted)."""
        self.guard.check(Action.intake)
        now = self.clock()
        if case_id is None:
            draft = Case(id=0, version=1, status=Status.draft, draft=data, created_at=now, updated_at=now)
            return self.repository.create(draft, who=self.who, why="draft started")
        case = self.get(case_id)
        if case.status != Status.draft:
            raise CaseProblem([f"request #{case_id} was already submitted; open it to change it"])
        return self.repository.save(case.model_copy(update={"draft": data, "updated_at": now}),
                                    expected_version=case.version, who=self.who)

    def restore_local_drafts(self) -> list[int]:
        """Hand the drafts kept on this computer while the server was away back to the server (ids of the
        drafts written); each is removed here once stored. Raises ServerUnavailable if it is still away."""
        local = self.local_drafts
        restored = []
        for key, case_id, data in (local.waiting() if local is not None else []):
            try:
                case = self.save_draft(data, case_id)
            except CaseProblem:  # submitted meanwhile (at another desk): keep the typing as a new draft
                case = self.save_draft(data, None)
            local.discard(key)
            restored.append(case.id)
        return restored

    def drafts(self) -> list[Case]:
        return self.repository.find(CaseFilter(statuses=(Status.draft,)), order="newest")

    def submit_draft(self, case_id: int, *,
                     confirm_duplicates: Callable[[Request, list[Case]], bool] | None = None) -> Submitted | None:
        """Validate the draft (every problem named by its field path), evaluate it and move it on: the intake's
        Save, in one call. With open requests it may duplicate, `confirm_duplicates(request, duplicates)` is asked
        first; False leaves the draft as it is and returns None."""
        from app.services.evaluation import parse_request

        self.guard.check(Action.intake)
        case = self.get(case_id)
        if case.status != Status.draft:
            raise CaseProblem([f"request #{case_id} is {LABELS[case.status]}, not a draft"])
        request = parse_request(case.draft or {})
        determination = self.evaluator.evaluate(request)
        duplicates = self.duplicates_of(request, exclude=case_id)
        if duplicates and confirm_duplicates is not None and not confirm_duplicates(request, duplicates):
            return None
        case = self._change(case, Status.submitted, updates={"request": request, "draft": None,
                                                              "determination": determination},
                            why=f"evaluated with engine {determination.engine_version}, "
                                f"{determination.policy_revision}")
        return Submitted(self._after_submission(case), duplicates)

    # --- intake ----------------------------------------------------------------------------------------------

    def submit(self, request: Request) -> Submitted:
        """Validate, evaluate and store a request; it goes to scheduling or waits for authorization."""
        self.guard.check(Action.intake)
        duplicates = self.duplicates_of(request)
        determination = self.evaluator.evaluate(request)
        now = self.clock()
        case = Case(id=0, version=1, status=Status.submitted, request=request, determination=determination,
                    created_at=now, updated_at=now)
        stored = self.repository.create(
            case, who=self.who,
            why=f"evaluated with engine {determination.engine_version}, {determination.policy_revision}",
        )
        return Submitted(self._after_submission(stored), duplicates)

    def _after_submission(self, case: Case) -> Case:
        determination = case.determination
        next_status = after_submission(determination.authorization_required, determination.eligible)
        outcome = ("no authorization needed" if next_status == Status.ready_to_schedule
                   else f"needs a decision: eligible {determination.eligible}, authorization "
                        f"{'required' if determination.authorization_required else 'not required'}")
        return self._change(case, next_status, why=outcome)

    # --- decisions and the consult ---------------------------------------------------------------------------

    def decide(
        self,
        case_id: int,
        outcome: Outcome,
        *,
        reason: str | None = None,
        authorization_number: str | None = None,
        valid_from: date | None = None,
        valid_to: date | None = None,
        extension_to: date | None = None,
        expected_version: int | None = None,
    ) -> Case:
        self.guard.check(Action.decide)
        case = self.get(case_id)
        problems: list[Problem] = []  # each at its argument (a decisions file's column of that name)
        if outcome in (Outcome.approved, Outcome.modified) and not authorization_number:
            problems.append(Problem("required to approve (as the plan or IPA gave it)",
                                    field_path="authorization_number", label="authorization number"))
        if outcome in (Outcome.denied, Outcome.pended, Outcome.modified) and not reason:
            what = {"denied": "the reasons for the denial and the criteria applied",
                    "pended": "what information is missing",
                    "modified": "what was changed"}[outcome.value]
            problems.append(Problem(f"required when the request is {outcome.value}: give {what}",
                                    field_path="reason"))
        if valid_from and valid_to and valid_to < valid_from:
            problems.append(Problem("comes before valid from; check the dates", field_path="valid_to",
                                    label="valid to"))
        if problems:
            raise CaseProblem(problems)
        updates: dict = {"decision_reason": reason}
        if outcome in (Outcome.approved, Outcome.modified):
            updates["authorization"] = Authorization(number=authorization_number, valid_from=valid_from,
                                                     valid_to=valid_to)
        if outcome == Outcome.pended:
            due = case.clocks.decision_due or (case.determination.decision_due if case.determination else None)
            if due is None:
                raise CaseProblem(["this request has no decision clock to extend (no authorization was needed)"])
            updates["extension_due"] = extension_deadline(due, extension_to)
            updates["extension_reason"] = reason
        with self.repository.db.atomic():  # the decision and its audit row: both or neither
            changed = self._change(case, Status(outcome.value), why=reason, updates=updates,
                                   expected_version=expected_version)
            self.audit.record(self.who, "decide", request_id=case_id, detail=f"outcome={outcome.value}")
        return changed

    def schedule_consult(self, case_id: int, scheduled_for: date, npi: str, name: str | None = None,
                         expected_version: int | None = None) -> Case:
        from app.codes.npi import npi_problem

        self.guard.check(Action.schedule)
        problem = npi_problem(npi)
        if problem:
            raise CaseProblem([Problem(problem, field_path="npi")])
        case = self.get(case_id)
        return self._change(case, Status.consult_scheduled,
                            why=f"consult on {scheduled_for.isoformat()} with NPI {npi}",
                            updates={"consult": Consult(scheduled_for=scheduled_for, npi=npi, name=name)},
                            expected_version=expected_version)

    def request_report(self, case_id: int, expected_version: int | None = None) -> Case:
        self.guard.check(Action.schedule)
        return self._change(self.get(case_id), Status.report_requested, why="consultation report requested",
                            expected_version=expected_version)

    def report_received(self, case_id: int, received_on: date, expected_version: int | None = None) -> Case:
        self.guard.check(Action.schedule)
        case = self.get(case_id)
        if case.consult and received_on < case.consult.scheduled_for:
            raise CaseProblem([Problem(f"{received_on.isoformat()} is before the consult "
                                       f"({case.consult.scheduled_for.isoformat()}); check the date",
                                       field_path="received_on", label="report received")])
        return self._change(case, Status.report_received, why=f"report received {received_on.isoformat()}",
                            updates={"report_received_on": received_on}, expected_version=expected_version)

    def close(self, case_id: int, expected_version: int | None = None) -> Case:
        self.guard.check(Action.schedule)
        return self._change(self.get(case_id), Status.closed, why="closed", expected_version=expected_version)

    def withdraw(self, case_id: int, reason: str, expected_version: int | None = None) -> Case:
        self.guard.check(Action.schedule)
        if not reason or not reason.strip():
            why = "say why the request is withdrawn (e.g. the member no longer wants it)"
            raise CaseProblem([Problem(why, field_path="reason")])
        return self._change(self.get(case_id), Status.withdrawn, why=reason.strip(),
                            expected_version=expected_version)

    # --- the one way a case changes --------------------------------------------------------------------------

    def _change(self, case: Case, to: Status, *, why: str | None, updates: dict | None = None,
                expected_version: int | None = None) -> Case:
        if expected_version is not None and expected_version != case.version:
            # The clerk's screen is older than the file: say so before judging the change itself.
            raise CaseProblem([str(StaleVersion.of(case, expected_version))])
        try:
            check_transition(case.status, to)
        except IllegalTransition as error:
            raise CaseProblem([f"request #{case.id}: {error}"]) from None
        version = case.version
        changed = case.model_copy(update={**(updates or {}), "status": to, "updated_at": self.clock()})
        changed = changed.model_copy(update={"clocks": clocks_for(changed, self.report_due_days)})
        try:
            return self.repository.save(changed, expected_version=version, who=self.who,
                                        changes=[(case.status, to, why)])
        except StaleVersion as error:
            raise CaseProblem([str(error)]) from None


def describe_status(case: Case) -> str:
    return LABELS[case.status] + ("" if case.status in OPEN else " (finished)")


class LocalDrafts:
    """What was typed while the office server could not be reached, kept on this computer: one JSON file per
    form being typed (its draft's request id, if the server had given one, and the fields), readable by this
    user only. Handed back to the server as drafts when it answers again (`CaseService.restore_local_drafts`),
    then removed. Only a desk on the server has them: a SQLite desk's drafts are in its own file already."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def keep(self, key: str, case_id: int | None, data: dict) -> Path:
        import json
        import os

        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{key}.json"
        temporary = target.with_name(f".{target.name}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # member data: this user only
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"case_id": case_id, "draft": data}, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        return target

    def discard(self, key: str) -> None:
        (self.folder / f"{key}.json").unlink(missing_ok=True)

    def waiting(self) -> list[tuple[str, int | None, dict]]:
        """(key, request id or None, fields) of every draft kept here, oldest first."""
        import json

        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.glob("*.json"), key=lambda path: path.stat().st_mtime):
            try:
                kept = json.loads(path.read_text(encoding="utf-8"))
                found.append((path.stem, kept.get("case_id"), kept["draft"]))
            except (OSError, ValueError, KeyError, TypeError):
                continue  # half-written or foreign: left where it is for a person to look at
        return found


class DraftAutosaver:
    """Saves a draft as it is typed: after a short pause in typing, and never more than `max_wait` seconds
    behind while typing goes on. The window calls `changed` on every edit and `tick` from a timer.

    When the office server cannot be reached, the draft goes to the service's `local_drafts` (this computer)
    instead, `offline` says so, and the next save tries the server again."""

    def __init__(self, service: CaseService, *, pause: float = 0.3, max_wait: float = 1.0,
                 clock: Callable[[], float] | None = None) -> None:
        import time
        import uuid

        self.service = service
        self.pause, self.max_wait = pause, max_wait
        self.clock = clock or time.monotonic
        self.case_id: int | None = None
        self._pending: dict | None = None
        self._first_change = self._last_change = 0.0
        self.offline = False
        self.local = service.local_drafts
        self.local_key = uuid.uuid4().hex

    def changed(self, data: dict) -> None:
        now = self.clock()
        if self._pending is None:
            self._first_change = now
        self._pending, self._last_change = data, now

    def tick(self) -> bool:
        """Save if it is time; True when something was written."""
        if self._pending is None:
            return False
        now = self.clock()
        if now - self._last_change >= self.pause or now - self._first_change >= self.max_wait:
            return self.flush()
        return False

    def flush(self) -> bool:
        """Write what is pending: to the database (True), or, with the server away, to this computer (False,
        and `offline`); ServerUnavailable only when there is no local place for it."""
        from app.errors import ServerUnavailable

        if self._pending is None:
            return False
        try:
            case = self.service.save_draft(self._pending, self.case_id)
        except ServerUnavailable:
            if self.local is None:
                raise
            self.local.keep(self.local_key, self.case_id, self._pending)
            self.offline = True
            self._first_change = self.clock()  # try the server again after max_wait, with what is typed then
            return False
        self.case_id, self._pending = case.id, None
        if self.offline and self.local is not None:
            self.local.discard(self.local_key)
        self.offline = False
        return True
