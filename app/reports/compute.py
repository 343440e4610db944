"""The four management reports, as pure functions from the stored rows (app.storage.reports) to tables.

No clock reads and no I/O: `now` / `today` and the consultation report window are given. Months are Pacific
months. Request numbers, plans and specialties only: no member's name or date of birth is in any report.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.domain.time import LOS_ANGELES
from app.reports.model import Chart, Column, MonthRange, Report, Table, month_of

if TYPE_CHECKING:  # the rows' shapes only: this package runs no SQL
    from app.storage.reports import ConsultRow, DecisionRow, OutcomeRow

from app.reports.kinds import CONSULT_REPORTS, KINDS, OUTCOMES, TIME_TO_CONSULT, TIMELINESS, TITLES  # noqa: F401, E402

URGENT, ROUTINE = "urgent", "routine"
STILL_WAITING = ("submitted", "pending_authorization", "pended")


def _local(moment: datetime) -> datetime:
    return moment.astimezone(LOS_ANGELES)


def _when(moment: datetime | None) -> str:
    return "" if moment is None else f"{_local(moment):%Y-%m-%d %H:%M}"


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def decision_deadline(row: DecisionRow) -> datetime | None:
    """The deadline the decision was due by: the pended extension when the plan took one (42 CFR
    438.210(d)(1)(i)), else the determination's own (72 hours urgent, the plan's business days routine)."""
    return row.extension_due or row.decision_due


# --- decisions within the clock --------------------------------------------------------------------------------

TIMELINESS_COLUMNS = (
    Column("month", "Month", "the month of the decision (Pacific time); for a request still undecided after its "
           "deadline, the month of the deadline"),
    Column("plan", "Plan", "the plan's id (sodesk plans list)"),
    Column("clock", "Clock", "urgent: 72 hours from receipt; routine: the plan's business days (5), or its "
           "calendar-day cap when that comes first; a pended request's extended deadline when it has one"),
    Column("decided", "Decided", "requests decided (approved, approved with changes or denied)", numeric=True),
    Column("on_time", "On time", "decided on or before the deadline", numeric=True),
    Column("late", "Late", "decided after the deadline", numeric=True),
    Column("on_time_percent", "% on time", "on_time / decided x 100, one decimal; empty when none decided",
           numeric=True),
    Column("past_due_undecided", "Past due, undecided",
           "still waiting for a decision (pending or pended) after the deadline, as of when the report was made",
           numeric=True),
)
LATE_DECISION_COLUMNS = (
    Column("request", "Request", "the request's number (#id on the desk)", numeric=True),
    Column("plan", "Plan", "the plan's id"),
    Column("clock", "Clock", "urgent or routine"),
    Column("received", "Received", "when the request was received, Pacific time"),
    Column("due", "Decision due", "the deadline, Pacific time"),
    Column("decided", "Decided", "when it was decided, Pacific time; empty while undecided"),
    Column("hours_late", "Hours late", "decided (or, undecided, the report's time) minus the deadline, in hours",
           numeric=True),
    Column("outcome", "Outcome", "approved, modified (approved with changes), denied; undecided when none yet"),
    Column("extended", "Extended", "yes when the plan pended it and the extended deadline applies"),
)


def decisions_within_clock(rows: Iterable[DecisionRow], period: MonthRange, now: datetime, *,
                           plan: str | None = None) -> Report:
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    late: list[tuple] = []
    for row in rows:
        due = decision_deadline(row)
        if due is None:
            continue
        clock = URGENT if row.urgent else ROUTINE
        if row.decided_at is not None:
            month, moment, undecided = month_of(_local(row.decided_at)), row.decided_at, False
        elif row.status in STILL_WAITING and now > due:
            month, moment, undecided = month_of(_local(due)), now, True
        else:
            continue  # still within its clock, or withdrawn before any decision
        if month not in period:
            continue
        tally = counts[(month, row.plan, clock)]
        on_time = not undecided and moment <= due
        if undecided:
            tally[3] += 1
        else:
            tally[0] += 1
            tally[1 if on_time else 2] += 1
        if not on_time:
            late.append((row.id, row.plan, clock, _when(row.received_at), _when(due),
                         "" if undecided else _when(row.decided_at),
                         round((moment - due).total_seconds() / 3600, 1), row.outcome or "undecided",
                         "yes" if row.extension_due else "no"))
    order = sorted(counts, key=lambda key: (key[0], key[1], key[2] != URGENT))
    table_rows = [(month, plan_id, clock, *counts[key][:3], _percent(counts[key][1], counts[key][0]),
                   counts[key][3]) for key in order for month, plan_id, clock in [key]]
    if table_rows:
        decided, on_time, late_count, undecided = (sum(counts[key][i] for key in order) for i in range(4))
        table_rows.append(("Total", "", "", decided, on_time, late_count, _percent(on_time, decided), undecided))
    months = sorted({key[0] for key in counts})
    by_month = {month: [sum(counts[key][i] for key in counts if key[0] == month) for i in range(4)]
                for month in months}
    chart = Chart("On time and late decisions by month", months,
                  [("On time", [by_month[m][1] for m in months]), ("Late", [by_month[m][2] for m in months]),
                   ("Past due, undecided", [by_month[m][3] for m in months])])
    late.sort(key=lambda line: (line[4], line[0]))
    return Report(
        kind=TIMELINESS, title=TITLES[TIMELINESS], period=period, plan=plan, generated_at=now,
        summary=Table("By month, plan and clock", TIMELINESS_COLUMNS, table_rows),
        listing=Table("Late decisions (and requests past due still undecided)", LATE_DECISION_COLUMNS, late,
                      empty_text="No late decision in this period."),
        chart=chart,
        notes=["A decision is the first step from waiting (pending authorization or pended) to approved, approved "
               "with changes or denied, as recorded in the request's history.",
               "Requests that needed no authorization have no decision clock and are not counted; a request "
               "withdrawn before a decision is not counted."],
    )


# --- consultation reports --------------------------------------------------------------------------------------

CONSULT_REPORT_COLUMNS = (
    Column("month", "Month", "the month the consultation report was due"),
    Column("plan", "Plan", "the plan's id"),
    Column("due", "Reports due", "consults whose report was due this month (withdrawn ones without a report "
           "are left out)", numeric=True),
    Column("received_on_time", "Received on time", "received on or before the due date", numeric=True),
    Column("received_late", "Received late", "received after the due date", numeric=True),
    Column("overdue", "Overdue", "not received, and the due date has passed", numeric=True),
    Column("not_yet_due", "Not yet due", "not received, still within the report window", numeric=True),
)
LATE_REPORT_COLUMNS = (
    Column("request", "Request", "the request's number", numeric=True),
    Column("plan", "Plan", "the plan's id"),
    Column("consult_on", "Consult on", "the consult's date"),
    Column("report_due", "Report due", "the consult date plus the report window (Settings)"),
    Column("received_on", "Received on", "the date the report came; empty while overdue"),
    Column("days_late", "Days late", "received (or today) minus the due date, in days", numeric=True),
    Column("state", "State", "overdue (not received) or received late"),
)


def report_deadline(row: ConsultRow, report_due_days: int) -> date:
    """The running clock while a report is awaited; afterwards the consult date plus the report window."""
    if row.report_due is not None:
        return _local(row.report_due).date()
    return row.scheduled_for + timedelta(days=report_due_days)


def consultation_reports(rows: Iterable[ConsultRow], period: MonthRange, now: datetime, *,
                         report_due_days: int, plan: str | None = None) -> Report:
    today = _local(now).date()
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    listed: list[tuple] = []
    for row in rows:
        due = report_deadline(row, report_due_days)
        received = row.report_received_on
        if received is None and row.status == "withdrawn":
            continue
        month = month_of(due)
        if month not in period:
            continue
        tally = counts[(month, row.plan)]
        tally[0] += 1
        if received is not None:
            tally[1 if received <= due else 2] += 1
            if received > due:
                listed.append((row.id, row.plan, row.scheduled_for.isoformat(), due.isoformat(),
                               received.isoformat(), (received - due).days, "received late"))
        elif today > due:
            tally[3] += 1
            listed.append((row.id, row.plan, row.scheduled_for.isoformat(), due.isoformat(), "",
                           (today - due).days, "overdue"))
        else:
            tally[4] += 1
    order = sorted(counts)
    table_rows = [(month, plan_id, *counts[(month, plan_id)]) for month, plan_id in order]
    if table_rows:
        table_rows.append(("Total", "", *(sum(counts[key][i] for key in order) for i in range(5))))
    months = sorted({month for month, _ in counts})
    by_month = {month: [sum(counts[key][i] for key in counts if key[0] == month) for i in range(5)]
                for month in months}
    chart = Chart("Consultation reports by the month they were due", months,
                  [("On time", [by_month[m][1] for m in months]), ("Late", [by_month[m][2] for m in months]),
                   ("Overdue", [by_month[m][3] for m in months]), ("Not yet due", [by_month[m][4] for m in months])])
    listed.sort(key=lambda line: (line[6] != "overdue", line[3], line[0]))
    return Report(
        kind=CONSULT_REPORTS, title=TITLES[CONSULT_REPORTS], period=period, plan=plan, generated_at=now,
        summary=Table("By the month the report was due, and plan", CONSULT_REPORT_COLUMNS, table_rows),
        listing=Table("Overdue and late consultation reports", LATE_REPORT_COLUMNS, listed,
                      empty_text="Every report due in this period came on time."),
        chart=chart,
        notes=[f"A report is due {report_due_days} days after the consult (Settings: report window)."],
    )


# --- outcomes --------------------------------------------------------------------------------------------------

OUTCOME_KEYS = ("approved", "modified", "denied", "no_authorization_needed", "withdrawn", "pending")
OUTCOME_LABELS = {
    "approved": "Approved",
    "modified": "Approved with changes",
    "denied": "Denied",
    "no_authorization_needed": "No authorization needed",
    "withdrawn": "Withdrawn",
    "pending": "Pending",
}
OUTCOME_COLUMNS = (
    Column("plan", "Plan", "the plan's id"),
    Column("reason", "Reason", "a reason given for the second opinion; a request with two reasons counts under "
           "each (the Total row counts it once)"),
    Column("specialty", "Specialty", "the specialty of the care in question (NUCC taxonomy name, else its code)"),
    Column("requests", "Requests", "requests received in the period", numeric=True),
    Column("approved", "Approved", "first decision approved", numeric=True),
    Column("modified", "Approved with changes", "first decision approved with changes", numeric=True),
    Column("denied", "Denied", "first decision denied", numeric=True),
    Column("no_authorization_needed", "No authorization needed", "went straight to scheduling", numeric=True),
    Column("withdrawn", "Withdrawn", "withdrawn before any decision", numeric=True),
    Column("pending", "Pending", "still waiting for a decision", numeric=True),
)


def outcome_of(row: OutcomeRow) -> str:
    if row.decision in ("approved", "modified", "denied"):
        return row.decision
    if row.status == "withdrawn":
        return "withdrawn"
    if row.needed_no_authorization:
        return "no_authorization_needed"
    return "pending"


def reason_label(reason: str) -> str:
    return reason.replace("_", " ").capitalize()


def outcomes(rows: Iterable[OutcomeRow], period: MonthRange, now: datetime, *, plan: str | None = None,
             specialty_name: Callable[[str], str | None] = lambda code: None) -> Report:
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0] * (1 + len(OUTCOME_KEYS)))
    totals = [0] * (1 + len(OUTCOME_KEYS))
    by_plan: dict[str, list[int]] = defaultdict(lambda: [0] * len(OUTCOME_KEYS))
    for row in rows:
        if row.received_at is None or month_of(_local(row.received_at)) not in period:
            continue
        index = 1 + OUTCOME_KEYS.index(outcome_of(row))
        specialty = (specialty_name(row.taxonomy) or row.taxonomy) if row.taxonomy else "(not given)"
        for reason in row.reasons or ("(none given)",):
            tally = counts[(row.plan, reason_label(reason), specialty)]
            tally[0] += 1
            tally[index] += 1
        totals[0] += 1
        totals[index] += 1
        by_plan[row.plan][index - 1] += 1
    table_rows = [(*key, *counts[key]) for key in sorted(counts)]
    if table_rows:
        table_rows.append(("Total", "", "", *totals))
    plans = sorted(by_plan)
    chart = Chart("Outcomes by plan (each request once)", plans,
                  [(OUTCOME_LABELS[key], [by_plan[p][i] for p in plans]) for i, key in enumerate(OUTCOME_KEYS)])
    return Report(
        kind=OUTCOMES, title=TITLES[OUTCOMES], period=period, plan=plan, generated_at=now,
        summary=Table("By plan, reason and specialty (requests received in the period)", OUTCOME_COLUMNS,
                      table_rows),
        chart=chart,
        notes=["The outcome is the first decision (a later change on the desk is not counted again)."],
    )


# --- days from request to consult ------------------------------------------------------------------------------

TIME_TO_CONSULT_COLUMNS = (
    Column("month", "Month", "the month the request was received"),
    Column("plan", "Plan", "the plan's id"),
    Column("consults", "Consults", "requests with a consult scheduled", numeric=True),
    Column("average_days", "Average days", "mean of (consult date - date received), one decimal", numeric=True),
    Column("median_days", "Median days", "median of the same", numeric=True),
    Column("longest_days", "Longest", "the most days any of them took", numeric=True),
)


def _days_summary(days: list[int]) -> tuple[int, float, float, int]:
    return len(days), round(statistics.fmean(days), 1), float(statistics.median(days)), max(days)


def time_to_consult(rows: Iterable[ConsultRow], period: MonthRange, now: datetime, *,
                    plan: str | None = None) -> Report:
    days: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row in rows:
        if row.received_at is None:
            continue
        received = _local(row.received_at)
        month = month_of(received)
        if month in period:
            days[(month, row.plan)].append((row.scheduled_for - received.date()).days)
    order = sorted(days)
    table_rows = [(month, plan_id, *_days_summary(days[(month, plan_id)])) for month, plan_id in order]
    if table_rows:
        table_rows.append(("Total", "", *_days_summary([d for key in order for d in days[key]])))
    months = sorted({month for month, _ in days})
    plans = sorted({plan_id for _, plan_id in days})
    chart = Chart("Average days from request to consult", months,
                  [(plan_id, [round(statistics.fmean(days[(m, plan_id)]), 1) if (m, plan_id) in days else 0.0
                              for m in months]) for plan_id in plans],
                  stacked=False, value_label="days")
    return Report(
        kind=TIME_TO_CONSULT, title=TITLES[TIME_TO_CONSULT], period=period, plan=plan, generated_at=now,
        summary=Table("By the month the request was received, and plan", TIME_TO_CONSULT_COLUMNS, table_rows),
        chart=chart,
        notes=["Days are calendar days from the date the request was received to the consult's date (the "
               "latest scheduled date when a consult was moved)."],
    )
