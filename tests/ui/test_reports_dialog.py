"""The Reports screen through its real widgets, on the seeded case file of the reports' tests
(tests/support/reports.py)."""

import csv
from pathlib import Path

import pytest
from PySide6.QtCharts import QStackedBarSeries
from PySide6.QtCore import Qt

from app.codes.taxonomy import default_taxonomy
from app.services.reports import ReportService
from app.ui.reports_dialog import ReportsDialog, ReportTableModel
from app.services.desk import Desk
from tests.support.reports import REPORTED_AT as NOW
from tests.support.reports import build_seeded

CO, HN = "caloptima-medi-cal", "healthnet-medi-cal"


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("reports-ui") / "seeded.sqlite3"
    build_seeded(path)
    return path


class Chooser:
    """Answers the save dialog (app.ui.dialogs' seam) with a path and remembers what it was asked."""

    def __init__(self, answer):
        self.answer, self.asked = answer, []

    def __call__(self, shown):
        self.asked.append((shown.title, Path(shown.text).name, shown.name_filter))
        return str(self.answer) if self.answer else None


@pytest.fixture
def make_dialog(qtbot, seeded_db, monkeypatch):
    from app.ui import dialogs

    def make(chooser=None):
        service = ReportService(seeded_db, clock=lambda: NOW, report_due_days=30,
                                specialty_name=default_taxonomy().name)
        monkeypatch.setattr(dialogs, "_responder", chooser or Chooser(None))
        dialog = ReportsDialog(service)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def shown(view):
    model = view.model()
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def choose(qtbot, combo, data):
    """Pick an entry as a clerk does: focus the combo and press Down until it is current."""
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def test_opens_on_the_timeliness_report_with_its_chart(make_dialog):
    dialog = make_dialog()
    assert dialog.ui.kind_combo.currentText() == "Decisions within the clock"
    rows = shown(dialog.ui.summary_view)
    assert rows[0] == ["2025-03", CO, "urgent", "2", "1", "1", "50.0", "0"]
    assert rows[-1] == ["Total", "", "", "8", "5", "3", "62.5", "1"]
    assert [row[0] for row in shown(dialog.ui.listing_view)] == ["3", "4", "6", "8"]
    assert dialog.ui.listing_label.text().endswith(": 4")
    (series,) = dialog.chart.series()
    assert isinstance(series, QStackedBarSeries)
    assert [(bar.label(), [bar.at(i) for i in range(bar.count())]) for bar in series.barSets()] == [
        ("On time", [3.0, 2.0]), ("Late", [2.0, 1.0]), ("Past due, undecided", [0.0, 1.0])]
    assert dialog.chart.axes(Qt.Orientation.Horizontal)[0].categories() == ["2025-03", "2025-04"]


def test_picking_another_report_and_plan_redraws_table_and_chart(qtbot, make_dialog):
    dialog = make_dialog()
    choose(qtbot, dialog.ui.kind_combo, "time-to-consult")
    assert not dialog.ui.listing_host.isVisible()  # this report lists nothing
    assert shown(dialog.ui.summary_view)[-1] == ["Total", "", "6", "11.7", "11.0", "22"]
    choose(qtbot, dialog.ui.plan_combo, HN)
    assert shown(dialog.ui.summary_view) == [["2025-03", HN, "2", "16.5", "16.5", "22"],
                                             ["2025-04", HN, "1", "2.0", "2.0", "2"],
                                             ["Total", "", "3", "11.7", "11.0", "22"]]
    (series,) = dialog.chart.series()
    assert [bar.label() for bar in series.barSets()] == [HN]


def test_month_range_typed_and_shown(qtbot, make_dialog):
    dialog = make_dialog()
    choose(qtbot, dialog.ui.kind_combo, "outcomes")
    qtbot.keyClicks(dialog.ui.from_edit, "2025-04")
    qtbot.keyClicks(dialog.ui.to_edit, "2025-04")
    qtbot.mouseClick(dialog.ui.show_button, Qt.MouseButton.LeftButton)
    assert shown(dialog.ui.summary_view)[-1] == ["Total", "", "", "4", "2", "0", "0", "0", "0", "2"]
    assert "2025-04" in dialog.ui.status_label.text()


