"""H&S 1383.15: the network a second opinion comes from, shared by the engine and the desk's chooser."""

import pytest

from app.domain.models import CareFrom, RequesterType
from app.rules.network import (
    Membership,
    membership,
    qualifying_taxonomies,
    required_health_network,
    treating_npis,
)
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


def test_hs_1383_15_same_or_equivalent_specialty_or_primary_care_for_pcp_care(specialties):
    knee = "207XX0004X"  # orthopaedic surgery, foot and ankle: its equivalents include itself
    assert knee in qualifying_taxonomies(specialties, CareFrom.specialist, knee)
    assert qualifying_taxonomies(specialties, CareFrom.specialist, knee) == specialties.equivalents(knee)
    assert qualifying_taxonomies(specialties, CareFrom.pcp, None) == specialties.primary_care_codes()
    assert qualifying_taxonomies(specialties, CareFrom.specialist, None) is None  # not entered yet: any


@pytest.mark.parametrize("care_from, requester, expected", [
    (CareFrom.specialist, RequesterType.member, {"1111111111"}),
    (CareFrom.specialist, RequesterType.treating_provider, {"1111111111", "3333333333"}),
    (CareFrom.pcp, RequesterType.member, {"1111111111", "2222222222"}),
    (CareFrom.pcp, RequesterType.pcp, {"1111111111", "2222222222", "3333333333"}),
    (CareFrom.specialist, RequesterType.pcp, {"1111111111"}),  # the PCP asks about a specialist's care
])
def test_the_second_opinion_never_comes_from_whose_care_is_in_question(care_from, requester, expected):
    assert treating_npis(care_from=care_from, care_npi="1111111111", pcp_npi="2222222222",
                         requester_type=requester, requester_npi="3333333333") == expected
