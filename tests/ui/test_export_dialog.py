"""The export dialog on a real database: typed and clicked through its widgets, the progress bar driven by the
service, what was written and recorded checked on disk and in the database."""

import json

import pytest
from PySide6.QtCore import Qt

from app.rules.profiles import default_profiles
from app.storage.db import open_db
from app.ui.export_dialog import ExportDialog
from app.ui.worklist_model import CASE_ID_ROLE
from app.services.desk import Desk
from tests.support.exports import exporting_desk, fake_pdf, store_unchecked, submit_three

PLANS = [(plan_id, profile.name) for plan_id, profile in default_profiles().items()]


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "desk.sqlite3"
    cases, _ = exporting_desk(path)
    submit_three(cases)
    return path


def make_dialog(qtbot, db_path, folder):
    def service_for(with_pdfs):  # opened on the worker's thread, as the desk does
        return exporting_desk(db_path, pdf_for=fake_pdf if with_pdfs else None, practice=False)[1]

    dialog = ExportDialog(service_for, PLANS, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.plan_combo.setCurrentIndex(dialog.ui.plan_combo.findData("caloptima-medi-cal"))
    return dialog


def batches(db_path):
    return [row[0] for row in open_db(db_path).execute("SELECT id FROM export_batches")]


def test_export_fills_the_progress_bar_and_reports_the_batch(qtbot, db_path, tmp_path):
    dialog = make_dialog(qtbot, db_path, tmp_path)
    seen = []
    dialog.ui.progress_bar.valueChanged.connect(seen.append)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=10_000)
    assert dialog.ui.status_label.text().startswith("Batch 1: 2 request(s) written to ")
    assert dialog.ui.progress_bar.value() == dialog.ui.progress_bar.maximum() == 2
    assert 1 in seen  # moved request by request
    folder = tmp_path / "sodesk-caloptima-medi-cal-batch-000001"
    assert json.loads((folder / "manifest.json").read_text())["count"] == 2
    assert (folder / "letters" / "1-referral.pdf").exists()
    assert batches(db_path) == [1]
    # Nothing left to send: said in the dialog, nothing written.
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=10_000)
    assert "nothing to export for caloptima-medi-cal" in dialog.ui.status_label.text()
    assert batches(db_path) == [1]


def test_icd10_guideline_I_B_2_the_dialog_says_which_requests_were_held_back_and_why(qtbot, db_path, tmp_path):
    cases, _ = exporting_desk(db_path)
    held = store_unchecked(cases, diagnoses=["I25"], member={"member_id": "TST000009"})
    reason = (f"request #{held}: diagnoses[0]: I25 is a category, not a billable code (ICD-10-CM Official "
              "Guidelines I.B.2): choose one of I25.10, I25.110, I25.111, I25.112, I25.118, I25.119, ... (56 codes; "
              f"search the code list by words); to send it, withdraw request #{held} and enter it again with "
              "billable codes")
    dialog = make_dialog(qtbot, db_path, tmp_path)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=10_000)
    assert dialog.ui.status_label.text().endswith(f"\n1 request(s) held back, not in the batch:\n  - {reason}")
    assert dialog.result.request_ids == [1, 2]
    folder = tmp_path / "sodesk-caloptima-medi-cal-batch-000001"
    assert "I25" not in (folder / "submissions.csv").read_text(encoding="utf-8")
    # Only the held-back request waits now: nothing to export, and the dialog says why.
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=10_000)
    assert dialog.ui.status_label.text() == (
        f"nothing to export for caloptima-medi-cal: every request waiting is held back: {reason}")
    assert batches(db_path) == [1]


def test_encrypted_zip_needs_the_same_passphrase_twice(qtbot, db_path, tmp_path):
    dialog = make_dialog(qtbot, db_path, tmp_path)
    qtbot.mouseClick(dialog.ui.encrypt_check, Qt.MouseButton.LeftButton)
    assert dialog.ui.zip_check.isChecked() and not dialog.ui.zip_check.isEnabled()
    qtbot.keyClicks(dialog.ui.passphrase_edit, "synthetic passphrase")
    qtbot.keyClicks(dialog.ui.confirm_edit, "synthetic passphrasf")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.ui.status_label.text() == "Passphrase again: the two passphrases differ"
    assert not dialog.exporting and batches(db_path) == []
    dialog.ui.confirm_edit.clear()
    qtbot.keyClicks(dialog.ui.confirm_edit, "synthetic passphrase")
    qtbot.mouseClick(dialog.ui.letters_check, Qt.MouseButton.LeftButton)  # without letters
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=10_000)
    assert dialog.result is not None and dialog.result.path.suffix == ".zip"
    import pyzipper

    with pyzipper.AESZipFile(dialog.result.path) as archive:
        archive.setpassword(b"synthetic passphrase")
        assert not any(name.startswith("letters/") for name in archive.namelist())
        assert b"Testcase" in archive.read("submissions.csv")


def test_ctrl_e_exports_from_the_desk_and_the_request_shows_when_it_was_sent(qtbot, tmp_path):
    from app.rules.plan_names import plan_names
    from app.ui.main import MainWindow

    db_path = tmp_path / "desk.sqlite3"
    cases, _exports = exporting_desk(db_path, pdf_for=fake_pdf)
    first, _, _ = submit_three(cases)
    window = MainWindow(Desk(db_path), plan_names())  # the export runs on a worker thread: the desk's own store
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.ui.worklist_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.export_dialog
    assert dialog.isVisible()
    dialog.ui.plan_combo.setCurrentIndex(dialog.ui.plan_combo.findData("caloptima-medi-cal"))
    dialog.ui.out_edit.setText(str(tmp_path / "batch-1"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    assert sorted(p.name for p in (tmp_path / "batch-1" / "letters").iterdir()) == [
        f"{first}-referral.pdf", f"{first + 1}-referral.pdf"]
    dialog.close()
    row = next(r for r in range(window.model.rowCount()) if window.model.index(r, 0).data(CASE_ID_ROLE) == first)
    window.open_request(window.model.index(row, 0))
    assert f"Sent to the plan: batch {dialog.result.batch_id} line 1" in window.detail.ui.clocks_label.text()
    window.detail.close()
