"""Where the second opinion comes from: health network for PCP care, same specialty for specialist care."""

import pytest

from tests.factories import (
    CARDIO_DOE,
    FAMILY_MEDICINE,
    ONCO_OON,
    ORTHO_HAKOBYAN,
    ORTHO_OON_CERTIFIED,
    ORTHO_OON_UNCERTIFIED,
    ORTHO_ORTIZ,
    ORTHO_PENA,
    PCP_CHEN,
    PCP_NGUYEN,
    PCP_REYES,
    UNKNOWN_NPI,
    HEMATOLOGY_ONCOLOGY,
)

PCP_CARE = {"from": "pcp", "taxonomy": FAMILY_MEDICINE, "npi": PCP_REYES, "name": "Ana Reyes, MD"}


def _finding(determination, rule):
    return next(finding for finding in determination.findings if finding.rule == rule)


# PCP care: where the plan's own words allow its whole network, and where H&S 1383.15 ("within the same physician
# organization") is the rule because the plan's policy says nothing else.
WHOLE_NETWORK = {
    "hpsj-medi-cal": "HPSJ/MVHP Procedure II.E",
    "mvhp-medi-cal": "HPSJ/MVHP Procedure II.E",
    "anthem-medi-cal": "Anthem Second Medical Opinion - CA, Procedure III",
    "caloptima-medi-cal": "CalOptima GG.1538 III.A",
    "caloptima-onecare": "CalOptima GG.1538 III.A",
}
SAME_GROUP = ["healthnet-medi-cal", "partnership-medi-cal"]


@pytest.mark.parametrize("plan", [*WHOLE_NETWORK, *SAME_GROUP])
def test_pcp_care_opinion_from_the_members_own_health_network_is_qualified_in_every_plan(determine, profiles,
                                                                                        plan):
    determination = determine(plan, care_in_question=PCP_CARE, requested_provider_npi=PCP_NGUYEN)
    assert determination.network == "in"
    assert determination.provider_qualified is True
    assert determination.authorization_required is profiles[plan].authorization.in_network.required
    assert determination.alternatives == []
    assert "network.outside_members_group" not in determination.rules()


@pytest.mark.parametrize("plan", SAME_GROUP)
def test_hs_1383_15_pcp_care_opinion_outside_the_health_network_is_not_qualified(determine, profiles, plan):
    determination = determine(plan, care_in_question=PCP_CARE, requested_provider_npi=PCP_CHEN)
    assert determination.network == "in", "Chen is in the plan's network"
    assert determination.provider_qualified is False
    warning = _finding(determination, "network.outside_health_network")
    assert warning.citation == profiles[plan].network.pcp_care.citation
    assert warning.citation.startswith("H&S 1383.15 (PCP care: of the member's choice within the same physician")
    assert "ipa-sunrise" in warning.message
    assert [alt.npi for alt in determination.alternatives] == [PCP_NGUYEN], "only Sunrise, never the PCP herself"


@pytest.mark.parametrize(("plan", "clause"), WHOLE_NETWORK.items())
def test_hpsj_II_E_anthem_III_caloptima_III_A_pcp_care_opinion_from_any_contracted_professional(determine, profiles,
                                                                                                plan, clause):
    determination = determine(plan, care_in_question=PCP_CARE, requested_provider_npi=PCP_CHEN)
    assert determination.network == "in"
    assert determination.provider_qualified is True, "Chen (another medical group) is a contracted family doctor"
    assert determination.authorization_required is profiles[plan].authorization.in_network.required, \
        "an in-network choice: never the out-of-network authorization"
    assert "network.outside_health_network" not in determination.rules()
    note = _finding(determination, "network.outside_members_group")
    assert note.severity == "info"
    assert note.citation.startswith(clause)
    assert "ipa-sunrise" in note.message and "Chen" in note.message
    assert determination.findings_of("warning") == []


@pytest.mark.parametrize(("plan", "clause"), WHOLE_NETWORK.items())
def test_hpsj_II_E_anthem_III_caloptima_III_A_alternatives_offer_the_members_group_first_then_the_network(
        determine, profiles, plan, clause):
    assert profiles[plan].network.pcp_care.citation.startswith(clause)
    determination = determine(plan, care_in_question=PCP_CARE)
    assert [alt.npi for alt in determination.alternatives] == [PCP_NGUYEN, PCP_CHEN], \
        "Sunrise (the member's group) first, then Coastal; never the PCP whose care is in question"
    assert "network.none_in_network" not in determination.rules()


