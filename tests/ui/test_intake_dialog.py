"""New request, step by step: the clerk types into the real widgets, watches the live determination, saves."""

import unicodedata

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.domain.cases import Status
from app.errors import Problem
from app.ui.intake_dialog import IntakeDialog, labelled
from tests.factories import ORTHO_HAKOBYAN, ORTHO_ORTIZ, PCP_REYES, request_data
from tests.support.intake import (
    LEFT,
    NOW,
    choose,
    click_match,
    fill_member,
    match_npis,
    matches,
    next_page,
    problems,
    type_into,
)

NFC = lambda text: unicodedata.normalize("NFC", text)  # noqa: E731

# The form and its case service, on each engine, are the `dialog` and `service` fixtures of tests/ui/conftest.py.


def shot(dialog, name):
    dialog.grab().save(f"/tmp/intake-{name}.png")


def test_a_complete_caloptima_request_is_determined_live_and_saved(qtbot, dialog, service):
    ui = dialog.ui
    fill_member(qtbot, dialog)
    shot(dialog, "1-member")
    next_page(qtbot, dialog)
    assert ui.pages.currentWidget() is ui.requester_page
    choose(ui.requester_type_combo, "Member")
    type_into(ui.requester_name_edit, "Thảo Nguyễn")
    shot(dialog, "2-requester")
    next_page(qtbot, dialog)

    choose(ui.care_from_combo, "Specialist")
    type_into(ui.taxonomy_edit, "207X00000X")
    type_into(ui.treating_npi_edit, ORTHO_ORTIZ)
    type_into(ui.treating_name_edit, "Sam Ortiz, MD")
    type_into(ui.pcp_npi_edit, PCP_REYES)
    type_into(ui.pcp_name_edit, "Ana Reyes, MD")
    type_into(ui.procedure_edit, "Right total knee arthroplasty")
    box = ui.needs_transportation_check
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    ui.care_scroll.ensureWidgetVisible(ui.reason_surgery_questioned_check)
    box = ui.reason_surgery_questioned_check
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))  # on its box, where a clerk clicks
    assert ui.reason_surgery_questioned_check.isChecked()
    assert "recommended surgery" in ui.reason_surgery_questioned_wording.text()
    type_into(ui.diagnosis_edit, "M17.11")
    qtbot.mouseClick(ui.add_diagnosis_button, LEFT)
    assert ui.diagnoses_list.item(0).text() == "M17.11 Unilateral primary osteoarthritis, right knee"
    shot(dialog, "3-care")
    next_page(qtbot, dialog)

    type_into(ui.provider_search_edit, ORTHO_HAKOBYAN)
    qtbot.waitUntil(lambda: match_npis(dialog) == [ORTHO_HAKOBYAN])
    [row] = matches(dialog)
    assert row["Specialty"] == "Adult Reconstructive Orthopaedic Surgery" and row["Network"] == "In network"
    click_match(qtbot, dialog, ORTHO_HAKOBYAN)
    assert ui.chosen_npi_edit.text() == ORTHO_HAKOBYAN
    shot(dialog, "4-professional")

    def determined():
        text = ui.determination_view.toPlainText()
        assert "Eligible" in text and "CalOptima GG.1538 II.C.1" in text
        assert "arrange Medi-Cal transportation" in text  # the plan's obligation once the box is ticked

    qtbot.waitUntil(determined, timeout=3000)
    assert problems(dialog) == [] and ui.problems_label.text() == ""
    next_page(qtbot, dialog)
    qtbot.mouseClick(ui.notes_edit.viewport(), LEFT)
    type_into(ui.notes_edit, "Gọi con gái (Lan) sau 5 giờ chiều.")
    qtbot.waitUntil(lambda: "Gọi con gái" in ui.summary_view.toPlainText())
    summary = ui.summary_view.toPlainText()
    assert "Nguyễn" in summary and "Ready to save" in summary
    assert "100 Example St; Santa Ana, CA 92701" in summary
    shot(dialog, "5-review")

    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(ui.save_button, LEFT)
    case = service.get(saved.args[0])
    request = case.request
    assert request.member.last_name == NFC("Nguyễn")
    assert request.member.first_name == NFC("Thảo")
    assert request.member.address.model_dump() == {"line1": "100 Example St", "line2": None, "city": "Santa Ana",
                                                   "state": "CA", "zip": "92701"}
    assert request.county == "Orange"
    assert request.needs_transportation is True
    assert request.notes == NFC("Gọi con gái (Lan) sau 5 giờ chiều.")
    assert request.requested_provider_npi == ORTHO_HAKOBYAN
    assert request.diagnoses == ["M17.11"]
    assert case.status == Status.pending_authorization
    assert dialog.result() == dialog.DialogCode.Accepted and not dialog.isVisible()
    assert service.drafts() == []


