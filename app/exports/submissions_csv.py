"""submissions.csv: one row per request, only what the plan needs to decide (minimum necessary).

No address, phone or language of the member, no notes: the plan identifies the member by plan member id, name
and date of birth. The columns are documented in docs/exports.md; add columns at the end, never rename.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from app.domain.spreadsheet import safe_row
from app.exports.batch import CONSULTATION, BatchHeader, Submission, icd10_code

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
)


def columns(header: BatchHeader) -> tuple[str, ...]:
    return COLUMNS + FORMAT_2_COLUMNS if header.format_version >= 2 else COLUMNS


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _iso(moment) -> str:
    return moment.isoformat() if moment is not None else ""


def row(header: BatchHeader, submission: Submission) -> list[str]:
    case = submission.case
    request = case.request
    determination = case.determination
    professional = submission.professional
    member = request.member
    care = request.care_in_question
    values = {
        "line": str(submission.line),
        "batch_id": str(header.batch_id),
        "request_id": str(case.id),
        "received_at": _iso(request.received_at),
        "urgent": _yes_no(request.urgent),
        "opinion_number": str(request.opinion_number),
        "member_id": member.member_id,
        "member_last_name": member.last_name,
        "member_first_name": member.first_name,
        "member_date_of_birth": member.date_of_birth.isoformat(),
        "health_network": member.health_network or "",
        "requester_type": request.requester.type.value,
        "requester_name": request.requester.name or "",
        "requester_npi": request.requester.npi or "",
        "care_from": care.from_.value,
        "care_taxonomy": care.taxonomy or "",
        "care_npi": care.npi or "",
        "care_name": care.name or "",
        "procedure": request.procedure or "",
        "diagnoses": ";".join(icd10_code(code) for code in request.diagnoses),
        "reasons": ";".join(reason.value for reason in request.reasons),
        "other_reason": request.other_reason or "",
        "serious_condition": _yes_no(request.serious_condition),
        "professional_npi": request.requested_provider_npi or "",
        "professional_name": professional.display_name if professional else "",
        "professional_taxonomy": (professional.taxonomy or "") if professional else "",
        "network": (determination.network or "") if determination else "",
        "authorizer": (determination.authorizer or "") if determination else "",
        "decision_due": _iso(determination.decision_due) if determination else "",
        "consult_due": _iso(determination.consult_due) if determination else "",
        "practice_npi": header.practice.npi or "",
        "practice_tin": header.practice.tin or "",
        "practice_phone": header.practice.phone or "",
        "service_code": CONSULTATION[0],
        "place_of_service": header.practice.place_of_service or "",
    }
    return [values[column] for column in columns(header)]


def submissions_csv(header: BatchHeader, submissions: Iterable[Submission]) -> bytes:
    """UTF-8 without a byte order mark, comma separated, CRLF line ends (RFC 4180), a header row first; a cell
    a spreadsheet would run as a formula is written as text (app.domain.spreadsheet)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns(header))
    writer.writerows(safe_row(row(header, submission)) for submission in submissions)
    return buffer.getvalue().encode("utf-8")
