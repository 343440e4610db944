"""What a letter is made of: the case as stored plus what the case alone does not say (letterhead, the
professional's address, diagnosis descriptions, the plan's name and policy). Built by the letter service."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from app.domain.cases import Case
from app.domain.models import Reason
from app.letters.letter_kind import MEMBER_NOTICES, LetterKind  # noqa: F401  (imported from here too)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Letterhead(_Model):
    name: str | None = None
    address_lines: list[str] = Field(default_factory=list)
    phone: str | None = None
    fax: str | None = None
    logo: str | None = Field(default=None, description="path of a .png/.jpg; a missing file is left out")


class Professional(_Model):
    """The appropriately qualified professional giving the second opinion, as the directory has them."""

    name: str
    npi: str | None = None
    specialty: str | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    phone: str | None = None
    fax: str | None = None


class DiagnosisLine(_Model):
    code: str
    description: str | None = None


class CriterionLine(_Model):
    reason: Reason
    citation: str


class Letter(_Model):
    kind: LetterKind
    language: str = "en"
    requested_language: str | None = Field(
        default=None, description="the member's language as recorded, when the letter could not be in it")
    issued_on: date
    case: Case
    letterhead: Letterhead = Field(default_factory=Letterhead)
    plan_name: str
    policy: str | None = Field(default=None, description="the plan's policy, e.g. CalOptima Health GG.1538 ...")
    professional: Professional | None = None
    diagnoses: list[DiagnosisLine] = Field(default_factory=list)
    criteria: list[CriterionLine] = Field(default_factory=list)