def test_an_incomplete_form_names_what_is_missing_and_save_keeps_the_draft(qtbot, dialog, service):
    ui = dialog.ui
    type_into(ui.first_name_edit, "Thảo")
    qtbot.waitUntil(lambda: "Date of birth (Member): required, but missing" in problems(dialog))
    assert "Plan (Member): required, but missing" in problems(dialog)
    assert "Still needed" in ui.problems_label.text()
    assert "No determination yet" in ui.determination_view.toPlainText()
    assert "Last name" in ui.determination_view.toPlainText()
    assert dialog.note_for(ui.member_id_edit) == "", "a missing field is not marked before Save is tried"
    for _ in range(4):
        next_page(qtbot, dialog)
    shot(dialog, "6-incomplete")
    qtbot.mouseClick(ui.save_button, LEFT)
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert "Not saved yet" in ui.problems_label.text()
    assert "Member ID (Member): required, but missing" in problems(dialog)
    assert dialog.note_for(ui.member_id_edit) == "⚠ required, but missing"
    drafts = service.drafts()
    assert [draft.draft["member"]["first_name"] for draft in drafts] == ["Thảo"]
    assert drafts[0].status == Status.draft


def test_the_draft_is_saved_while_typing_and_kept_on_close(qtbot, dialog, service):
    ui = dialog.ui
    type_into(ui.member_id_edit, "TST000003")
    type_into(ui.last_name_edit, "Nguyễn")
    qtbot.wait(1500)
    drafts = service.drafts()
    assert len(drafts) == 1
    assert drafts[0].draft["member"] == {"member_id": "TST000003", "last_name": "Nguyễn"}
    type_into(ui.first_name_edit, "Thảo")
    qtbot.mouseClick(ui.close_button, LEFT)  # closing right away still keeps what was typed
    assert [draft.draft["member"]["first_name"] for draft in service.drafts()] == ["Thảo"]
    assert dialog.case_id == drafts[0].id


def test_closing_an_untouched_form_stores_nothing(qtbot, dialog, service):
    qtbot.mouseClick(dialog.ui.close_button, LEFT)
    assert service.drafts() == []


@pytest.mark.parametrize("problem, shown", [
    (Problem("required, but missing", field_path="member.date_of_birth"),
     "Date of birth (Member): required, but missing"),
    (Problem("required", field_path="care_in_question.from"), "Care from (Care and reasons): required"),
    (Problem("'X' is not a code", field_path="diagnoses[1]"),
     "Diagnoses #2 (Care and reasons): 'X' is not a code"),
    (Problem("a ZIP code is 5 digits", field_path="member.address.zip"),
     "ZIP (Member): a ZIP code is 5 digits"),
    (Problem("too long", field_path="notes"), "Notes (Review): too long"),
    (Problem("odd", field_path="something.else"), "something.else: odd"),
    (Problem("unknown field", field_path='diagnoses["x y"]'), 'diagnoses["x y"]: unknown field'),
    (Problem("the server is away"), "the server is away"),
])
def test_problems_are_named_by_the_labels_on_the_form(problem, shown):
    assert labelled(problem) == shown


def test_every_field_has_a_visible_label_and_the_same_accessible_name(dialog):
    labels = [label for label in dialog.ui.pages.findChildren(QLabel) if label.buddy() is not None]
    named = {label.buddy().objectName(): label.text().replace("&", "").rstrip(":") for label in labels}
    for field in ("street_edit", "address_line2_edit", "city_edit", "state_edit", "zip_edit", "county_edit",
                  "date_of_birth_edit", "notes_edit"):
        assert field in named, f"{field} has no label"
    for label in labels:
        assert label.buddy().accessibleName() == label.text().replace("&", "").rstrip(":")
    check = dialog.ui.needs_transportation_check
    assert check.accessibleName() == check.text().replace("&", "") == "Needs transportation"


I25_REFUSED = ("I25 is a category, not a billable code (ICD-10-CM Official Guidelines I.B.2): choose one of I25.10, "
               "I25.110, I25.111, I25.112, I25.118, I25.119, ... (56 codes; search the code list by words)")


