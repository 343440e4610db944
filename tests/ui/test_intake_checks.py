"""What the intake checks as the clerk types: fields explained beside them, problems that lead to their field,
possible duplicates asked about before saving, the county and the health network as the engine reads them."""

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from app.domain.cases import Status
from tests.factories import PCP_CHEN, PCP_REYES, make_request
from tests.support.intake import (
    LEFT,
    choose,
    click_match,
    fill_member,
    match_npis,
    matches,
    next_page,
    problems,
    type_into,
)


def visible_notes(dialog):
    return [label for label in dialog.findChildren(QLabel) if label.isVisible() and label.text().startswith("⚠")]


def click_problem(qtbot, dialog, starting):
    listing = dialog.ui.problems_list
    item = next(listing.item(row) for row in range(listing.count()) if listing.item(row).text().startswith(starting))
    listing.scrollToItem(item)
    qtbot.mouseClick(listing.viewport(), LEFT, pos=listing.visualItemRect(item).center())


def clear(qtbot, edit):
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)


def test_a_wrong_zip_is_marked_and_explained_beside_it_until_fixed(qtbot, dialog):
    ui = dialog.ui
    type_into(ui.zip_edit, "9270")
    expected = 'a ZIP code is 5 digits, or 5+4 like 95202-1234 (got "9270")'
    qtbot.waitUntil(lambda: dialog.note_for(ui.zip_edit) == f"⚠ {expected}" and bool(visible_notes(dialog)))
    [note] = visible_notes(dialog)
    assert note.text() == f"⚠ {expected}"
    below = note.mapTo(dialog, note.rect().topLeft()).y() - ui.zip_edit.mapTo(dialog, ui.zip_edit.rect().bottomLeft()).y()
    assert 0 <= below < 20, "the explanation is right under the field"
    assert ui.zip_edit.property("problem") is True and ui.zip_edit.toolTip() == expected
    assert f"ZIP (Member): {expected}" in problems(dialog)
    assert not any(text.startswith("⚠ required") for text in map(QLabel.text, visible_notes(dialog))), (
        "missing fields are not marked before Save is tried")

    type_into(ui.zip_edit, "1")
    qtbot.waitUntil(lambda: dialog.note_for(ui.zip_edit) == "")
    assert visible_notes(dialog) == [] and not ui.zip_edit.property("problem")
    assert not any(text.startswith("ZIP") for text in problems(dialog))


def test_a_wrong_date_of_birth_says_how_to_type_it(qtbot, dialog):
    ui = dialog.ui
    type_into(ui.date_of_birth_edit, "14/05/1971")
    qtbot.waitUntil(lambda: "MM/DD/YYYY" in dialog.note_for(ui.date_of_birth_edit))
    assert "Date of birth (Member): type it as MM/DD/YYYY, e.g. 05/14/1971" in problems(dialog)


def test_clicking_a_problem_goes_to_its_step_and_field(qtbot, dialog):
    ui = dialog.ui
    dialog.activateWindow()
    type_into(ui.first_name_edit, "Thảo")
    qtbot.waitUntil(lambda: "Member ID (Member): required, but missing" in problems(dialog))
    next_page(qtbot, dialog)
    next_page(qtbot, dialog)
    assert ui.pages.currentWidget() is ui.care_page
    click_problem(qtbot, dialog, "Member ID (Member)")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ui.member_id_edit)
    assert ui.pages.currentWidget() is ui.member_page


def test_enter_in_the_diagnosis_adds_it_or_says_why_not_and_stays_on_the_step(qtbot, dialog):
    ui = dialog.ui
    fill_member(qtbot, dialog)
    next_page(qtbot, dialog)
    next_page(qtbot, dialog)
    type_into(ui.diagnosis_edit, "ZZZ")
    qtbot.keyClick(ui.diagnosis_edit, Qt.Key.Key_Return)
    assert dialog.note_for(ui.diagnosis_edit).startswith("⚠ ZZZ is not an ICD-10-CM code")
    assert ui.pages.currentWidget() is ui.care_page, "Enter in the diagnosis does not press Next"
    clear(qtbot, ui.diagnosis_edit)
    type_into(ui.diagnosis_edit, "M17.11")
    qtbot.keyClick(ui.diagnosis_edit, Qt.Key.Key_Return)
    assert dialog.diagnoses() == ["M17.11"] and dialog.note_for(ui.diagnosis_edit) == ""
    assert ui.pages.currentWidget() is ui.care_page


def test_enter_on_a_problem_in_the_list_goes_to_its_field(qtbot, dialog):
    ui = dialog.ui
    dialog.activateWindow()
    fill_member(qtbot, dialog)
    type_into(ui.requester_npi_edit, "1234567890")  # a check digit that does not match
    qtbot.waitUntil(lambda: any(text.startswith("Requester NPI (Requester)") for text in problems(dialog)))
    assert "check digit" in dialog.note_for(ui.requester_npi_edit)

    listing = ui.problems_list
    row = next(row for row in range(listing.count()) if listing.item(row).text().startswith("Requester NPI"))
    qtbot.keyClick(ui.plan_combo, Qt.Key.Key_Backtab)  # from the first field back to the end of the tab chain
    qtbot.waitUntil(lambda: QApplication.focusWidget() is listing)
    for _ in range(row):
        qtbot.keyClick(listing, Qt.Key.Key_Down)
    qtbot.keyClick(listing, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ui.requester_npi_edit)
    assert ui.pages.currentWidget() is ui.requester_page


