"""A whole request taken from the keyboard alone: Tab and Shift+Tab, typing (accents one character at a time, see
FACTS.md), arrow keys in the combo boxes, Space on the check boxes, Enter and Alt+N for Next, Ctrl+S to save.
No mouse click and no setText: what is stored is what the keys typed."""

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.cases import Status
from tests.factories import ORTHO_HAKOBYAN, ORTHO_ORTIZ, PCP_REYES
from tests.support.intake import match_npis, matches, type_into

TAB, BACKTAB, DOWN, UP = Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Down, Qt.Key.Key_Up
ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def test_a_complete_request_from_the_keyboard_alone(qtbot, dialog, service):
    ui = dialog.ui
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is ui.plan_combo)

    def press(key, modifier=Qt.KeyboardModifier.NoModifier):
        qtbot.keyClick(focused(), key, modifier)

    def tab_to(widget, text=None, key=TAB):
        press(key)
        assert focused() is widget, f"expected {widget.objectName()}, focus is on {focused().objectName()}"
        if text:
            type_into(widget, text)

    def through_window(key, modifier):
        # As a real key press travels: through the window, so the shortcut map sees mnemonics and Ctrl+S.
        qtbot.keyClick(dialog.windowHandle(), key, modifier)

    # Step 1, the member: the plan by arrow keys, then one field after the other.
    for _ in range(ui.plan_combo.findData("caloptima-medi-cal") + 1):
        press(DOWN)
    assert ui.plan_combo.currentText() == "CalOptima Medi-Cal"
    tab_to(ui.member_id_edit, "TST000001")
    tab_to(ui.cin_edit, "91234567A")
    tab_to(ui.first_name_edit, "Thảo")
    tab_to(ui.last_name_edit, "Nguyễn")
    tab_to(ui.date_of_birth_edit, "05/14/1971")
    tab_to(ui.sex_combo)
    press(DOWN)  # Not recorded -> Female
    assert ui.sex_combo.currentText() == "Female"
    tab_to(ui.language_edit, "Vietnamese")
    tab_to(ui.member_phone_edit, "714-555-0101")
    tab_to(ui.health_network_edit, "ipa-sunrise")
    tab_to(ui.street_edit, "100 Example St")
    tab_to(ui.address_line2_edit, "Apt 4")
    tab_to(ui.city_edit, "Santa Ana")
    tab_to(ui.state_edit, "ca")
    tab_to(ui.zip_edit, "92701")
    tab_to(ui.county_edit, "Orange")
    tab_to(ui.zip_edit, key=BACKTAB)  # and back again
    tab_to(ui.county_edit)
    through_window(Qt.Key.Key_N, ALT)  # &Next
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.requester_page)  # a mnemonic animates the click

    # Step 2, who asks: the member, on the phone now.
    assert focused() is ui.requester_type_combo
    press(DOWN)
    assert ui.requester_type_combo.currentText() == "Authorized representative"
    press(UP)
    assert ui.requester_type_combo.currentText() == "Member"
    tab_to(ui.requester_name_edit, "Thảo Nguyễn")
    tab_to(ui.requester_npi_edit)
    tab_to(ui.requester_phone_edit, "714-555-0101")
    press(Qt.Key.Key_Return)  # Next is the default button
    assert ui.pages.currentWidget() is ui.care_page

    # Step 3, the care in question and the reasons.
    assert focused() is ui.care_from_combo
    press(UP)
    assert ui.care_from_combo.currentText() == "PCP"
    press(DOWN)
    assert ui.care_from_combo.currentText() == "Specialist"
    tab_to(ui.taxonomy_edit, "207X00000X")
    tab_to(ui.treating_npi_edit, ORTHO_ORTIZ)  # Tab also closes the suggestions
    tab_to(ui.treating_name_edit, "Sam Ortiz, MD")
    tab_to(ui.pcp_npi_edit, PCP_REYES)
    tab_to(ui.pcp_name_edit, "Ana Reyes, MD")
    tab_to(ui.procedure_edit, "Right total knee arthroplasty")
    tab_to(ui.serious_check)
    tab_to(ui.urgent_check)
    tab_to(ui.needs_transportation_check)
    press(Qt.Key.Key_Space)
    assert ui.needs_transportation_check.isChecked()
    tab_to(ui.third_opinion_check)
    tab_to(ui.differ_check)
    tab_to(ui.diagnosis_edit, "M17.11")
    press(Qt.Key.Key_Return)  # adds the diagnosis, stays on the step
    assert [ui.diagnoses_list.item(row).text() for row in range(ui.diagnoses_list.count())] == [
        "M17.11 Unilateral primary osteoarthritis, right knee"]
    assert ui.pages.currentWidget() is ui.care_page
    tab_to(ui.add_diagnosis_button)
    tab_to(ui.remove_diagnosis_button)
    tab_to(ui.diagnoses_list)
    tab_to(ui.reason_surgery_questioned_check)
    press(Qt.Key.Key_Space)
    assert ui.reason_surgery_questioned_check.isChecked()
    through_window(Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.professional_page)

    # Step 4, the professional: search, Down into the matches, Enter takes the one there.
    assert focused() is ui.provider_search_edit
    type_into(focused(), ORTHO_HAKOBYAN)
    qtbot.waitUntil(lambda: match_npis(dialog) == [ORTHO_HAKOBYAN])
    press(DOWN)
    assert focused() is ui.providers_view
    press(Qt.Key.Key_Return)
    assert ui.pages.currentWidget() is ui.professional_page, "Enter chose the professional; it did not press Next"
    assert ui.chosen_npi_edit.text() == ORTHO_HAKOBYAN
    assert matches(dialog)[0]["Network"] == "In network"
    tab_to(ui.chosen_npi_edit)

    def determined():
        text = ui.determination_view.toPlainText()
        assert "Eligible" in text and "CalOptima GG.1538 II.C.1" in text
        assert "Authorization" in text and "arrange Medi-Cal transportation" in text

    qtbot.waitUntil(determined, timeout=3000)
    assert ui.problems_list.count() == 0 and not ui.problems_list.isVisible()
    through_window(Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.review_page)

    # Step 5, review: a note for the reviewer, then Ctrl+S.
    assert focused() is ui.save_button
    tab_to(ui.back_button, key=BACKTAB)  # Next is disabled on the last step, so it is skipped
    tab_to(ui.notes_edit, "Gọi con gái sau 5 giờ chiều.", key=BACKTAB)
    qtbot.waitUntil(lambda: "Gọi con gái" in ui.summary_view.toPlainText())
    summary = ui.summary_view.toPlainText()
    assert "Thảo Nguyễn" in summary and "100 Example St, Apt 4; Santa Ana, CA 92701" in summary
    assert "Ready to save" in summary and "SexFemale" in summary.replace("\n", "").replace("\t", "")
    with qtbot.waitSignal(dialog.saved, timeout=3000) as saved:
        through_window(Qt.Key.Key_S, CTRL)

    case = service.get(saved.args[0])
    request = case.request
    nfc = lambda text: unicodedata.normalize("NFC", text)  # noqa: E731
    assert (request.member.first_name, request.member.last_name) == (nfc("Thảo"), nfc("Nguyễn"))
    assert request.member.date_of_birth.isoformat() == "1971-05-14" and request.member.sex == "F"
    assert request.member.member_id == "TST000001" and request.member.language == "Vietnamese"
    assert request.member.cin == "91234567A"
    assert request.member.health_network == "ipa-sunrise"
    assert request.member.address.model_dump() == {"line1": "100 Example St", "line2": "Apt 4",
                                                   "city": "Santa Ana", "state": "CA", "zip": "92701"}
    assert request.county == "Orange" and request.plan == "caloptima-medi-cal"
    assert request.requester.type == "member" and request.requester.name == nfc("Thảo Nguyễn")
    assert request.care_in_question.from_ == "specialist" and request.care_in_question.npi == ORTHO_ORTIZ
    assert request.care_in_question.taxonomy == "207X00000X" and request.pcp.npi == PCP_REYES
    assert request.reasons == ["surgery_questioned"] and request.diagnoses == ["M17.11"]
    assert request.needs_transportation is True and request.serious_condition is False
    assert request.notes == nfc("Gọi con gái sau 5 giờ chiều.")
    assert request.requested_provider_npi == ORTHO_HAKOBYAN
    assert case.status == Status.pending_authorization
    assert not dialog.isVisible() and service.drafts() == []
