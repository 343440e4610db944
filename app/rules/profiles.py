"""Plan profiles: one TOML file per plan in resources/plans/, validated here when loaded.

A profile is the plan's second-opinion policy as data. Every rule carries its citation (plan + section), so the
engine can say why, and adding a plan or revising a policy is a data change plus a test.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from app.domain.models import Reason
from app.domain.submissions import CsvProfile
from app.errors import InputProblem, Problem


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cited(Strict):
    citation: str = Field(min_length=3)


class PolicyRef(Strict):
    issuer: str
    title: str
    number: str | None = None
    revised: str
    source: str = Field(description="the file in shared/seeds the profile was read from")


class ServiceArea(Cited):
    counties: list[str] = Field(min_length=1)


class Membership(Cited):
    """Whose policy it is: `citation` says the policy covers the plan's members (the roster says who they are on
    the day of receipt); `health_network_citation`, who authorizes and refers for a member of a health network."""

    health_network_citation: str = Field(min_length=3)


class RequesterRule(Cited):
    allowed: bool
    message: str | None = None


class Requesters(Strict):
    member: RequesterRule
    authorized_representative: RequesterRule
    treating_provider: RequesterRule
    other_provider: RequesterRule
    who_may_ask: str = Field(description="plain-English sentence for the finding when a requester is refused")


class Criterion(Cited):
    reason: Reason
    wording: str = Field(description="the policy's criterion in plain English, shown beside its checkbox")
    requires_serious_condition: bool = False
    member_request: str | None = Field(
        default=None, description="the clause's own 'and the member requests ...', as the wording ends with it: "
        "when someone else asks, the member's request must be confirmed")

    @model_validator(mode="after")
    def _wording_ends_with_the_request(self) -> "Criterion":
        if self.member_request and not self.wording.endswith(f", and {self.member_request}."):
            raise ValueError(f"criteria ({self.reason.value}): the wording must end with "
                             f"\", and {self.member_request}.\" (its member_request)")
        return self

    @property
    def condition(self) -> str:
        """The wording without the member's request: what the clause asks of the care itself."""
        if not self.member_request:
            return self.wording
        return self.wording.removesuffix(f", and {self.member_request}.") + "."


class ThirdOpinion(Cited):
    when_prior_opinions_differ: Literal["authorize", "review"]
    otherwise_citation: str


class AuthorizationRule(Cited):
    required: bool
    authorizer: str | None = None


class Authorization(Strict):
    in_network: AuthorizationRule
    out_of_network: AuthorizationRule
    third_opinion: AuthorizationRule


class PcpCareNetwork(Cited):
    scope: Literal["health_network", "plan"]


class OutOfNetwork(Cited):
    only_when_no_qualified_in_network: bool = True
    medi_cal_certified_required: bool = False
    certified_citation: str | None = None
    unauthorized_cost_citation: str
    unauthorized_cost_message: str = Field(min_length=10)


class Network(Strict):
    pcp_care: PcpCareNetwork
    specialist_care: Cited
    out_of_network: OutOfNetwork


class CalendarCap(Strict):
    max_calendar_days: int = Field(ge=1, le=30)
    effective_from: date
    citation: str


class Timeframes(Strict):
    urgent_decision_hours: int = Field(ge=1, le=168)
    urgent_consult_hours: int = Field(ge=1, le=168)
    routine_business_days: int = Field(ge=1, le=30)
    urgent_citation: str
    consult_citation: str
    routine_citation: str
    caps: list[CalendarCap] = Field(min_length=1)
    notice_citation: str

    def cap_for(self, received: date) -> CalendarCap:
        applicable = [cap for cap in self.caps if cap.effective_from <= received]
        if not applicable:
            return min(self.caps, key=lambda cap: cap.effective_from)
        return max(applicable, key=lambda cap: cap.effective_from)


When = Literal["always", "urgent", "transportation", "out_of_network", "in_network", "authorization"]


class Obligation(Cited):
    rule: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")
    when: When = "always"
    severity: Literal["info", "warning"] = "info"
    message: str


