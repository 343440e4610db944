"""Does it need authorization, and from whom."""

import pytest

from tests.factories import ORTHO_HAKOBYAN, ORTHO_OON_CERTIFIED, UNKNOWN_NPI


def _finding(determination, rule):
    return next(finding for finding in determination.findings if finding.rule == rule)


@pytest.mark.parametrize(
    ("plan", "citation"),
    [
        ("hpsj-medi-cal", "HPSJ/MVHP Procedure II.A"),
        ("mvhp-medi-cal", "HPSJ/MVHP Procedure II.A"),
        ("partnership-medi-cal", "Partnership MPUP3078 VI.A"),
        ("anthem-medi-cal", "Anthem Second Medical Opinion - CA, Procedure IV"),
    ],
)
def test_no_authorization_for_an_in_network_second_opinion(determine, plan, citation):
    determination = determine(plan, requested_provider_npi=ORTHO_HAKOBYAN)
    assert determination.network == "in"
    assert determination.authorization_required is False
    assert determination.decision_due is None
    assert determination.authorizer is None
    assert _finding(determination, "authorization.not_required").citation == citation


def test_no_authorization_when_no_professional_is_chosen_yet_says_out_of_network_would_need_it(determine):
    determination = determine("hpsj-medi-cal", requested_provider_npi=None)
    assert determination.authorization_required is False
    assert "out of network" in _finding(determination, "authorization.not_required").message


@pytest.mark.parametrize("plan", ["caloptima-medi-cal", "caloptima-onecare"])
def test_caloptima_II_C_II_J_authorizes_every_request_per_GG_1508(determine, plan):
    determination = determine(plan, requested_provider_npi=ORTHO_HAKOBYAN)
    assert determination.network == "in"
    assert determination.authorization_required is True
    assert "GG.1508" in determination.authorizer
    assert _finding(determination, "authorization.required").citation == "CalOptima GG.1538 II.C, II.J"


def test_healthnet_the_ppg_or_pcp_must_authorize(determine):
    determination = determine("healthnet-medi-cal", county="Tulare", requested_provider_npi=ORTHO_HAKOBYAN)
    assert determination.authorization_required is True
    assert determination.authorizer == "the participating physician group (PPG) or the PCP"
    assert _finding(determination, "authorization.required").citation == (
        "Health Net 20-1030, \"You must authorize the care\"")


@pytest.mark.parametrize("plan", ["healthnet-medi-cal", "hpsj-medi-cal", "mvhp-medi-cal", "caloptima-medi-cal",
                                  "caloptima-onecare", "partnership-medi-cal", "anthem-medi-cal"])
@pytest.mark.parametrize("npi", [ORTHO_OON_CERTIFIED, UNKNOWN_NPI])
def test_out_of_network_always_needs_authorization(determine, plan, npi):
    determination = determine(plan, county="Kern", requested_provider_npi=npi)
    assert determination.authorization_required is True
    assert determination.decision_due is not None


def test_partnership_VI_A_out_of_network_needs_prior_authorization(determine):
    determination = determine("partnership-medi-cal", requested_provider_npi=ORTHO_OON_CERTIFIED)
    assert _finding(determination, "authorization.required").citation == "Partnership MPUP3078 VI.A, VI.C"
