"""The five criteria, the serious-condition gate, third opinions, and "not limited to"."""

import pytest

from app.domain.models import Reason

FIVE = ["surgery_questioned", "diagnosis_or_plan_questioned", "unclear_or_conflicting", "not_improving",
        "concerns_after_following_plan"]

CLAUSES = {
    "caloptima-medi-cal": [f"CalOptima GG.1538 II.C.{n}" for n in range(1, 6)],
    "caloptima-onecare": [f"CalOptima GG.1538 II.C.{n}" for n in range(1, 6)],
    "hpsj-medi-cal": [f"HPSJ/MVHP Policy B.{n}" for n in range(1, 6)],
    "mvhp-medi-cal": [f"HPSJ/MVHP Policy B.{n}" for n in range(1, 6)],
    "partnership-medi-cal": [f"Partnership MPUP3078 VI.A.{n}" for n in range(1, 6)],
    "anthem-medi-cal": [f"Anthem Second Medical Opinion - CA, Procedure II.{x}" for x in "ABCDE"],
    "healthnet-medi-cal": [f"Health Net 20-1030, second opinion when, item {n}" for n in range(1, 6)],
}


def _rules(determination):
    return [finding.rule for finding in determination.findings]


@pytest.mark.parametrize("plan", sorted(CLAUSES))
@pytest.mark.parametrize("index", range(5))
def test_each_plans_five_criteria_cite_their_clause(determine, plan, index):
    reason = FIVE[index]
    determination = determine(plan, county="Los Angeles", reasons=[reason], serious_condition=True)
    assert determination.eligible == "yes"
    assert determination.criteria_met == [Reason(reason)]
    met = [finding for finding in determination.findings if finding.rule == "criteria.met"]
    assert [finding.citation for finding in met] == [CLAUSES[plan][index]]


@pytest.mark.parametrize("plan", sorted(CLAUSES))
def test_criterion_2_needs_a_serious_condition(determine, plan):
    determination = determine(plan, county="Kern", reasons=["diagnosis_or_plan_questioned"],
                              serious_condition=False)
    assert determination.eligible == "review"
    assert determination.criteria_met == []
    gate = next(f for f in determination.findings if f.rule == "criteria.serious_condition_gate")
    assert gate.citation == CLAUSES[plan][1]
    assert "Serious condition" in gate.message


def test_criterion_2_gate_does_not_hide_another_criterion(determine):
    determination = determine(reasons=["diagnosis_or_plan_questioned", "not_improving"])
    assert determination.eligible == "yes"
    assert determination.criteria_met == [Reason.not_improving]


def test_caloptima_II_D_third_opinion_when_first_two_differ(determine):
    determination = determine("caloptima-medi-cal", opinion_number=3, prior_opinions_differ=True,
                              reasons=["conflicting_recommendations"])
    assert determination.eligible == "yes"
    assert determination.criteria_met == [Reason.conflicting_recommendations]
    assert determination.authorization_required is True
    finding = next(f for f in determination.findings if f.rule == "third_opinion.prior_opinions_differ")
    assert finding.citation == "CalOptima GG.1538 II.D"


def test_caloptima_onecare_II_D_third_opinion_when_first_two_differ(determine):
    determination = determine("caloptima-onecare", opinion_number=3, prior_opinions_differ=True)
    assert determination.eligible == "yes"
    assert Reason.conflicting_recommendations in determination.criteria_met
    finding = next(f for f in determination.findings if f.rule == "third_opinion.prior_opinions_differ")
    assert finding.citation == "CalOptima GG.1538 II.D"


def test_caloptima_II_D_needs_the_procedure_the_opinions_differ_on(determine):
    determination = determine("caloptima-medi-cal", opinion_number=3, prior_opinions_differ=True, procedure=None)
    assert determination.eligible == "review"
    assert "third_opinion.procedure_missing" in _rules(determination)


@pytest.mark.parametrize(("plan", "phrase"), [("healthnet-medi-cal", "major damage"),
                                              ("partnership-medi-cal", "or impairment"),
                                              ("caloptima-medi-cal", "substantial impairment")])
def test_serious_condition_gate_quotes_each_plans_own_words(determine, plan, phrase):
    determination = determine(plan, county="Kern", reasons=["diagnosis_or_plan_questioned"])
    gate = next(f for f in determination.findings if f.rule == "criteria.serious_condition_gate")
    assert phrase in gate.message


def test_caloptima_II_I_third_opinion_when_first_two_agree_goes_to_review(determine):
    determination = determine("caloptima-medi-cal", opinion_number=3, prior_opinions_differ=False)
    assert determination.eligible == "review"
    finding = next(f for f in determination.findings if f.rule == "third_opinion.review")
    assert finding.citation == "CalOptima GG.1538 II.I"