def test_a_bad_month_is_explained_and_the_last_report_stays(qtbot, make_dialog):
    dialog = make_dialog()
    before = shown(dialog.ui.summary_view)
    qtbot.keyClicks(dialog.ui.from_edit, "2025-13")
    qtbot.keyClick(dialog.ui.from_edit, Qt.Key.Key_Return)
    assert "--from: '2025-13' is not a month" in dialog.ui.status_label.text()
    assert shown(dialog.ui.summary_view) == before


def test_export_csv_writes_the_table_and_the_late_ones(qtbot, make_dialog, tmp_path):
    chooser = Chooser(tmp_path / "march")  # no suffix typed: .csv is added
    dialog = make_dialog(chooser)
    qtbot.mouseClick(dialog.ui.csv_button, Qt.MouseButton.LeftButton)
    assert chooser.asked == [("Export the report as CSV", "timeliness-all-months.csv", "CSV files (*.csv)")]
    with open(tmp_path / "march.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["month", "plan", "clock"] and rows[-1][0] == "Total" and len(rows) == 7
    assert (tmp_path / "march-late.csv").exists()
    assert str(tmp_path / "march.csv") in dialog.ui.status_label.text()


def test_save_pdf_and_cancel(qtbot, make_dialog, tmp_path):
    chooser = Chooser(tmp_path / "report.pdf")
    dialog = make_dialog(chooser)
    qtbot.mouseClick(dialog.ui.pdf_button, Qt.MouseButton.LeftButton)
    assert Path(tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")
    chooser.answer = None  # the clerk cancels: nothing written, nothing said
    status = dialog.ui.status_label.text()
    qtbot.mouseClick(dialog.ui.csv_button, Qt.MouseButton.LeftButton)
    assert dialog.ui.status_label.text() == status and list(tmp_path.glob("*.csv")) == []


def test_an_unwritable_file_is_said(qtbot, make_dialog, tmp_path):
    dialog = make_dialog(Chooser(tmp_path / "no-such-folder" / "r.csv"))
    qtbot.mouseClick(dialog.ui.csv_button, Qt.MouseButton.LeftButton)
    assert "cannot write" in dialog.ui.status_label.text()


def test_the_save_dialog_is_qt_s_own_by_default(qtbot, seeded_db, monkeypatch, tmp_path):
    asked = []

    def fake(parent, caption, start, name_filter, **_options):
        asked.append((caption, Path(start).name, name_filter))
        return str(tmp_path / "chosen.pdf"), name_filter

    monkeypatch.setattr("app.ui.dialogs.QFileDialog.getSaveFileName", fake)
    dialog = ReportsDialog(Desk(seeded_db).reports)  # as the desk opens it: ReportsDialog(desk.reports, parent)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.ui.pdf_button, Qt.MouseButton.LeftButton)
    assert asked == [("Save the report as PDF", "timeliness-all-months.pdf", "PDF files (*.pdf)")]
    assert (tmp_path / "chosen.pdf").exists()
    dialog.reject()


def test_table_model_headers_and_alignment():
    from app.reports.model import Column, Table

    model = ReportTableModel(Table("t", (Column("a", "A", "the a"), Column("n", "N", numeric=True)),
                                   [("x", 1), ("Total", 2.5)]))
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "A"
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "the a"
    assert model.index(1, 1).data() == "2.5"
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)


def test_ctrl_r_opens_the_reports_from_the_desk(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from app.rules.plan_names import plan_names
    from app.ui.main import MainWindow
    from tests.support.desks import build_desk

    window = MainWindow(build_desk(tmp_path / "desk.sqlite3"), plan_names())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.ui.worklist_view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.reports_dialog.isVisible()
    window.reports_dialog.close()
