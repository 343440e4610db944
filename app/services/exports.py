"""Submissions to a plan: choose the requests, write a batch (folder or ZIP, optionally AES-256), record it, write
it again identically, and take the plan's decisions back in.

The order of a batch's life, and why:
1. the files are written under a temporary name beside the target, the manifest last, and synced;
2. in one transaction the batch and each request's snapshot are recorded, and the temporary name is renamed to
   the final one; the transaction commits only after the rename succeeded. Anything failing before the commit
   rolls the records back and removes the files. A crash leaves a hidden `.partial` that never looks whole and
   records nothing. (Only a crash in the microseconds between the rename and the commit can leave a finished
   batch unrecorded: its requests are then offered again, which is safer than the reverse.)

`pdf_for(case) -> bytes` renders a request's referral letter (one with `for_submissions(header, submissions)`
renders a whole batch from its snapshots: app.services.referrals); None writes no letters (`--no-pdf`).
`referral_pdf_renderer()` is the one place that wires it to app.letters.

No batch carries a diagnosis that is not a billable ICD-10-CM code (Official Guidelines I.B.2, the HIPAA code set
of 45 CFR 162.1002): intake refuses one, but a request stored before that rule may hold a category such as I25.
Such a request is held back from a batch and reported (`HeldBack`); named with `ids`, it is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.domain.cases import LABELS, Case, Status
from app.domain.directory import DirectoryView
from app.domain.models import Provider
from app.domain.settings import Settings
from app.errors import InputProblem, Problem
from app.domain.submissions import CsvProfile
from app.exports.batch import EXPORT_FORMAT_VERSION, BatchHeader, PdfFor, Practice, Submission
from app.exports.decisions_csv import DecisionRow, read_decisions
from app.exports.package import Progress, write_batch
from app.domain.time import now_pacific
from app.services.cases import CaseProblem, CaseService, Outcome
from app.services.evaluation import CodeSet, diagnosis_problems
from app.storage.settings import SettingsRepository
from app.storage.exports import (
    BatchRecord,
    ExportRepository,
    Sent,
    StoredBatch,
    snapshot_json,
    stored_time,
)


@dataclass(frozen=True)
class HeldBack:
    """A request left out of a batch, and why (with how to send it)."""

    request_id: int
    reason: str

    def __str__(self) -> str:
        return f"request #{self.request_id}: {self.reason}"


@dataclass(frozen=True)
class Selection:
    cases: list[Case]
    held_back: list[HeldBack] = field(default_factory=list)


@dataclass(frozen=True)
class ExportResult:
    batch_id: int
    path: Path
    count: int
    request_ids: list[int]
    manifest_sha256: str
    held_back: list[HeldBack] = field(default_factory=list)  # waiting requests left out of this batch


@dataclass
class DecisionReport:
    applied: list[tuple[int, int, Status]] = field(default_factory=list)  # (line, request id, new status)
    unchanged: list[tuple[int, int, str]] = field(default_factory=list)  # (line, request id, why)
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False


class _DryRun(Exception):
    pass


def referral_pdf_renderer(letters) -> PdfFor:
    """The referral letter of each exported request (app.services.referrals): from the batch's snapshots, dated
    the day the request reached the status it was sent in, rendered deterministically, so a batch written again
    matches the manifest it was sent with (`rewrite` refuses and writes nothing otherwise)."""
    from app.services.referrals import ReferralRenderer

    return ReferralRenderer(letters)


class ExportService:
    def __init__(
        self,
        cases: CaseService,
        *,
        directory: DirectoryView,
        profiles: Mapping,
        settings: Settings | None = None,
        pdf_for: PdfFor | None = None,
        who: str | None = None,
        clock: Callable[[], datetime] = now_pacific,
        codes: CodeSet | None = None,
    ) -> None:
        """`codes`: the ICD-10-CM code set the diagnoses are checked against; the one the case service's
        evaluator holds (the desk's) unless given."""
        self.cases = cases
        self.codes = codes if codes is not None else cases.evaluator.codes
        self.db = cases.repository.db
        self.repository = ExportRepository(self.db)
        self.directory = directory
        self.profiles = profiles
        self.settings = settings or Settings()
        self.pdf_for = pdf_for
        self.who = who or cases.who
        self.clock = clock

    # --- choosing ----------------------------------------------------------------------------------------------

    def _plan_name(self, plan: str) -> str:
        try:
            return self.profiles[plan].name
        except KeyError:
            known = ", ".join(sorted(self.profiles)) if hasattr(self.profiles, "__iter__") else ""
            raise InputProblem([f"--plan: no plan {plan!r}" + (f"; the plans are {known}" if known else "")]) \
                from None

    def select(self, plan: str, *, again: bool = False, ids: Sequence[int] = ()) -> list[Case]:
        """What a batch for `plan` would send (see `choose`)."""
        return self.choose(plan, again=again, ids=ids).cases

    def _not_billable(self, case: Case) -> str | None:
        """Why the request cannot go to a plan as it is stored (a diagnosis that is not a billable code), with
        how to send it; None when it can."""
        problems = diagnosis_problems(case.request, self.codes)
        if not problems:
            return None
        return (f"{'; '.join(map(str, problems))}; to send it, withdraw request #{case.id} and enter it "
                f"again with billable codes")

    def _cannot_send(self, case: Case, listed: dict[str, Provider | None]) -> str | None:
        """Why the request cannot go to a plan as it is stored, with how to send it; None when it can. `listed`:
        NPI -> the directory's entry (None: not listed), filled as it is asked."""
        reason = self._not_billable(case)
        if reason is not None:
            return reason
        npi = case.request.requested_provider_npi
        if npi:
            if npi not in listed:
                listed[npi] = self.directory.get(npi)
            professional = listed[npi]
            if professional is None:
                return (f"the requested professional, NPI {npi}, is not in the provider directory, so the plan "
                        "would get an NPI without a name or phone (US Core: a Practitioner has a name); import "
                        "a directory that lists it (Tools > Provider directory), then export again")
            if not professional.phone:
                return (f"the provider directory has no phone for the requested professional, NPI {npi}, and the "
                        "plan needs a way to reach them (US Core PractitionerRole pd-1: contact details); add "
                        "the phone in Tools > Provider directory (or import a directory that has it), then "
                        "export again")
        return None

    def choose(self, plan: str, *, again: bool = False, ids: Sequence[int] = ()) -> Selection:
        """What a batch for `plan` would send, and what it leaves out. By default the submitted requests
        waiting for an authorization decision that were never exported to the plan, less those held back (a
        diagnosis that is not a billable ICD-10-CM code: Official Guidelines I.B.2; a requested professional the
        directory does not list); `again` includes those
        already exported; `ids` names the requests (each must be a submitted request of that plan with billable
        diagnoses, and, without `again`, not yet sent)."""
        self._plan_name(plan)
        if not ids:
            cases, held_back, listed = [], [], {}
            for case in self.repository.snapshots(self.repository.awaiting_ids(plan, again=again)):
                reason = self._cannot_send(case, listed)
                if reason is None:
                    cases.append(case)
                else:
                    held_back.append(HeldBack(case.id, reason))
            return Selection(cases, held_back)
        wanted = list(dict.fromkeys(ids))
        found = {case.id: case for case in self.repository.snapshots(wanted)}
        already = set() if again else self.repository.exported(wanted, plan)
        problems = []
        for case_id in wanted:
            case = found.get(case_id)
            if case is None:
                problems.append(f"--ids: there is no request #{case_id}")
            elif case.request is None:
                problems.append(f"--ids: request #{case_id} is a draft: submit it first")
            elif case.request.plan != plan:
                problems.append(f"--ids: request #{case_id} is for {case.request.plan}, not {plan}")
            elif case_id in already:
                sent = self.repository.sent(case_id)
                problems.append(f"--ids: request #{case_id} was already sent to {plan} in batch "
                                f"{', '.join(str(s.batch_id) for s in sent)}; add --again to send it again")
            elif (reason := self._cannot_send(case, {})) is not None:
                problems.append(f"--ids: request #{case_id} cannot be sent: {reason}")
        if problems:
            raise InputProblem(problems)
        return Selection([found[case_id] for case_id in wanted])

    def _professionals(self, cases: Sequence[Case]) -> dict[str, Provider]:
        npis = sorted({case.request.requested_provider_npi for case in cases
                       if case.request.requested_provider_npi})
        found = {}
        for npi in npis:
            provider = self.directory.get(npi)
            if provider is not None:
                found[npi] = provider
        return found

    # --- writing -----------------------------------------------------------------------------------------------

    def export(self, plan: str, out: Path | str, *, as_zip: bool = False, passphrase: str | None = None,
               again: bool = False, ids: Sequence[int] = (), progress: Progress | None = None) -> ExportResult:
        from app.services.security import Action

        self.cases.guard.check(Action.export)
        selection = self.choose(plan, again=again, ids=ids)
        cases = selection.cases
        if not cases and selection.held_back:
            raise InputProblem([str(held) for held in selection.held_back],
                               source=f"nothing to export for {plan}: every request waiting is held back")
        if not cases:
            raise InputProblem([f"nothing to export for {plan}: no submitted request waits for its authorization "
                                "decision that was not sent already (add --again to send those again)"])
        practice = Practice(name=self.settings.practice_name, address=self.settings.practice_address,
                            phone=self.settings.practice_phone, fax=self.settings.practice_fax,
                            sender_id=SettingsRepository(self.db).sender_id(), npi=self.settings.practice_npi,
                            tin=self.settings.practice_tin, place_of_service=self.settings.place_of_service)
        profile = self.profiles[plan]
        header = BatchHeader(batch_id=self.repository.next_id(), plan=plan, plan_name=self._plan_name(plan),
                             practice=practice, created_at=stored_time(self.clock()), who=self.who,
                             with_pdfs=self.pdf_for is not None, csv=profile.submissions_csv,
                             export_format=EXPORT_FORMAT_VERSION, payer_id=profile.payer_id)
        professionals = self._professionals(cases)
        submissions = [Submission(line=line, case=case,
                                  professional=professionals.get(case.request.requested_provider_npi or ""))
                       for line, case in enumerate(cases, start=1)]
        pending = write_batch(header, submissions, Path(out), as_zip=as_zip, passphrase=passphrase,
                              pdf_for=self.pdf_for, progress=progress)
        stored = StoredBatch(id=header.batch_id, plan=plan, plan_name=header.plan_name,
                             practice=practice.model_dump(mode="json"), created_at=header.created_at,
                             who=self.who, request_count=len(submissions), with_pdfs=header.with_pdfs,
                             manifest_sha256=pending.manifest_sha256,
                             csv=header.csv.model_dump(mode="json") if header.csv is not None else None,
                             format_version=header.export_format, payer_id=header.payer_id)
        items = [(s.line, s.request_id, snapshot_json(s.case, s.professional)) for s in submissions]
        published: Path | None = None
        try:
            with self.db.atomic():
                # First in the transaction: the claim takes the desks' turn (the server's advisory lock, SQLite's
                # write lock) and re-checks, so a request another desk recorded meanwhile refuses this batch
                # (BatchRefused, an InputProblem naming the requests and their batch): nothing is recorded and the
                # files are removed below.
                self.repository.claim(stored, items, again=again)
                self.cases.audit.record(self.who, "export", detail=f"batch={header.batch_id} plan={plan} requests="
                                        + ",".join(str(s.request_id) for s in submissions))
                published = pending.publish()
        except BaseException:
            self._undo(pending, published)
            raise
        return ExportResult(header.batch_id, published, len(submissions), [s.request_id for s in submissions],
                            pending.manifest_sha256, selection.held_back)

    @staticmethod
    def _undo(pending, published: Path | None) -> None:
        if published is not None:
            from app.exports.package import _remove

            _remove(published)
        else:
            pending.discard()

    def rewrite(self, batch_id: int, out: Path | str, *, as_zip: bool = False, passphrase: str | None = None,
                progress: Progress | None = None) -> ExportResult:
        """Write a recorded batch again from the database: the same files, byte for byte (checked against the
        manifest recorded when it was sent: a mismatch writes nothing)."""
        from app.services.security import Action

        self.cases.guard.check(Action.export)
        record = self.batch(batch_id)
        batch = record.batch
        if batch.with_pdfs and self.pdf_for is None:
            raise InputProblem([f"batch {batch_id} was sent with referral letters: it can only be written again "
                                "with them"])
        header = BatchHeader(batch_id=batch.id, plan=batch.plan, plan_name=batch.plan_name,
                             practice=Practice.model_validate(batch.practice), created_at=batch.created_at,
                             who=batch.who, with_pdfs=batch.with_pdfs,
                             csv=CsvProfile.model_validate(batch.csv) if batch.csv is not None else None,
                             export_format=batch.format_version, payer_id=batch.payer_id)
        submissions = [Submission(line=item.line, case=item.case, professional=item.professional)
                       for item in record.items]
        pending = write_batch(header, submissions, Path(out), as_zip=as_zip, passphrase=passphrase,
                              pdf_for=self.pdf_for if batch.with_pdfs else None, progress=progress)
        if pending.manifest_sha256 != batch.manifest_sha256:
            pending.discard()
            raise InputProblem([f"batch {batch_id} written again does not match the one sent (its manifest "
                                "differs): the letters renderer or the export format changed since; nothing "
                                "was written"])
        path = pending.publish()
        self.cases.audit.record(self.who, "export_again", detail=f"batch={batch.id} plan={batch.plan}")
        return ExportResult(batch.id, path, len(submissions), [s.request_id for s in submissions],
                            pending.manifest_sha256)

    # --- reading -----------------------------------------------------------------------------------------------

    def batch(self, batch_id: int) -> BatchRecord:
        record = self.repository.get(batch_id)
        if record is None:
            raise InputProblem([f"there is no export batch {batch_id}"])
        return record

    def batches(self, plan: str | None = None, limit: int = 100) -> list[StoredBatch]:
        return self.repository.batches(plan, limit)

    def sent(self, request_id: int) -> list[Sent]:
        """When, and in which batches, a request was sent (oldest first)."""
        return self.repository.sent(request_id)

    # --- decisions back ----------------------------------------------------------------------------------------

    def import_decisions(self, data: bytes, *, dry_run: bool = False) -> DecisionReport:
        """Apply the plan's decisions file: each good row moves its request through CaseService.decide (with
        history); every refused row is reported by line and column; the good rows are applied together in one
        transaction (none of them when `dry_run`). A row already recorded (same outcome, same authorization
        number) is left as it is, so importing a file twice changes nothing."""
        from app.services.security import Action

        self.cases.guard.check(Action.decide)
        rows, problems = read_decisions(data)
        report = DecisionReport(problems=list(problems), dry_run=dry_run)
        try:
            with self.db.atomic():
                for row in rows:
                    self._apply(row, report)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        report.problems.sort(key=lambda problem: problem.line)
        return report

    def _request_of(self, row: DecisionRow, report: DecisionReport) -> int | None:
        if row.batch_id is None:
            return row.request_id
        if not self.repository.batch_exists(row.batch_id):
            report.problems.append(Problem(f"there is no export batch {row.batch_id}", line=row.line,
                                           column="batch_id"))
            return None
        if row.batch_line is None:
            if row.request_id is None:
                report.problems.append(Problem("empty: give the line of the request in the batch's "
                                               "submissions.csv", line=row.line, column="line"))
            return row.request_id
        found = self.repository.request_at(row.batch_id, row.batch_line)
        if found is None:
            report.problems.append(Problem(f"batch {row.batch_id} has no line {row.batch_line}",
                                           line=row.line, column="line"))
            return None
        if row.request_id is not None and row.request_id != found:
            report.problems.append(Problem(
                f"request #{row.request_id} is not line {row.batch_line} of batch {row.batch_id} (that line "
                f"is request #{found})", line=row.line, column="request_id"))
            return None
        return found

    def _apply(self, row: DecisionRow, report: DecisionReport) -> None:
        case_id = self._request_of(row, report)
        if case_id is None:
            return
        try:
            case = self.cases.get(case_id)
        except CaseProblem:
            report.problems.append(Problem(f"there is no request #{case_id}", line=row.line,
                                           column="request_id"))
            return
        outcome = Outcome(row.outcome)
        wanted = Status(outcome.value)
        same_number = (case.authorization.number if case.authorization else None) == row.authorization_number
        if case.status == wanted and (same_number or row.authorization_number is None):
            report.unchanged.append((row.line, case_id, f"already {LABELS[wanted]}"))
            return
        try:
            with self.db.atomic():  # a savepoint: a refused row leaves no trace
                changed = self.cases.decide(case_id, outcome, reason=row.reason,
                                            authorization_number=row.authorization_number,
                                            valid_from=row.valid_from, valid_to=row.valid_to)
        except CaseProblem as problem:
            # decide names each problem by its argument, which is the column of that name; a refused
            # transition has no field: the outcome is what cannot follow the request's status.
            report.problems += [Problem(item.message, line=row.line, column=item.field_path or "outcome")
                                for item in problem.items]
            return
        report.applied.append((row.line, case_id, changed.status))

