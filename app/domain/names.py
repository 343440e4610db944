"""How a professional's name reads, from its parts: plain text, cheap to import (the worklist shows it before the
pydantic models are loaded)."""

from __future__ import annotations


def professional_name(first: str | None, last: str | None, credential: str | None, organization: str | None,
                      npi: str) -> str:
    """'Armen Hakobyan, MD'; an organization's name; else the NPI."""
    person = " ".join(part for part in (first, last) if part)
    if person and credential:
        person = f"{person}, {credential}"
    return person or organization or npi
