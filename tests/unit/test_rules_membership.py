"""Whose member: each plan's policy is for its own members, decided by the member's own health network. The
roster (issue 16) tells the engine the member's coverage on the day of receipt; the engine says, citing the
clause, when the request disagrees with it."""

from datetime import date

import pytest

from app.domain.members import CoverageSpan, MemberCoverage

MEMBERSHIP = {
    "caloptima-medi-cal": "CalOptima GG.1538 I",
    "healthnet-medi-cal": "Health Net 20-1030",
    "hpsj-medi-cal": "HPSJ/MVHP Policy A",
    "mvhp-medi-cal": "HPSJ/MVHP Policy A",
    "partnership-medi-cal": "Partnership MPUP3078 VI.A",
    "anthem-medi-cal": "Anthem Second Medical Opinion - CA, Policy",
}
RECEIVED = date(2025, 3, 3)  # the factories' received_at
ALL_ROSTERED = sorted(MEMBERSHIP)


def covered(plan="caloptima-medi-cal", start=date(2024, 1, 1), end=None, network="ipa-sunrise", member="TST000001"):
    return MemberCoverage(member_id=member, spans=[CoverageSpan(plan=plan, start=start, end=end,
                                                                health_network=network)],
                          rostered_plans=ALL_ROSTERED)


def member_findings(determination):
    return {f.rule: f for f in determination.findings if f.rule.startswith("member.")}


def test_no_roster_says_nothing_and_changes_nothing(determine):
    assert member_findings(determine(coverage=None)) == {}
    assert determine(coverage=None).eligible == "yes"


def test_a_member_covered_by_the_plan_and_network_on_the_day_of_receipt_passes(determine):
    determination = determine(coverage=covered())
    assert member_findings(determination) == {} and determination.eligible == "yes"


@pytest.mark.parametrize("plan", sorted(MEMBERSHIP))
def test_each_plans_policy_is_for_its_members_not_on_its_roster_goes_to_review(determine, plan):
    nobody = MemberCoverage(member_id="TST000001", spans=[], rostered_plans=ALL_ROSTERED)
    determination = determine(plan, county="Los Angeles", coverage=nobody)
    finding = member_findings(determination)["member.not_on_roster"]
    assert finding.citation.startswith(MEMBERSHIP[plan])
    assert "TST000001" in finding.message and determination.eligible == "review"


def test_a_plan_whose_roster_was_never_loaded_proves_nothing(determine):
    other_only = MemberCoverage(member_id="TST000001", spans=[], rostered_plans=["anthem-medi-cal"])
    assert member_findings(determine(coverage=other_only)) == {}


def test_caloptima_gg1538_I_coverage_ended_before_the_day_of_receipt(determine):
    determination = determine(coverage=covered(end=date(2025, 2, 28)))
    finding = member_findings(determination)["member.no_coverage_on_receipt"]
    assert "03/03/2025" in finding.message and finding.citation.startswith("CalOptima GG.1538 I")
    assert determination.eligible == "review"


def test_coverage_ending_on_the_day_of_receipt_still_covers_it(determine):
    assert member_findings(determine(coverage=covered(end=RECEIVED))) == {}


def test_coverage_starting_after_the_day_of_receipt_does_not_cover_it(determine):
    finding = member_findings(determine(coverage=covered(start=date(2025, 3, 4))))
    assert "member.no_coverage_on_receipt" in finding


def test_caloptima_gg1538_I_a_member_of_another_plan_names_it_and_why_it_matters(determine):
    determination = determine(coverage=covered(plan="partnership-medi-cal"))
    finding = member_findings(determination)["member.other_plan"]
    assert "Partnership" in finding.message and "another plan's policy" in finding.message
    assert finding.citation.startswith("CalOptima GG.1538 I")


def test_caloptima_gg1538_II_C_a_member_of_another_health_network_names_the_rostered_one(determine):
    determination = determine(coverage=covered(network="mg-coastal"))
    finding = member_findings(determination)["member.other_health_network"]
    assert "mg-coastal" in finding.message and "ipa-sunrise" in finding.message
    assert finding.citation.startswith("CalOptima GG.1538 II.C")
    assert determination.eligible == "review"


def test_health_net_20_1030_the_ppg_authorizes_so_the_wrong_group_is_said(determine):
    determination = determine("healthnet-medi-cal", county="Kern",
                              coverage=covered("healthnet-medi-cal", network="mg-coastal"))
    finding = member_findings(determination)["member.other_health_network"]
    assert "participating physician group" in finding.citation


def test_a_health_network_not_entered_is_not_a_disagreement(determine):
    assert member_findings(determine(member={"health_network": None}, coverage=covered())) == {}


def test_every_plan_profile_cites_whose_members_it_covers(profiles):
    for plan_id in profiles:
        assert len(profiles[plan_id].membership.citation) > 10
        assert len(profiles[plan_id].membership.health_network_citation) > 10
