"""By when: 72 elapsed hours when urgent, 5 business days when routine, capped in calendar days."""

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.time import LOS_ANGELES
from app.rules.calendar import with_closures
from tests.factories import ORTHO_HAKOBYAN


def _iso(moment):
    return moment.isoformat() if moment else None


def _finding(determination, rule):
    return next(finding for finding in determination.findings if finding.rule == rule)


def test_hs_1367_01_routine_decision_by_end_of_5th_business_day_after_receipt(determine):
    # Monday 3 March 2025; DST begins on Sunday 9 March, so the due time carries the summer offset.
    determination = determine(received_at="2025-03-03T10:00:00")
    assert _iso(determination.decision_due) == "2025-03-10T23:59:59-07:00"
    assert _finding(determination, "deadline.decision_routine").citation == "H&S 1367.01(h) (5 business days)"


@pytest.mark.parametrize("received", ["2025-03-01T15:30:00", "2025-03-02T23:50:00"])  # Saturday, Sunday
def test_hs_1367_01_weekend_receipt_counts_business_days_after_the_moment_of_receipt(determine, received):
    # Received on the weekend: Mon 3 is business day 1 ... Fri 7 is day 5 (never Monday week).
    determination = determine(received_at=received)
    assert _iso(determination.decision_due) == "2025-03-07T23:59:59-08:00"
    message = _finding(determination, "deadline.decision_routine").message
    assert "the end of the 5th business day after receipt" in message
    assert "Mon Mar 3 is business day 1" in message


def test_hs_1367_01_holiday_receipt_counts_from_the_next_business_day_as_day_1(determine):
    # Received on Thanksgiving 2025 (Thu 27 Nov): Fri 28 is day 1, then Mon 1 ... Thu 4 Dec is day 5.
    determination = determine(received_at="2025-11-27T11:00:00")
    assert _iso(determination.decision_due) == "2025-12-04T23:59:59-08:00"
    assert "Thanksgiving Day: Fri Nov 28 is business day 1" in _finding(
        determination, "deadline.decision_routine").message


def test_routine_deadline_skips_us_federal_holidays_as_observed(determine):
    # Wednesday before Thanksgiving 2025: Thu 27 is a holiday; the day after Thanksgiving is not.
    determination = determine(received_at="2025-11-26T09:00:00")
    assert _iso(determination.decision_due) == "2025-12-04T23:59:59-08:00"
    assert "business day 1" not in _finding(determination, "deadline.decision_routine").message


def test_routine_deadline_skips_a_sunday_holiday_observed_on_monday(determine):
    # Juneteenth 2022 fell on a Sunday and was observed on Monday 20 June.
    determination = determine(received_at="2022-06-17T09:00:00")  # Friday
    assert _iso(determination.decision_due) == "2022-06-27T23:59:59-07:00"


def test_42_cfr_438_210d_never_later_than_14_calendar_days(determine):
    closed = with_closures(date(2025, 3, 4) + timedelta(days=n) for n in range(12))
    determination = determine(received_at="2025-03-03T10:00:00", calendar=closed)
    assert _iso(determination.decision_due) == "2025-03-17T23:59:59-07:00"
    cap = _finding(determination, "deadline.calendar_cap")
    assert cap.citation == "42 CFR 438.210(d)(1) (14 calendar days)"


def test_42_cfr_438_210d_as_amended_7_calendar_days_from_2026(determine):
    # Saturday 7 Nov 2026: the 5th business day after receipt (Veterans Day skipped) is Mon 16; 7 days is Sat 14.
    determination = determine(received_at="2026-11-07T10:00:00")
    assert _iso(determination.decision_due) == "2026-11-14T23:59:59-08:00"
    cap = _finding(determination, "deadline.calendar_cap")
    assert "CMS-0057-F" in cap.citation
    assert "office is closed: decide by the business day before" in cap.message  # Saturday 14 Nov


