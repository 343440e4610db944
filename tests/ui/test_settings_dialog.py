"""The settings dialog on a real database: shows what is stored, stores what is typed, refuses bad input by label."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox

from app.domain.settings import Settings
from app.errors import InputProblem
from app.rules.profiles import default_profiles
from app.storage.db import open_db, open_memory_db
from app.storage.settings import SettingsRepository
from app.ui.settings_dialog import CALIFORNIA_COUNTIES, SettingsDialog

PLANS = [(plan_id, profile.name) for plan_id, profile in default_profiles().items()]


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "desk.sqlite3"


def stored(db_path: Path) -> Settings:
    return SettingsRepository(open_db(db_path)).load()


def make_dialog(qtbot, db_path):
    dialog = SettingsDialog(SettingsRepository(open_db(db_path)), db_path.parent, PLANS)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_text(widget, text: str) -> None:
    """Type any text, one character at a time (keyClicks with non-ASCII aborts the process: FACTS.md)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def click_ok(qtbot, dialog):
    qtbot.mouseClick(dialog.ui.button_box.button(dialog.ui.button_box.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_the_dialog_shows_the_stored_settings(qtbot, db_path):
    SettingsRepository(open_db(db_path)).update(
        practice_name="Valley Second Opinions", practice_address="100 Main St\nSuite 2\nStockton CA 95202",
        practice_phone="209-555-0100", practice_fax="209-555-0101", practice_logo="/srv/logo.png",
        default_plan="hpsj-medi-cal", default_county="San Joaquin", report_due_days=21, backup_keep=7)
    dialog = make_dialog(qtbot, db_path)
    ui = dialog.ui
    assert ui.practice_name_edit.text() == "Valley Second Opinions"
    assert ui.practice_address_edit.toPlainText() == "100 Main St\nSuite 2\nStockton CA 95202"
    assert (ui.practice_phone_edit.text(), ui.practice_fax_edit.text()) == ("209-555-0100", "209-555-0101")
    assert ui.practice_logo_edit.text() == "/srv/logo.png"
    assert ui.default_plan_combo.currentText() == "Health Plan of San Joaquin Medi-Cal"
    assert ui.default_county_combo.currentText() == "San Joaquin"
    assert (ui.report_due_days_spin.value(), ui.backup_keep_spin.value()) == (21, 7)
    assert ui.data_folder_edit.text() == str(db_path.parent) and ui.data_folder_edit.isReadOnly()
    assert ui.error_label.isHidden()


def test_defaults_on_a_new_database(qtbot, db_path):
    dialog = make_dialog(qtbot, db_path)
    ui = dialog.ui
    assert ui.default_plan_combo.currentText() == "None" and ui.default_plan_combo.count() == 1 + len(PLANS) == 8
    assert ui.default_county_combo.currentText() == "" and ui.default_county_combo.count() == 58
    assert len(set(CALIFORNIA_COUNTIES)) == 58
    assert (ui.report_due_days_spin.value(), ui.backup_keep_spin.value()) == (30, 14)
    assert ui.report_due_days_spin.text() == "30 days after the consult"


def test_typing_the_letterhead_and_ok_stores_it(qtbot, db_path):
    dialog = make_dialog(qtbot, db_path)
    ui = dialog.ui
    type_text(ui.practice_name_edit, "Clínica Ávila")
    qtbot.keyClicks(ui.practice_address_edit, "100 Main St")
    qtbot.keyClick(ui.practice_address_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(ui.practice_address_edit, "Stockton CA 95202")
    qtbot.keyClicks(ui.practice_phone_edit, "(209) 555-0100")
    qtbot.keyClicks(ui.practice_fax_edit, "209.555.0101")
    ui.default_plan_combo.setCurrentIndex(ui.default_plan_combo.findData("hpsj-medi-cal"))
    qtbot.keyClicks(ui.default_county_combo, "san joaquin")  # matched to the county's own spelling
    click_ok(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted and not dialog.isVisible()
    again = stored(db_path)
    assert again.practice_name == "Clínica Ávila"
    assert again.practice_address == "100 Main St\nStockton CA 95202"
    assert (again.practice_phone, again.practice_fax) == ("(209) 555-0100", "209.555.0101")
    assert (again.default_plan, again.default_county) == ("hpsj-medi-cal", "San Joaquin")
    assert dialog.settings == again


def test_a_bad_phone_keeps_the_dialog_open_and_stores_nothing(qtbot, db_path):
    dialog = make_dialog(qtbot, db_path)
    ui = dialog.ui
    qtbot.keyClicks(ui.practice_name_edit, "Valley Clinic")
    qtbot.keyClicks(ui.practice_phone_edit, "555-0100")
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != SettingsDialog.DialogCode.Accepted
    assert ui.error_label.isVisible()
    assert ui.error_label.text() == "Phone: a phone number has 10 digits, e.g. 209-555-0100"
    assert dialog.focusWidget() is ui.practice_phone_edit
    assert stored(db_path) == Settings()  # not even the good practice name
    ui.practice_phone_edit.setText("209-555-0100")  # corrected: OK now stores both and closes
    click_ok(qtbot, dialog)
    assert not dialog.isVisible() and ui.error_label.isHidden()
    assert (stored(db_path).practice_name, stored(db_path).practice_phone) == ("Valley Clinic", "209-555-0100")


def test_several_problems_are_each_named_by_label_and_the_first_is_focused(qtbot, db_path):
    dialog = make_dialog(qtbot, db_path)
    ui = dialog.ui
    qtbot.keyClicks(ui.practice_fax_edit, "555")
    qtbot.keyClicks(ui.practice_logo_edit, "/srv/letterhead.pdf")
    click_ok(qtbot, dialog)
    assert ui.error_label.text().splitlines() == [
        "Fax: a phone number has 10 digits, e.g. 209-555-0100",
        "Logo: the logo is a picture file ending in .png, .jpg or .jpeg",
    ]
    assert dialog.focusWidget() is ui.practice_fax_edit and dialog.isVisible()
    assert stored(db_path) == Settings()


def test_the_spin_boxes_set_report_due_days_and_backups_kept(qtbot, db_path):
    dialog = make_dialog(qtbot, db_path)
    ui = dialog.ui
    ui.report_due_days_spin.setFocus()
    qtbot.keyClick(ui.report_due_days_spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(ui.report_due_days_spin, "10")
    ui.backup_keep_spin.setFocus()
    for _ in range(6):
        qtbot.keyClick(ui.backup_keep_spin, Qt.Key.Key_Up)
    assert ui.report_due_days_spin.text() == "10 days after the consult"
    click_ok(qtbot, dialog)
    again = stored(db_path)
    assert (again.report_due_days, again.backup_keep) == (10, 20)
    assert (ui.report_due_days_spin.minimum(), ui.report_due_days_spin.maximum()) == (1, 365)
    assert (ui.backup_keep_spin.minimum(), ui.backup_keep_spin.maximum()) == (1, 365)


def test_the_idle_lock_and_the_lockout_are_set_here(qtbot, db_path):
    dialog = make_dialog(qtbot, db_path)
    ui = dialog.ui
    assert (ui.idle_lock_spin.value(), ui.lockout_spin.value()) == (10, 15)  # the defaults, shown
    ui.idle_lock_spin.setFocus()
    qtbot.keyClick(ui.idle_lock_spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(ui.idle_lock_spin, "5")
    ui.lockout_spin.setFocus()
    qtbot.keyClick(ui.lockout_spin, Qt.Key.Key_Up)
    click_ok(qtbot, dialog)
    again = stored(db_path)
    assert (again.idle_lock_minutes, again.lockout_minutes) == (5, 16)


def test_cancel_stores_nothing(qtbot, db_path):
    dialog = make_dialog(qtbot, db_path)
    qtbot.keyClicks(dialog.ui.practice_name_edit, "Not saved")
    qtbot.mouseClick(dialog.ui.button_box.button(dialog.ui.button_box.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and stored(db_path).practice_name is None


def test_choose_picks_the_logo(qtbot, db_path, dialogs_seen):
    dialog = make_dialog(qtbot, db_path)
    dialogs_seen.answers["open_file"] = "/srv/pictures/logo.JPG"
    qtbot.mouseClick(dialog.ui.choose_logo_button, Qt.MouseButton.LeftButton)
    assert dialog.ui.practice_logo_edit.text() == "/srv/pictures/logo.JPG"
    dialogs_seen.answers["open_file"] = None  # cancelled: the path stays
    qtbot.mouseClick(dialog.ui.choose_logo_button, Qt.MouseButton.LeftButton)
    assert dialog.ui.practice_logo_edit.text() == "/srv/pictures/logo.JPG"
    click_ok(qtbot, dialog)
    assert stored(db_path).practice_logo == "/srv/pictures/logo.JPG"


def test_open_folder_opens_the_data_folder(qtbot, db_path, monkeypatch):
    dialog = make_dialog(qtbot, db_path)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    qtbot.mouseClick(dialog.ui.open_folder_button, Qt.MouseButton.LeftButton)
    assert [Path(path) for path in opened] == [db_path.parent]
    assert dialog.ui.error_label.isHidden()
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    assert dialog.open_folder() is False
    assert dialog.ui.error_label.text() == f"Could not open the data folder {db_path.parent}."


def test_every_input_has_a_label_and_an_accessible_name(qtbot, db_path):
    dialog = make_dialog(qtbot, db_path)
    inputs = [w for kind in (QLineEdit, QPlainTextEdit, QComboBox, QSpinBox) for w in dialog.findChildren(kind)
              if w.objectName() and not w.objectName().startswith("qt_")]  # skip the combo's and spin's inner edits
    assert len(inputs) == 15
    buddies = {label.buddy(): label for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    for widget in inputs:
        label = buddies[widget]
        assert widget.accessibleName() == label.text().replace("&", "").rstrip(":"), widget.objectName()
    for button in (dialog.ui.choose_logo_button, dialog.ui.open_folder_button):
        assert button.accessibleName()


def test_the_dialog_fits_its_text(qtbot, db_path):
    dialog = make_dialog(qtbot, db_path)
    dialog.resize(dialog.sizeHint())
    spin = dialog.ui.report_due_days_spin
    assert spin.width() >= spin.fontMetrics().horizontalAdvance("365 days after the consult")
    label = dialog.ui.report_due_days_label
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text().replace("&", ""))
    dialog.grab().save("/tmp/settings.png")


@pytest.mark.parametrize("field, value, ok", [
    ("practice_phone", "209 555 0100", True), ("practice_phone", "1-209-555-0100 x12", True),
    ("practice_phone", "555-0100", False), ("practice_fax", "", True), ("practice_logo", "logo.jpeg", True),
    ("practice_logo", "logo.gif", False), ("practice_logo", "  ", True),
])
def test_the_letterhead_fields_validate_lightly(field, value, ok):
    # The model's own rules, checked through the repository the dialog uses.
    repository = SettingsRepository(open_memory_db())
    if ok:
        repository.update(**{field: value})
    else:
        with pytest.raises(InputProblem, match=f"^{field}: "):
            repository.update(**{field: value})


def test_the_practice_npi_tin_and_place_of_service_are_typed_checked_and_stored(qtbot, db_path):
    """Issue 17: what a plan's system knows the sending practice by, and where its consultations are given."""
    dialog = make_dialog(qtbot, db_path)
    ui = dialog.ui
    assert ui.place_of_service_combo.currentText() == "11 Office"  # the default
    qtbot.keyClicks(ui.practice_npi_edit, "1234567890")  # a wrong check digit
    qtbot.keyClicks(ui.practice_tin_edit, "12-34567")
    click_ok(qtbot, dialog)
    lines = ui.error_label.text().splitlines()
    assert lines[0].startswith("Practice NPI: ") and "check digit" in lines[0]
    assert lines[1] == "Tax ID (TIN): a TIN (the practice's federal tax ID, EIN) is 9 digits, e.g. 12-3456789"
    assert dialog.focusWidget() is ui.practice_npi_edit and stored(db_path) == Settings()
    ui.practice_npi_edit.setText("1234567893")
    ui.practice_tin_edit.setText("123456789")
    ui.place_of_service_combo.setCurrentIndex(ui.place_of_service_combo.findData("02"))
    click_ok(qtbot, dialog)
    again = stored(db_path)
    assert (again.practice_npi, again.practice_tin, again.place_of_service) == ("1234567893", "12-3456789", "02")
    shown = make_dialog(qtbot, db_path)
    assert shown.ui.place_of_service_combo.currentText() == "02 Telehealth provided other than in patient's home"
    assert shown.ui.practice_tin_edit.text() == "12-3456789"
