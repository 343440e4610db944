"""Management reports on a seeded case file whose answers are known by construction (issue 8).

Twelve synthetic requests are taken in, decided, scheduled and reported through CaseService with a clock set at
each step, so every history time is known (tests.support.reports.build_seeded). The figures below are worked out
by hand from the table of those requests in tests/support/reports.py. The reports are made at NOW, Sun 2025-04-20
12:00 Pacific; the report window is 30 days.
"""

import csv
import io

import pytest
from pypdf import PdfReader

from app.cli import main
from app.codes.taxonomy import default_taxonomy
from app.reports.model import MonthRange, parse_month
from app.services.reports import ReportProblem, ReportService
from tests.support.reports import CO, HN, HPSJ, build_seeded
from tests.support.reports import REPORTED_AT as NOW


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("reports") / "seeded.sqlite3"
    build_seeded(path)
    return path


@pytest.fixture
def reports(seeded_db):
    return ReportService(seeded_db, clock=lambda: NOW, report_due_days=30,
                         specialty_name=default_taxonomy().name)


# --- decisions within the clock ------------------------------------------------------------------------------

def test_decisions_within_the_clock_by_month_plan_and_clock(reports):
    report = reports.report("timeliness")
    assert [column.key for column in report.summary.columns] == [
        "month", "plan", "clock", "decided", "on_time", "late", "on_time_percent", "past_due_undecided"]
    assert report.summary.rows == [
        ("2025-03", CO, "urgent", 2, 1, 1, 50.0, 0),
        ("2025-03", CO, "routine", 1, 1, 0, 100.0, 0),
        ("2025-03", HN, "routine", 2, 1, 1, 50.0, 0),
        ("2025-04", CO, "routine", 2, 1, 1, 50.0, 1),
        ("2025-04", HN, "urgent", 1, 1, 0, 100.0, 0),
        ("Total", "", "", 8, 5, 3, 62.5, 1),
    ]


def test_late_decisions_are_listed_with_how_late(reports):
    listing = reports.report("timeliness").listing
    assert listing.rows == [
        (3, CO, "urgent", "2025-03-03 10:00", "2025-03-06 10:00", "2025-03-06 14:00", 4.0, "denied", "no"),
        (4, HN, "routine", "2025-03-03 10:00", "2025-03-10 23:59", "2025-03-12 09:00", 33.0, "modified", "no"),
        (6, CO, "routine", "2025-04-01 10:00", "2025-04-08 23:59", "2025-04-09 08:00", 8.0, "approved", "no"),
        (8, CO, "routine", "2025-04-01 10:00", "2025-04-08 23:59", "", 276.0, "undecided", "no"),
    ]


def test_a_pended_request_is_judged_against_its_extended_deadline(reports):
    # #5 was decided on 03-20, ten days after its own 03-10 deadline, but the plan pended it to 03-24.
    report = reports.report("timeliness", plan=HN, first="2025-03", last="2025-03")
    assert report.summary.rows == [("2025-03", HN, "routine", 2, 1, 1, 50.0, 0), ("Total", "", "", 2, 1, 1, 50.0, 0)]
    assert [row[0] for row in report.listing.rows] == [4]


def test_a_decision_counts_in_the_month_it_was_made(reports):
    # #12 was received in March and decided in April: April's on-time routine CalOptima decision.
    report = reports.report("timeliness", plan=CO, first="2025-04", last="2025-04")
    assert report.summary.rows == [("2025-04", CO, "routine", 2, 1, 1, 50.0, 1), ("Total", "", "", 2, 1, 1, 50.0, 1)]
    assert report.chart.categories == ["2025-04"]
    assert report.chart.series == [("On time", [1]), ("Late", [1]), ("Past due, undecided", [1])]


def test_timeliness_chart_counts_every_plan_by_month(reports):
    chart = reports.report("timeliness").chart
    assert chart.categories == ["2025-03", "2025-04"]
    assert chart.series == [("On time", [3, 2]), ("Late", [2, 1]), ("Past due, undecided", [0, 1])]


def test_nothing_in_the_period_gives_empty_tables(reports):
    report = reports.report("timeliness", first="2024-01", last="2024-12")
    assert report.summary.rows == [] and report.listing.rows == [] and report.chart.categories == []


# --- consultation reports ------------------------------------------------------------------------------------

def test_consultation_reports_received_and_overdue(reports):
    report = reports.report("consult-reports")
    assert report.summary.rows == [
        ("2025-04", CO, 2, 1, 1, 0, 0),
        ("2025-04", HN, 2, 0, 0, 1, 1),
        ("2025-04", HPSJ, 1, 1, 0, 0, 0),  # received on its due day: on time
        ("2025-05", HN, 1, 0, 0, 0, 1),
        ("Total", "", 6, 2, 1, 1, 2),
    ]
    assert report.listing.rows == [
        (4, HN, "2025-03-14", "2025-04-13", "", 7, "overdue"),
        (2, CO, "2025-03-10", "2025-04-09", "2025-04-15", 6, "received late"),
    ]