def test_2026_weekday_receipt_without_holidays_is_not_capped(determine):
    determination = determine(received_at="2026-11-16T08:00:00")  # Monday
    assert _iso(determination.decision_due) == "2026-11-23T23:59:59-08:00"
    assert "deadline.calendar_cap" not in determination.rules()


def test_urgent_decision_within_72_elapsed_hours_across_the_dst_change(determine):
    # DST ended at 2:00 on Sunday 2 Nov 2025: 72 real hours after Sat 10:00 PDT is Tue 09:00 PST.
    determination = determine(received_at="2025-11-01T10:00:00", urgent=True)
    assert _iso(determination.decision_due) == "2025-11-04T09:00:00-08:00"
    assert _finding(determination, "deadline.decision_urgent").citation == "H&S 1367.01(h); 42 CFR 438.210(d)(2)"


def test_hs_1383_15_urgent_consult_within_72_hours_even_without_authorization(determine):
    determination = determine("hpsj-medi-cal", received_at="2025-03-08T23:30:00", urgent=True,
                              requested_provider_npi=ORTHO_HAKOBYAN)
    assert determination.authorization_required is False
    assert determination.decision_due is None
    assert _iso(determination.consult_due) == "2025-03-12T00:30:00-07:00"
    assert _finding(determination, "deadline.consult_urgent").citation == "H&S 1383.15 (72 hours whenever possible)"


def test_routine_request_has_no_consult_deadline(determine):
    assert determine(urgent=False).consult_due is None


def test_decision_due_is_null_when_no_authorization_is_needed(determine):
    determination = determine("anthem-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN)
    assert determination.decision_due is None
    assert "deadline.decision_routine" not in determination.rules()


def test_received_time_with_an_offset_is_read_in_pacific_time(determine):
    determination = determine(received_at="2025-03-03T18:00:00Z", urgent=True)
    assert _iso(determination.received_at) == "2025-03-03T10:00:00-08:00"
    assert _iso(determination.decision_due) == "2025-03-06T10:00:00-08:00"


def test_notice_within_2_business_days_of_the_decision_is_reminded(determine):
    assert _finding(determine(), "deadline.notice").citation.startswith("H&S 1367.01(h)")


moments = st.datetimes(min_value=datetime(2018, 1, 1), max_value=datetime(2035, 12, 31))


@settings(max_examples=200, deadline=None)
@given(received=moments)
def test_property_urgent_decision_is_exactly_72_elapsed_hours(determine, received):
    determination = determine(received_at=received.isoformat(), urgent=True)
    # Subtract in UTC: Python subtracts two times sharing one tzinfo by wall clock, which hides DST.
    elapsed = determination.decision_due.astimezone(timezone.utc) - determination.received_at.astimezone(timezone.utc)
    assert elapsed == timedelta(hours=72)
    assert determination.consult_due == determination.decision_due


@settings(max_examples=200, deadline=None)
@given(received=moments)
def test_property_routine_decision_is_end_of_a_business_day_within_the_cap(determine, received):
    from app.rules.calendar import DEFAULT_CALENDAR

    determination = determine(received_at=received.isoformat(), urgent=False)
    due = determination.decision_due.astimezone(LOS_ANGELES)
    received_day = determination.received_at.date()
    assert (due.hour, due.minute, due.second) == (23, 59, 59)
    cap_days = 7 if received_day >= date(2026, 1, 1) else 14
    assert received_day < due.date() <= received_day + timedelta(days=cap_days)
    if "deadline.calendar_cap" not in determination.rules():
        assert DEFAULT_CALENDAR.is_business_day(due.date())
        assert DEFAULT_CALENDAR.business_days_between(received_day, due.date()) == 5


@pytest.mark.parametrize("plan", ["hpsj-medi-cal", "caloptima-medi-cal", "partnership-medi-cal"])
def test_deadlines_are_in_pacific_time_with_an_offset(determine, plan):
    determination = determine(plan, urgent=True, requested_provider_npi=None)
    assert determination.consult_due.utcoffset() is not None
    assert determination.model_dump(mode="json")["consult_due"].endswith(("-08:00", "-07:00"))