@pytest.mark.parametrize("plan", SAME_GROUP)
def test_hs_1383_15_pcp_care_alternatives_come_only_from_the_health_network(determine, plan):
    determination = determine(plan, care_in_question=PCP_CARE)
    assert [alt.npi for alt in determination.alternatives] == [PCP_NGUYEN]


@pytest.mark.parametrize("plan", SAME_GROUP)
def test_hs_1383_15_pcp_care_without_a_health_network_asks_for_it(determine, plan):
    determination = determine(plan, care_in_question=PCP_CARE, member={"health_network": None})
    assert "network.health_network_missing" in determination.rules()
    assert {alt.npi for alt in determination.alternatives} == {PCP_NGUYEN, PCP_CHEN}


@pytest.mark.parametrize("plan", WHOLE_NETWORK)
def test_whole_network_plans_need_no_health_network_for_pcp_care(determine, plan):
    determination = determine(plan, care_in_question=PCP_CARE, member={"health_network": None})
    assert "network.health_network_missing" not in determination.rules()
    assert [alt.npi for alt in determination.alternatives] == [PCP_CHEN, PCP_NGUYEN], "no group to prefer: by name"


def test_caloptima_III_B_specialist_care_same_or_equivalent_specialty_any_group(determine):
    determination = determine(requested_provider_npi=ORTHO_HAKOBYAN)
    assert determination.network == "in"
    assert determination.provider_qualified is True
    same = _finding(determination, "network.same_specialty")
    assert same.citation == "CalOptima GG.1538 III.B"
    assert "Հակոբյան" in same.message


def test_anthem_III_second_opinion_from_a_provider_of_the_same_specialty(determine):
    determination = determine("anthem-medi-cal", requested_provider_npi=CARDIO_DOE)
    assert determination.provider_qualified is False
    different = _finding(determination, "network.different_specialty")
    assert different.citation == "Anthem Second Medical Opinion - CA, Procedure III"
    assert {alt.npi for alt in determination.alternatives} == {ORTHO_HAKOBYAN, ORTHO_PENA}


@pytest.mark.parametrize("care", ["specialist", "pcp"])
def test_never_the_treating_provider(determine, care):
    if care == "pcp":
        determination = determine(care_in_question=PCP_CARE, requested_provider_npi=PCP_REYES)
    else:
        determination = determine(requested_provider_npi=ORTHO_ORTIZ)
    assert determination.provider_qualified is False
    assert _finding(determination, "network.treating_provider").severity == "block"
    assert all(alt.npi not in (PCP_REYES, ORTHO_ORTIZ) for alt in determination.alternatives)


def test_alternatives_rank_accepting_first_then_the_members_language(determine):
    determination = determine(requested_provider_npi=None, member={"language": "Armenian"})
    assert [alt.npi for alt in determination.alternatives] == [ORTHO_HAKOBYAN, ORTHO_PENA]
    assert determination.alternatives[0].accepting_new_patients is True
    assert determination.alternatives[1].accepting_new_patients is False


def test_no_professional_chosen_offers_the_network(determine):
    determination = determine(requested_provider_npi=None)
    assert determination.network is None and determination.provider_qualified is None
    assert "network.choose_professional" in determination.rules()


def test_specialty_unknown_asks_for_the_taxonomy(determine):
    determination = determine(care_in_question={"taxonomy": None}, requested_provider_npi=ORTHO_HAKOBYAN)
    assert determination.provider_qualified is None
    assert "network.specialty_unknown" in determination.rules()


