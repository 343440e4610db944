"""Choosing the second-opinion professional (issue 4, item 3): the qualified in-network professionals by default,
the whole directory on request, the determination's alternatives first, every column a clerk needs, the keyboard.
The clerk types, clicks and presses keys in the real dialog; the tests read what the table and labels show."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.factories import (
    CARDIO_DOE,
    ORTHO_HAKOBYAN,
    ORTHO_OON_CERTIFIED,
    ORTHO_OON_UNCERTIFIED,
    ORTHO_ORTIZ,
    ORTHO_PENA,
    PCP_CHEN,
    PCP_NGUYEN,
    PCP_REYES,
)
from tests.support.intake import (
    LEFT,
    choose,
    click_match,
    fill_member,
    match_npis,
    matches,
    next_page,
    type_into,
)

SUGGESTED = "★ "


def to_the_professional_step(qtbot, dialog, care_from="Specialist", taxonomy="207X00000X", treating=ORTHO_ORTIZ,
                             pcp="", plan=None):
    """A CalOptima member (or of `plan`) in health network ipa-sunrise (Vietnamese), the care in question, then
    step 4."""
    ui = dialog.ui
    fill_member(qtbot, dialog)
    if plan is not None:
        choose(ui.plan_combo, plan)
        assert ui.plan_combo.currentText() == plan
    next_page(qtbot, dialog)
    next_page(qtbot, dialog)
    choose(ui.care_from_combo, care_from)
    type_into(ui.taxonomy_edit, taxonomy)
    type_into(ui.treating_npi_edit, treating)
    type_into(ui.pcp_npi_edit, pcp)
    next_page(qtbot, dialog)
    assert ui.pages.currentWidget() is ui.professional_page


def untick(qtbot, box):
    assert box.isChecked()
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))  # on its box, where a clerk clicks
    assert not box.isChecked()


def test_by_default_only_qualified_in_network_professionals_of_an_equivalent_specialty(qtbot, dialog):
    ui = dialog.ui
    to_the_professional_step(qtbot, dialog)
    box = ui.qualified_only_check
    assert box.isChecked() and box.isEnabled() and box.text() == "&Only qualified in-network professionals"
    # Ortiz treats the member; Lund and Okafor are out of network; Doe is a cardiologist.
    assert sorted(match_npis(dialog)) == sorted([ORTHO_HAKOBYAN, ORTHO_PENA])
    assert {row["Network"] for row in matches(dialog)} == {"In network"}
    count = ui.providers_count_label.text()
    assert count.startswith("2 qualified professionals: in the CalOptima Medi-Cal network, Orthopaedic Surgery Physician "
                            "or an equivalent specialty.")
    assert "Untick the box to search the whole directory" in count

    type_into(ui.provider_search_edit, "ortiz")  # the treating surgeon is never offered as the second opinion
    qtbot.waitUntil(lambda: match_npis(dialog) == [])
    assert ui.providers_count_label.text().startswith("0 qualified professionals")


def test_unticking_searches_the_whole_directory_with_out_of_network_marked(qtbot, dialog):
    ui = dialog.ui
    to_the_professional_step(qtbot, dialog)
    type_into(ui.provider_search_edit, "orthopaedic")
    qtbot.waitUntil(lambda: sorted(match_npis(dialog)) == sorted([ORTHO_HAKOBYAN, ORTHO_PENA]))
    untick(qtbot, ui.qualified_only_check)
    qtbot.waitUntil(lambda: len(match_npis(dialog)) == 5)
    network = {row["NPI"]: row["Network"] for row in matches(dialog)}
    assert network == {ORTHO_ORTIZ: "In network", ORTHO_HAKOBYAN: "In network", ORTHO_PENA: "In network",
                       ORTHO_OON_CERTIFIED: "Out of network", ORTHO_OON_UNCERTIFIED: "Out of network"}
    assert ui.providers_count_label.text().startswith("5 professionals from the whole directory.")

    click_match(qtbot, dialog, ORTHO_OON_UNCERTIFIED)
    assert ui.chosen_npi_edit.text() == ORTHO_OON_UNCERTIFIED
    qtbot.waitUntil(lambda: "The CalOptima network has qualified professionals (e.g. Armen Հակոբյան, MD; Lucía Peña, "
                            "MD)" in ui.determination_view.toPlainText(), timeout=3000)


def test_hs_1383_15_pcp_care_lists_primary_care_in_the_members_health_network(qtbot, dialog):
    ui = dialog.ui
    to_the_professional_step(qtbot, dialog, care_from="PCP", taxonomy="", treating=PCP_REYES, pcp=PCP_REYES,
                             plan="Health Net")
    # Health Net's update names no other network for PCP care: H&S 1383.15, the same physician organization.
    # Reyes is the PCP whose care is in question; Chen is in another medical group; Doe is not primary care.
    assert match_npis(dialog) == [PCP_NGUYEN]
    assert matches(dialog)[0]["Network"] == "In network (ipa-sunrise)"
    assert "in health network ipa-sunrise, primary care" in ui.providers_count_label.text()
    untick(qtbot, ui.qualified_only_check)
    network = {row["NPI"]: row["Network"] for row in matches(dialog)}
    assert network[PCP_CHEN] == "Outside health network ipa-sunrise"
    assert network[CARDIO_DOE] == network[PCP_REYES] == "In network (ipa-sunrise)"


def test_caloptima_III_A_pcp_care_lists_the_members_group_first_then_the_rest_of_the_network(qtbot, dialog):
    ui = dialog.ui
    to_the_professional_step(qtbot, dialog, care_from="PCP", taxonomy="", treating=PCP_REYES, pcp=PCP_REYES)
    # GG.1538 III.A: any appropriately qualified professional within CalOptima's or a contracted Health Network's
    # provider network. Nguyễn (the member's group, ipa-sunrise) is suggested first; Chen, a contracted family
    # doctor in another medical group, is listed and suggested too; Reyes's own care is in question.
    qtbot.waitUntil(lambda: match_npis(dialog) == [PCP_NGUYEN, PCP_CHEN])
    rows = matches(dialog)
    assert [row["Name"] for row in rows] == [SUGGESTED + "Minh Nguyễn, MD", SUGGESTED + "Lori Chen, MD"]
    assert [row["Network"] for row in rows] == ["In network (ipa-sunrise)", "In network (another group)"]
    assert ("in the CalOptima Medi-Cal network (health network ipa-sunrise first), primary care"
            in ui.providers_count_label.text())
    assert "e.g. Minh Nguyễn, MD; Lori Chen, MD" in ui.determination_view.toPlainText()
    qtbot.wait(100)  # the layout settles (the count label wraps) before the picture
    dialog.grab().save("/tmp/intake-pcp-whole-network.png")

    click_match(qtbot, dialog, PCP_CHEN)  # the member chooses the doctor in another group: in network, qualified
    assert ui.chosen_npi_edit.text() == PCP_CHEN
    qtbot.waitUntil(lambda: "lets the member choose any qualified professional in its network"
                    in ui.determination_view.toPlainText(), timeout=3000)
    determination = dialog.determination
    assert determination.network == "in" and determination.provider_qualified is True
    assert "out of network" not in ui.determination_view.toPlainText().casefold()


def test_the_determinations_alternatives_come_first_marked_and_only_once(qtbot, dialog):
    ui = dialog.ui
    to_the_professional_step(qtbot, dialog)
    # The member speaks Vietnamese and nobody suitable does: accepting new patients first (Peña is not).
    assert "e.g. Armen Հակոբյան, MD; Lucía Peña, MD" in ui.determination_view.toPlainText()
    untick(qtbot, ui.qualified_only_check)  # the whole directory, by name, after the suggestions
    rows = matches(dialog)
    assert [row["Name"] for row in rows[:2]] == [SUGGESTED + "Armen Հակոբյան, MD", SUGGESTED + "Lucía Peña, MD"]
    assert not any(row["Name"].startswith(SUGGESTED) for row in rows[2:])
    assert len(rows) == 10 and len({row["NPI"] for row in rows}) == 10, "everyone, nobody twice"
    model = ui.providers_view.model()
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(2, 0).data(Qt.ItemDataRole.FontRole) is None
    assert "Bold: suggested by the determination" in ui.providers_count_label.text()

    click_match(qtbot, dialog, ORTHO_PENA)  # a good choice: the engine has no alternatives left to offer
    qtbot.waitUntil(lambda: "Lucía Peña, MD (Orthopaedic Surgery Physician) is of the same"
                    in ui.determination_view.toPlainText(), timeout=3000)
    assert "e.g. Armen" not in ui.determination_view.toPlainText()
    type_into(ui.provider_search_edit, "stockton")
    qtbot.waitUntil(lambda: ORTHO_OON_CERTIFIED not in match_npis(dialog))  # Okafor is in Sacramento
    rows = matches(dialog)
    assert [row["Name"] for row in rows[:2]] == [SUGGESTED + "Armen Հակոբյան, MD", SUGGESTED + "Lucía Peña, MD"]
    assert ui.providers_view.currentIndex().row() == 1, "the chosen professional stays selected"


def test_the_columns_say_certified_languages_accepting_city_and_phone(qtbot, dialog):
    ui = dialog.ui
    to_the_professional_step(qtbot, dialog)
    model = ui.providers_view.model()
    titles = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    assert titles == ["Name", "Specialty", "Network", "Medi-Cal certified", "Languages", "Accepting new patients",
                      "City", "Phone"]
    untick(qtbot, ui.qualified_only_check)
    type_into(ui.provider_search_edit, "Peña")  # typed with its accent
    qtbot.waitUntil(lambda: match_npis(dialog) == [ORTHO_PENA])
    assert matches(dialog)[0] == {
        "NPI": ORTHO_PENA, "Name": SUGGESTED + "Lucía Peña, MD", "Specialty": "Orthopaedic Surgery",
        "Network": "In network", "Medi-Cal certified": "Yes", "Languages": "Spanish",
        "Accepting new patients": "No", "City": "Stockton", "Phone": "209-555-0100"}
    ui.provider_search_edit.selectAll()
    type_into(ui.provider_search_edit, "lund")
    qtbot.waitUntil(lambda: match_npis(dialog) == [ORTHO_OON_UNCERTIFIED])
    row = matches(dialog)[0]
    assert (row["Medi-Cal certified"], row["Accepting new patients"], row["Languages"]) == ("No", "Yes", "English")
    tip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Out of network") and "In no plan's network" in tip


def test_choosing_from_the_keyboard(qtbot, dialog):
    ui = dialog.ui
    to_the_professional_step(qtbot, dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ui.provider_search_edit)

    def press(key):
        qtbot.keyClick(QApplication.focusWidget(), key)

    type_into(ui.provider_search_edit, "surgery")
    qtbot.waitUntil(lambda: match_npis(dialog) == [ORTHO_HAKOBYAN, ORTHO_PENA])
    press(Qt.Key.Key_Down)  # from the search box into the matches: the first row is chosen
    assert QApplication.focusWidget() is ui.providers_view
    assert ui.chosen_npi_edit.text() == ORTHO_HAKOBYAN
    press(Qt.Key.Key_Down)  # moving the selection chooses
    assert ui.chosen_npi_edit.text() == ORTHO_PENA
    ui.chosen_npi_edit.clear()  # as if the clerk had cleared it: Space chooses the row again
    press(Qt.Key.Key_Space)
    assert ui.chosen_npi_edit.text() == ORTHO_PENA
    press(Qt.Key.Key_Enter)
    assert ui.pages.currentWidget() is ui.professional_page and ui.chosen_npi_edit.text() == ORTHO_PENA
    press(Qt.Key.Key_Up)
    press(Qt.Key.Key_Up)  # above the first row: back in the search box
    assert QApplication.focusWidget() is ui.provider_search_edit
    assert ui.chosen_npi_edit.text() == ORTHO_HAKOBYAN

    # Tab order: search, the filter, the matches, the chosen NPI; Space on the filter unticks it.
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ui.qualified_only_check
    press(Qt.Key.Key_Space)
    assert not ui.qualified_only_check.isChecked()
    qtbot.waitUntil(lambda: len(match_npis(dialog)) > 2)
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ui.providers_view
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ui.chosen_npi_edit


def test_before_a_plan_is_chosen_the_whole_directory_is_listed_and_the_filter_waits(qtbot, dialog):
    ui = dialog.ui
    for _ in range(3):
        next_page(qtbot, dialog)
    assert not ui.qualified_only_check.isEnabled()
    assert len(match_npis(dialog)) == 10
    assert {row["Network"] for row in matches(dialog)} == {"Choose a plan"}
    assert "Choose the member's plan (step 1)" in ui.providers_count_label.text()


def test_the_chooser_is_named_for_screen_readers(dialog):
    ui = dialog.ui
    assert ui.qualified_only_check.accessibleName() == "Only qualified in-network professionals"
    assert ui.providers_label.buddy() is ui.providers_view
    assert ui.providers_view.accessibleName() == ui.providers_label.text().replace("&", "").rstrip(":")
    assert ui.provider_search_label.buddy() is ui.provider_search_edit
    assert ui.provider_search_edit.accessibleName() == "Search directory"
