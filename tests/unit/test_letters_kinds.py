"""Each letter kind carries every element the issue and the plans require, read back from the PDF's text."""

import pytest

from app.letters import LetterKind
from app.services.cases import Outcome
from tests.factories import ORTHO_HAKOBYAN, ORTHO_OON_CERTIFIED, make_request
from tests.support.desks import SUNRISE_CLINIC
from tests.support.pdfs import text_of


@pytest.fixture
def desk(make_desk, tmp_path):
    return make_desk(tmp_path / "desk.sqlite3", practice=SUNRISE_CLINIC)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_referral_has_every_element_of_the_issue(desk):
    case = desk.approved(urgent=True, member={"language": "English"})
    text = text_of(desk.letters.render(case.id, LetterKind.referral))
    for element in ("Rosa Testcase", "Date of birth May 14, 1971", "Member ID TST000001",
                    "Plan CalOptima Health Medi-Cal", "Health network ipa-sunrise", "Language English",
                    "Rosa Testcase (the member)", "Ana Reyes, MD", "from a specialist: Sam Ortiz, MD",
                    "M17.11 — Unilateral primary osteoarthritis, right knee",
                    "questions whether a recommended surgery is reasonable or necessary",
                    "URGENT", "Please see the member by March 6, 2025",
                    "Authorization number CO-2025-0042", "Valid from March 4, 2025", "Valid to June 30, 2025",
                    "Armen Հակոբյան, MD", "Sunrise Test Clinic: fax 209-555-0199"):
        assert element in text, element


def test_referral_without_authorization_says_none_is_needed(desk):
    case = desk.cases.submit(make_request(plan="hpsj-medi-cal", county="San Joaquin",
                                          requested_provider_npi=ORTHO_HAKOBYAN)).case
    assert case.status.value == "ready_to_schedule"  # HPSJ II.A: no authorization in network
    text = text_of(desk.letters.render(case.id, LetterKind.referral))
    assert "No authorization number is needed" in text and "Authorization number" not in text
    assert "Routine" in text


def test_caloptima_GG1538_III_F1_and_III_G_wording_on_the_referral(desk):
    text = text_of(desk.letters.render(desk.approved().id, LetterKind.referral))
    assert "This request is for a second opinion only" in text
    assert "Send a written consultation report, including any procedures or tests you recommend, to the member " \
           "and to the member's PCP / initial professional" in text
    assert "Required by CalOptima GG.1538 III.F.1" in text
    assert "This authorization is for a one-time consultation" in text
    assert "direct the member back to the treating physician (Sam Ortiz, MD) or the PCP for all diagnostic " \
           "tests, laboratory tests and diagnostic imaging" in text
    assert text.count("Required by CalOptima GG.1538 III.G") == 2


def test_healthnet_20_1030_separate_approval_for_added_tests_lab_or_xray(desk):
    case = desk.approved(plan="healthnet-medi-cal", county="San Joaquin")
    text = text_of(desk.letters.render(case.id, LetterKind.referral))
    assert "Added tests, lab or x-ray services need their own approval, separate from this second-opinion " \
           "consult" in text
    assert "Required by Health Net 20-1030, \"You must authorize the care\"" in text
    assert "one-time consultation" in text and "Send the results to the participating physician group" in text


@pytest.mark.parametrize("plan, citation", [("hpsj-medi-cal", "HPSJ/MVHP Procedure II.G"),
                                            ("mvhp-medi-cal", "HPSJ/MVHP Procedure II.G"),
                                            ("anthem-medi-cal", "Anthem Second Medical Opinion - CA, VI")])
def test_hpsj_II_G_and_anthem_VI_report_to_member_and_pcp(desk, plan, citation):
    case = desk.cases.submit(make_request(
        plan=plan, county="San Joaquin", requested_provider_npi=ORTHO_HAKOBYAN)).case
    if case.status.value == "pending_authorization":
        case = desk.cases.decide(case.id, Outcome.approved, authorization_number="A-1")
    text = text_of(desk.letters.render(case.id, LetterKind.referral))
    assert "Send a written consultation report, including any procedures or tests you recommend, to the member " \
           "and to the member's PCP / initial professional" in text
    assert f"Required by {citation}" in text
    assert "second opinion only" in text


def test_consult_report_request_says_what_to_whom_by_when_with_a_return_form(desk):
    case = desk.scheduled(member={"language": "English"})
    text = text_of(desk.letters.render(case.id, LetterKind.consult_report_request))
    for element in ("Request for the consultation report", "consultation date: March 5, 2025",
                    "findings, your final diagnosis, your recommendations, and any procedures or tests",
                    "The member, Rosa Testcase: Rosa Testcase, 100 Example St, Santa Ana, CA 92701",
                    "PCP / initial professional: Ana Reyes, MD", "Please send the report by April 4, 2025",
                    "Consultation report: return form", "Findings", "Final diagnosis (with ICD-10-CM codes)",
                    "Recommendations", "Procedures or tests recommended", "Authorization number CO-2025-0042"):
        assert element in text, element


