"""What a batch is made of, and the names of its files. Deterministic: the same batch gives the same bytes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

import orjson
from pydantic import Field

from app.domain.cases import Case
from app.domain.models import Model, Provider
from app.domain.submissions import CsvProfile

# The layout of a batch (docs/exports.md); raise when a file changes shape, never reuse a number.
EXPORT_FORMAT_VERSION = 4  # 2: issue 17 (sender-scoped ids, what PAS asks, the practice's columns in the CSV);
# 3: the plan's payer id, the PAS TIN identifier, the member's Medi-Cal CIN (bundle and CSV); 4: the bundles claim
# the PAS 2.2.1 profiles (meta.profile) and carry the referral letter inline (app/exports/fhir.py)

MANIFEST = "manifest.json"
SUBMISSIONS = "submissions.csv"
# The service asked for: an office consultation, new or established patient, CPT 99242 (the first level; the
# consultant bills the level actually given). In the bundle's item and the CSV's service_code.
CONSULTATION = ("99242", "Office or other outpatient consultation for a new or established patient")

PdfFor = Callable[[Case], bytes]


class Practice(Model):
    """The requesting practice (the desk's letterhead in Settings), as it was when the batch was made."""

    name: str | None = None
    address: str | None = None
    phone: str | None = None
    fax: str | None = None
    # The sending database's id (SettingsRepository.sender_id) and what a plan's system knows the practice by
    # (issue 17): None in batches sent before them, whose files are written again as they were.
    sender_id: str | None = None
    npi: str | None = None
    tin: str | None = None
    place_of_service: str | None = None

    def as_sent(self) -> dict:
        """As the manifest records it: a batch of format 1 never had the issue-17 keys, so they are left out
        when unset and its manifest is written again byte for byte."""
        data = self.model_dump(mode="json")
        return {key: value for key, value in data.items() if value is not None or key in _FORMAT_1_PRACTICE}


_FORMAT_1_PRACTICE = ("name", "address", "phone", "fax")


class BatchHeader(Model):
    batch_id: int = Field(ge=1)
    plan: str
    plan_name: str
    practice: Practice = Field(default_factory=Practice)
    created_at: datetime
    who: str
    with_pdfs: bool
    # The plan's submissions.csv profile when the batch was made (recorded with it): None, the desk's columns.
    csv: CsvProfile | None = None
    # The format it is written in, recorded with it (m010); None for a batch recorded before that.
    export_format: int | None = Field(default=None, ge=1, le=EXPORT_FORMAT_VERSION)
    payer_id: str | None = None  # what the plan's systems know it by (the plan file's payer_id), as recorded

    @property
    def format_version(self) -> int:
        """The export format the batch was (or is) sent in, whose files are written again as they were sent:
        as recorded; before formats were recorded, 1 without a sender id and 2 with one."""
        if self.export_format is not None:
            return self.export_format
        return 1 if self.practice.sender_id is None else 2


class Submission(Model):
    """One request as sent: `case` is the snapshot taken when the batch was made (no history), `professional`
    the second-opinion professional from the directory at that moment (None when none was chosen or known)."""

    line: int = Field(ge=1, description="its row in submissions.csv, 1 = the first request")
    case: Case
    professional: Provider | None = None

    @property
    def request_id(self) -> int:
        return self.case.id


def icd10_code(code: str) -> str:
    """ICD-10-CM written with its dot, as FHIR and the plans' portals expect: M1711 -> M17.11."""
    code = code.upper()
    if "." not in code and len(code) > 3:
        return f"{code[:3]}.{code[3:]}"
    return code


def batch_name(header: BatchHeader) -> str:
    """The default folder (or ZIP stem) name: sorts by batch, says whose it is."""
    return f"sodesk-{header.plan}-batch-{header.batch_id:06d}"


def request_json_name(request_id: int) -> str:
    return f"requests/{request_id}.json"


def fhir_name(request_id: int) -> str:
    return f"fhir/{request_id}-bundle.json"


def pdf_name(request_id: int) -> str:
    return f"letters/{request_id}-referral.pdf"


def canonical_json(data: object, *, indent: int | None = None) -> bytes:
    """Sorted keys, UTF-8, one trailing newline: equal data, equal bytes.

    Compact by default, through orjson (the same bytes as `json.dumps(sort_keys=True, ensure_ascii=False,
    separators=(",", ":"))` for the documents a batch holds, five times faster: tests/unit/test_exports_json.py
    compares them); what orjson refuses (an integer beyond 64 bits, a key that is not text) and an indented
    document go through the standard library's encoder.
    """
    if not indent:
        try:
            return orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
        except orjson.JSONEncodeError:
            pass
    separators = (",", ": ") if indent else (",", ":")
    return (json.dumps(data, sort_keys=True, ensure_ascii=False, indent=indent, separators=separators)
            + "\n").encode("utf-8")
