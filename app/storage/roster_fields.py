"""One roster member from its fields by name, as the roster CSV and the 834 both give them: each problem at
its place (a CSV's line and column, an 834's segment and element), in the clerk's words, never repeating a
name, a date of birth or an address (PHI)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date

from pydantic import ValidationError

from app.domain.members import RosterMember
from app.errors import Problem
from app.storage.tabular import error_text

# Cells whose value may be echoed in a message: codes, not a person's data (PHI stays out of every report).
_ECHOED = frozenset({"plan", "sex", "state", "pcp_npi"})
_DATE_COLUMNS = ("date_of_birth", "coverage_start", "coverage_end")


def parse_date(text: str) -> date | None:
    """2026-01-31 or 01/31/2026 (a spreadsheet's own), or None when it is neither."""
    text = text.strip()
    try:
        if "/" in text:
            month, day, year = text.split("/")
            if len(year) != 4:
                return None
            return date(int(year), int(month), int(day))
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def member_from_values(values: dict[str, str], line: int, column_of: dict[str, int], plans: Collection[str],
                       problems: list[Problem], *, where: Callable[[str], dict] | None = None) -> RosterMember | None:
    """One roster row from its cells by column name, or None with its problems added (each at `line` and the
    column of its name, or at the place `where(name)` gives: an 834's segment and element)."""
    place = where or (lambda name: {"line": line, "column": column_of.get(name)})
    found: list[Problem] = []
    parsed: dict[str, object] = {}
    for name in _DATE_COLUMNS:
        cell = values.get(name, "").strip()
        if not cell:
            parsed[name] = None
            continue
        day = parse_date(cell)
        if day is None:
            found.append(Problem("expected a date like 2026-01-31 (or 01/31/2026)", field_path=name, **place(name)))
        parsed[name] = day
    plan = values.get("plan", "").strip()
    if plan and plan not in plans:
        found.append(Problem(f"unknown plan {plan!r}; known plans: {', '.join(sorted(plans))}", field_path="plan",
                             **place("plan")))
    if found:
        problems.extend(found)
        return None
    data = {
        "member_id": values.get("member_id", ""), "plan": plan, "last_name": values.get("last_name", ""),
        "first_name": values.get("first_name", ""), "date_of_birth": parsed["date_of_birth"],
        "sex": values.get("sex") or None, "language": values.get("language"), "phone": values.get("phone"),
        "address": {"line1": values.get("address_line1"), "line2": values.get("address_line2"),
                    "city": values.get("city"), "state": (values.get("state") or "").strip().upper() or None,
                    "zip": values.get("zip")},
        "county": values.get("county"), "health_network": values.get("health_network"),
        "pcp_npi": values.get("pcp_npi"), "pcp_name": values.get("pcp_name"),
        "coverage_start": parsed["coverage_start"], "coverage_end": parsed["coverage_end"],
        "cin": values.get("cin"),
    }
    try:
        return RosterMember.model_validate(data)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            location = [str(part) for part in item["loc"]]
            name = _column_for(location)
            empty = "required, but the cell is empty" if where is None else "required, but not given"
            message = empty if item["type"] in ("missing", "string_too_short", "date_type") else error_text(item)
            if not location and "date_of_birth" in message:  # the check across the birth and coverage dates
                name = "date_of_birth"
            cell = values.get(name, "").strip()
            if name in _ECHOED and cell and item["type"] not in ("missing",):
                message += f" (got {cell!r})"
            problems.append(Problem(message, field_path=name, **place(name)))
        return None


def _column_for(location: list[str]) -> str:
    """The CSV column a model error is in: ('address', 'zip') -> zip; a check across fields (no location)
    names the dates."""
    if not location:
        return "coverage_end"
    if location[0] == "address" and len(location) > 1:
        return location[1] if location[1] in ("city", "state", "zip") else f"address_{location[1]}"
    return location[0]