def test_overdue_reminder_once_the_report_due_date_has_passed(desk):
    case = desk.scheduled()
    assert LetterKind.consult_report_request in desk.letters.applicable(case.id)
    desk.clock.now = desk.clock.now.replace(month=4, day=10)
    assert desk.letters.applicable(case.id) == [LetterKind.referral, LetterKind.member_approval,
                                                LetterKind.consult_report_overdue]
    text = text_of(desk.letters.render(case.id, LetterKind.consult_report_overdue))
    assert "The consultation report for this member was due on April 4, 2025 and we have not received it" in text
    assert "Procedures or tests recommended" in text


def test_member_approval_who_where_phone_no_cost_transportation(desk):
    case = desk.approved(needs_transportation=True, member={"language": "English"})
    text = text_of(desk.letters.render(case.id, LetterKind.member_approval))
    for element in ("Your second medical opinion is approved", "Armen Հակոբյան, MD",
                    "Adult Reconstructive Orthopaedic Surgery", "Stockton, CA", "209-555-0100",
                    "There is no cost to you", "Transportation:", "Authorization number CO-2025-0042"):
        assert element in text, element
    plain = text_of(desk.letters.render(desk.approved(member={"language": "English"}).id,
                                        LetterKind.member_approval))
    assert "Transportation:" not in plain


def test_member_denial_reasons_criteria_policy_rights_state_hearing_imr(desk):
    case = desk.denied(requested_provider_npi=ORTHO_OON_CERTIFIED, member={"language": "English"})
    text = text_of(desk.letters.render(case.id, LetterKind.member_denial))
    for element in ("your request for a second opinion is denied",
                    "An in-network orthopaedic surgeon is available; out-of-network opinions are authorized only "
                    "when none is.",
                    "CalOptima Health GG.1538 “Referral for Second Opinion” (revised 2024-12-01)",
                    "CalOptima GG.1538 II.C.1", "as your plan's policy requires (CalOptima GG.1538 II.K)",
                    "Appeal.", "within 60 calendar days", "Grievance.", "State Hearing.", "1-800-743-8525",
                    "Independent Medical Review (IMR).", "Required by CalOptima GG.1538 II.K.3",
                    "Department of Health Care Services (DHCS)",
                    "The California Department of Managed Health Care is responsible for regulating health care "
                    "service plans."):
        assert element in text, element


def test_member_delay_what_is_missing_and_the_new_date(desk):
    case = desk.pended(member={"language": "English"})
    text = text_of(desk.letters.render(case.id, LetterKind.member_delay))
    assert "We need more time to decide your request" in text
    assert "What is missing The MRI report of the right knee" in text
    assert "We expect to decide by March 20, 2025" in text
    assert "42 CFR 438.210(d)(1)(ii)" in text


def test_caloptima_GG1538_III_D1_financial_responsibility_notice_with_appeal_rights(desk):
    case = desk.denied(requested_provider_npi=ORTHO_OON_CERTIFIED, member={"language": "English"})
    text = text_of(desk.letters.render(case.id, LetterKind.member_financial_responsibility))
    assert "Ike Okafor, MD, who is outside your health plan's network" in text
    assert "you may have to pay the charges yourself" in text and "(CalOptima GG.1538 III.D.1)" in text
    assert "Appeal." in text and "at no cost to you" in text


def test_member_notices_go_out_in_spanish_for_a_spanish_speaking_member(desk):
    case = desk.denied(requested_provider_npi=ORTHO_OON_CERTIFIED)  # factories: language Spanish
    text = text_of(desk.letters.render(case.id, LetterKind.member_denial))
    assert "Aviso de acción: se deniega su solicitud de una segunda opinión" in text
    assert "Audiencia Estatal." in text and "Revisión Médica Independiente (IMR)." in text
    assert "14 de mayo de 1971" not in text  # member notices do not print the date of birth
    assert "Página 1 de" in text


def test_a_language_without_texts_gets_english_with_a_note(desk):
    case = desk.approved(member={"language": "Vietnamese"})
    printed = desk.letters.print_letter(case.id, LetterKind.member_approval)
    assert printed.language == "en"
    text = text_of(desk.letters.reprint(printed.id))
    assert "our records say you prefer Vietnamese. This notice is not yet available in Vietnamese" in text


def test_letters_to_professionals_are_in_english_unless_asked(desk):
    case = desk.approved()  # a Spanish-speaking member
    assert "Authorization for a second medical opinion" in text_of(desk.letters.render(case.id, "referral"))
    spanish = text_of(desk.letters.render(case.id, "referral", "Spanish"))
    assert "Autorización para una segunda opinión médica" in spanish
    assert "Fecha de nacimiento 14 de mayo de 1971" in spanish


def test_pcp_is_named_on_the_referral(desk):
    case = desk.approved()
    assert "Primary care provider (PCP) Ana Reyes, MD" in text_of(desk.letters.render(case.id, "referral"))


def test_issue_date_is_the_day_of_printing(desk):
    case = desk.approved()
    assert "March 3, 2025" in text_of(desk.letters.render(case.id, "referral"))
    desk.clock.now = desk.clock.now.replace(day=4)
    assert "March 4, 2025" in text_of(desk.letters.render(case.id, "referral"))
