"""Tools > Member roster on a real database, driven through its widgets: import an 834 or a roster CSV behind a
progress bar, read the report, see the imports listed. Every member here is invented."""

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from app.devtools.synthetic import members_834, synthetic_members, write_members_834, write_members_csv
from app.services.desk import Desk
from app.ui.roster_dialog import RosterDialog

CALOPTIMA = "caloptima-medi-cal"
PARTNERSHIP = "partnership-medi-cal"


@pytest.fixture
def desk(tmp_path):
    return Desk(tmp_path / "desk.sqlite3")


@pytest.fixture
def dialog(qtbot, desk):
    shown = RosterDialog(desk.members)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    if shown.report_box is not None:
        shown.report_box.close()


def _import(dialog, qtbot, dialogs_seen, path, plan=None):
    """The clerk picks the plan (for an 834), clicks Import and chooses `path`; returns the report box."""
    from app.ui import dialogs

    combo = dialog.ui.plan_combo
    combo.setCurrentIndex(combo.findData(plan))
    dialogs_seen.answers.update({"open_file": path, "inform": dialogs.SHOW, "warn": dialogs.SHOW})
    seen = []
    dialog.ui.import_button.clicked.connect(lambda: seen.append(dialog.progress))
    qtbot.mouseClick(dialog.ui.import_button, Qt.MouseButton.LeftButton)
    assert seen and seen[0] is not None and seen[0].windowTitle() == "Importing the member roster"
    assert not dialog.ui.import_button.isEnabled()  # one import at a time
    qtbot.waitUntil(lambda: not dialog.importing and dialog.report_box is not None, timeout=20000)
    box = dialog.report_box
    dialog.report_box = None
    return box


def _loads(dialog):
    table = dialog.ui.loads_table
    return [[table.item(row, column).text() for column in range(1, table.columnCount())]
            for row in range(table.rowCount())]


def test_an_empty_roster_says_what_that_means(dialog):
    assert dialog.windowTitle() == "Member roster"
    assert "The roster is empty." in dialog.ui.summary_label.text()
    assert "coverage is not checked" in dialog.ui.summary_label.text()
    assert dialog.ui.loads_table.rowCount() == 0
    assert dialog.ui.plan_combo.itemText(0) == "The plan the file names (its payer)"
    assert dialog.ui.plan_combo.count() == 8  # the payer's own name, then the seven plans


def test_a_roster_csv_with_a_bad_row_loads_the_good_rows_and_names_the_bad_one(dialog, desk, qtbot,
                                                                             dialogs_seen, tmp_path):
    path = write_members_csv(tmp_path / "december.csv", synthetic_members(5, seed=3, plans=(CALOPTIMA,)))
    rows = list(csv.reader(path.open(encoding="utf-8")))
    plan_column = rows[0].index("plan")
    rows[3][plan_column] = "acme-medi-cal"  # line 4: a plan the desk does not know
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)

    box = _import(dialog, qtbot, dialogs_seen, path)

    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text().startswith("Import finished: 4 inserted, 0 updated, 0 unchanged, 1 skipped.")
    assert box.informativeText().startswith(f"line 4, column {plan_column + 1} (plan): ")
    assert "acme-medi-cal" in box.informativeText() and "Traceback" not in box.detailedText()
    assert desk.members.count() == 4
    assert "<b>4 members</b> on the roster, of CalOptima Health Medi-Cal." in dialog.ui.summary_label.text()
    assert _loads(dialog) == [["CalOptima Health Medi-Cal", "december.csv", "", "4"]]
    assert dialog.ui.import_button.isEnabled() and dialog.progress is None
    box.close()

    box = _import(dialog, qtbot, dialogs_seen, path)  # next month's file, unchanged
    assert box.text().startswith("Import finished: 0 inserted, 0 updated, 4 unchanged, 1 skipped.")
    assert len(_loads(dialog)) == 2


def test_an_834_from_the_plan_chosen_loads_and_a_damaged_transaction_set_is_named(dialog, desk, qtbot,
                                                                                 dialogs_seen, tmp_path):
    good = list(synthetic_members(3, seed=4, plans=(PARTNERSHIP,)))
    damaged = [member.model_copy(update={"member_id": f"PX{index:08d}"})
               for index, member in enumerate(synthetic_members(2, seed=5, plans=(PARTNERSHIP,)))]
    path = write_members_834(tmp_path / "partnership-1201.834", [
        members_834(good, payer="SAMPLE PAYER", control="0001"),
        members_834(damaged, payer="SAMPLE PAYER", control="0002", segment_count_offset=1)])

    box = _import(dialog, qtbot, dialogs_seen, path, plan=PARTNERSHIP)

    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text().startswith("Import finished: 3 inserted, 0 updated, 0 unchanged")
    assert "(SE01" in box.informativeText() and "segment" in box.informativeText()
    assert sorted(member.member_id for member in desk.members.find("SM")) == [m.member_id for m in good]
    assert desk.members.find("PX") == []  # the damaged transaction set: none of it
    assert _loads(dialog) == [["Partnership HealthPlan of California Medi-Cal", "partnership-1201.834", "", "3"]]


def test_an_834_whose_payer_is_not_a_plan_changes_nothing_and_says_to_choose_the_plan(dialog, desk, qtbot,
                                                                                    dialogs_seen, tmp_path):
    path = write_members_834(tmp_path / "unknown.834", [members_834(list(synthetic_members(2, seed=6)),
                                                                    payer="NOWHERE HEALTH")])
    box = _import(dialog, qtbot, dialogs_seen, path)
    assert box.text() == "The file was not imported."
    assert "N1" in box.informativeText() and "plan" in box.informativeText()
    assert "Traceback" not in box.informativeText()
    assert desk.members.count() == 0 and dialog.ui.loads_table.rowCount() == 0


def test_cancelling_the_file_choice_does_nothing(dialog, qtbot, dialogs_seen):
    dialogs_seen.answers["open_file"] = None
    qtbot.mouseClick(dialog.ui.import_button, Qt.MouseButton.LeftButton)
    assert not dialog.importing and dialog.report_box is None


def test_labels_accessible_names_and_the_picture(dialog, desk, qtbot, tmp_path):
    ui = dialog.ui
    assert ui.plan_label.buddy() is ui.plan_combo and ui.loads_label.buddy() is ui.loads_table
    assert ui.plan_combo.accessibleName() and ui.loads_table.accessibleName() == "Roster imports"
    desk.members.repository.upsert_many(synthetic_members(40, seed=8), source="roster-2026-12.csv", who="clerk")
    dialog.refresh()
    dialog.resize(900, 480)
    path = tmp_path / "roster.png"
    assert dialog.grab().save(str(path))
    assert QImage(str(path)).width() >= 900