def test_consultation_reports_follow_the_report_window(seeded_db):
    # A 45-day window: #2's report (consult 03-10, came 04-15) is on time, #4's is not yet due.
    report = ReportService(seeded_db, clock=lambda: NOW, report_due_days=45).report("consult-reports", plan=CO)
    assert report.summary.rows[-1] == ("Total", "", 2, 2, 0, 0, 0)


# --- outcomes ------------------------------------------------------------------------------------------------

def test_outcomes_by_plan_reason_and_specialty(reports):
    report = reports.report("outcomes")
    ortho, cardio = "Orthopaedic Surgery Physician", "Cardiovascular Disease Physician"
    assert report.summary.rows == [
        (CO, "Not improving", ortho, 1, 0, 0, 1, 0, 0, 0),
        (CO, "Surgery questioned", ortho, 7, 4, 0, 1, 0, 0, 2),
        (HN, "Surgery questioned", cardio, 1, 1, 0, 0, 0, 0, 0),
        (HN, "Surgery questioned", ortho, 3, 1, 1, 0, 0, 1, 0),
        (HPSJ, "Surgery questioned", ortho, 1, 0, 0, 0, 1, 0, 0),
        ("Total", "", "", 12, 6, 1, 1, 1, 1, 2),  # each request once, though #3 has two reasons
    ]
    assert report.chart.categories == [CO, HN, HPSJ]
    assert dict(report.chart.series)["Approved"] == [4, 2, 0]


def test_outcomes_by_month_received(reports):
    report = reports.report("outcomes", first="2025-04", last="2025-04")
    assert report.summary.rows[-1] == ("Total", "", "", 4, 2, 0, 0, 0, 0, 2)  # #6, #7, #8, #9


# --- days from request to consult -----------------------------------------------------------------------------

def test_average_days_from_request_to_consult(reports):
    report = reports.report("time-to-consult")
    assert report.summary.rows == [
        ("2025-03", CO, 2, 9.0, 9.0, 11),  # 11 and 7 days
        ("2025-03", HN, 2, 16.5, 16.5, 22),  # 11 and 22
        ("2025-03", HPSJ, 1, 17.0, 17.0, 17),
        ("2025-04", HN, 1, 2.0, 2.0, 2),
        ("Total", "", 6, 11.7, 11.0, 22),  # 70 / 6
    ]
    assert report.chart.series == [(CO, [9.0, 0.0]), (HN, [16.5, 2.0]), (HPSJ, [17.0, 0.0])]


# --- writing them ---------------------------------------------------------------------------------------------