@pytest.mark.parametrize("plan", ["hpsj-medi-cal", "partnership-medi-cal", "anthem-medi-cal", "healthnet-medi-cal"])
def test_third_opinion_is_the_plans_own_decision_elsewhere(determine, plan):
    determination = determine(plan, county="Kern", opinion_number=3, prior_opinions_differ=True)
    assert determination.eligible == "review"
    assert determination.authorization_required is True, "an additional opinion needs the plan's decision"


def test_hpsj_II_G_additional_opinions_on_independent_determination(determine):
    determination = determine("hpsj-medi-cal", opinion_number=3, prior_opinions_differ=True)
    finding = next(f for f in determination.findings if f.rule == "third_opinion.review")
    assert finding.citation == "HPSJ/MVHP Procedure II.G"
    auth = next(f for f in determination.findings if f.rule == "authorization.required")
    assert auth.citation == "HPSJ/MVHP Procedure II.G"


def test_differing_opinions_reason_on_a_second_opinion_asks_for_opinion_3(determine):
    determination = determine(reasons=["conflicting_recommendations"])
    assert determination.eligible == "review"
    assert "third_opinion.needs_opinion_3" in _rules(determination)


@pytest.mark.parametrize(
    ("plan", "citation"),
    [
        ("caloptima-medi-cal", "CalOptima GG.1538 II.C (\"based on, but not limited to\")"),
        ("hpsj-medi-cal", "HPSJ/MVHP Policy B (\"shall include, but are not limited to\")"),
        ("partnership-medi-cal", "Partnership MPUP3078 VI.A (\"include, but may not be limited to\")"),
        ("healthnet-medi-cal", "H&S 1383.15 (reasons \"shall include, but not be limited to\")"),
    ],
)
def test_not_limited_to_other_reason_goes_to_review(determine, plan, citation):
    determination = determine(plan, county="Kern", reasons=["other"], other_reason="Wants a doctor who speaks Hmong")
    assert determination.eligible == "review"
    other = next(f for f in determination.findings if f.rule == "criteria.other")
    assert other.citation == citation
    assert "Hmong" in other.message


def test_other_reason_without_words_asks_for_them(determine):
    determination = determine(reasons=["other"])
    assert "criteria.other_reason_missing" in _rules(determination)


def test_no_reason_given_goes_to_review_and_says_so(determine):
    determination = determine(reasons=[])
    assert determination.eligible == "review"
    assert "criteria.none_given" in _rules(determination)


def test_other_beside_a_met_criterion_is_still_eligible(determine):
    determination = determine(reasons=["surgery_questioned", "other"], other_reason="second language")
    assert determination.eligible == "yes"


def test_healthnet_update_applies_only_in_its_listed_counties(determine):
    inside = determine("healthnet-medi-cal", county="Stanislaus")
    outside = determine("healthnet-medi-cal", county="Fresno")
    missing = determine("healthnet-medi-cal", county=None)
    assert inside.eligible == "yes" and "plan.outside_service_area" not in _rules(inside)
    assert outside.eligible == "review"
    warning = next(f for f in outside.findings if f.rule == "plan.outside_service_area")
    assert "Fresno" in warning.message and warning.citation.startswith("Health Net 20-1030")
    assert "plan.county_missing" in _rules(missing)
    assert missing.eligible == "review", "the update applies only in its counties: unknown county, a reviewer decides"


def test_healthnet_county_matches_whatever_the_clerk_types(determine):
    assert determine("healthnet-medi-cal", county="los angeles county").eligible == "yes"


def test_plans_without_a_service_area_ignore_the_county(determine):
    assert determine("hpsj-medi-cal", county="Fresno").eligible == "yes"


# --- contradictory third-opinion input -----------------------------------------------------------------------


@pytest.mark.parametrize("plan", sorted(CLAUSES))
def test_third_opinion_reason_that_opinions_differ_without_saying_so_is_contradictory(determine, plan):
    # CalOptima GG.1538 II.D authorizes a third opinion when the first two differ; elsewhere it is the plan's
    # decision. Either way "they differ" ticked as a reason while prior_opinions_differ is false is a question to
    # the clerk, never a silent eligibility.
    determination = determine(plan, county="Kern", opinion_number=3, prior_opinions_differ=False,
                              reasons=["conflicting_recommendations"])
    assert determination.eligible == "review"
    assert Reason.conflicting_recommendations not in determination.criteria_met
    finding = next(f for f in determination.findings if f.rule == "third_opinion.contradictory")
    assert finding.severity == "warning"
    assert "conflicting_recommendations" in finding.message and "prior_opinions_differ" in finding.message
    assert "which is true?" in finding.message
    assert "third_opinion.prior_opinions_differ" not in _rules(determination)