def test_icd10_guideline_I_B_2_a_category_typed_is_not_added_and_its_codes_are_named(qtbot, dialog, service):
    ui = dialog.ui
    fill_member(qtbot, dialog)
    next_page(qtbot, dialog)
    next_page(qtbot, dialog)
    type_into(ui.diagnosis_edit, "I25")
    qtbot.keyClick(ui.diagnosis_edit, Qt.Key.Key_Return)
    assert dialog.note_for(ui.diagnosis_edit) == f"⚠ {I25_REFUSED}"
    assert ui.diagnosis_edit.property("problem") is True and ui.diagnosis_edit.toolTip() == I25_REFUSED
    assert dialog.diagnoses() == [] and ui.diagnoses_list.count() == 0
    assert ui.diagnosis_edit.text() == "I25", "what was typed stays, to be completed"
    assert ui.pages.currentWidget() is ui.care_page

    qtbot.mouseClick(ui.add_diagnosis_button, LEFT)  # the button refuses it the same way
    assert dialog.note_for(ui.diagnosis_edit) == f"⚠ {I25_REFUSED}" and dialog.diagnoses() == []

    type_into(ui.diagnosis_edit, ".10")
    qtbot.keyClick(ui.diagnosis_edit, Qt.Key.Key_Return)
    assert dialog.diagnoses() == ["I25.10"] and dialog.note_for(ui.diagnosis_edit) == ""
    # The autosave: the draft holds the billable code, never the category.
    qtbot.waitUntil(lambda: [draft.draft.get("diagnoses") for draft in service.drafts()] == [["I25.10"]])


def test_icd10_guideline_I_B_2_a_subcategory_typed_with_its_description_is_refused(qtbot, dialog):
    ui = dialog.ui
    type_into(ui.diagnosis_edit, "E11.6 Type 2 diabetes mellitus with other specified complications")
    qtbot.mouseClick(ui.add_diagnosis_button, LEFT)
    assert dialog.note_for(ui.diagnosis_edit).startswith(
        "⚠ E11.6 is a subcategory, not a billable code (ICD-10-CM Official Guidelines I.B.2): choose one of "
        "E11.610, E11.618,")
    assert dialog.diagnoses() == []


def test_icd10_guideline_I_B_2_a_draft_holding_a_category_is_listed_marked_and_not_saved(qtbot, service):
    # A draft kept before the rule (drafts take anything as typed) still holds the category I25.
    draft = service.save_draft(request_data(diagnoses=["I25"]))
    dialog = IntakeDialog(service, now=NOW, draft=draft)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ui = dialog.ui
    assert dialog.diagnoses() == ["I25"]
    shown = f"Diagnoses #1 (Care and reasons): {I25_REFUSED}"
    qtbot.waitUntil(lambda: shown in problems(dialog))
    assert dialog.note_for(ui.diagnosis_edit) == f"⚠ {I25_REFUSED}"
    assert ui.diagnosis_edit.property("problem") is True
    assert "No determination yet" in ui.determination_view.toPlainText()
    for _ in range(4):
        next_page(qtbot, dialog)
    assert I25_REFUSED in ui.summary_view.toPlainText(), "the review step lists it before saving"
    qtbot.mouseClick(ui.save_button, LEFT)
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert "Not saved yet" in ui.problems_label.text() and shown in problems(dialog)
    [kept] = service.drafts()
    assert kept.id == draft.id and kept.status == Status.draft and kept.draft["diagnoses"] == ["I25"]
    assert [case.id for case in service.find()] == [draft.id], "nothing was submitted"


def open_draft(qtbot, service, data):
    dialog = IntakeDialog(service, now=NOW, draft=service.save_draft(data))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_diagnosis_refused_by_its_index_is_named_by_its_number_and_marked(qtbot, service):
    # Evaluator.check says diagnoses[1]; the form names the second diagnosis and marks the diagnosis field.
    dialog = open_draft(qtbot, service, request_data(diagnoses=["M17.11", "I25"]))
    qtbot.waitUntil(lambda: f"Diagnoses #2 (Care and reasons): {I25_REFUSED}" in problems(dialog))
    assert dialog.note_for(dialog.ui.diagnosis_edit) == f"⚠ {I25_REFUSED}"
    assert not any(text.startswith("Diagnoses #1") for text in problems(dialog))


def test_a_check_across_fields_marks_the_field_it_names_and_leads_to_it(qtbot, service):
    # Request._dates_agree belongs to no single field; its problem carries member.date_of_birth all the same.
    dialog = open_draft(qtbot, service, request_data(member={"date_of_birth": "2025-06-01"}))
    ui = dialog.ui
    dialog.activateWindow()
    said = "2025-06-01 is after the request was received (2025-03-03); check both dates"
    qtbot.waitUntil(lambda: f"Date of birth (Member): {said}" in problems(dialog))
    assert dialog.note_for(ui.date_of_birth_edit) == f"⚠ {said}"
    assert ui.date_of_birth_edit.property("problem") is True

    next_page(qtbot, dialog)
    listing = ui.problems_list
    item = listing.item(problems(dialog).index(f"Date of birth (Member): {said}"))
    listing.scrollToItem(item)
    qtbot.mouseClick(listing.viewport(), LEFT, pos=listing.visualItemRect(item).center())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ui.date_of_birth_edit)
    assert ui.pages.currentWidget() is ui.member_page


# --- a kept draft, opened again -----------------------------------------------------------------------------