class PlanProfile(Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str
    short_name: str
    product: str
    policy: PolicyRef
    policy_revision: str
    service_area: ServiceArea | None = None
    membership: Membership
    requesters: Requesters
    criteria: list[Criterion] = Field(min_length=1)
    not_limited_to: Cited
    third_opinion: ThirdOpinion
    authorization: Authorization
    network: Network
    timeframes: Timeframes
    member_cost: Cited
    obligations: list[Obligation] = Field(default_factory=list)
    # How the plan wants submissions.csv (issue 17); absent: the desk's documented columns (docs/exports.md).
    submissions_csv: CsvProfile | None = None
    # The plan's payer id (X12 NM1*PR PI, from its companion guide or clearinghouse list): the Payer identifier
    # of the bundle's insurer. Absent: the bundle names the plan by the desk's plan id only.
    payer_id: str | None = None

    @field_validator("payer_id")
    @classmethod
    def _payer_id(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9]{2,80}", value):
            raise ValueError("a payer id is 2 to 80 letters and digits, as the plan's companion guide or "
                             "clearinghouse list gives it (no spaces or punctuation)")
        return value

    @model_validator(mode="after")
    def _criteria_unique(self) -> PlanProfile:
        seen = [criterion.reason for criterion in self.criteria]
        if len(seen) != len(set(seen)):
            raise ValueError("criteria: each reason may appear once")
        if Reason.other in seen:
            raise ValueError("criteria: `other` is not a criterion; it goes to review (not_limited_to)")
        rules = [obligation.rule for obligation in self.obligations]
        if len(rules) != len(set(rules)):
            raise ValueError("obligations: each rule id may appear once")
        return self

    def criterion(self, reason: Reason) -> Criterion | None:
        return next((criterion for criterion in self.criteria if criterion.reason == reason), None)


def plans_dir() -> Path:
    from app.paths import resource_path

    return resource_path("plans")


def _problem(error: dict) -> Problem:
    path = ".".join(str(part) for part in error["loc"])  # rules.0.citation: the TOML's own keys
    return Problem(error["msg"], field_path=path or None, label=None if path else "(top level)",
                   kind=error["type"])


def _merge(base: dict, override: dict) -> dict:
    """Tables merge key by key; arrays and values in the extending file replace the base's."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_toml(path: Path, chain: tuple[Path, ...] = ()) -> dict:
    if path in chain:
        raise InputProblem([Problem("the files extend each other in a loop", field_path="extends")],
                           source=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise InputProblem([f"not valid TOML: {error}"], source=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputProblem([f"cannot read the plan file: {error}"], source=str(path)) from None
    base_id = data.pop("extends", None)
    if base_id is None:
        return data
    base_path = path.with_name(f"{base_id}.toml")
    if not base_path.exists():
        raise InputProblem([Problem(f"no plan file {base_path.name} next to this one", field_path="extends")],
                           source=str(path))
    return _merge(_read_toml(base_path, (*chain, path)), data)


def load_profile(path: Path) -> PlanProfile:
    """Read and validate one plan file; a bad file names itself, the line or field, and what is expected.

    A file may say `extends = "other-plan"` to start from another plan of the same policy (MVHP from HPSJ).
    """
    data = _read_toml(path)
    try:
        profile = PlanProfile.model_validate(data)
    except ValidationError as error:
        raise InputProblem([_problem(item) for item in error.errors()], source=str(path)) from None
    if profile.id != path.stem:
        raise InputProblem([Problem(f"{profile.id!r} must match the file name {path.stem!r}",
                                    field_path="id")], source=str(path))
    return profile


def load_profiles(directory: Path | None = None) -> dict[str, PlanProfile]:
    directory = directory or plans_dir()
    return {path.stem: load_profile(path) for path in sorted(directory.glob("*.toml"))}


class ProfileCatalog(Mapping[str, PlanProfile]):
    """The plan files of a folder, each read and validated the first time it is asked for.

    A one-shot `sodesk evaluate` needs one plan, not seven; the desk asks for all of them in time.
    """

    def __init__(self, directory: Path | None = None) -> None:
        self._directory = directory or plans_dir()
        self._ids = sorted(path.stem for path in self._directory.glob("*.toml"))
        self._loaded: dict[str, PlanProfile] = {}

    def __getitem__(self, plan_id: str) -> PlanProfile:
        if plan_id not in self._loaded:
            if plan_id not in self._ids:
                raise KeyError(plan_id)
            self._loaded[plan_id] = load_profile(self._directory / f"{plan_id}.toml")
        return self._loaded[plan_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


@lru_cache(maxsize=1)
def default_profiles() -> ProfileCatalog:
    return ProfileCatalog()


def get_profile(plan_id: str, profiles: Mapping[str, PlanProfile] | None = None) -> PlanProfile:
    profiles = profiles if profiles is not None else default_profiles()
    try:
        return profiles[plan_id]
    except KeyError:
        known = ", ".join(sorted(profiles))
        raise InputProblem([Problem(f"unknown plan {plan_id!r}; known plans: {known}", field_path="plan")]) \
            from None