@pytest.mark.parametrize(
    ("plan", "citation"),
    [
        ("caloptima-medi-cal", "CalOptima GG.1538 II.G, II.H; CalOptima GG.1538 III.D"),
        ("hpsj-medi-cal", "HPSJ/MVHP Procedure II.D; HPSJ/MVHP Procedure II.B, II.D"),
        ("partnership-medi-cal", "Partnership MPUP3078 VI.A, VI.C; Partnership MPUP3078 VI.A"),
        ("anthem-medi-cal",
         "Anthem Second Medical Opinion - CA, Procedure IV; Anthem Second Medical Opinion - CA, Procedure IV"),
    ],
)
def test_out_of_network_with_qualified_in_network_lists_them_and_warns_of_the_cost(determine, profiles, plan,
                                                                                  citation):
    determination = determine(plan, requested_provider_npi=ORTHO_OON_CERTIFIED)
    assert determination.network == "out"
    assert determination.authorization_required is True
    assert determination.provider_qualified is True
    warning = _finding(determination, "network.in_network_available")
    assert warning.severity == "warning"
    assert warning.citation == citation
    assert profiles[plan].network.out_of_network.unauthorized_cost_message in warning.message
    # Only GG.1538 III.D puts the cost on the member; the others say what they cover.
    assert ("the member pays" in warning.message) == (plan == "caloptima-medi-cal")
    assert {alt.npi for alt in determination.alternatives} == {ORTHO_HAKOBYAN, ORTHO_PENA}


def test_hpsj_II_D_no_participating_provider_authorizes_out_of_network(determine):
    onco = {"from": "specialist", "taxonomy": HEMATOLOGY_ONCOLOGY, "npi": None, "name": "Dr. Treating"}
    determination = determine("hpsj-medi-cal", care_in_question=onco, requested_provider_npi=ONCO_OON)
    assert determination.network == "out"
    assert determination.authorization_required is True
    assert determination.alternatives == []
    none = _finding(determination, "network.none_in_network")
    assert none.citation == "HPSJ/MVHP Procedure II.D"
    assert "network.in_network_available" not in determination.rules()


def test_partnership_VI_C_out_of_network_must_be_medi_cal_certified(determine):
    determination = determine("partnership-medi-cal", requested_provider_npi=ORTHO_OON_UNCERTIFIED)
    assert determination.provider_qualified is False
    block = _finding(determination, "network.not_medi_cal_certified")
    assert block.severity == "block" and block.citation == "Partnership MPUP3078 VI.A, VI.C"


def test_medi_cal_certification_is_partnerships_rule_only(determine):
    determination = determine("anthem-medi-cal", requested_provider_npi=ORTHO_OON_UNCERTIFIED)
    assert "network.not_medi_cal_certified" not in determination.rules()


def test_npi_missing_from_the_directory_is_unknown_and_needs_authorization(determine):
    determination = determine("hpsj-medi-cal", requested_provider_npi=UNKNOWN_NPI)
    assert determination.network == "unknown"
    assert determination.provider_qualified is None
    assert determination.authorization_required is True
    assert "network.provider_not_in_directory" in determination.rules()


def test_the_requesting_treating_provider_is_never_the_second_opinion(determine):
    determination = determine("hpsj-medi-cal", requester={"type": "treating_provider", "npi": ORTHO_HAKOBYAN},
                              care_in_question={"npi": None}, requested_provider_npi=ORTHO_HAKOBYAN)
    assert determination.provider_qualified is False
    assert _finding(determination, "network.treating_provider").severity == "block"


def test_pcp_care_opinion_from_a_non_primary_care_professional_asks_to_confirm_qualification(determine):
    determination = determine(care_in_question=PCP_CARE, requested_provider_npi=CARDIO_DOE)  # Sunrise cardiologist
    assert determination.network == "in"
    assert determination.provider_qualified is None
    assert _finding(determination, "network.confirm_qualified").severity == "warning"


def test_an_empty_directory_proves_nothing_about_the_network(profiles, specialties):
    from app.domain.directory import InMemoryDirectory
    from app.rules.engine import evaluate
    from tests.factories import make_request

    determination = evaluate(make_request(plan="hpsj-medi-cal", requested_provider_npi=None),
                             profiles["hpsj-medi-cal"], InMemoryDirectory(), specialties)
    assert "network.directory_empty" in determination.rules()
    assert "network.none_in_network" not in determination.rules()
    assert determination.alternatives == []


def test_in_network_choice_with_a_problem_names_the_alternatives_it_lists(determine):
    determination = determine("anthem-medi-cal", requested_provider_npi=CARDIO_DOE)
    assert "Հակոբյան" in _finding(determination, "network.alternatives_offered").message


def test_a_good_in_network_choice_gets_no_network_warning(determine):
    determination = determine("hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN)
    assert determination.provider_qualified is True
    assert determination.findings_of("warning") == []
    assert not {"network.none_in_network", "network.in_network_available"} & determination.rules()
