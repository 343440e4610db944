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

from app.errors import Problem  # here, at a line and a column named as in the header

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
        return [], [Problem(f"not UTF-8 text (byte {error.start} of the file); nothing was applied: "
                            "save the file as CSV UTF-8", line=line)]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return [], [Problem("the file is empty: expected a header row naming the columns", line=1)]
    except csv.Error as error:
        return [], [Problem(f"not readable as CSV: {error}", line=1)]
    keys = [_key(name) for name in header]
    problems: list[Problem] = []
    unknown = [name for name, key in zip(header, keys) if key not in COLUMNS]
    if unknown:
        problems.append(Problem(f"unknown column(s) {', '.join(map(repr, unknown))}; the columns are "
                                f"{', '.join(COLUMNS)}", line=1))
    for key in set(keys):
        if keys.count(key) > 1 and key in COLUMNS:
            problems.append(Problem("appears twice in the header", line=1, column=key))
    if "outcome" not in keys:
        problems.append(Problem("no outcome column", line=1))
    if "request_id" not in keys and not {"batch_id", "line"} <= set(keys):
        problems.append(Problem("name each request: a request_id column, or batch_id and line columns",
                                line=1))
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
            problems.append(Problem(f"not readable as CSV: {error}", line=line))
            break
        if not any(cell.strip() for cell in cells):
            continue  # blank lines between rows are harmless
        if len(cells) != len(keys):
            problems.append(Problem(f"{len(cells)} cells where the header has {len(keys)}", line=line))
            continue
        values = {key: cell.strip() for key, cell in zip(keys, cells)}
        row_problems: list[Problem] = []

        def number(column: str) -> int | None:
            if not values.get(column):
                return None
            try:
                return _positive(values[column])
            except ValueError as error:
                row_problems.append(Problem(str(error), line=line, column=column))
                return None

        def day(column: str) -> date | None:
            if not values.get(column):
                return None
            try:
                return parse_date(values[column])
            except ValueError as error:
                row_problems.append(Problem(str(error), line=line, column=column))
                return None

        request_id, batch_id, batch_line = number("request_id"), number("batch_id"), number("line")
        if request_id is None and not values.get("request_id"):
            if not values.get("batch_id") or not values.get("line"):
                row_problems.append(Problem("empty: give the request id, or the batch id and the line",
                                            line=line, column="request_id"))
        outcome = values.get("outcome", "").casefold()
        if outcome not in OUTCOMES:
            shown = repr(values.get("outcome", "")) if values.get("outcome") else "empty"
            row_problems.append(Problem(f"{shown}: expected one of {', '.join(OUTCOMES)}", line=line,
                                        column="outcome"))
        valid_from, valid_to = day("valid_from"), day("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            row_problems.append(Problem(f"{valid_to} is before valid_from {valid_from}", line=line,
                                        column="valid_to"))
        if row_problems:
            problems += row_problems
            continue
        rows.append(DecisionRow(line=line, request_id=request_id, batch_id=batch_id, batch_line=batch_line,
                                outcome=outcome, authorization_number=values.get("authorization_number") or None,
                                valid_from=valid_from, valid_to=valid_to, reason=values.get("reason") or None))
    return rows, problems
