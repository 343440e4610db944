"""One JSON file per request: the full request and its determination as the desk stored them, with versions."""

from __future__ import annotations

from app.domain.models import SCHEMA_VERSION
from app.exports.batch import BatchHeader, Submission, canonical_json


def _request(header: BatchHeader, submission: Submission) -> dict:
    """The request as stored; in a batch of format 1, without the fields that came after it (member.sex) when
    unset, so the file is written again byte for byte."""
    request = submission.case.request
    exclude = {"member": {"sex"}} if header.format_version == 1 and request.member.sex is None else None
    return request.model_dump(mode="json", by_alias=True, exclude=exclude)


def request_document(header: BatchHeader, submission: Submission) -> dict:
    case = submission.case
    return {
        "schema_version": SCHEMA_VERSION,  # of the request and determination models (app/domain/models.py)
        "export_format_version": header.format_version,
        "batch_id": header.batch_id,
        "line": submission.line,
        "request_id": case.id,
        "status": case.status.value,
        "request": _request(header, submission),
        "determination": case.determination.model_dump(mode="json") if case.determination else None,
        "professional": submission.professional.model_dump(mode="json") if submission.professional else None,
    }


def request_json(header: BatchHeader, submission: Submission) -> bytes:
    return canonical_json(request_document(header, submission))
