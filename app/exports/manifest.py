"""manifest.json: what the batch is and the SHA-256 of every other file in it. Written last."""

from __future__ import annotations

from collections.abc import Mapping

from app.exports.batch import BatchHeader, canonical_json


def manifest_document(header: BatchHeader, count: int, files: Mapping[str, tuple[str, int]]) -> dict:
    """`files`: name -> (sha256 hex, size in bytes), every file of the batch but the manifest itself."""
    return {
        "export_format_version": header.format_version,
        "batch_id": header.batch_id,
        "plan": {"id": header.plan, "name": header.plan_name},
        "practice": header.practice.as_sent(),
        "created_at": header.created_at.isoformat(),
        "created_by": header.who,
        "count": count,
        "letters_included": header.with_pdfs,
        "files": [{"path": name, "sha256": digest, "bytes": size}
                  for name, (digest, size) in sorted(files.items())],
    }


def manifest_json(header: BatchHeader, count: int, files: Mapping[str, tuple[str, int]]) -> bytes:
    # Indented: the one file a person opens to see what was sent.
    return canonical_json(manifest_document(header, count, files), indent=2)
