"""H&S 1383.15: the network a second opinion comes from, shared by the engine and the desk's chooser."""

import pytest

from app.domain.models import CareFrom, RequesterType
from app.domain.directory import InMemoryDirectory
from app.rules.network import (
    Membership,
    membership,
    preferred_health_network,
    qualified_alternatives,
    qualifying_taxonomies,
    required_health_network,
    treating_npis,
)
from tests.factories import ALL_PLANS, ORTHO_OON_CERTIFIED, PCP_CHEN, PCP_NGUYEN, PCP_REYES, cast

BY_NPI = {provider.npi: provider for provider in cast()}


# Read from each policy: HPSJ/MVHP Procedure II.E "a contracted provider of the Health Plan"; Anthem Procedure III
# "within the plan's network"; CalOptima GG.1538 III.A "within the CalOptima Health, or contracted Health Network's
# provider network". Health Net 20-1030 and Partnership MPUP3078 say nothing of PCP care: H&S 1383.15 applies.
PCP_SCOPE = {
    "healthnet-medi-cal": "health_network", "partnership-medi-cal": "health_network",
    "hpsj-medi-cal": "plan", "mvhp-medi-cal": "plan", "anthem-medi-cal": "plan",
    "caloptima-medi-cal": "plan", "caloptima-onecare": "plan",
}


def test_every_plan_has_its_pcp_care_scope_read_from_its_policy(profiles):
    assert set(PCP_SCOPE) == set(ALL_PLANS)
    assert {plan: profiles[plan].network.pcp_care.scope for plan in ALL_PLANS} == PCP_SCOPE


@pytest.mark.parametrize("plan", ALL_PLANS)
def test_hs_1383_15_pcp_care_comes_from_the_members_health_network_where_the_plan_says_so(profiles, plan):
    profile = profiles[plan]
    required = "ipa-sunrise" if PCP_SCOPE[plan] == "health_network" else None
    assert required_health_network(profile, CareFrom.pcp, "ipa-sunrise") == required
    assert required_health_network(profile, "pcp", "ipa-sunrise") == required
    preferred = None if required else "ipa-sunrise"
    assert preferred_health_network(profile, CareFrom.pcp, "ipa-sunrise") == preferred
    assert preferred_health_network(profile, CareFrom.specialist, "ipa-sunrise") is None
    assert preferred_health_network(profile, CareFrom.pcp, "") is None


def test_qualified_alternatives_rank_the_preferred_group_first_and_fill_from_the_network(specialties):
    directory = InMemoryDirectory(cast())
    primary = specialties.primary_care_codes()
    both = qualified_alternatives(directory, plan="hpsj-medi-cal", taxonomies=primary, prefer="mg-coastal",
                                  exclude={PCP_REYES})
    assert [p.npi for p in both] == [PCP_CHEN, PCP_NGUYEN], "Coastal first, though Nguyễn is in Sunrise"
    assert [p.npi for p in qualified_alternatives(directory, plan="hpsj-medi-cal", taxonomies=primary,
                                                  prefer="mg-coastal", exclude={PCP_REYES}, limit=1)] == [PCP_CHEN]
    only = qualified_alternatives(directory, plan="hpsj-medi-cal", taxonomies=primary, group="ipa-sunrise",
                                  prefer="mg-coastal", exclude={PCP_REYES})
    assert [p.npi for p in only] == [PCP_NGUYEN], "a required group is never widened by a preference"


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
