"""Whose network a second opinion must come from, and whether a professional is in it.

One place for the rule, so the engine's determination and the desk's professional chooser never disagree:
a second opinion about the PCP's care comes from within the member's health network (medical group / IPA) when
the plan scopes it so (`[network] pcp_care.scope = "health_network"`: H&S 1383.15 "within the same physician
organization", the rule where a plan's policy says nothing else); otherwise (`scope = "plan"`, e.g. HPSJ/MVHP
Procedure II.E "a contracted provider of the Health Plan") from anywhere in the plan's network, the member's own
health network offered first. Pure: no I/O, no Qt.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from typing import Protocol

from app.domain.directory import DirectoryView
from app.domain.models import CareFrom, Provider, RequesterType
from app.rules.profiles import PlanProfile


class Membership(StrEnum):
    in_network = "in_network"  # in the plan's network and, when one is required, in the member's health network
    outside_health_network = "outside_health_network"  # in the plan's network, not in the member's health network
    out_of_network = "out_of_network"


def required_health_network(plan: PlanProfile, care_from: CareFrom | str, health_network: str | None) -> str | None:
    """The member's health network when the opinion must come from within it; None when the plan's network is
    enough (specialist care, a plan scoped to its whole network, or no health network entered yet)."""
    if CareFrom(care_from) == CareFrom.pcp and plan.network.pcp_care.scope == "health_network":
        return health_network or None
    return None


def preferred_health_network(plan: PlanProfile, care_from: CareFrom | str, health_network: str | None) -> str | None:
    """For PCP care under a plan that allows its whole network, the member's health network (when entered): its
    professionals are offered first (the member's own medical group coordinates the care), the rest of the plan's
    network after them. None otherwise: specialist care is ranked as the directory ranks it."""
    if CareFrom(care_from) != CareFrom.pcp or not health_network or plan.network.pcp_care.scope != "plan":
        return None
    return health_network


def qualified_alternatives(
    directory: DirectoryView,
    *,
    plan: str,
    taxonomies: Collection[str] | None,
    group: str | None = None,
    prefer: str | None = None,
    exclude: Collection[str] = (),
    language: str | None = None,
    limit: int = 5,
) -> list[Provider]:
    """`directory.qualified`, with the professionals of health network `prefer` (when given) ranked before the
    rest of the network; each part in the directory's own rank order."""
    if group is not None or not prefer:
        return directory.qualified(plan=plan, taxonomies=taxonomies, group=group, exclude=exclude,
                                   language=language, limit=limit)
    first = directory.qualified(plan=plan, taxonomies=taxonomies, group=prefer, exclude=exclude,
                                language=language, limit=limit)
    if len(first) >= limit:
        return first
    taken = {provider.npi for provider in first}
    rest = directory.qualified(plan=plan, taxonomies=taxonomies, group=None, exclude={*exclude, *taken},
                               language=language, limit=limit - len(first))
    return first + rest


def membership(provider: Provider, plan_id: str, health_network: str | None) -> Membership:
    """Where `provider` stands for a request under `plan_id` whose required health network is `health_network`
    (see `required_health_network`)."""
    if plan_id not in provider.plans:
        return Membership.out_of_network
    if health_network and health_network not in provider.groups:
        return Membership.outside_health_network
    return Membership.in_network


class _Specialties(Protocol):
    def equivalents(self, code: str) -> frozenset[str]: ...

    def primary_care_codes(self) -> frozenset[str]: ...


def qualifying_taxonomies(specialties: _Specialties, care_from: CareFrom | str,
                          taxonomy: str | None) -> frozenset[str] | None:
    """The specialties an appropriately qualified professional may have (H&S 1383.15: the same or an equivalent
    specialty): those equivalent to the care's; for PCP care with no specialty entered, primary care; None (any)
    for specialist care whose specialty is not entered yet."""
    if taxonomy:
        return specialties.equivalents(taxonomy)
    return specialties.primary_care_codes() if CareFrom(care_from) == CareFrom.pcp else None


def treating_npis(*, care_from: CareFrom | str, care_npi: str | None, pcp_npi: str | None,
                  requester_type: RequesterType | str, requester_npi: str | None) -> set[str]:
    """Whose care is in question, never the second opinion's professional: the treating professional, the PCP
    for PCP care, and a requester who is that treating professional."""
    pcp_care = CareFrom(care_from) == CareFrom.pcp
    requester = RequesterType(requester_type)
    requester_treats = requester == RequesterType.treating_provider or (requester == RequesterType.pcp and pcp_care)
    return {npi for npi in (care_npi, pcp_npi if pcp_care else None, requester_npi if requester_treats else None)
            if npi}
