"""Letters of a case: build, render, record each print (file + SHA-256), reprint, and the day's batch.

The export and the desk window call `LetterService.render(case_id, kind, language)` for a letter's PDF bytes;
`print_letter` also stores the file in the `letters` folder next to the database and records who printed it when.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.domain.cases import Case, Status
from app.domain.directory import DirectoryView
from app.domain.members import RosterView, completed_from_roster
from app.domain.settings import Settings
from app.errors import InputProblem
from app.letters import Letter, LetterKind, Letterhead, Professional, letters_for, render
from app.letters.model import CriterionLine, DiagnosisLine
from app.letters.texts import Catalog, default_catalog, language_for
from app.domain.time import now_pacific
from app.services.security import Action, ActsForSession, Guard, Session
from app.storage.cases import CaseFilter, CaseRepository, UnknownCase
from app.storage.letters import LetterRepository, PrintedLetter, StoredLetterProblem, write_whole

LETTERS_FOLDER = "letters"
# The statuses whose cases may have a letter due (denied stays open until closed).
DUE_STATUSES = (Status.ready_to_schedule, Status.approved, Status.modified, Status.denied, Status.pended,
                Status.consult_scheduled, Status.report_requested, Status.report_received)


class LetterProblem(InputProblem):
    """A letter that cannot be made as asked (unknown request, kind not applicable, language, folder)."""


@dataclass(frozen=True)
class DueLetter:
    case_id: int
    kind: LetterKind
    member_label: str


Progress = Callable[[int, int, DueLetter, "PrintedLetter | None"], object]


def letters_folder_for(db_path: Path) -> Path:
    return Path(db_path).resolve().parent / LETTERS_FOLDER


def compose_letter(case: Case, kind: LetterKind, language: str | None, today: date, *, profiles: Mapping,
                   catalog: Catalog, letterhead: Letterhead, professional: Professional | None,
                   describe: Callable[[str], str | None]) -> Letter:
    """A case's letter from what it needs, no database: `language` a code or name, or None for the member's."""
    request = case.request
    if request is None:
        raise LetterProblem([f"request #{case.id} is a draft: submit it before printing letters"])
    requested_language = None
    if language is None:
        language, unavailable = language_for(kind, request.member.language, catalog)
        requested_language = request.member.language if unavailable else None
    else:
        code = catalog.code_for(language)
        if code is None:
            raise LetterProblem([f"--lang: no letter texts in {language!r}; available: "
                                 f"{', '.join(sorted(catalog.languages))}"])
        language = code
    profile = profiles[request.plan]
    policy = profile.policy
    policy_text = " ".join(part for part in (policy.issuer, policy.number, f"“{policy.title}”") if part)
    policy_text += f" (revised {policy.revised})"
    criteria_by_reason = {criterion.reason: criterion.citation for criterion in profile.criteria}
    criteria = [CriterionLine(reason=reason, citation=criteria_by_reason.get(reason, profile.not_limited_to.citation))
                for reason in request.reasons]
    return Letter(
        kind=kind, language=language, requested_language=requested_language, issued_on=today, case=case,
        letterhead=letterhead, plan_name=profile.name, policy=policy_text, professional=professional,
        diagnoses=[DiagnosisLine(code=code, description=describe(code)) for code in request.diagnoses],
        criteria=criteria,
    )


def professional_of(case: Case, found) -> Professional | None:
    """The letter's professional: the consult's or the requested one, as `found` in the directory (a Provider,
    or None when it is not there)."""
    request = case.request
    npi = case.consult.npi if case.consult else request.requested_provider_npi
    if npi is None:
        return None
    if found is None:
        name = case.consult.name if case.consult and case.consult.name else f"NPI {npi}"
        return Professional(name=name, npi=npi)
    return Professional(name=found.display_name, npi=found.npi, specialty=found.specialty, address=found.address,
                        city=found.city, state=found.state, zip=found.zip, phone=found.phone, fax=found.fax)


def letterhead_of(name: str | None, address: str | None, phone: str | None, fax: str | None,
                  logo: str | None = None) -> Letterhead:
    lines = [line.strip() for line in (address or "").splitlines() if line.strip()]
    return Letterhead(name=name, address_lines=lines, phone=phone, fax=fax, logo=logo)


class LetterService(ActsForSession):
    def __init__(
        self,
        cases: CaseRepository,
        letters: LetterRepository,
        folder: Path,
        *,
        settings: Settings,
        profiles: Mapping,
        directory: DirectoryView,
        roster: RosterView | None = None,
        codes=None,
        catalog: Catalog | None = None,
        who: str | None = None,
        clock: Callable[[], datetime] = now_pacific,
        session: Session | None = None,
    ) -> None:
        """`roster`: the member roster, whose language and address a letter uses when the request has none."""
        self.cases = cases
        self.roster = roster
        self.letters = letters
        self.folder = Path(folder)
        self.settings = settings
        self.profiles = profiles
        self.directory = directory
        self._codes = codes
        self.catalog = catalog or default_catalog()
        self.clock = clock
        self.use_session(session, who)

    def use_session(self, session: Session | None, who: str | None = None) -> None:
        """Print for `session` (see CaseService.use_session)."""
        from app.storage.audit import AuditLog

        self.session = session
        self.guard = Guard(self.cases.db, session)
        self._who = who
        self.audit = AuditLog(self.cases.db)

    # --- building and rendering ------------------------------------------------------------------------------

    def case(self, case_id: int) -> Case:
        try:
            return self.cases.get(case_id)
        except UnknownCase as error:
            raise LetterProblem([str(error)]) from None

    def applicable(self, case_id: int) -> list[LetterKind]:
        return letters_for(self.case(case_id), self.clock().date())

    def letter(self, case_id: int, kind: LetterKind | str, language: str | None = None) -> Letter:
        """The letter of `kind` for a case, in `language` (a code such as 'es') or the member's language."""
        kind = self._kind(kind)
        case = self.case(case_id)
        today = self.clock().date()
        applicable = letters_for(case, today)
        if kind not in applicable:
            which = ", ".join(k.value for k in applicable) or "none at this stage"
            raise LetterProblem([f"request #{case_id} has no {kind.value} letter now (it is {case.status.value}); "
                                 f"letters it needs: {which}"])
        return self.build(self.with_roster(case), kind, language, today)

    def with_roster(self, case: Case) -> Case:
        """The case with the roster's language and mailing address for its member where the request has none
        (app.domain.members.completed_from_roster). An export's letters are not: they are the request as sent."""
        request = case.request
        if self.roster is None or request is None:
            return case
        member, filled = completed_from_roster(request.member, self.roster.get(request.member.member_id,
                                                                                request.plan))
        if not filled:
            return case
        return case.model_copy(update={"request": request.model_copy(update={"member": member})})

    def build(self, case: Case, kind: LetterKind, language: str | None = None, today: date | None = None, *,
              professional: Professional | None | str = "directory", letterhead: Letterhead | None = None) -> Letter:
        """The Letter for a case without checking it applies (previews, samples, benchmarks). By default the
        professional comes from the directory and the letterhead from the settings; an export passes the ones
        recorded with its batch, so the letter written again is the letter sent."""
        return compose_letter(
            case, kind, language, today or self.clock().date(), profiles=self.profiles, catalog=self.catalog,
            letterhead=letterhead or self._letterhead(),
            professional=self._professional(case) if professional == "directory" else professional,
            describe=self._describe)

    def render(self, case_id: int, kind: LetterKind | str, language: str | None = None) -> bytes:
        """The letter's PDF bytes (the same case, kind, language and day give the same bytes)."""
        return render(self.letter(case_id, kind, language), self.catalog)

    # --- printing --------------------------------------------------------------------------------------------

    def print_letter(self, case_id: int, kind: LetterKind | str, language: str | None = None) -> PrintedLetter:
        """Render, store the file next to the database, and record the print with its SHA-256."""
        letter = self.letter(case_id, kind, language)
        data = render(letter, self.catalog)
        return self.record(letter, data)

    def record(self, letter: Letter, data: bytes) -> PrintedLetter:
        self.guard.check(Action.print)
        try:
            # SQLite: a file in the letters folder beside the database; the server: the bytes in the letter's row
            printed = self.letters.write(request_id=letter.case.id, kind=letter.kind.value,
                                         language=letter.language, data=data, printed_by=self.who,
                                         printed_at=self.clock(), folder=self.folder)
        except StoredLetterProblem as problem:
            raise LetterProblem(problem.items) from None
        self.audit.record(self.who, "print_letter", request_id=letter.case.id,
                          detail=f"letter={printed.id} kind={letter.kind.value} lang={letter.language}")
        return printed

    def prints(self, case_id: int) -> list[PrintedLetter]:
        self.case(case_id)
        return self.letters.for_request(case_id)

    def reprint(self, letter_id: int) -> bytes:
        """The printed letter's PDF as printed, checked against its SHA-256 (from any desk of the server)."""
        try:
            return self.letters.read(letter_id, folder=self.folder)
        except LookupError as error:
            raise LetterProblem([str(error)]) from None
        except StoredLetterProblem as problem:
            raise LetterProblem(problem.items) from None

    # --- the day's batch -------------------------------------------------------------------------------------

    def due_today(self) -> list[DueLetter]:
        """Letters the open cases need now and that were never printed, in worklist order."""
        today = self.clock().date()
        due: list[DueLetter] = []
        offset, page = 0, 1000
        while True:
            cases = self.cases.find(CaseFilter(statuses=DUE_STATUSES), limit=page, offset=offset)
            if not cases:
                break
            printed = self.letters.printed_kinds([case.id for case in cases])
            for case in cases:
                for kind in letters_for(case, today):
                    if kind.value not in printed[case.id]:
                        due.append(DueLetter(case.id, kind, case.member_label))
            offset += page
        return due

    def print_due(self, progress: Progress | None = None,
                  on_problem: Callable[[DueLetter, InputProblem], None] | None = None) -> list[PrintedLetter]:
        """Print (store and record) every letter due today; `progress(done, total, letter, printed)` after each
        (return False to stop). A letter that cannot be printed stops the batch, or, with `on_problem`, is passed
        to it (printed is None) and the batch goes on."""
        due = self.due_today()
        printed: list[PrintedLetter] = []
        for number, item in enumerate(due, start=1):
            record = None
            try:
                record = self.print_letter(item.case_id, item.kind)
            except InputProblem as problem:
                if on_problem is None:
                    raise
                on_problem(item, problem)
            else:
                printed.append(record)
            if progress is not None and progress(number, len(due), item, record) is False:
                break
        return printed

    def export(self, case_id: int, folder: Path, kinds: list[LetterKind] | None = None,
               language: str | None = None) -> list[Path]:
        """Write the case's letters (all that apply, or `kinds`) as PDFs into `folder`."""
        self.guard.check(Action.print)
        case = self.case(case_id)
        kinds = kinds or letters_for(case, self.clock().date())
        if not kinds:
            raise LetterProblem([f"request #{case_id} needs no letter at this stage (it is {case.status.value})"])
        rendered = [(kind, self.render(case_id, kind, language)) for kind in kinds]
        written = []
        for kind, data in rendered:
            target = Path(folder) / f"{case_id}-{kind.value}.pdf"
            _write(target, data)
            written.append(target)
        self.audit.record(self.who, "save_letters", request_id=case_id,
                          detail="kinds=" + ",".join(kind.value for kind in kinds))
        return written

    # --- helpers ---------------------------------------------------------------------------------------------

    @staticmethod
    def _kind(kind: LetterKind | str) -> LetterKind:
        try:
            return LetterKind(kind)
        except ValueError:
            raise LetterProblem([f"no letter kind {kind!r}; kinds: {', '.join(k.value for k in LetterKind)}"]) \
                from None

    def _letterhead(self) -> Letterhead:
        s = self.settings
        return letterhead_of(s.practice_name, s.practice_address, s.practice_phone, s.practice_fax, s.practice_logo)

    def _professional(self, case: Case) -> Professional | None:
        request = case.request
        npi = case.consult.npi if case.consult else request.requested_provider_npi
        return professional_of(case, self.directory.get(npi) if npi else None)

    def _describe(self, code: str) -> str | None:
        if self._codes is None:
            from app.codes.icd10 import default_code_set

            self._codes = default_code_set()
        return self._codes.describe(code)


def _write(target: Path, data: bytes) -> None:
    """Write whole or not at all (the letters' own file writer): a half-written PDF never carries a letter's name."""
    try:
        write_whole(target, data)
    except StoredLetterProblem as problem:
        raise LetterProblem(problem.items) from None
