"""What goes with every second opinion: no cost, transportation, one-time consult, the report's path."""

import pytest

from tests.factories import ALL_PLANS, ORTHO_OON_CERTIFIED


def _finding(determination, rule):
    return next(finding for finding in determination.findings if finding.rule == rule)


@pytest.mark.parametrize("plan", ALL_PLANS)
def test_42_cfr_438_206b3_second_opinion_at_no_cost_to_the_member(determine, plan):
    determination = determine(plan, county="Kern")
    assert determination.member_cost == 0
    assert _finding(determination, "cost.none").message == "The second opinion is at no cost to the member."


def test_hpsj_II_F_transportation_arranged_when_needed(determine):
    needed = determine("hpsj-medi-cal", needs_transportation=True)
    assert _finding(needed, "transportation.arrange").citation == "HPSJ/MVHP Procedure II.F"
    assert "transportation.arrange" not in determine("hpsj-medi-cal", needs_transportation=False).rules()


def test_caloptima_III_G_one_time_consultation_and_diagnostics_back_to_the_treating_physician(determine):
    finding = _finding(determine("caloptima-medi-cal"), "letter.one_time_consultation")
    assert finding.citation == "CalOptima GG.1538 III.G"
    assert "treating physician" in finding.message and "lab" in finding.message


def test_caloptima_III_F_authorization_says_second_opinion_only(determine):
    finding = _finding(determine("caloptima-medi-cal"), "letter.second_opinion_only")
    assert finding.citation == "CalOptima GG.1538 III.F.1"


def test_healthnet_separate_approval_for_added_tests_lab_or_x_ray(determine):
    determination = determine("healthnet-medi-cal", county="Sacramento")
    finding = _finding(determination, "letter.separate_approval_for_tests")
    assert "x-ray" in finding.message
    assert _finding(determination, "consult.results_to_ppg_or_pcp").citation.startswith("Health Net 20-1030")


@pytest.mark.parametrize(
    ("plan", "citation"),
    [
        ("hpsj-medi-cal", "HPSJ/MVHP Procedure II.G"),
        ("caloptima-medi-cal", "CalOptima GG.1538 III.F.1; H&S 1383.15"),
        ("anthem-medi-cal", "Anthem Second Medical Opinion - CA, Procedure VI"),
        ("partnership-medi-cal", "H&S 1383.15"),
        ("healthnet-medi-cal", "H&S 1383.15"),
    ],
)
def test_consultation_report_goes_to_the_member_and_the_pcp(determine, plan, citation):
    finding = _finding(determine(plan, county="Kern"), "consult.report_to_member_and_pcp")
    assert finding.citation == citation
    assert "consultation report" in finding.message and "member" in finding.message
    assert "PCP" in finding.message or "initial professional" in finding.message


def test_caloptima_III_D_1_financial_responsibility_notice_only_out_of_network(determine):
    assert "network.financial_responsibility_notice" in determine(requested_provider_npi=ORTHO_OON_CERTIFIED).rules()
    assert "network.financial_responsibility_notice" not in determine().rules()


def test_diagnosis_missing_is_pointed_out(determine):
    assert "request.diagnosis_missing" in determine(diagnoses=[]).rules()


def _trigger(obligation):
    return {
        "always": {},
        "urgent": {"urgent": True},
        "transportation": {"needs_transportation": True},
        "out_of_network": {"requested_provider_npi": ORTHO_OON_CERTIFIED},
        "in_network": {},
        "authorization": {"requested_provider_npi": ORTHO_OON_CERTIFIED},
    }[obligation.when]


def _all_obligations():
    from app.rules.profiles import default_profiles

    return [(plan_id, obligation) for plan_id, profile in default_profiles().items()
            for obligation in profile.obligations]


@pytest.mark.parametrize(("plan", "obligation"), _all_obligations(),
                         ids=[f"{plan}:{ob.rule}" for plan, ob in _all_obligations()])
def test_every_obligation_in_every_plan_file_reaches_the_clerk(determine, plan, obligation):
    determination = determine(plan, county="Kern", **_trigger(obligation))
    finding = _finding(determination, obligation.rule)
    assert finding.message == obligation.message and finding.citation == obligation.citation