def test_caloptima_II_D_third_opinion_is_owed_once_both_fields_agree(determine):
    determination = determine("caloptima-medi-cal", opinion_number=3, prior_opinions_differ=True,
                              reasons=["conflicting_recommendations"])
    assert determination.eligible == "yes"
    assert "third_opinion.contradictory" not in _rules(determination)


# --- who asked: clauses that need the member's own request ---------------------------------------------------

MEMBER_REQUEST_CLAUSES = [
    ("hpsj-medi-cal", "unclear_or_conflicting", "HPSJ/MVHP Policy B.3", "another diagnosis"),
    ("hpsj-medi-cal", "not_improving", "HPSJ/MVHP Policy B.4", "continuing the treatment"),
    ("mvhp-medi-cal", "unclear_or_conflicting", "HPSJ/MVHP Policy B.3", "another diagnosis"),
    ("caloptima-medi-cal", "unclear_or_conflicting", "CalOptima GG.1538 II.C.3", "another diagnosis"),
    ("caloptima-medi-cal", "not_improving", "CalOptima GG.1538 II.C.4", "continuing the treatment"),
    ("caloptima-onecare", "not_improving", "CalOptima GG.1538 II.C.4", "continuing the treatment"),
    ("healthnet-medi-cal", "unclear_or_conflicting", "Health Net 20-1030, second opinion when, item 3",
     "another diagnosis"),
]


@pytest.mark.parametrize(("plan", "reason", "clause", "asked_for"), MEMBER_REQUEST_CLAUSES)
def test_clause_needing_the_members_request_says_who_asked_and_to_confirm_it(determine, plan, reason, clause,
                                                                             asked_for):
    determination = determine(plan, county="Kern", reasons=[reason],
                              requester={"type": "treating_provider", "name": "Sam Ortiz, MD", "npi": None})
    finding = next(f for f in determination.findings if f.rule == "criteria.member_request_to_confirm")
    assert finding.citation == clause and finding.severity == "warning"
    assert "A treating provider (Sam Ortiz, MD) asked" in finding.message
    assert "and the member asks" not in finding.message, "a provider asked: the message must not say the member did"
    assert asked_for in finding.message and "confirm with the member" in finding.message
    assert "criteria.met" not in _rules(determination)
    assert determination.criteria_met == [Reason(reason)], "met once confirmed: the request is not refused"


@pytest.mark.parametrize(("plan", "reason", "clause", "asked_for"), MEMBER_REQUEST_CLAUSES[:1])
def test_pcp_asking_under_a_member_request_clause_is_named_as_the_pcp(determine, plan, reason, clause, asked_for):
    determination = determine(plan, reasons=[reason], requester={"type": "pcp", "name": "Ana Reyes, MD"})
    finding = next(f for f in determination.findings if f.rule == "criteria.member_request_to_confirm")
    assert finding.message.count("The member's PCP (Ana Reyes, MD) asked") == 1


@pytest.mark.parametrize("requester", ["member", "authorized_representative"])
@pytest.mark.parametrize(("plan", "reason", "clause", "asked_for"), MEMBER_REQUEST_CLAUSES)
def test_clause_needing_the_members_request_is_met_when_the_member_asks(determine, plan, reason, clause, asked_for,
                                                                        requester):
    determination = determine(plan, county="Kern", reasons=[reason], requester={"type": requester})
    met = next(f for f in determination.findings if f.rule == "criteria.met")
    assert met.citation == clause
    assert "criteria.member_request_to_confirm" not in _rules(determination)


@pytest.mark.parametrize(("plan", "reason"), [("anthem-medi-cal", "unclear_or_conflicting"),
                                              ("anthem-medi-cal", "not_improving"),
                                              ("partnership-medi-cal", "unclear_or_conflicting"),
                                              ("healthnet-medi-cal", "not_improving")])
def test_clauses_without_the_members_request_are_met_whoever_asks(determine, plan, reason):
    # Anthem Procedure II.C/II.D, Partnership MPUP3078 VI.A.3 and Health Net item 4 need no request of the member.
    determination = determine(plan, county="Kern", reasons=[reason],
                              requester={"type": "treating_provider", "name": "Sam Ortiz, MD", "npi": None})
    assert "criteria.met" in _rules(determination)
    assert "criteria.member_request_to_confirm" not in _rules(determination)
