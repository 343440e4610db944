"""The columns of submissions.csv (docs/exports.md) and how a plan may ask for them (its plan file's
`[submissions_csv]`, app.rules.profiles.CsvProfile): names the plan files and the writer share."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.domain.models import Reason, RequesterType

COLUMNS = (
    "line",
    "batch_id",
    "request_id",
    "received_at",
    "urgent",
    "opinion_number",
    "member_id",
    "member_last_name",
    "member_first_name",
    "member_date_of_birth",
    "health_network",
    "requester_type",
    "requester_name",
    "requester_npi",
    "care_from",
    "care_taxonomy",
    "care_npi",
    "care_name",
    "procedure",
    "diagnoses",
    "reasons",
    "other_reason",
    "serious_condition",
    "professional_npi",
    "professional_name",
    "professional_taxonomy",
    "network",
    "authorizer",
    "decision_due",
    "consult_due",
)
# Added in export format 2 (issue 17): what an authorization template asks of the requesting practice and the
# service. A batch of format 1 is written again without them.
FORMAT_2_COLUMNS = (
    "practice_npi",
    "practice_tin",
    "practice_phone",
    "service_code",
    "place_of_service",
    "member_sex",
)
# Added in export format 3: the member's Medi-Cal CIN beside the plan's member id.
FORMAT_3_COLUMNS = ("member_cin",)
ALL_COLUMNS = COLUMNS + FORMAT_2_COLUMNS + FORMAT_3_COLUMNS
# The columns that hold a date, and those that hold a time: what a plan's date format changes.
DATE_COLUMNS = frozenset({"member_date_of_birth"})
TIME_COLUMNS = frozenset({"received_at", "decision_due", "consult_due"})


# -- a plan's own submissions.csv --------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CsvColumn(_Strict):
    header: str = Field(min_length=1, description="the column's name in the plan's file")
    field: str = Field(description="the desk's column it holds (docs/exports.md, submissions.csv)")

    @field_validator("field")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in ALL_COLUMNS:
            raise ValueError(f"{value!r} is not a column of submissions.csv; the columns are "
                             f"{', '.join(ALL_COLUMNS)}")
        return value


def _complete(name: str, given: dict, every: type) -> None:
    missing = [member.value for member in every if member not in given]
    if given and missing:
        raise ValueError(f"codes.{name} gives no code for {', '.join(missing)}: a plan's code for each, or "
                         "none at all (the desk's own ids)")


class CsvCodes(_Strict):
    """The plan's codes in place of the desk's ids; a table given names every value."""

    requester_type: dict[RequesterType, str] = Field(default_factory=dict)
    reasons: dict[Reason, str] = Field(default_factory=dict)
    health_network: dict[str, str] = Field(default_factory=dict, description="as recorded -> the plan's code; "
                                           "a network not listed is written as recorded")

    @model_validator(mode="after")
    def _every_value(self) -> CsvCodes:
        _complete("requester_type", self.requester_type, RequesterType)
        _complete("reasons", self.reasons, Reason)
        return self


class CsvProfile(_Strict):
    """How a plan wants its submissions.csv (its plan file's `[submissions_csv]`, docs/exports.md)."""

    columns: list[CsvColumn] = Field(default_factory=list, description="in the plan's order; empty: every "
                                     "desk column under its own name")
    date_format: Literal["ISO 8601", "MM/DD/YYYY"] = "ISO 8601"
    byte_order_mark: bool = Field(False, description="UTF-8 with a byte order mark, for spreadsheet users")
    fold_newlines: bool = Field(False, description="line breaks typed in a cell written as a space")
    codes: CsvCodes = Field(default_factory=CsvCodes)

    @model_validator(mode="after")
    def _names_the_request(self) -> CsvProfile:
        fields = [column.field for column in self.columns]
        if fields and not {"request_id", "line"} & set(fields):
            raise ValueError("columns: include request_id or line, so the plan's decisions can name each request")
        headers = [column.header for column in self.columns]
        if len(headers) != len(set(headers)):
            raise ValueError("columns: each header may appear once")
        return self
