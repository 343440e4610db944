"""Intake from the member roster (issue 16): the clerk types a member ID (or a name and date of birth), picks
the member the roster lists, and sees the form filled; a field then changed is marked, and the live
determination says when the request disagrees with the roster."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.devtools.synthetic import synthetic_members
from tests.support.intake import LEFT, choose, type_into

CALOPTIMA = "caloptima-medi-cal"


@pytest.fixture
def member(service):
    """One CalOptima member on the roster of the desk behind the form (with two others around it)."""
    members = list(synthetic_members(3, seed=16, plans=(CALOPTIMA,)))
    members[1] = members[1].model_copy(update={
        "member_id": "CIN90012345", "last_name": "Ávila", "first_name": "Thảo", "date_of_birth": date(1971, 5, 14),
        "sex": "F", "language": "Vietnamese", "county": "Orange", "health_network": "ipa-sunrise",
        "coverage_start": date(2024, 1, 1), "coverage_end": None})
    service.evaluator.roster.upsert_many(members, source="december.834")
    return members[1]


def listed(dialog):
    roster = dialog.ui.roster_list
    return [roster.item(row).text() for row in range(roster.count())] if roster.isVisible() else []


def pause(qtbot, dialog):
    """The clerk stops typing: the form looks the member up and evaluates (its 200 ms pause, without waiting)."""
    dialog.timer.stop()
    dialog._update()


def pick(qtbot, dialog, row=0):
    roster = dialog.ui.roster_list
    qtbot.mouseClick(roster.viewport(), LEFT, pos=roster.visualItemRect(roster.item(row)).center())


def test_typing_a_member_id_lists_the_member_and_choosing_fills_the_form(qtbot, dialog, service, member):
    ui = dialog.ui
    type_into(ui.member_id_edit, "cin9001")  # its beginning, in lower case
    pause(qtbot, dialog)
    assert len(listed(dialog)) == 1 and "Ávila, Thảo" in listed(dialog)[0] and "05/14/1971" in listed(dialog)[0]
    dialog.grab().save("/tmp/intake-roster-listed.png")
    pick(qtbot, dialog)
    assert ui.member_id_edit.text() == "CIN90012345"
    assert ui.plan_combo.currentData() == CALOPTIMA
    assert (ui.last_name_edit.text(), ui.first_name_edit.text()) == ("Ávila", "Thảo")
    assert ui.date_of_birth_edit.text() == "05/14/1971"
    assert ui.sex_combo.currentText() == "Female"
    assert (ui.county_edit.text(), ui.health_network_edit.text(), ui.language_edit.text()) == (
        "Orange", "ipa-sunrise", "Vietnamese")
    assert ui.pcp_npi_edit.text() == member.pcp_npi and ui.city_edit.text() == member.address.city
    assert not ui.roster_list.isVisible()  # filled from the one found: the list goes away
    assert set(dialog.roster_marks().values()) == {"filled"}
    dialog.grab().save("/tmp/intake-roster-filled.png")

    ui.language_edit.selectAll()
    type_into(ui.language_edit, "Spanish")  # each still editable; the edit is marked
    assert dialog.roster_marks()["member.language"] == "edited"
    assert "the roster has Vietnamese" in ui.language_edit.toolTip()
    assert dialog.roster_marks()["member.last_name"] == "filled"
    pause(qtbot, dialog)
    stored = service.repository.get(dialog.autosaver.case_id).draft  # what the draft kept
    assert stored["member"]["member_id"] == "CIN90012345" and stored["member"]["language"] == "Spanish"
    assert stored["county"] == "Orange" and stored["pcp"]["npi"] == member.pcp_npi
    assert stored["member"]["sex"] == "F"
    qtbot.wait(20)  # the layout settles, as it does between a clerk's keystrokes
    dialog.grab().save("/tmp/intake-roster-edited.png")


def test_a_last_name_and_date_of_birth_find_the_member_too(qtbot, dialog, member):
    ui = dialog.ui
    type_into(ui.last_name_edit, "avila")
    type_into(ui.date_of_birth_edit, "05/14/1971")
    pause(qtbot, dialog)
    assert len(listed(dialog)) == 1 and "CIN90012345" in listed(dialog)[0]
    ui.roster_list.setCurrentRow(0)
    qtbot.keyClick(ui.roster_list, Qt.Key.Key_Return)  # Enter on it fills as a click does
    assert ui.member_id_edit.text() == "CIN90012345"


def test_a_member_id_the_roster_does_not_know_lists_nothing(qtbot, dialog, member):
    type_into(dialog.ui.member_id_edit, "ZZ404")
    pause(qtbot, dialog)
    assert listed(dialog) == []


def test_choosing_another_plan_than_the_rosters_is_warned_in_the_determination(qtbot, dialog, member):
    ui = dialog.ui
    type_into(ui.member_id_edit, "CIN90012345")
    pause(qtbot, dialog)
    pick(qtbot, dialog)
    choose(ui.plan_combo, "Partnership")
    pause(qtbot, dialog)
    assert dialog.roster_marks()["plan"] == "edited"
    assert dialog.determination is not None, dialog.problems  # the member's fields are enough to determine
    assert "member.other_plan" in {finding.rule for finding in dialog.determination.findings}
    shown = " ".join(ui.determination_view.toPlainText().split())
    assert "the roster has this member under CalOptima Health Medi-Cal" in shown
    dialog.grab().save("/tmp/intake-roster-other-plan.png")


def test_the_members_sex_from_the_roster_is_marked_when_changed(qtbot, dialog, member):
    ui = dialog.ui
    type_into(ui.member_id_edit, "CIN90012345")
    pause(qtbot, dialog)
    pick(qtbot, dialog)
    assert dialog.roster_marks()["member.sex"] == "filled"
    ui.sex_combo.setFocus()
    qtbot.keyClick(ui.sex_combo, Qt.Key.Key_Down)  # Female -> Male, as the clerk does with the keyboard
    assert ui.sex_combo.currentText() == "Male"
    assert dialog.roster_marks()["member.sex"] == "edited"
    assert ui.sex_combo.toolTip() == "Edited here: the roster has Female"


def test_the_medi_cal_cin_is_typed_beside_the_member_id_filled_from_the_roster_and_kept(qtbot, dialog, service,
                                                                                       member):
    ui = dialog.ui
    service.evaluator.roster.upsert_many([member.model_copy(update={"cin": "91234567A"})], source="roster.csv")
    type_into(ui.member_id_edit, "CIN90012345")
    pause(qtbot, dialog)
    pick(qtbot, dialog)
    assert ui.cin_edit.text() == "91234567A" and dialog.roster_marks()["member.cin"] == "filled"
    ui.cin_edit.clear()
    type_into(ui.cin_edit, "9123 4567b")  # as read off the card
    pause(qtbot, dialog)
    assert dialog.roster_marks()["member.cin"] == "edited"
    stored = service.repository.get(dialog.autosaver.case_id).draft
    assert stored["member"]["cin"] == "9123 4567b"  # the draft keeps what was typed; the request checks it


def test_a_cin_that_is_not_eight_digits_and_a_letter_is_named_on_the_member_page(qtbot, dialog):
    ui = dialog.ui
    type_into(ui.cin_edit, "12345")
    pause(qtbot, dialog)
    listing = ui.problems_list
    shown = [listing.item(row).text() for row in range(listing.count())]
    assert any(text.startswith("Medi-Cal CIN (Member): ") and "eight digits and a letter" in text for text in shown), shown
    assert ui.cin_edit.property("problem") is True  # marked, its note under it
