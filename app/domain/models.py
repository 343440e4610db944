"""The request, the people in it, the professional, and the engine's determination.

Field names are a contract (issue 2): other tools rely on them, so fields may be added but never renamed.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.codes.npi import npi_problem
from app.domain.names import professional_name
from app.domain.time import LOS_ANGELES, as_pacific

SCHEMA_VERSION = 1


class RequesterType(StrEnum):
    member = "member"
    authorized_representative = "authorized_representative"
    treating_provider = "treating_provider"
    pcp = "pcp"
    other_provider = "other_provider"


class CareFrom(StrEnum):
    pcp = "pcp"
    specialist = "specialist"


class Reason(StrEnum):
    """The policies' reasons for a second opinion (e.g. GG.1538 II.C.1-5, II.D) plus `other` ("not limited to")."""

    surgery_questioned = "surgery_questioned"
    diagnosis_or_plan_questioned = "diagnosis_or_plan_questioned"
    unclear_or_conflicting = "unclear_or_conflicting"
    not_improving = "not_improving"
    concerns_after_following_plan = "concerns_after_following_plan"
    conflicting_recommendations = "conflicting_recommendations"
    other = "other"


class Severity(StrEnum):
    info = "info"
    warning = "warning"
    block = "block"


def _clean_text(value: object) -> object:
    """NFC-normalise and trim text so a name typed on any keyboard compares and prints the same."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    return value


def _empty_to_none(value: object) -> object:
    value = _clean_text(value)
    return None if value == "" else value


def _check_npi(value: str | None) -> str | None:
    if value is None:
        return None
    problem = npi_problem(value)
    if problem:
        raise ValueError(problem)
    return value


_CIN = re.compile(r"^[0-9]{8}[A-Z]$")


def _check_cin(value: str | None) -> str | None:
    """The Medi-Cal Client Index Number (the state's id of the member, on the Benefits Identification Card):
    eight digits and a letter. Spaces and a lower-case letter, as typed from the card, are accepted."""
    if value is None:
        return None
    value = value.replace(" ", "").upper()
    if not _CIN.match(value):
        raise ValueError("a Medi-Cal CIN is eight digits and a letter, like 91234567A (from the member's "
                         "Benefits Identification Card)")
    return value


Text = Annotated[str, BeforeValidator(_clean_text)]
OptionalText = Annotated[str | None, BeforeValidator(_empty_to_none)]
Npi = Annotated[str | None, BeforeValidator(_empty_to_none), AfterValidator(_check_npi)]
Cin = Annotated[str | None, BeforeValidator(_empty_to_none), AfterValidator(_check_cin)]

_TAXONOMY = re.compile(r"^[0-9]{3}[0-9A-Z]{6}X$")
_ICD10_SHAPE = re.compile(r"^[A-Z][0-9A-Z][0-9A-Z](\.?[0-9A-Z]{1,4})?$")


def _check_taxonomy(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.upper()
    if not _TAXONOMY.match(value):
        raise ValueError("a NUCC taxonomy code is 10 characters ending in X, e.g. 207X00000X")
    return value


Taxonomy = Annotated[str | None, BeforeValidator(_empty_to_none), AfterValidator(_check_taxonomy)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=False)


class Address(Model):
    line1: OptionalText = None
    line2: OptionalText = None
    city: OptionalText = None
    state: OptionalText = None
    zip: OptionalText = None

    @field_validator("zip")
    @classmethod
    def _zip(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{5}(-\d{4})?", value):
            raise ValueError("a ZIP code is 5 digits, or 5+4 like 95202-1234")
        return value

    def has_any(self) -> bool:
        """Whether any line of the address is given (a state alone, the form's default, is not an address)."""
        return any((self.line1, self.line2, self.city, self.zip))


class Requester(Model):
    type: RequesterType
    name: OptionalText = None
    npi: Npi = None
    phone: OptionalText = None


Sex = Literal["F", "M", "U"]


def sex_code(value: object) -> object:
    """'female', ' f ', 'Male', '' -> 'F', 'F', 'M', None; anything else is left for the Literal to refuse."""
    if isinstance(value, str):
        value = value.strip().upper()
        return {"": None, "FEMALE": "F", "MALE": "M", "UNKNOWN": "U"}.get(value, value)
    return value


class Member(Model):
    member_id: Text = Field(min_length=1)
    first_name: Text = Field(min_length=1)
    last_name: Text = Field(min_length=1)
    date_of_birth: date
    # Administrative sex as the plan's eligibility file records it (X12 1068: F, M, U); None: not recorded.
    sex: Sex | None = None
    language: OptionalText = None
    phone: OptionalText = None
    address: Address = Field(default_factory=Address)
    health_network: OptionalText = None
    # The Medi-Cal CIN beside the plan's member id (issue 17); None: not known.
    cin: Cin = None

    @field_validator("sex", mode="before")
    @classmethod
    def _sex(cls, value: object) -> object:
        return sex_code(value)

    @field_validator("date_of_birth")
    @classmethod
    def _not_in_future(cls, value: date) -> date:
        today = datetime.now(LOS_ANGELES).date()
        if value > today:
            raise ValueError(f"a date of birth cannot be in the future (today is {today.isoformat()})")
        if value.year < 1880:
            raise ValueError("a date of birth before 1880 is a typo: check the year")
        return value

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Pcp(Model):
    npi: Npi = None
    name: OptionalText = None


class CareInQuestion(Model):
    from_: CareFrom = Field(alias="from")
    taxonomy: Taxonomy = None
    npi: Npi = None
    name: OptionalText = None


def _check_diagnosis_shape(value: str) -> str:
    code = value.strip().upper()
    if not _ICD10_SHAPE.match(code):
        raise ValueError("an ICD-10-CM code looks like E11.9 or S72.001A (a letter, two characters, then up to 4)")
    return code


Diagnosis = Annotated[str, AfterValidator(_check_diagnosis_shape)]


class Request(Model):
    """A request for a second (or third) medical opinion, as the clerk took it."""

    plan: Text = Field(min_length=1)
    county: OptionalText = None
    received_at: datetime
    requester: Requester
    member: Member
    pcp: Pcp = Field(default_factory=Pcp)
    care_in_question: CareInQuestion
    diagnoses: list[Diagnosis] = Field(default_factory=list)
    reasons: list[Reason] = Field(default_factory=list)
    other_reason: OptionalText = None
    serious_condition: bool = False
    urgent: bool = False
    opinion_number: Literal[2, 3] = 2
    prior_opinions_differ: bool = False
    requested_provider_npi: Npi = None
    needs_transportation: bool = False
    procedure: OptionalText = None
    notes: OptionalText = None

    @field_validator("received_at")
    @classmethod
    def _pacific(cls, value: datetime) -> datetime:
        # Contract: an ISO time without an offset is Pacific time.
        if not 2000 <= value.year <= 2099:
            raise ValueError("expected a date between 2000 and 2099: check the year")
        return as_pacific(value)

    @model_validator(mode="after")
    def _dates_agree(self) -> Request:
        if self.member.date_of_birth > self.received_at.date():
            # A check across fields has no place of its own: its context names the field to fix.
            raise PydanticCustomError(
                "dates_disagree", "{born} is after the request was received ({received}); check both dates",
                {"field": "member.date_of_birth", "born": str(self.member.date_of_birth),
                 "received": str(self.received_at.date())})
        return self


class Provider(Model):
    """A professional in the directory (one CSV row of `sodesk providers import`)."""

    npi: str
    last_name: OptionalText = None
    first_name: OptionalText = None
    organization: OptionalText = None
    credential: OptionalText = None
    taxonomy: Taxonomy = None
    specialty: OptionalText = None
    address: OptionalText = None
    city: OptionalText = None
    state: OptionalText = None
    zip: OptionalText = None
    phone: OptionalText = None
    fax: OptionalText = None
    languages: list[str] = Field(default_factory=list)
    plans: list[str] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list)
    medi_cal_certified: bool = False
    accepting_new_patients: bool = False

    @field_validator("npi")
    @classmethod
    def _npi(cls, value: str) -> str:
        problem = npi_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @property
    def display_name(self) -> str:
        return professional_name(self.first_name, self.last_name, self.credential, self.organization, self.npi)


class Finding(Model):
    rule: str
    severity: Severity
    message: str
    citation: str


class Alternative(Model):
    npi: str
    name: str
    specialty: str | None = None
    city: str | None = None
    phone: str | None = None
    languages: list[str] = Field(default_factory=list)
    accepting_new_patients: bool = False


class Determination(Model):
    eligible: Literal["yes", "no", "review"]
    criteria_met: list[Reason] = Field(default_factory=list)
    network: Literal["in", "out", "unknown"] | None = None
    provider_qualified: bool | None = None
    authorization_required: bool
    decision_due: datetime | None = None
    consult_due: datetime | None = None
    member_cost: int = 0
    alternatives: list[Alternative] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    # Added fields (the contract allows additions): what the answer was computed from.
    plan: str
    plan_name: str
    policy_revision: str
    engine_version: str
    received_at: datetime
    authorizer: str | None = None

    def findings_of(self, severity: Severity) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == severity]

    def rules(self) -> set[str]:
        return {finding.rule for finding in self.findings}
