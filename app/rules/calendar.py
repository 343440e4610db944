"""Business days for decision clocks: Monday to Friday, less US federal holidays as observed.

The policies count "business days" (H&S 1367.01(h); Partnership MPUP3078 VI.D.2). California state holidays
such as Cesar Chavez Day are not office closures for most medical groups, so the safe default is the US federal
calendar (5 U.S.C. 6103) with its observed-day rule: a Saturday holiday is observed the Friday before, a Sunday
holiday the Monday after. The calendar is plain data plus arithmetic, so the engine stays pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

MONDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = 0, 3, 4, 5, 6


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    last = next_month - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    if day.weekday() == SATURDAY:
        return day - timedelta(days=1)
    if day.weekday() == SUNDAY:
        return day + timedelta(days=1)
    return day


def federal_holidays(year: int) -> dict[date, str]:
    """US federal holidays observed in `year` (a New Year's Day on Saturday is observed on Dec 31 before)."""
    actual = {
        date(year, 1, 1): "New Year's Day",
        _nth_weekday(year, 1, MONDAY, 3): "Birthday of Martin Luther King, Jr.",
        _nth_weekday(year, 2, MONDAY, 3): "Washington's Birthday",
        _last_weekday(year, 5, MONDAY): "Memorial Day",
        date(year, 7, 4): "Independence Day",
        _nth_weekday(year, 9, MONDAY, 1): "Labor Day",
        _nth_weekday(year, 10, MONDAY, 2): "Columbus Day",
        date(year, 11, 11): "Veterans Day",
        _nth_weekday(year, 11, THURSDAY, 4): "Thanksgiving Day",
        date(year, 12, 25): "Christmas Day",
    }
    if year >= 2021:
        actual[date(year, 6, 19)] = "Juneteenth National Independence Day"
    observed: dict[date, str] = {}
    for day, name in actual.items():
        observed[_observed(day)] = name if _observed(day) == day else f"{name} (observed)"
    # Next year's New Year's Day falling on a Saturday is observed on Dec 31 of this year.
    next_new_year = date(year + 1, 1, 1)
    if next_new_year.weekday() == SATURDAY:
        observed[date(year, 12, 31)] = "New Year's Day (observed)"
    observed = {day: name for day, name in observed.items() if day.year == year}
    return dict(sorted(observed.items()))


@lru_cache(maxsize=256)
def _federal_closures(year: int) -> frozenset[date]:
    return frozenset(federal_holidays(year))


@dataclass(frozen=True)
class BusinessCalendar:
    """Weekdays are business days unless listed as closures; `extra_closures` lets a practice add its own."""

    name: str = "US federal holidays (observed)"
    extra_closures: frozenset[date] = field(default_factory=frozenset)

    def is_business_day(self, day: date) -> bool:
        if day.weekday() >= SATURDAY:
            return False
        return day not in _federal_closures(day.year) and day not in self.extra_closures

    def closure_name(self, day: date) -> str | None:
        return federal_holidays(day.year).get(day) or ("practice closure" if day in self.extra_closures else None)

    def next_business_day(self, day: date) -> date:
        """The first business day strictly after `day`."""
        day += timedelta(days=1)
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def first_business_day_on_or_after(self, day: date) -> date:
        return day if self.is_business_day(day) else self.next_business_day(day)

    def add_business_days(self, day: date, count: int) -> date:
        """The `count`-th business day after `day` (count >= 0; 0 gives `day` itself)."""
        if count < 0:
            raise ValueError("count must be >= 0")
        for _ in range(count):
            day = self.next_business_day(day)
        return day

    def business_days_between(self, start: date, end: date) -> int:
        """Business days in (start, end]: how many business days after `start` the day `end` is."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_business_day(day):
                count += 1
        return count


def with_closures(days: Iterable[date], name: str = "US federal holidays + practice closures") -> BusinessCalendar:
    return BusinessCalendar(name=name, extra_closures=frozenset(days))


DEFAULT_CALENDAR = BusinessCalendar()
