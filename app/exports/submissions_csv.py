"""submissions.csv: one row per request, only what the plan needs to decide (minimum necessary).

No address, phone or language of the member, no notes: the plan identifies the member by plan member id, name
and date of birth. The columns are documented in docs/exports.md; add columns at the end, never rename.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import datetime

from app.domain.spreadsheet import safe_row
from app.domain.submissions import (COLUMNS, DATE_COLUMNS, FORMAT_2_COLUMNS, FORMAT_3_COLUMNS, TIME_COLUMNS,
                                    CsvProfile)
from app.exports.batch import CONSULTATION, BatchHeader, Submission, icd10_code


def columns(header: BatchHeader) -> tuple[str, ...]:
    """The desk's columns the batch writes, in order (the plan's profile picks and orders them)."""
    if header.csv is not None and header.csv.columns:
        return tuple(column.field for column in header.csv.columns)
    version = header.format_version
    return COLUMNS + (FORMAT_2_COLUMNS if version >= 2 else ()) + (FORMAT_3_COLUMNS if version >= 3 else ())


def headers(header: BatchHeader) -> tuple[str, ...]:
    """The header row: the plan's names for its columns, else the desk's."""
    if header.csv is not None and header.csv.columns:
        return tuple(column.header for column in header.csv.columns)
    return columns(header)


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
        "member_sex": member.sex or "",
        "member_cin": member.cin or "",
    }
    if header.csv is not None:
        _as_the_plan_asks(header.csv, values, request)
    return [values[column] for column in columns(header)]


def _as_the_plan_asks(profile: CsvProfile, values: dict[str, str], request) -> None:
    """The plan's codes, date format and folded line breaks, in place."""
    codes = profile.codes
    if codes.requester_type:
        values["requester_type"] = codes.requester_type[request.requester.type]
    if codes.reasons:
        values["reasons"] = ";".join(codes.reasons[reason] for reason in request.reasons)
    network = values["health_network"]
    values["health_network"] = codes.health_network.get(network, network)
    if profile.date_format == "MM/DD/YYYY":
        for column in DATE_COLUMNS:
            if values[column]:
                year, month, day = values[column].split("-")
                values[column] = f"{month}/{day}/{year}"
        for column in TIME_COLUMNS:  # Pacific, as stored: the date, then the time on the 24-hour clock
            if values[column]:
                values[column] = _us_time(values[column])
    if profile.fold_newlines:
        for column, value in values.items():
            if "\n" in value or "\r" in value:
                values[column] = _LINE_BREAKS.sub(" ", value)


_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def _us_time(text: str) -> str:
    return datetime.fromisoformat(text).strftime("%m/%d/%Y %H:%M")


def submissions_csv(header: BatchHeader, submissions: Iterable[Submission]) -> bytes:
    """UTF-8 (with a byte order mark when the plan's profile asks), comma separated, CRLF line ends (RFC 4180),
    a header row first; a cell a spreadsheet would run as a formula is written as text (app.domain.spreadsheet)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(header))
    writer.writerows(safe_row(row(header, submission)) for submission in submissions)
    bom = "\ufeff" if header.csv is not None and header.csv.byte_order_mark else ""
    return (bom + buffer.getvalue()).encode("utf-8")
