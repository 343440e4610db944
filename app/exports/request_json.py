"""One JSON file per request: the full request and its determination as the desk stored them, with versions."""

from __future__ import annotations

from app.domain.models import SCHEMA_VERSION
from app.exports.batch import BatchHeader, Submission, canonical_json


# The member's fields that came after a format: left out of an older batch's request when unset, so its file is
# written again byte for byte.
_LATER_MEMBER_FIELDS = (("sex", 2), ("cin", 3))


def _request(header: BatchHeader, submission: Submission) -> dict:
    """The request as stored; in a batch of an earlier format, without the fields that came after it when
    unset."""
    request = submission.case.request
    later = {name for name, since in _LATER_MEMBER_FIELDS
             if header.format_version < since and getattr(request.member, name) is None}
    return request.model_dump(mode="json", by_alias=True, exclude={"member": later} if later else None)


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
