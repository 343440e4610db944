"""Which professionals the intake's chooser lists, in what order: no Qt, no SQL, so it is tested without a window.

By default the chooser lists the *qualified* professionals: in the member's plan network (for PCP care under a plan
scoped so, in the member's health network; under a plan that allows its whole network, the member's health network
first: `app.rules.network`), of the same or an equivalent specialty as the care in question (for PCP care without a
specialty: primary care), and not the professional whose care is in question.
That is the set the engine draws its alternatives from (`app.rules.engine._check_network`), so the engine's own
alternatives come first, marked as suggested, then the rest, without duplicates.

Only the repository's indexed queries are asked, never a scan of the whole directory:

- nothing typed: `qualified(...)`, the plan/taxonomy index walked in the engine's rank order;
- something typed: the FTS5 search inside the plan's network (`search(text, plan=...)`), the qualified kept.
  When every qualifying code is of one NUCC classification (its first four characters: "207X" for orthopaedic
  surgery and its subspecialties), that classification is searched too, as one more word (the FTS index holds the
  taxonomy code), so FTS5 narrows by the specialty itself and the list is complete. Otherwise (primary care spans
  several classifications) the first `CANDIDATES` matches are looked at; a rare specialty among very common
  words can have qualified matches beyond those: `Found.more` says so, and the clerk types more to narrow.
- the filter off: the FTS5 search over the whole directory.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from app.domain.directory import DirectoryView
from app.domain.models import CareFrom, Provider
from app.rules.network import (  # noqa: F401  (treating_npis: the intake asks here)
    Membership,
    membership,
    preferred_health_network,
    qualified_alternatives,
    qualifying_taxonomies,
    required_health_network,
    treating_npis,
)

SHOWN = 50  # rows listed at most: a clerk narrows by typing
CANDIDATES = 200  # FTS matches inside the plan's network looked at, at most, when a filtered search has text
CLASSIFICATION = 4  # characters of a NUCC code naming its classification: 207X = orthopaedic surgery


class SearchableDirectory(DirectoryView, Protocol):
    def search(self, text: str, plan: str | None = None, taxonomy: str | None = None,
               limit: int = 50) -> list[Provider]: ...


class Specialties(Protocol):
    def equivalents(self, code: str) -> frozenset[str]: ...

    def primary_care_codes(self) -> frozenset[str]: ...

    def name(self, code: str) -> str | None: ...


@dataclass(frozen=True)
class Qualification:
    """Who is an appropriately qualified in-network professional for one request."""

    plan: str
    taxonomies: frozenset[str] | None  # None: any specialty (the care's specialty is not entered yet)
    group: str | None = None  # the member's health network, when the opinion must come from within it
    prefer: str | None = None  # the member's health network, listed first when the whole network is allowed
    exclude: frozenset[str] = frozenset()  # the professionals whose care is in question
    language: str | None = None  # the member's: speakers rank first, as in the engine

    @property
    def classification(self) -> str | None:
        """The NUCC classification every qualifying code shares ("207X"), or None."""
        prefixes = {code[:CLASSIFICATION] for code in self.taxonomies or ()}
        return prefixes.pop() if len(prefixes) == 1 else None

    def preferred(self, provider: Provider) -> bool:
        """Whether the professional is in the member's own health network, listed first."""
        return bool(self.prefer) and self.prefer in provider.groups

    def marker(self, provider: Provider) -> str:
        """How the professional stands for the request, as the chooser's Network column says it: for PCP care
        under a plan that keeps it in the member's health network (medical group / IPA), in network means in it;
        under a plan that allows its whole network, the member's own group is named where the professional is
        in it."""
        standing = membership(provider, self.plan, self.group)
        if standing == Membership.outside_health_network:
            return f"Outside health network {self.group}"
        if standing == Membership.out_of_network:
            return "Out of network"
        if self.prefer:
            return f"In network ({self.prefer})" if self.preferred(provider) else "In network (another group)"
        return f"In network ({self.group})" if self.group else "In network"

    def admits(self, provider: Provider) -> bool:
        return (provider.npi not in self.exclude
                and membership(provider, self.plan, self.group) == Membership.in_network
                and (self.taxonomies is None or provider.taxonomy in self.taxonomies))


def qualification_for(
    plan, specialties: Specialties, *, care_from: CareFrom | str, taxonomy: str | None, health_network: str | None,
    treating: Collection[str | None] = (), language: str | None = None,
) -> Qualification:
    """The engine's rule for the request's network and specialty (H&S 1383.15; the plan's `[network]` scope):
    `plan` is the PlanProfile; `treating` the NPIs of the professionals whose care is in question."""
    taxonomies = qualifying_taxonomies(specialties, care_from, taxonomy)
    return Qualification(
        plan=plan.id, taxonomies=taxonomies, group=required_health_network(plan, care_from, health_network or None),
        prefer=preferred_health_network(plan, care_from, health_network or None),
        exclude=frozenset(npi for npi in treating if npi), language=language or None)


@dataclass
class Found:
    providers: list[Provider] = field(default_factory=list)
    suggested: list[str] = field(default_factory=list)  # NPIs of the engine's alternatives among `providers`
    more: bool = False  # more matches than are listed: type more to narrow


def find_professionals(
    directory: SearchableDirectory, text: str, qualification: Qualification | None,
    suggested: Sequence[str] = (), *, limit: int = SHOWN,
) -> Found:
    """The chooser's rows: the engine's alternatives (`suggested` NPIs) first, then the matches of `text`, only the
    qualified ones unless `qualification` is None (the whole directory)."""
    text = text.strip()
    if qualification is None:
        matches = directory.search(text, limit=limit + 1)
        more = len(matches) > limit
    elif not text:
        matches = qualified_alternatives(
            directory, plan=qualification.plan, taxonomies=qualification.taxonomies, group=qualification.group,
            prefer=qualification.prefer, exclude=qualification.exclude, language=qualification.language,
            limit=limit + 1)
        more = len(matches) > limit
    else:
        classification = qualification.classification
        words = f"{text} {classification}" if classification else text
        wanted = 2 * limit + 1 if classification else CANDIDATES  # narrowed by FTS5: most candidates qualify
        candidates = directory.search(words, plan=qualification.plan, limit=wanted)
        matches = [provider for provider in candidates if qualification.admits(provider)]
        matches.sort(key=lambda provider: not qualification.preferred(provider))  # stable: search order kept
        more = len(candidates) >= wanted or len(matches) > limit
    matches = matches[:limit]
    listed = {provider.npi for provider in matches}
    first: list[Provider] = []
    for npi in dict.fromkeys(suggested):
        if text and npi not in listed:
            continue  # typed text narrows the suggestions too
        provider = next((p for p in matches if p.npi == npi), None) or directory.get(npi)
        if provider is not None and (qualification is None or qualification.admits(provider)):
            first.append(provider)
    firsts = {provider.npi for provider in first}
    rest = [provider for provider in matches if provider.npi not in firsts]
    return Found(providers=(first + rest)[:max(limit, len(first))], suggested=[p.npi for p in first], more=more)
