"""Who may request a second opinion, plan by plan."""

import pytest

from tests.factories import ALL_PLANS


def _finding(determination, rule):
    return next(finding for finding in determination.findings if finding.rule == rule)


@pytest.mark.parametrize("requester", ["member", "authorized_representative", "treating_provider", "other_provider"])
def test_caloptima_II_B_member_representative_physician_or_provider_may_request(determine, requester):
    determination = determine("caloptima-medi-cal", requester={"type": requester})
    assert determination.eligible == "yes"
    assert _finding(determination, "requester.allowed").citation == "CalOptima GG.1538 II.B"


@pytest.mark.parametrize("requester", ["member", "authorized_representative", "treating_provider", "other_provider"])
def test_partnership_VI_A_member_representative_or_health_professional_may_request(determine, requester):
    determination = determine("partnership-medi-cal", requester={"type": requester})
    assert determination.eligible == "yes"
    assert _finding(determination, "requester.allowed").citation == "Partnership MPUP3078 VI.A"


@pytest.mark.parametrize(
    ("plan", "citation"),
    [
        ("hpsj-medi-cal", "HPSJ/MVHP Policy A"),
        ("mvhp-medi-cal", "HPSJ/MVHP Policy A"),
        ("anthem-medi-cal", "Anthem Second Medical Opinion - CA, Policy"),
        ("healthnet-medi-cal", "H&S 1383.15"),
    ],
)
def test_member_and_treating_professional_only_plans_refuse_other_provider(determine, plan, citation):
    determination = determine(plan, county="San Joaquin", requester={"type": "other_provider"})
    assert determination.eligible == "no"
    refusal = _finding(determination, "requester.not_allowed")
    assert refusal.severity == "block"
    assert refusal.citation == citation
    assert "Who may ask:" in refusal.message and "treating" in refusal.message


@pytest.mark.parametrize("plan", ["hpsj-medi-cal", "anthem-medi-cal", "healthnet-medi-cal"])
def test_hs_1383_15_treating_provider_and_member_may_request(determine, plan):
    for requester in ("member", "treating_provider", "authorized_representative"):
        determination = determine(plan, county="Kern", requester={"type": requester})
        assert determination.eligible == "yes", requester


def test_hpsj_policy_A_pcp_counts_as_treating_when_care_in_question_is_the_pcps(determine):
    pcp_care = {"from": "pcp", "taxonomy": "207Q00000X", "npi": None, "name": "Ana Reyes, MD"}
    determination = determine("hpsj-medi-cal", requester={"type": "pcp"}, care_in_question=pcp_care)
    assert determination.eligible == "yes"
    assert "treating provider" in _finding(determination, "requester.allowed").message


@pytest.mark.parametrize("plan", ["hpsj-medi-cal", "mvhp-medi-cal", "anthem-medi-cal", "healthnet-medi-cal"])
def test_hs_1383_15_the_pcp_treats_the_member_also_about_a_specialists_care(determine, plan):
    determination = determine(plan, county="Kern", requester={"type": "pcp"})
    assert determination.eligible == "yes"
    assert "coordinates the specialist's care" in _finding(determination, "requester.allowed").message


def test_mvhp_messages_never_name_hpsj(determine):
    determination = determine("mvhp-medi-cal", requester={"type": "other_provider"})
    assert not any("HPSJ accepts" in finding.message or "HPSJ " in finding.message.split(":")[0]
                   for finding in determination.findings)
    assert "The Health Plan accepts requests only from" in _finding(determination, "requester.not_allowed").message


def test_caloptima_II_B_pcp_may_request_about_specialist_care(determine):
    assert determine("caloptima-medi-cal", requester={"type": "pcp"}).eligible == "yes"


def test_refused_requester_still_gets_deadlines_and_network_answers(determine):
    determination = determine("anthem-medi-cal", requester={"type": "other_provider"}, requested_provider_npi=None,
                              urgent=True)
    assert determination.eligible == "no"
    assert determination.alternatives, "the clerk still sees who could give the opinion"
    assert determination.consult_due is not None, "and the urgent consult clock"


def test_every_plan_names_who_may_ask(profiles):
    assert sorted(profiles) == sorted(ALL_PLANS)
    for profile in profiles.values():
        assert profile.requesters.who_may_ask.strip()
        assert profile.requesters.member.allowed
