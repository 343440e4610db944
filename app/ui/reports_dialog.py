"""The Reports screen: pick a report, a plan and a month range; see the chart, the table and the late ones; export
the report as CSV or save it as PDF. Everything goes through ReportService (the same as `sodesk report`).

The layout is forms/reports_dialog.ui (compiled into app/ui/forms/ui_reports_dialog.py); this class holds
behaviour only. The chart is QtCharts, drawn from the report's own chart data.

    dialog = ReportsDialog(desk.reports, parent)        # the desk's "Reports" menu action
    dialog.exec()

The save dialog is app.ui.dialogs' (the desk's one test seam).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QDialog, QHeaderView, QWidget

from app.errors import InputProblem
from app.reports.formats import cell_text
from app.reports.model import Chart, Report, Table
from app.ui import dialogs
from app.ui.forms.ui_reports_dialog import Ui_ReportsDialog
from app.ui.screen import fit_to_screen
from app.ui.theme import error_style

ALL_PLANS = ""
# Colour-blind-safe (Okabe-Ito), the same order as the PDF's chart.
PALETTE = ["#0072B2", "#D55E00", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#000000"]



class ReportTableModel(QAbstractTableModel):
    """A report table as Qt rows: labels as headers, figures right-aligned, column descriptions as tooltips."""

    def __init__(self, table: Table | None = None, parent=None) -> None:
        super().__init__(parent)
        self.table = table

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        column = self.table.columns[index.column()]
        row = self.table.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row[0] == "Total":
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole):
        if self.table is None or orientation != Qt.Orientation.Horizontal:
            return None
        column = self.table.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.description
        return None


def build_chart(data: Chart) -> QChart:
    """A bar chart (stacked when the parts add up, e.g. on time + late) of a report's chart data."""
    chart = QChart()
    chart.setTitle(data.title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    if not data.categories or not data.series:
        chart.setTitle(f"{data.title}: nothing in this period")
        return chart
    series = QStackedBarSeries() if data.stacked else QBarSeries()
    for index, (name, values) in enumerate(data.series):
        bar_set = QBarSet(name)
        bar_set.append([float(value) for value in values])
        bar_set.setColor(QColor(PALETTE[index % len(PALETTE)]))
        series.append(bar_set)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(list(data.categories))
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    values = QValueAxis()
    top = max((sum(column) if data.stacked else max(column))
              for column in zip(*[values for _, values in data.series]))
    values.setTitleText(data.value_label)
    if data.value_label == "requests":  # whole requests: ticks at whole numbers, at most about five
        step = max(1, math.ceil(top / 5))
        values.setLabelFormat("%d")
        values.setTickType(QValueAxis.TickType.TicksDynamic)
        values.setTickAnchor(0)
        values.setTickInterval(step)
        values.setRange(0, step * max(1, math.ceil(top / step)))
    else:
        values.setRange(0, max(1.0, float(top)))
        values.applyNiceNumbers()
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values)
    return chart