def test_csv_has_the_documented_columns_and_the_listing_beside_it(reports, tmp_path):
    report = reports.report("timeliness")
    written = reports.write(report, tmp_path / "timeliness.csv")
    assert written == [tmp_path / "timeliness.csv", tmp_path / "timeliness-late.csv"]
    with open(written[0], newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["month", "plan", "clock", "decided", "on_time", "late", "on_time_percent",
                       "past_due_undecided"]
    assert rows[1] == ["2025-03", CO, "urgent", "2", "1", "1", "50.0", "0"]
    assert rows[-1] == ["Total", "", "", "8", "5", "3", "62.5", "1"]
    with open(written[1], newline="", encoding="utf-8") as handle:
        late = list(csv.DictReader(handle))
    assert [(row["request"], row["decided"], row["hours_late"]) for row in late] == [
        ("3", "2025-03-06 14:00", "4.0"), ("4", "2025-03-12 09:00", "33.0"), ("6", "2025-04-09 08:00", "8.0"),
        ("8", "", "276.0")]


def test_every_documented_csv_column_is_in_docs():
    from pathlib import Path

    from app.reports import compute

    docs = (Path(__file__).resolve().parents[2] / "docs" / "reports.md").read_text(encoding="utf-8")
    columns = [getattr(compute, name) for name in dir(compute) if name.endswith("_COLUMNS")]
    missing = {column.key for table in columns for column in table if f"`{column.key}`" not in docs}
    assert missing == set()


def test_pdf_holds_the_title_the_figures_and_the_late_ones(reports, tmp_path):
    report = reports.report("timeliness")
    (path,) = reports.write(report, tmp_path / "timeliness.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Decisions within the clock" in text
    assert "all months, all plans" in text
    assert "62.5" in text and "276.0" in text and "2025-03-12 09:00" in text
    assert reports.pdf(report) == path.read_bytes()  # deterministic


def test_text_output_is_a_readable_table(reports):
    text = reports.text(reports.report("time-to-consult"))
    lines = text.splitlines()
    assert lines[0] == "Days from request to consult"
    assert any(line.split() == ["Total", "6", "11.7", "11.0", "22"] for line in lines)


def test_month_arguments_are_checked():
    assert parse_month("2025-03") == "2025-03"
    for bad in ("2025-13", "2025-3", "25-03", "March"):
        with pytest.raises(ValueError, match="YYYY-MM"):
            parse_month(bad)
    with pytest.raises(ValueError, match="starts"):
        MonthRange("2025-05", "2025-04")


def test_service_refuses_unknown_plan_and_reversed_range(reports):
    with pytest.raises(ReportProblem, match="--plan: unknown plan 'nope'"):
        reports.report("timeliness", plan="nope")
    with pytest.raises(ReportProblem, match="--from / --to"):
        reports.report("outcomes", first="2025-05", last="2025-04")
    with pytest.raises(ReportProblem, match="unknown kind"):
        reports.report("everything")


# --- the command ---------------------------------------------------------------------------------------------

@pytest.fixture
def fixed_now(monkeypatch):
    monkeypatch.setattr("app.services.reports.now_pacific", lambda: NOW)


def test_cli_prints_the_report(seeded_db, capsys, fixed_now):
    assert main(["--db", str(seeded_db), "report", "consult-reports", "--plan", HN]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Consultation reports received and overdue\n")
    assert "Overdue and late consultation reports" in out
    assert any(line.split() == ["Total", "3", "0", "0", "1", "2"] for line in out.splitlines())


def test_cli_writes_csv_and_pdf(seeded_db, tmp_path, capsys, fixed_now):
    out = tmp_path / "outcomes.csv"
    assert main(["--db", str(seeded_db), "report", "outcomes", "--from", "2025-03", "--to", "2025-04",
                 "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"  # no listing: one file
    assert next(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))[:4] == [
        "plan", "reason", "specialty", "requests"]
    pdf = tmp_path / "late.pdf"
    assert main(["--db", str(seeded_db), "report", "timeliness", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("argv, named", [
    (["report", "timeliness", "--from", "2025-13"], "--from"),
    (["report", "timeliness", "--to", "April"], "--to"),
    (["report", "everything"], "KIND"),
])
def test_cli_bad_arguments_exit_2_naming_the_argument(seeded_db, capsys, argv, named):
    with pytest.raises(SystemExit) as raised:
        main(["--db", str(seeded_db), *argv])
    assert raised.value.code == 2
    captured = capsys.readouterr()
    assert named in captured.err and captured.out == ""


@pytest.mark.parametrize("argv, message", [
    (["report", "timeliness", "--from", "2025-05", "--to", "2025-04"], "--from / --to"),
    (["report", "timeliness", "--plan", "nope"], "--plan: unknown plan"),
    (["report", "timeliness", "--out", "x.xlsx"], "--out: x.xlsx should end in .csv or .pdf"),
])
def test_cli_bad_input_exits_2_with_the_reason(seeded_db, capsys, argv, message):
    assert main(["--db", str(seeded_db), *argv]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_cli_missing_database_is_bad_input(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.sqlite3"), "report", "outcomes"]) == 2
    assert "no database" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite3").exists()


def test_cli_unwritable_output_fails_with_1(seeded_db, tmp_path, capsys, fixed_now):
    assert main(["--db", str(seeded_db), "report", "outcomes", "--out",
                 str(tmp_path / "missing-folder" / "o.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_reports_need_a_signed_in_user_once_the_desk_has_users(tmp_path):
    from app.services.reports import ReportService
    from app.services.security import AuthService, NotAllowed
    from app.storage.db import open_db

    db = open_db(tmp_path / "guarded.sqlite3")
    ReportService(db).report("timeliness")  # a first start: no users yet, nothing to sign in to
    auth = AuthService(db)
    session = auth.create_first_admin("admin", "Dana Admin", "a-long-password-1")
    with pytest.raises(NotAllowed):
        ReportService(db).report("timeliness")
    assert ReportService(db, session=session).report("timeliness").title


def test_a_report_csv_writes_a_typed_formula_as_text_and_keeps_negative_numbers():
    import io

    from app.reports.formats import write_csv
    from app.reports.model import Column, Table

    table = Table("By health network", (Column("network", "Network"), Column("days", "Days", numeric=True)),
                  [("=cmd|' /C calc'!A0", -1.5), ("ipa-sunrise", 3)])
    out = io.StringIO(newline="")
    write_csv(table, out)
    assert out.getvalue().splitlines() == ["network,days", "'=cmd|' /C calc'!A0,-1.5", "ipa-sunrise,3"]
