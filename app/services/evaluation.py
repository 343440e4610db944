"""Use case: take a request as the outside world gives it (JSON, a form), check it, and determine it.

Every problem is reported with the path of the field it is in and what is expected; nothing here raises a
traceback at a person.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from pydantic import ValidationError

from app.domain.directory import DirectoryView
from app.domain.members import RosterView
from app.domain.models import Determination, Request
from app.domain.time import LOS_ANGELES
from app.errors import InputProblem, Problem
from app.rules.calendar import DEFAULT_CALENDAR, BusinessCalendar
from app.rules.engine import SpecialtyTable, evaluate
from app.rules.profiles import PlanProfile


_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")  # \Z: "$" would let a final newline through
WHOLE_REQUEST = "(the request)"  # how a problem of the request as a whole names its place


def field_path(location: tuple[Any, ...]) -> str:
    """('diagnoses', 1) -> 'diagnoses[1]'; ('member', 'date_of_birth') -> 'member.date_of_birth'."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        elif not _PLAIN_NAME.match(str(part)):
            path += f"[{json.dumps(str(part))}]"  # a key with spaces or control characters stays visible
        else:
            path += f".{part}" if path else str(part)
    return path or WHOLE_REQUEST


MISSING = "required, but missing"
DATE_ERRORS = ("date_from_datetime_parsing", "date_parsing", "date_type")  # pydantic's: not a date at all


def _explain(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    message = str(error["msg"])
    if kind == "extra_forbidden":
        return "unknown field: check its spelling against `sodesk schema`"
    if kind == "missing":
        return MISSING
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    if kind in DATE_ERRORS:
        message = "expected a date like 1984-03-07"
    elif kind in ("datetime_parsing", "datetime_from_date_parsing", "datetime_type"):
        message = "expected a date and time like 2026-11-20T09:30 (Pacific time unless an offset is given)"
    got = error.get("input")
    if kind not in ("missing", "model_type") and isinstance(got, (str, int, float, bool)) and got != "":
        message += f" (got {json.dumps(got, ensure_ascii=False)})"
    return message


def validation_problems(error: ValidationError) -> list[Problem]:
    """Each error of the model as a Problem at its field path; a check across fields names in its context
    the field to fix (app.domain.models.Request._dates_agree)."""
    problems = []
    for item in error.errors():
        location = tuple(item["loc"])
        path = field_path(location) if location else (item.get("ctx") or {}).get("field")
        problems.append(Problem(_explain(item), field_path=path, label=None if path else WHOLE_REQUEST,
                                kind=item["type"]))
    return problems


def parse_request(data: Any) -> Request:
    if not isinstance(data, dict):
        raise InputProblem([Problem("expected a JSON object {...} holding the request's fields",
                                    label=WHOLE_REQUEST)])
    try:
        return Request.model_validate(data)
    except ValidationError as error:
        raise InputProblem(validation_problems(error)) from None


def load_request_json(text: str, source: str) -> Request:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputProblem(
            [Problem(f"not valid JSON ({error.msg})", line=error.lineno, column=error.colno)], source=source
        ) from None
    except RecursionError:
        raise InputProblem(["the JSON is nested too deeply to be a request"], source=source) from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise InputProblem([f"not a usable JSON request ({error})"], source=source) from None
    try:
        return parse_request(data)
    except InputProblem as problem:
        raise InputProblem(problem.items, source=source) from None


class CodeSet(Protocol):
    """What the service needs of ICD-10-CM (app.codes.icd10.Icd10CodeSet provides it)."""

    def __contains__(self, code: object) -> bool: ...

    def is_billable(self, code: str) -> bool: ...

    def billable_under(self, code: str, limit: int | None = None) -> list[str]: ...

    def count_billable_under(self, code: str) -> int: ...


GUIDELINE = "ICD-10-CM Official Guidelines I.B.2"
CHILDREN_SHOWN = 6  # enough to recognise the right one; the search by words finds the rest


def diagnosis_problem(code: str, codes: CodeSet) -> str | None:
    """What is wrong with one diagnosis code, without its field path (None for a billable ICD-10-CM code).

    A category or subcategory (I25, E11.6, S72.001) is a valid code set entry but not a code: "a code is
    invalid if it has not been coded to the full number of characters required for that code, including the
    7th character, if applicable" (Official Guidelines I.B.2, the HIPAA code set of 45 CFR 162.1002). It is
    refused like any bad input, naming the billable codes under it to choose from.
    """
    from app.codes.icd10 import display, normalize

    if code not in codes:
        return f"{display(code)!r} is not an ICD-10-CM (FY2026) code; check it, or search the code list by words"
    if codes.is_billable(code):
        return None
    dotted, length = display(code), len(normalize(code))
    what = ("is a category, not a billable code" if length == 3
            else "is a subcategory, not a billable code" if length < 6
            else "lacks its 7th character, so it is not a billable code")
    shown = codes.billable_under(code, CHILDREN_SHOWN)
    total = codes.count_billable_under(code)
    if total == 1:
        choice = f"use {shown[0]}, the one billable code under it"
    elif total > len(shown):
        choice = f"choose one of {', '.join(shown)}, ... ({total} codes; search the code list by words)"
    elif total:
        choice = f"choose one of {', '.join(shown)}"
    else:  # not in the FY2026 files; kept so a damaged code set still gives a sentence
        choice = "choose the specific code under it (search the code list by words)"
    return f"{dotted} {what} ({GUIDELINE}): {choice}"


def diagnosis_problems(request: Request, codes: CodeSet) -> list[Problem]:
    """Each diagnosis that is not a billable ICD-10-CM code, at its field path (diagnoses[1])."""
    return [
        Problem(problem, field_path=field_path(("diagnoses", index)))
        for index, code in enumerate(request.diagnoses)
        if (problem := diagnosis_problem(code, codes)) is not None
    ]


@dataclass(frozen=True)
class Evaluator:
    """Everything a determination needs besides the request: held once, used for many requests."""

    profiles: Mapping[str, PlanProfile]
    directory: DirectoryView
    specialties: SpecialtyTable
    codes: CodeSet
    calendar: BusinessCalendar = DEFAULT_CALENDAR
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(LOS_ANGELES))
    roster: RosterView | None = None  # the member roster (issue 16); None: no roster at all

    def check(self, request: Request) -> PlanProfile:
        """The request's plan, or InputProblem listing every problem the model could not see alone."""
        problems: list[Problem] = []
        profile = self.profiles.get(request.plan)
        if profile is None:
            known = ", ".join(sorted(self.profiles))
            problems.append(Problem(f"unknown plan {request.plan!r}; known plans: {known}", field_path="plan"))
        problems += diagnosis_problems(request, self.codes)
        now = self.clock()
        if request.received_at > now + timedelta(days=1):
            problems.append(Problem(f"{request.received_at:%Y-%m-%d %H:%M} is in the future (it is now "
                                    f"{now:%Y-%m-%d %H:%M} Pacific time): check the date", field_path="received_at"))
        if problems:
            raise InputProblem(problems)
        assert profile is not None
        return profile

    def evaluate(self, request: Request) -> Determination:
        profile = self.check(request)
        coverage = self.roster.coverage(request.member.member_id) if self.roster is not None else None
        names = {plan_id: plan.name for plan_id, plan in self.profiles.items()} if coverage is not None else None
        return evaluate(request, profile, self.directory, self.specialties, self.calendar, coverage=coverage,
                        plan_names=names)