class ReportsDialog(QDialog):
    def __init__(self, service, parent: QWidget | None = None) -> None:
        """`service`: the desk's ReportService."""
        super().__init__(parent)
        self.ui = Ui_ReportsDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)  # the designed size, or less on a small or 200 %-scaled screen
        self.service = service
        self.report: Report | None = None  # what the clerk sees

        for kind, title in service.kinds():
            self.ui.kind_combo.addItem(title, kind)
        self.ui.plan_combo.addItem("All plans", ALL_PLANS)
        for plan_id, name in service.plans():
            self.ui.plan_combo.addItem(f"{name} ({plan_id})" if name and name != plan_id else plan_id, plan_id)

        self.summary_model = ReportTableModel(parent=self)
        self.listing_model = ReportTableModel(parent=self)
        self.ui.summary_view.setModel(self.summary_model)
        self.ui.listing_view.setModel(self.listing_model)
        for view in (self.ui.summary_view, self.ui.listing_view):
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.verticalHeader().setVisible(False)
        self.chart_view = QChartView(self.ui.chart_host)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setAccessibleName("Report chart")
        self.ui.chart_layout.addWidget(self.chart_view)

        self.ui.kind_combo.currentIndexChanged.connect(self.refresh)
        self.ui.plan_combo.currentIndexChanged.connect(self.refresh)
        self.ui.from_edit.returnPressed.connect(self.refresh)
        self.ui.to_edit.returnPressed.connect(self.refresh)
        self.ui.show_button.clicked.connect(self.refresh)
        self.ui.csv_button.clicked.connect(self.export_csv)
        self.ui.pdf_button.clicked.connect(self.save_pdf)
        self.ui.button_box.rejected.connect(self.reject)
        self.refresh()

    # --- what the clerk sees ---------------------------------------------------------------------------------

    @property
    def chart(self) -> QChart:
        return self.chart_view.chart()

    def refresh(self) -> None:
        try:
            report = self.service.report(self.ui.kind_combo.currentData(),
                                         plan=self.ui.plan_combo.currentData() or None,
                                         first=self.ui.from_edit.text().strip() or None,
                                         last=self.ui.to_edit.text().strip() or None)
        except InputProblem as problem:
            self._say(problem.render(), error=True)
            return
        self.report = report
        self.summary_model.set_table(report.summary)
        self.listing_model.set_table(report.listing)
        self.ui.listing_host.setVisible(report.listing is not None)
        if report.listing is not None:
            self.ui.listing_label.setText(f"{report.listing.title}: {len(report.listing.rows)}")
        old = self.chart_view.chart()
        self.chart_view.setChart(build_chart(report.chart))
        if old is not None:
            old.deleteLater()
        empty = "" if report.summary.rows else f" {report.summary.empty_text}"
        self._say(f"{report.title}: {report.subtitle}.{empty}")
        for button in (self.ui.csv_button, self.ui.pdf_button):
            button.setEnabled(True)

    def _say(self, text: str, error: bool = False) -> None:
        self.ui.status_label.setText(text)
        self.ui.status_label.setStyleSheet(error_style() if error else "")

    # --- files -----------------------------------------------------------------------------------------------

    def _suggested(self, suffix: str) -> str:
        report = self.report
        months = report.period.describe().replace(" to ", "_to_").replace(" ", "-") if report else "report"
        return f"{report.kind}-{months}{suffix}" if report else f"report{suffix}"

    def export_csv(self) -> None:
        self._save("Export the report as CSV", ".csv", "CSV files (*.csv)")

    def save_pdf(self) -> None:
        self._save("Save the report as PDF", ".pdf", "PDF files (*.pdf)")

    def _save(self, caption: str, suffix: str, name_filter: str) -> None:
        from app.services.reports import ReportNotWritten

        if self.report is None:
            return
        path = dialogs.save_file(self, caption, Path.home() / self._suggested(suffix), name_filter)
        if path is None:
            return
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            written = self.service.write(self.report, path)
        except (InputProblem, ReportNotWritten) as problem:
            self._say(problem.render() if isinstance(problem, InputProblem) else str(problem), error=True)
            return
        self.written = written
        self._say("Saved " + " and ".join(str(target) for target in written))



def self_check(db_path: Path) -> str:
    """For `sodesk --self-test`: Qt starts offscreen, and the Reports screen builds its table and QtCharts chart
    on the given database. Returns what it saw."""
    import os

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a self-test needs no screen
        app = QApplication(["sodesk-self-test"])
    from app.services.desk import Desk

    dialog = ReportsDialog(Desk(db_path).reports)
    try:
        rows = dialog.summary_model.rowCount()
        series = len(dialog.chart.series())
        if rows == 0 or series == 0:
            raise RuntimeError(f"the Reports screen shows {rows} rows and {series} chart series")
        return (f"Qt {app.platformName()} platform, Reports screen with {rows} table rows and a QtCharts chart of "
                f"{series} series")
    finally:
        dialog.done(0)
        dialog.deleteLater()
