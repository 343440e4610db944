"""What the engine may ask of the provider directory, and a plain in-memory directory.

The engine is pure, so it is handed a `DirectoryView`; the SQLite directory (app.storage.providers) and
`InMemoryDirectory` answer the same questions in the same order, which a test checks.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Protocol

from app.domain.models import Provider


class DirectoryView(Protocol):
    def get(self, npi: str) -> Provider | None:
        """The professional with this NPI, or None."""
        ...

    def has_plan(self, plan: str) -> bool:
        """Whether the directory lists anyone in `plan`'s network (an empty directory proves nothing)."""
        ...

    def qualified(
        self,
        *,
        plan: str,
        taxonomies: Collection[str] | None,
        group: str | None = None,
        exclude: Collection[str] = (),
        language: str | None = None,
        limit: int = 5,
    ) -> list[Provider]:
        """In-network professionals of `plan` whose taxonomy is in `taxonomies` (None: any taxonomy),
        in health network `group` when given, not in `exclude` (NPIs), best first: see `rank_key`."""
        ...


def rank_key(provider: Provider, language: str | None = None) -> tuple:
    """Best first: accepting new patients, speaks the member's language, then by name and NPI (stable)."""
    speaks = bool(language) and language.casefold() in {lang.casefold() for lang in provider.languages}
    return (
        not provider.accepting_new_patients,
        not speaks,
        (provider.last_name or provider.organization or "").casefold(),
        (provider.first_name or "").casefold(),
        provider.npi,
    )


class InMemoryDirectory:
    def __init__(self, providers: Iterable[Provider] = ()) -> None:
        self._by_npi = {provider.npi: provider for provider in providers}

    def get(self, npi: str) -> Provider | None:
        return self._by_npi.get(npi)

    def has_plan(self, plan: str) -> bool:
        return any(plan in provider.plans for provider in self._by_npi.values())

    def qualified(
        self,
        *,
        plan: str,
        taxonomies: Collection[str] | None,
        group: str | None = None,
        exclude: Collection[str] = (),
        language: str | None = None,
        limit: int = 5,
    ) -> list[Provider]:
        wanted = set(taxonomies) if taxonomies is not None else None
        matches = [
            provider
            for provider in self._by_npi.values()
            if plan in provider.plans
            and (wanted is None or provider.taxonomy in wanted)
            and (group is None or group in provider.groups)
            and provider.npi not in exclude
        ]
        matches.sort(key=lambda provider: rank_key(provider, language))
        return matches[:limit]
