"""Management reports as a use case: read the rows, make the report for a month range and plan, write it as CSV
or PDF. The Reports screen and `sodesk report` both go through `ReportService`.

    service = ReportService(db_path)                      # or a postgresql:// URL, or an open store
    report = service.report("timeliness", plan="caloptima-medi-cal", first="2025-03", last="2025-04")
    service.write(report, Path("timeliness.csv"))         # .csv (and -late.csv for the listing) or .pdf
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.domain.time import now_pacific
from app.errors import InputProblem
from app.reports import compute
from app.reports.formats import report_text, write_csv
from app.reports.model import MonthRange, Report, parse_month
from app.storage import reports as queries

LISTING_SUFFIX = "-late"  # the listing of a report sits beside its CSV: timeliness.csv + timeliness-late.csv
FORMATS = (".csv", ".pdf")


class ReportProblem(InputProblem):
    """A report asked for wrongly: unknown kind or plan, a bad month, a range that ends before it starts."""


class ReportNotWritten(Exception):
    """The report was made but its file could not be written (folder missing, read-only, disk full)."""


def listing_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}{LISTING_SUFFIX}{path.suffix}")


class ReportService:
    def __init__(self, db, *, clock: Callable[[], datetime] | None = None, report_due_days: int | None = None,
                 specialty_name: Callable[[str], str | None] | None = None, session=None) -> None:
        """`db`: a database path or a postgresql:// URL (opened, created and migrated if need be), or an open store
        of either engine (or a bare sqlite-utils Database). The same figures on either engine."""
        if isinstance(db, (str, Path)):
            from app.storage.store import open_store

            db = open_store(db)
        self.db = db
        self.clock = clock or now_pacific
        self._report_due_days = report_due_days
        self._specialty_name = specialty_name
        self.session = session  # a Session, or a function giving it (a desk's `acting`)

    # --- what can be asked -----------------------------------------------------------------------------------

    @staticmethod
    def kinds() -> list[tuple[str, str]]:
        return [(kind, compute.TITLES[kind]) for kind in compute.KINDS]

    def plans(self) -> list[tuple[str, str]]:
        """(plan id, name) of the plans the stored requests are for: the plan filter's choices."""
        return queries.plans_in_use(self.db)

    @property
    def report_due_days(self) -> int:
        if self._report_due_days is None:
            from app.storage.settings import SettingsRepository

            self._report_due_days = SettingsRepository(self.db).load().report_due_days
        return self._report_due_days

    def specialty_name(self, code: str) -> str | None:
        if self._specialty_name is None:
            from app.codes.taxonomy import default_taxonomy

            self._specialty_name = default_taxonomy().name
        return self._specialty_name(code)

    # --- making one ------------------------------------------------------------------------------------------

    def period(self, first: str | None = None, last: str | None = None) -> MonthRange:
        problems = []
        for name, value in (("--from", first), ("--to", last)):
            if value:
                try:
                    parse_month(value)
                except ValueError as error:
                    problems.append(f"{name}: {error}")
        if problems:
            raise ReportProblem(problems)
        try:
            return MonthRange(first or None, last or None)
        except ValueError as error:
            raise ReportProblem([f"--from / --to: {error}"]) from None

    def _check_plan(self, plan: str | None) -> None:
        if not plan:
            return
        from app.rules.profiles import default_profiles

        known = set(default_profiles()) | {plan_id for plan_id, _ in self.plans()}
        if plan not in known:
            raise ReportProblem([f"--plan: unknown plan {plan!r}; known plans: {', '.join(sorted(known))}"])

    def report(self, kind: str, *, plan: str | None = None, first: str | None = None,
               last: str | None = None) -> Report:
        if kind not in compute.KINDS:
            raise ReportProblem([f"report: unknown kind {kind!r}; choose one of {', '.join(compute.KINDS)}"])
        from app.services.security import Action, Guard

        Guard(self.db, self.session).check(Action.view)  # any signed-in role; nobody once the desk has users
        period = self.period(first, last)
        self._check_plan(plan)
        plan = plan or None
        now = self.clock()
        if kind == compute.TIMELINESS:
            return compute.decisions_within_clock(queries.decision_rows(self.db, plan), period, now,
                                                  plan=plan)
        if kind == compute.CONSULT_REPORTS:
            return compute.consultation_reports(queries.consultation_report_rows(self.db, plan), period,
                                                now, report_due_days=self.report_due_days, plan=plan)
        if kind == compute.OUTCOMES:
            return compute.outcomes(queries.outcome_rows(self.db, plan), period, now, plan=plan,
                                    specialty_name=self.specialty_name)
        return compute.time_to_consult(queries.time_to_consult_rows(self.db, plan), period, now, plan=plan)

    # --- writing it ------------------------------------------------------------------------------------------

    @staticmethod
    def text(report: Report) -> str:
        return report_text(report)

    @staticmethod
    def pdf(report: Report) -> bytes:
        from app.reports.pdf import render_pdf  # reportlab: loaded only when a PDF is asked for

        return render_pdf(report)

    def write(self, report: Report, path: Path | str) -> list[Path]:
        """Write the report to `path` by its suffix: .pdf (everything in one file) or .csv (the summary; the
        listing, when the report has one, beside it as NAME-late.csv). Returns the files written."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in FORMATS:
            raise ReportProblem([f"--out: {path.name} should end in .csv or .pdf"])
        if suffix == ".pdf":
            _write_atomically(path, self.pdf(report))
            return [path]
        written = [(path, report.summary)]
        if report.listing is not None:
            written.append((listing_path(path), report.listing))
        for target, table in written:
            _write_atomically(target, _csv_bytes(table))
        return [target for target, _ in written]


def _csv_bytes(table) -> bytes:
    import io

    buffer = io.StringIO(newline="")
    write_csv(table, buffer)
    return buffer.getvalue().encode("utf-8")  # plain UTF-8, no byte-order mark: as the export's CSV files


def _write_atomically(path: Path, data: bytes) -> None:
    """A half-written report never sits under the final name."""
    try:
        handle, scratch = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise ReportNotWritten(f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(scratch, path)
    except OSError as error:
        Path(scratch).unlink(missing_ok=True)
        raise ReportNotWritten(f"cannot write {path}: {error.strerror}") from None
