"""What the intake form asks the desk while the clerk types, answered from the form's data without Qt.

The form hands over what is typed as a request dict (the contract's field names, `from` for the care in question,
empty fields left out: `IntakeDialog.form_data`); this module answers with

- `determine(data)`: the live determination (or InputProblem with each problem's field), the same evaluation Save
  runs (`CaseService.submit_draft`);
- `qualification(data)`: who is an appropriately qualified in-network professional for it (app.services.chooser);
- `professionals(text, qualification, suggested)`: the chooser's rows, from the directory's indexed queries;
- `diagnosis_problem(code)`: why a typed ICD-10 code cannot be added (unknown, or a category with billable codes
  under it);

so the dialog keeps only widgets, and each answer is tested without a window (tests/unit/test_intake_service.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from app.domain.models import CareFrom, Determination, RequesterType
from app.services.chooser import Found, Qualification, find_professionals, qualification_for, treating_npis
from app.services.evaluation import Evaluator, diagnosis_problem, parse_request


def _section(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = data.get(name)
    return value if isinstance(value, Mapping) else {}


def _text(section: Mapping[str, Any], key: str) -> str:
    value = section.get(key)
    return str(value).strip() if value is not None else ""


def _choice(kind, value, default):
    try:
        return kind(value)
    except ValueError:
        return default


class Intake:
    """The intake's questions for one desk: its plans, directory, specialties and code set (the Evaluator's)."""

    def __init__(self, evaluator: Evaluator) -> None:
        self.evaluator = evaluator
        self.profiles = evaluator.profiles
        self.taxonomy = evaluator.specialties
        self.codes = evaluator.codes

    def determine(self, data: Mapping[str, Any]) -> Determination:
        """The determination of the request as typed; InputProblem (each problem with its field path) while it is
        incomplete or wrong."""
        return self.evaluator.evaluate(parse_request(data))

    def qualification(self, data: Mapping[str, Any]) -> Qualification | None:
        """Who is qualified for the request as typed so far (the engine's rule: the plan's network or the member's
        health network, the same or an equivalent specialty, not the professional whose care is in question);
        None until a known plan is chosen."""
        profile = self.profiles.get(str(data.get("plan") or ""))
        if profile is None:
            return None
        care = _section(data, "care_in_question")
        requester = _section(data, "requester")
        member = _section(data, "member")
        care_from = _choice(CareFrom, care.get("from"), CareFrom.specialist)
        treating = treating_npis(
            care_from=care_from, care_npi=_text(care, "npi"), pcp_npi=_text(_section(data, "pcp"), "npi"),
            requester_type=_choice(RequesterType, requester.get("type"), RequesterType.member),
            requester_npi=_text(requester, "npi"))
        return qualification_for(
            profile, self.taxonomy, care_from=care_from, taxonomy=_text(care, "taxonomy") or None,
            health_network=_text(member, "health_network"), treating=treating, language=_text(member, "language"))

    def professionals(self, text: str, qualification: Qualification | None,
                      suggested: Sequence[str] = ()) -> Found:
        """The chooser's rows for `text`: the `suggested` NPIs (the determination's alternatives) first, then the
        matches, only the qualified unless `qualification` is None (the whole directory)."""
        return find_professionals(self.evaluator.directory, text, qualification, suggested)

    def diagnosis_problem(self, code: str) -> str | None:
        return diagnosis_problem(code, self.codes)

    # --- the member roster (issue 16) -------------------------------------------------------------------------

    def roster_matches(self, data: Mapping[str, Any], limit: int = 6) -> list:
        """The roster's members for the form as typed: by its member ID (exactly, or its beginning), else by
        its last (and first) name with its date of birth; [] without a roster or enough to look by."""
        roster = self.evaluator.roster
        if roster is None or not hasattr(roster, "find"):
            return []
        member = _section(data, "member")
        member_id = _text(member, "member_id")
        if member_id:
            return roster.find(member_id, limit=limit)
        born = _text(member, "date_of_birth")
        name = " ".join(part for part in (_text(member, "last_name"), _text(member, "first_name")) if part)
        try:
            day = date.fromisoformat(born) if len(born) == 10 else None
        except ValueError:
            day = None
        if day is None or not name:
            return []
        return roster.find(name, day, limit=limit)

    @staticmethod
    def roster_fields(member) -> dict[str, str]:
        """What choosing `member` puts in the form: each field's path (the request's) and its text."""
        fields = member.request_fields()
        flat: dict[str, str] = {}

        def walk(prefix: str, value: Any) -> None:
            if isinstance(value, Mapping):
                for key, inner in value.items():
                    walk(f"{prefix}.{key}" if prefix else key, inner)
            elif value not in (None, ""):
                flat[prefix] = str(value)

        walk("", fields)
        return flat