THIRD_OPINION_DRAFT = {
    "plan": "caloptima-medi-cal", "county": "Orange", "received_at": "2025-03-03T10:00:00",
    "requester": {"type": "member", "name": "Thảo Nguyễn"},
    "member": {"member_id": "TST000009", "first_name": "Thảo", "last_name": "Nguyễn", "date_of_birth": "1971-05-14",
               "health_network": "ipa-sunrise"},
    "care_in_question": {"from": "specialist", "taxonomy": "207X00000X", "npi": ORTHO_ORTIZ},
    "diagnoses": ["M17.11"], "procedure": "Right total knee arthroplasty",
    "opinion_number": 3, "reasons": ["conflicting_recommendations"], "prior_opinions_differ": False,
}


def resumed(qtbot, service, data):
    draft = service.save_draft(data)
    shown = IntakeDialog(service, now=NOW, draft=draft)
    qtbot.addWidget(shown)
    return draft, shown


def answer(qtbot, dialog, button_text):
    """Click a button of the question the form asks (a real QMessageBox over the form, as the clerk sees it)."""
    qtbot.waitUntil(lambda: getattr(dialog, "question", None) is not None and dialog.question.isVisible(),
                    timeout=3000)
    box = dialog.question
    box.grab().save("/tmp/intake-question.png")
    button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
    text = box.text()
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: not box.isVisible())
    return text


def test_a_kept_draft_comes_back_into_every_field_and_goes_on_as_the_same_draft(qtbot, service):
    draft, shown = resumed(qtbot, service, {**THIRD_OPINION_DRAFT, "reasons": ["surgery_questioned"],
                                            "prior_opinions_differ": True, "notes": "Called back Tuesday."})
    shown.show()
    ui = shown.ui
    assert ui.plan_combo.currentData() == "caloptima-medi-cal"
    assert (ui.first_name_edit.text(), ui.last_name_edit.text()) == ("Thảo", "Nguyễn")
    assert ui.date_of_birth_edit.text() == "05/14/1971"
    assert ui.taxonomy_edit.text().startswith("207X00000X ")
    assert ui.reason_surgery_questioned_check.isChecked() and ui.third_opinion_check.isChecked()
    assert ui.differ_check.isChecked() and ui.notes_edit.toPlainText() == "Called back Tuesday."
    assert [ui.diagnoses_list.item(0).data(Qt.ItemDataRole.UserRole)] == ["M17.11"]
    assert f"draft #{draft.id}" in shown.windowTitle()
    assert shown.form_data()["member"] == THIRD_OPINION_DRAFT["member"]
    type_into(ui.member_phone_edit, "714-555-0109")
    qtbot.mouseClick(ui.close_button, LEFT)
    drafts = service.drafts()
    assert [d.id for d in drafts] == [draft.id], "the same draft, not a second one"
    assert drafts[0].draft["member"]["phone"] == "714-555-0109"
    assert drafts[0].draft["notes"] == "Called back Tuesday."


def test_caloptima_II_D_contradictory_draft_asks_whether_the_opinions_differ_and_stores_the_answer(qtbot, service):
    draft, shown = resumed(qtbot, service, THIRD_OPINION_DRAFT)
    shown.show()
    question = answer(qtbot, shown, "They differ")
    assert "“the first two opinions differ” as its reason" in question
    ui = shown.ui
    assert ui.third_opinion_check.isChecked() and ui.differ_check.isChecked()
    qtbot.waitUntil(lambda: shown.determination is not None and shown.determination.eligible == "yes")
    assert "third_opinion.contradictory" not in shown.determination.rules()
    stored = service.get(draft.id).draft
    assert stored["prior_opinions_differ"] is True and stored["opinion_number"] == 3


def test_contradictory_draft_answered_they_do_not_differ_drops_the_reason(qtbot, service):
    draft, shown = resumed(qtbot, service, THIRD_OPINION_DRAFT)
    shown.show()
    answer(qtbot, shown, "They do not differ")
    assert not shown.ui.differ_check.isChecked()
    stored = service.get(draft.id).draft
    assert "conflicting_recommendations" not in stored.get("reasons", [])
    assert "third_opinion.contradictory" not in shown.determination.rules()
    assert shown.determination.eligible == "review", "GG.1538 II.I: the plan's own decision when they agree"


def test_contradictory_draft_decided_later_keeps_both_and_the_determination_says_so(qtbot, service):
    draft, shown = resumed(qtbot, service, THIRD_OPINION_DRAFT)
    shown.show()
    answer(qtbot, shown, "Decide later")
    assert shown.form_data()["reasons"] == ["conflicting_recommendations"], "nothing the draft held is lost"
    assert shown.determination.eligible == "review"
    assert "which is true?" in shown.ui.determination_view.toPlainText()
    assert service.get(draft.id).draft["reasons"] == ["conflicting_recommendations"]
