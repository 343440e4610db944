"""The provider directory screen on a real database, driven through its widgets: search, plan, details, import."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from app.services.desk import Desk
from app.storage.db import open_db
from app.storage.providers import CSV_COLUMNS, ProviderRepository
from app.ui.directory_dialog import DirectoryDialog
from app.ui.directory_model import NAME, NETWORK
from tests.factories import ORTHO_PENA, cast

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "providers_small.csv"


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "desk.sqlite3"
    db = open_db(path)
    ProviderRepository(db).upsert_many(cast())
    db.close()
    return path


def _shown(qtbot, path):
    shown = DirectoryDialog(Desk(path).directory)
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.fixture
def dialog(qtbot, db_path):
    shown = _shown(qtbot, db_path)
    yield shown
    if shown.report_box is not None:
        shown.report_box.close()


@pytest.fixture
def empty(qtbot, tmp_path):
    """A new desk: the fixture CSV shares NPIs with the cast, so imports start from an empty directory."""
    shown = _shown(qtbot, tmp_path / "new.sqlite3")
    yield shown
    if shown.report_box is not None:
        shown.report_box.close()


def _names(dialog):
    model = dialog.ui.results_view.model()
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def _type_one_at_a_time(widget, text):
    for ch in text:  # qtbot.keyClicks aborts on non-ASCII text (FACTS.md)
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def _import(dialog, qtbot, monkeypatch, path):
    from app.ui import dialogs

    answers = {"open_file": path, "inform": dialogs.SHOW, "warn": dialogs.SHOW}  # the report box is read itself
    monkeypatch.setattr(dialogs, "_responder", lambda shown: answers.get(shown.kind))
    qtbot.mouseClick(dialog.ui.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.importing and dialog.report_box is not None, timeout=10000)
    return dialog.report_box


def test_the_directory_opens_on_every_provider_by_name(dialog):
    assert dialog.windowTitle() == "Provider directory"
    assert dialog.ui.count_label.text() == f"{len(cast())} providers"
    names = _names(dialog)
    assert names[:2] == ["Lori Chen, MD", "Jane Doe, MD"] and "Lucía Peña, MD" in names
    assert "Select a provider" in dialog.ui.details_browser.toPlainText()


def test_typing_searches_after_a_pause(dialog, qtbot):
    qtbot.keyClicks(dialog.ui.search_edit, "ortho")
    qtbot.waitUntil(lambda: dialog.ui.count_label.text() == "5 providers", timeout=2000)
    assert _names(dialog) == ["Erik Lund, MD", "Ike Okafor, MD", "Sam Ortiz, MD", "Lucía Peña, MD",
                              "Armen Հակոբյան, MD"]
    dialog.ui.search_edit.clear()
    qtbot.keyClicks(dialog.ui.search_edit, "sacramento")
    qtbot.waitUntil(lambda: _names(dialog) == ["Ike Okafor, MD"], timeout=2000)
    assert dialog.ui.count_label.text() == "1 provider"


def test_an_accented_name_typed_one_character_at_a_time(dialog, qtbot):
    _type_one_at_a_time(dialog.ui.search_edit, "peña")
    assert dialog.ui.search_edit.text() == "peña"
    qtbot.waitUntil(lambda: _names(dialog) == ["Lucía Peña, MD"], timeout=2000)
    dialog.ui.search_edit.clear()
    qtbot.keyClicks(dialog.ui.search_edit, "pena")  # the clerk without a ñ key finds her too
    qtbot.waitUntil(lambda: _names(dialog) == ["Lucía Peña, MD"], timeout=2000)


def test_nothing_found_says_so(dialog, qtbot):
    qtbot.keyClicks(dialog.ui.search_edit, "zzzz")
    qtbot.waitUntil(lambda: dialog.ui.count_label.text() == "No provider matches", timeout=2000)
    assert _names(dialog) == []


def test_the_plan_filter(dialog):
    combo = dialog.ui.plan_combo
    assert combo.count() == 8 and combo.itemText(0) == "All plans"
    combo.setCurrentIndex(combo.findData("healthnet-medi-cal"))
    names = _names(dialog)
    assert dialog.ui.count_label.text() == "7 providers"
    assert "Lucía Peña, MD" in names and "Ike Okafor, MD" not in names  # Okafor is out of every network
    assert all("Health Net" in dialog.model.index(row, NETWORK).data(Qt.ItemDataRole.ToolTipRole)
               for row in range(len(names)))
    dialog.ui.search_edit.setText("okafor")
    dialog.refresh()
    assert _names(dialog) == [] and dialog.ui.count_label.text() == "No provider matches"
    dialog.ui.search_edit.clear()
    combo.setCurrentIndex(0)
    assert len(_names(dialog)) == len(cast())


def test_clicking_a_row_shows_the_details(dialog, qtbot):
    view = dialog.ui.results_view
    row = dialog.model.row_of(ORTHO_PENA)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(dialog.model.index(row, 0)).center())
    details = dialog.ui.details_browser.toPlainText()
    for text in (ORTHO_PENA, "Lucía Peña", "MD", "Orthopaedic Surgery (207X00000X)", "Stockton, CA", "209-555-0100",
                 "Spanish", "Health Net Medi-Cal", "ipa-sunrise"):
        assert text in details
    assert "Accepting new patients" in details and "No" in details
    assert dialog.selected_provider().npi == ORTHO_PENA
    # a search that still lists her keeps her details; one that does not clears them
    qtbot.keyClicks(dialog.ui.search_edit, "pe")
    qtbot.waitUntil(lambda: len(_names(dialog)) == 1, timeout=2000)
    assert ORTHO_PENA in dialog.ui.details_browser.toPlainText()
    qtbot.keyClicks(dialog.ui.search_edit, "x")
    qtbot.waitUntil(lambda: _names(dialog) == [], timeout=2000)
    assert "Select a provider" in dialog.ui.details_browser.toPlainText()


def test_importing_the_sample_csv_reports_and_refreshes(empty, qtbot, monkeypatch):
    dialog = empty
    assert dialog.ui.count_label.text() == "The directory is empty: import a CSV file"
    box = _import(dialog, qtbot, monkeypatch, FIXTURE)
    assert box.text() == "Import finished: 12 inserted, 0 updated, 0 unchanged, 0 skipped."
    assert box.icon() == QMessageBox.Icon.Information
    assert dialog.ui.count_label.text() == "12 providers"
    assert "Sunrise Community Clinic (Sample)" in _names(dialog)
    assert dialog.ui.import_button.isEnabled() and dialog.progress is None
    box.close()
    box = _import(dialog, qtbot, monkeypatch, FIXTURE)  # the same file again changes nothing
    assert box.text() == "Import finished: 0 inserted, 0 updated, 12 unchanged, 0 skipped."


def test_a_bad_row_is_skipped_and_named_by_line_and_column(empty, qtbot, monkeypatch, tmp_path):
    dialog = empty
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    bad = lines[2].replace("1000000020", "1000000021", 1)  # a wrong NPI check digit on line 3
    csv = tmp_path / "one_bad_row.csv"
    csv.write_text("\n".join([lines[0], lines[1], bad, lines[3]]) + "\n", encoding="utf-8")
    box = _import(dialog, qtbot, monkeypatch, csv)
    assert box.text() == "Import finished: 2 inserted, 0 updated, 0 unchanged, 1 skipped."
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.informativeText().startswith("line 3, column 1 (npi): ")
    assert "Traceback" not in box.informativeText() + box.detailedText()
    assert dialog.ui.count_label.text() == "2 providers"


def test_a_file_that_is_not_utf8_is_explained_without_a_traceback(dialog, qtbot, monkeypatch, tmp_path):
    csv = tmp_path / "latin1.csv"
    row = "1000000012,Peña,Ana,,MD,207Q00000X,Family Medicine,,Santa Ana,CA,92701,,,Spanish,,,true,true"
    csv.write_bytes((",".join(CSV_COLUMNS) + "\n" + row + "\n").encode("latin-1"))
    box = _import(dialog, qtbot, monkeypatch, csv)
    assert box.text() == "The file was not imported."
    assert "line 2: the file is not UTF-8 text" in box.informativeText()
    assert "CSV UTF-8" in box.informativeText() and "Traceback" not in box.informativeText()
    assert dialog.ui.count_label.text() == f"{len(cast())} providers"


def test_cancelling_the_file_choice_does_nothing(dialog, qtbot, dialogs_seen):
    dialogs_seen.answers["open_file"] = None
    qtbot.mouseClick(dialog.ui.import_button, Qt.MouseButton.LeftButton)
    assert not dialog.importing and dialog.report_box is None


def test_labels_accessible_names_and_tab_order(dialog):
    ui = dialog.ui
    for label, widget in ((ui.search_label, ui.search_edit), (ui.plan_label, ui.plan_combo),
                          (ui.results_label, ui.results_view), (ui.details_label, ui.details_browser)):
        assert label.buddy() is widget
        assert widget.accessibleName() == label.text().replace("&", "").rstrip(":")
    assert ui.search_edit.placeholderText() == "Name, specialty, city, taxonomy or NPI"
    assert ui.import_button.text().replace("&", "") == "Import CSV…" and ui.close_button.text() == "Close"
    wanted = [ui.search_edit, ui.plan_combo, ui.results_view, ui.details_browser, ui.import_button, ui.close_button]
    chain, widget = [], ui.search_edit
    for _ in range(200):
        if widget in wanted and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == wanted


def test_enter_in_the_search_box_searches_and_does_not_close(dialog, qtbot):
    qtbot.keyClicks(dialog.ui.search_edit, "okafor")
    qtbot.keyClick(dialog.ui.search_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and _names(dialog) == ["Ike Okafor, MD"]


def test_close_button_closes(dialog, qtbot):
    qtbot.mouseClick(dialog.ui.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_the_screen_can_be_grabbed_as_a_picture(dialog, qtbot, tmp_path):
    dialog.resize(1280, 680)
    dialog.select_row(dialog.model.row_of(ORTHO_PENA))
    path = tmp_path / "directory.png"
    assert dialog.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() >= 1000 and image.height() >= 600
