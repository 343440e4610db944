"""The plan's decisions file, read back: one row per decision, every problem named by line and column.

Columns (header row required, names case-blind, order free; docs/exports.md):
    request_id | batch_id + line, outcome, authorization_number, valid_from, valid_to, reason
A row names its request by `request_id`, or by `batch_id` and `line` (its row in that batch's submissions.csv);
when it gives both they must agree (the service checks that against the database).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

OUTCOMES = ("approved", "modified", "denied", "pended")
COLUMNS = ("request_id", "batch_id", "line", "outcome", "authorization_number", "valid_from", "valid_to",
           "reason")
ALIASES = {"id": "request_id", "request": "request_id", "batch": "batch_id", "auth_number": "authorization_number",
           "authorization": "authorization_number", "from": "valid_from", "to": "valid_to", "status": "outcome",
           "decision": "outcome"}


@dataclass(frozen=True)
class DecisionRow:
    line: int  # the physical line of the file (the header is line 1)
    request_id: int | None
    batch_id: int | None
    batch_line: int | None
    outcome: str
    authorization_number: str | None
    valid_from: date | None
    valid_to: date | None
    reason: str | None


@dataclass(frozen=True)
class Problem:
    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


def _key(name: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", name.strip().casefold()).strip("_")
    return ALIASES.get(key, key)


def parse_date(text: str) -> date:
    """ISO 2026-03-31, or the US 3/31/2026 plans' portals write."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.strptime(text, "%m/%d/%Y").date()
    except ValueError:
        raise ValueError(f"{text!r} is not a date like 2026-03-31 or 3/31/2026") from None


def _positive(text: str) -> int:
    try:
        value = int(text.strip().lstrip("#"))
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if value < 1:
        raise ValueError(f"{text!r}: expected 1 or more")
    return value


def read_decisions(data: bytes) -> tuple[list[DecisionRow], list[Problem]]:
    """The rows that are well formed, and a problem for each that is not (a row with a problem is left out)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return [], [Problem(line, None, f"not UTF-8 text (byte {error.start} of the file); nothing was applied: "
                                        "save the file as CSV UTF-8")]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return [], [Problem(1, None, "the file is empty: expected a header row naming the columns")]
    except csv.Error as error:
        return [], [Problem(1, None, f"not readable as CSV: {error}")]
    keys = [_key(name) for name in header]
    problems: list[Problem] = []
    unknown = [name for name, key in zip(header, keys) if key not in COLUMNS]
    if unknown:
        problems.append(Problem(1, None, f"unknown column(s) {', '.join(map(repr, unknown))}; the columns are "
                                         f"{', '.join(COLUMNS)}"))
    for key in set(keys):
        if keys.count(key) > 1 and key in COLUMNS:
            problems.append(Problem(1, key, "appears twice in the header"))
    if "outcome" not in keys:
        problems.append(Problem(1, None, "no outcome column"))
    if "request_id" not in keys and not {"batch_id", "line"} <= set(keys):
        problems.append(Problem(1, None, "name each request: a request_id column, or batch_id and line columns"))
    if problems:
        return [], problems

    rows: list[DecisionRow] = []
    while True:
        line = reader.line_num + 1  # where the record starts (a quoted cell may span lines)
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(line, None, f"not readable as CSV: {error}"))
            break
        if not any(cell.strip() for cell in cells):
            continue  # blank lines between rows are harmless
        if len(cells) != len(keys):
            problems.append(Problem(line, None, f"{len(cells)} cells where the header has {len(keys)}"))
            continue
        values = {key: cell.strip() for key, cell in zip(keys, cells)}
        row_problems: list[Problem] = []

        def number(column: str) -> int | None:
            if not values.get(column):
                return None
            try:
                return _positive(values[column])
            except ValueError as error:
                row_problems.append(Problem(line, column, str(error)))
                return None

        def day(column: str) -> date | None:
            if not values.get(column):
                return None
            try:
                return parse_date(values[column])
            except ValueError as error:
                row_problems.append(Problem(line, column, str(error)))
                return None

        request_id, batch_id, batch_line = number("request_id"), number("batch_id"), number("line")
        if request_id is None and not values.get("request_id"):
            if not values.get("batch_id") or not values.get("line"):
                row_problems.append(Problem(line, "request_id", "empty: give the request id, or the batch id "
                                                               "and the line"))
        outcome = values.get("outcome", "").casefold()
        if outcome not in OUTCOMES:
            shown = repr(values.get("outcome", "")) if values.get("outcome") else "empty"
            row_problems.append(Problem(line, "outcome", f"{shown}: expected one of {', '.join(OUTCOMES)}"))
        valid_from, valid_to = day("valid_from"), day("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            row_problems.append(Problem(line, "valid_to", f"{valid_to} is before valid_from {valid_from}"))
        if row_problems:
            problems += row_problems
            continue
        rows.append(DecisionRow(line=line, request_id=request_id, batch_id=batch_id, batch_line=batch_line,
                                outcome=outcome, authorization_number=values.get("authorization_number") or None,
                                valid_from=valid_from, valid_to=valid_to, reason=values.get("reason") or None))
    return rows, problems