def test_health_nets_county_rule_follows_the_county_as_it_is_typed(qtbot, dialog):
    ui = dialog.ui
    fill_member(qtbot, dialog)  # county Orange
    choose(ui.plan_combo, "Health Net")

    def determination():
        return ui.determination_view.toPlainText()

    qtbot.waitUntil(lambda: "applies to Medi-Cal in Kern" in determination() and "not Orange" in determination())
    clear(qtbot, ui.county_edit)
    type_into(ui.county_edit, "San Joaquin")
    qtbot.waitUntil(lambda: "not Orange" not in determination() and "Health Net" in determination())
    assert "applies to Medi-Cal in" not in determination()
    clear(qtbot, ui.county_edit)
    qtbot.waitUntil(lambda: "Enter the member's county" in determination())


def test_hs_1383_15_for_pcp_care_in_network_means_in_the_members_health_network(qtbot, dialog):
    ui = dialog.ui
    fill_member(qtbot, dialog)  # health network ipa-sunrise
    choose(ui.plan_combo, "Health Net")  # its update names no other network for PCP care: H&S 1383.15 applies
    assert ui.plan_combo.currentData() == "healthnet-medi-cal"
    next_page(qtbot, dialog)
    next_page(qtbot, dialog)
    choose(ui.care_from_combo, "PCP")
    next_page(qtbot, dialog)
    type_into(ui.provider_search_edit, "Family")
    qtbot.waitUntil(lambda: match_npis(dialog) == [PCP_REYES])  # Chen practises family medicine elsewhere
    assert matches(dialog)[0]["Network"] == "In network (ipa-sunrise)"
    box = ui.qualified_only_check
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))  # the whole directory
    qtbot.waitUntil(lambda: sorted(match_npis(dialog)) == sorted([PCP_REYES, PCP_CHEN]))
    rows = {row["NPI"]: row["Network"] for row in matches(dialog)}
    assert rows == {PCP_REYES: "In network (ipa-sunrise)", PCP_CHEN: "Outside health network ipa-sunrise"}

    click_match(qtbot, dialog, PCP_CHEN)
    qtbot.waitUntil(lambda: "not in the member's health network" in ui.determination_view.toPlainText())

    qtbot.mouseClick(ui.back_button, LEFT)
    choose(ui.care_from_combo, "Specialist")  # a specialist's care: the plan's whole network
    next_page(qtbot, dialog)
    assert {row["NPI"]: row["Network"] for row in matches(dialog)}[PCP_CHEN] == "In network"


def test_caloptima_III_A_for_pcp_care_another_group_is_in_network(qtbot, dialog):
    ui = dialog.ui
    fill_member(qtbot, dialog)  # CalOptima, health network ipa-sunrise
    next_page(qtbot, dialog)
    next_page(qtbot, dialog)
    choose(ui.care_from_combo, "PCP")
    next_page(qtbot, dialog)
    type_into(ui.provider_search_edit, "Family")
    qtbot.waitUntil(lambda: sorted(match_npis(dialog)) == sorted([PCP_REYES, PCP_CHEN]))
    assert match_npis(dialog)[0] == PCP_REYES, "the member's own group first"
    rows = {row["NPI"]: row["Network"] for row in matches(dialog)}
    assert rows == {PCP_REYES: "In network (ipa-sunrise)", PCP_CHEN: "In network (another group)"}


def answer_the_question(qtbot, button, seen):
    """Once the question box is up, note what it says and click `button` on it, as the clerk would."""

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}")
        [chosen] = [b for b in box.buttons() if b.text().replace("&", "") == button]
        seen.append(box.defaultButton().text().replace("&", ""))
        qtbot.mouseClick(chosen, LEFT)

    QTimer.singleShot(0, answer)


def test_saving_asks_about_an_open_request_for_the_same_member_and_care(qtbot, dialog, service):
    earlier = service.submit(make_request(member={"member_id": "TST000001"}, received_at="2025-03-01T09:30:00")).case
    ui = dialog.ui
    fill_member(qtbot, dialog)  # member TST000001
    next_page(qtbot, dialog)
    next_page(qtbot, dialog)
    type_into(ui.taxonomy_edit, "207X00000X")  # the same specialty as the open request

    seen = []
    answer_the_question(qtbot, "Go back", seen)
    qtbot.mouseClick(ui.save_button, LEFT)
    qtbot.waitUntil(lambda: len(seen) == 2)
    title, question, details = seen[0].split("\n", 2)
    assert title == "Possible duplicate request"
    assert question == "Thảo Nguyễn already has an open request about the same care:"
    assert (f"Request #{earlier.id}: Pending authorization, received 03/01/2025, specialty 207X00000X"
            in details)
    assert seen[1] == "Go back", "the safe answer is the default"
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert [draft.status for draft in service.drafts()] == [Status.draft]

    seen.clear()
    answer_the_question(qtbot, "Save anyway", seen)
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(ui.save_button, LEFT)
    assert "Request #" in seen[0]
    assert service.get(saved.args[0]).request.member.member_id == "TST000001"
    assert service.drafts() == [] and not dialog.isVisible()


def test_no_question_when_the_members_other_request_is_about_other_care(qtbot, dialog, service):
    service.submit(make_request(member={"member_id": "TST000001"}, reasons=["not_improving"],
                                care_in_question={"taxonomy": "207RC0000X"}))
    fill_member(qtbot, dialog)
    with qtbot.waitSignal(dialog.saved, timeout=3000):
        qtbot.keyClick(dialog.windowHandle(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    assert QApplication.activeModalWidget() is None
