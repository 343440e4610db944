"""Whose network a second opinion must come from, and whether a professional is in it.

One place for the rule, so the engine's determination and the desk's professional chooser never disagree:
a second opinion about the PCP's care comes from within the member's health network (medical group / IPA) when
the plan scopes it so (`[network] pcp_care.scope = "health_network"`, H&S 1383.15 "same physician organization");
otherwise from the plan's network. Pure: no I/O, no Qt.
"""

from __future__ import annotations

from enum import StrEnum

from app.domain.models import CareFrom, Provider
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
