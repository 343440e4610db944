"""The Letters tab and the day's batch, driven through the real widgets: what the clerk sees, what reaches the
printer (a PDF printer here), and what is stored with the request."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from app.domain.time import LOS_ANGELES
from app.services.cases import Outcome
from app.ui.letters_panel import LettersPanel
from app.ui.request_detail import RequestDetailDialog
from app.services.desk import Desk
from tests.factories import ORTHO_HAKOBYAN, make_request
from tests.support.desks import Clock, build_desk

RECEIVED = datetime(2026, 3, 2, 9, 30, tzinfo=LOS_ANGELES)


class PdfPrinters:
    """Stands in for the print dialog: each print goes to its own PDF file, read back by the test."""

    def __init__(self, folder):
        self.folder, self.files, self.titles = folder, [], []

    def __call__(self, parent, title):
        self.titles.append(title)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        path = self.folder / f"printed-{len(self.files) + 1}.pdf"
        printer.setOutputFileName(str(path))
        self.files.append(path)
        return printer


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def approved(tmp_path):
    db = tmp_path / "letters.sqlite3"
    service = build_desk(db, clock=Clock(RECEIVED)).cases
    case = service.submit(make_request(plan="hpsj-medi-cal", requested_provider_npi=ORTHO_HAKOBYAN,
                                       member={"last_name": "Nguyễn", "first_name": "Thảo", "language": "Spanish"})).case
    if case.status.value != "ready_to_schedule":
        case = service.decide(case.id, Outcome.approved, authorization_number="AUTH-1")
    return db, service, case


def test_the_letters_tab_lists_what_the_request_needs_and_a_print_is_stored_with_its_sha256(
        qtbot, tmp_path, approved):
    db, service, case = approved
    letters = Desk(db).letters
    printers = PdfPrinters(tmp_path)
    panel = LettersPanel(letters, case.id, choose_printer=printers)
    qtbot.addWidget(panel)
    panel.show()
    table = panel.ui.letters_table
    shown = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert shown == ["Referral and authorization", "Approval notice"]
    assert table.item(0, 3).text() == "not yet"
    table.selectRow(0)
    qtbot.mouseClick(panel.ui.print_button, Qt.MouseButton.LeftButton)
    assert panel.ui.error_label.text() == ""
    records = letters.prints(case.id)
    assert [(r.kind, r.language) for r in records] == [("referral", "en")]
    stored = letters.folder / records[0].file_path
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == records[0].sha256
    assert "Nguyễn" in text_of(stored) and "Thảo" in text_of(stored)
    # the printer got every page of the stored letter (as page images: what paper shows)
    assert len(PdfReader(printers.files[0]).pages) == len(PdfReader(stored).pages) >= 1
    assert panel.ui.printed_table.rowCount() == 1
    assert panel.ui.printed_table.item(0, 4).text() == records[0].sha256[:12] + "…"
    assert "not yet" not in table.item(0, 3).text()


def test_a_cancelled_print_dialog_prints_and_records_nothing(qtbot, approved):
    db, _service, case = approved
    letters = Desk(db).letters
    panel = LettersPanel(letters, case.id, choose_printer=lambda parent, title: None)
    qtbot.addWidget(panel)
    qtbot.mouseClick(panel.ui.print_button, Qt.MouseButton.LeftButton)
    assert letters.prints(case.id) == []


def test_the_member_notice_goes_out_in_the_chosen_language_and_saves_as_the_rendered_pdf(qtbot, tmp_path, approved,
                                                                                          dialogs_seen):
    db, _service, case = approved
    letters = Desk(db).letters
    target = tmp_path / "saved.pdf"
    dialogs_seen.answers["Save the letter as PDF"] = target
    panel = LettersPanel(letters, case.id)
    qtbot.addWidget(panel)
    panel.ui.letters_table.selectRow(1)  # the approval notice
    spanish = panel.ui.language_combo.findData("es")
    panel.ui.language_combo.setCurrentIndex(spanish)
    qtbot.mouseClick(panel.ui.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == letters.render(case.id, "member_approval", "es")
    assert "segunda opinión" in text_of(target).lower()


def test_reprint_prints_the_stored_file(qtbot, tmp_path, approved):
    db, _service, case = approved
    letters = Desk(db).letters
    printers = PdfPrinters(tmp_path)
    panel = LettersPanel(letters, case.id, choose_printer=printers)
    qtbot.addWidget(panel)
    qtbot.mouseClick(panel.ui.print_button, Qt.MouseButton.LeftButton)
    assert not panel.ui.reprint_button.isEnabled()
    panel.ui.printed_table.selectRow(0)
    assert panel.ui.reprint_button.isEnabled()
    qtbot.mouseClick(panel.ui.reprint_button, Qt.MouseButton.LeftButton)
    assert len(printers.files) == 2
    assert len(PdfReader(printers.files[1]).pages) == len(PdfReader(printers.files[0]).pages)
    assert len(letters.prints(case.id)) == 1  # a reprint is the same stored letter


def test_a_stored_letter_changed_on_disk_is_refused_with_a_reason(qtbot, tmp_path, approved):
    db, _service, case = approved
    letters = Desk(db).letters
    printers = PdfPrinters(tmp_path)
    panel = LettersPanel(letters, case.id, choose_printer=printers)
    qtbot.addWidget(panel)
    qtbot.mouseClick(panel.ui.print_button, Qt.MouseButton.LeftButton)
    stored = letters.folder / letters.prints(case.id)[0].file_path
    stored.write_bytes(stored.read_bytes() + b"%tampered")
    panel.ui.printed_table.selectRow(0)
    qtbot.mouseClick(panel.ui.reprint_button, Qt.MouseButton.LeftButton)
    assert "SHA-256" in panel.ui.error_label.text()
    assert len(printers.files) == 2 and not printers.files[1].exists()


def test_the_request_detail_has_a_letters_tab_that_follows_each_recorded_step(qtbot, tmp_path):
    db = tmp_path / "detail.sqlite3"
    service = build_desk(db, clock=Clock(RECEIVED)).cases
    case = service.submit(make_request()).case  # CalOptima: pending authorization, no letter yet
    dialog = RequestDetailDialog(service, case.id, letters=Desk(db).letters)
    qtbot.addWidget(dialog)
    dialog.show_letters()
    panel = dialog.letters_panel
    assert dialog.ui.tabs.currentWidget() is panel
    assert panel.ui.letters_table.rowCount() == 0 and "none at this stage" in panel.ui.due_label.text()
    dialog.ui.tabs.setCurrentWidget(dialog.ui.record_tab)
    qtbot.keyClicks(dialog.ui.reason_edit, "Not medically necessary per the plan's criteria.")
    qtbot.mouseClick(dialog.ui.deny_button, Qt.MouseButton.LeftButton)
    assert [panel.ui.letters_table.item(r, 0).text() for r in range(panel.ui.letters_table.rowCount())] == [
        "Denial notice"]


def test_print_letters_due_today_prints_each_once_with_progress(qtbot, tmp_path, approved, monkeypatch,
                                                                 dialogs_seen):
    from app.rules.plan_names import plan_names
    from app.ui import printing
    from app.ui.main import MainWindow

    db, service, case = approved
    printers = PdfPrinters(tmp_path)
    monkeypatch.setattr(printing, "ask_for_printer", printers)
    window = MainWindow(Desk(db, cases=service), plan_names())
    qtbot.addWidget(window)
    window.show()
    window.ui.action_print_due.trigger()
    qtbot.waitUntil(lambda: window.printing_due is None, timeout=30_000)
    records = window.letters.prints(case.id)
    assert sorted(r.kind for r in records) == ["member_approval", "referral"]
    assert len(printers.files) == 1 and "Print 2 letters due today" in printers.titles[0]  # asked once
    assert "Printed 2 letters" in window.ui.statusbar.currentMessage()
    window.ui.action_print_due.trigger()  # nothing left
    told = [shown.text for shown in dialogs_seen.of("inform")]
    assert told and "No letter is due" in told[0]
    assert len(window.letters.prints(case.id)) == 2


def test_ctrl_p_opens_the_letters_of_the_request_under_the_cursor(qtbot, approved):
    from app.rules.plan_names import plan_names
    from app.ui.main import MainWindow

    db, service, case = approved
    window = MainWindow(Desk(db, cases=service), plan_names())
    qtbot.addWidget(window)
    window.show()
    view = window.ui.worklist_view
    with qtbot.waitActive(window):
        window.activateWindow()
    view.setFocus()
    view.setCurrentIndex(window.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.detail.ui.tabs.currentWidget() is window.detail.letters_panel
    window.detail.close()
