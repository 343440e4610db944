"""What a report is: a title, a summary table, maybe a listing (the late ones), a chart's data and notes.
Plain dataclasses: no Qt, no SQL, no reportlab; the CSV, text and PDF writers and the Reports screen read them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

Cell = str | int | float | None

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> str:
    """'2025-03' -> '2025-03'; anything else raises ValueError saying what is expected."""
    found = _MONTH.match(text.strip())
    if not found or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1900:
        raise ValueError(f"{text!r} is not a month: give it as YYYY-MM, e.g. 2025-03")
    return text.strip()


def month_of(moment: datetime | date) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


@dataclass(frozen=True)
class MonthRange:
    """Months from `first` to `last`, both included; None is open-ended."""

    first: str | None = None
    last: str | None = None

    def __post_init__(self) -> None:
        if self.first and self.last and self.first > self.last:
            raise ValueError(f"the range starts ({self.first}) after it ends ({self.last})")

    def __contains__(self, month: str) -> bool:
        return (self.first is None or month >= self.first) and (self.last is None or month <= self.last)

    def describe(self) -> str:
        if self.first and self.last:
            return self.first if self.first == self.last else f"{self.first} to {self.last}"
        if self.first:
            return f"from {self.first}"
        if self.last:
            return f"up to {self.last}"
        return "all months"


@dataclass(frozen=True)
class Column:
    key: str  # the CSV header: stable, documented in docs/reports.md
    label: str  # what the screen, the text and the PDF show
    description: str = ""
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]
    empty_text: str = "Nothing in this period."

    def column(self, key: str) -> list[Cell]:
        index = [column.key for column in self.columns].index(key)
        return [row[index] for row in self.rows]

    def as_dicts(self) -> list[dict[str, Cell]]:
        keys = [column.key for column in self.columns]
        return [dict(zip(keys, row)) for row in self.rows]


@dataclass(frozen=True)
class Chart:
    title: str
    categories: list[str]  # along the x axis (months, plans)
    series: list[tuple[str, list[float]]]  # name -> one value per category
    stacked: bool = True
    value_label: str = "requests"


@dataclass(frozen=True)
class Report:
    kind: str
    title: str
    period: MonthRange
    plan: str | None  # the plan filter, None for every plan
    generated_at: datetime
    summary: Table
    chart: Chart
    listing: Table | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def subtitle(self) -> str:
        plan = f"plan {self.plan}" if self.plan else "all plans"
        return f"{self.period.describe()}, {plan}; made {self.generated_at:%Y-%m-%d %H:%M} Pacific time"

    @property
    def tables(self) -> list[Table]:
        return [self.summary] + ([self.listing] if self.listing is not None else [])
