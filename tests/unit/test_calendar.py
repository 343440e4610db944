"""The business-day calendar: US federal holidays as observed, checked against the `holidays` package."""

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.calendar import DEFAULT_CALENDAR, federal_holidays, with_closures

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@pytest.mark.parametrize("year", range(2015, 2041))
def test_federal_holidays_match_the_holidays_package(year):
    reference = holidays.US(years=year, observed=True)
    theirs = {day for day in reference if day.year == year and day.weekday() < 5}
    ours = set(federal_holidays(year))
    assert ours == theirs


def test_known_observed_days():
    assert DEFAULT_CALENDAR.closure_name(date(2021, 12, 31)) == "New Year's Day (observed)"
    assert DEFAULT_CALENDAR.closure_name(date(2026, 7, 3)) == "Independence Day (observed)"
    assert DEFAULT_CALENDAR.is_business_day(date(2026, 11, 27)), "the day after Thanksgiving is not federal"
    assert not DEFAULT_CALENDAR.is_business_day(date(2026, 11, 26))


@settings(max_examples=300)
@given(day=days, count=st.integers(min_value=1, max_value=30))
def test_property_adding_n_business_days_lands_n_business_days_later(day, count):
    later = DEFAULT_CALENDAR.add_business_days(day, count)
    assert later > day
    assert DEFAULT_CALENDAR.is_business_day(later)
    assert DEFAULT_CALENDAR.business_days_between(day, later) == count
    assert DEFAULT_CALENDAR.add_business_days(day, count + 1) > later


@settings(max_examples=300)
@given(day=days)
def test_property_five_business_days_after_receipt_stay_within_14_calendar_days(day):
    start = DEFAULT_CALENDAR.first_business_day_on_or_after(day)
    assert (start - day).days <= 3  # a weekend plus a Monday holiday at most
    assert (DEFAULT_CALENDAR.add_business_days(start, 5) - start).days <= 11  # Christmas to New Year, 2004
    assert (DEFAULT_CALENDAR.add_business_days(start, 5) - day).days <= 14


@settings(max_examples=200)
@given(day=days, closed=st.sets(st.integers(min_value=1, max_value=20), max_size=8))
def test_property_practice_closures_only_push_deadlines_later(day, closed):
    calendar = with_closures(day + timedelta(days=n) for n in closed)
    assert calendar.add_business_days(day, 5) >= DEFAULT_CALENDAR.add_business_days(day, 5)
    assert not any(calendar.is_business_day(day + timedelta(days=n)) for n in closed)


@given(day=days)
def test_property_weekends_are_never_business_days(day):
    if day.weekday() >= 5:
        assert not DEFAULT_CALENDAR.is_business_day(day)
