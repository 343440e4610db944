"""Whose network a second opinion must come from, and whether a professional is in it.

One place for the rule, so the engine's determination and the desk's professional chooser never disagree:
a second opinion about the PCP's care comes from within the member's health network (medical group / IPA) when
the plan scopes it so (`[network] pcp_care.scope = "health_network"`, H&S 1383.15 "same physician organization");
otherwise from the plan's network. Pure: no I/O, no Qt.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

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
