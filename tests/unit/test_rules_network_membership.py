"""H&S 1383.15: the network a second opinion comes from, shared by the engine and the desk's chooser."""

import pytest

from app.domain.models import CareFrom
from app.rules.network import Membership, membership, required_health_network
from tests.factories import ALL_PLANS, ORTHO_OON_CERTIFIED, PCP_CHEN, PCP_NGUYEN, cast

BY_NPI = {provider.npi: provider for provider in cast()}


@pytest.mark.parametrize("plan", ALL_PLANS)
def test_hs_1383_15_pcp_care_comes_from_the_members_health_network_where_the_plan_says_so(profiles, plan):
    profile = profiles[plan]
    expected = "ipa-sunrise" if profile.network.pcp_care.scope == "health_network" else None
    assert required_health_network(profile, CareFrom.pcp, "ipa-sunrise") == expected
    assert required_health_network(profile, "pcp", "ipa-sunrise") == expected


def test_specialist_care_or_no_health_network_entered_needs_only_the_plans_network(profiles):
    profile = profiles["caloptima-medi-cal"]
    assert required_health_network(profile, CareFrom.specialist, "ipa-sunrise") is None
    assert required_health_network(profile, CareFrom.pcp, None) is None
    assert required_health_network(profile, CareFrom.pcp, "") is None


@pytest.mark.parametrize("npi, group, expected", [
    (PCP_NGUYEN, "ipa-sunrise", Membership.in_network),
    (PCP_CHEN, "ipa-sunrise", Membership.outside_health_network),
    (PCP_CHEN, None, Membership.in_network),
    (ORTHO_OON_CERTIFIED, None, Membership.out_of_network),
    (ORTHO_OON_CERTIFIED, "ipa-sunrise", Membership.out_of_network),
])
def test_membership_in_the_plan_and_the_health_network(npi, group, expected):
    assert membership(BY_NPI[npi], "caloptima-medi-cal", group) == expected
