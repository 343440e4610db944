"""A report as CSV (csv module; the columns' keys as the header, documented in docs/reports.md) and as plain
text for a terminal. The PDF is app.reports.pdf."""

from __future__ import annotations

import csv
from typing import TextIO

from app.domain.spreadsheet import safe_row
from app.reports.model import Cell, Report, Table


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def write_csv(table: Table, stream: TextIO) -> None:
    """One header line of column keys, then one line per row (numbers plain, floats to one decimal, empty for
    none). Open the stream with newline='' (the csv module writes its own line ends)."""
    writer = csv.writer(stream)
    writer.writerow([column.key for column in table.columns])
    for row in table.rows:
        writer.writerow(safe_row(cell_text(value) for value in row))  # no formula runs in a spreadsheet


def table_text(table: Table) -> str:
    if not table.rows:
        return f"{table.title}\n  {table.empty_text}"
    lines = [[column.label for column in table.columns]] + [[cell_text(v) for v in row] for row in table.rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(table.columns))]

    def fit(line: list[str]) -> str:
        cells = [cell.rjust(width) if column.numeric else cell.ljust(width)
                 for cell, width, column in zip(line, widths, table.columns)]
        return "  " + "  ".join(cells).rstrip()

    out = [table.title, fit(lines[0]), "  " + "  ".join("-" * width for width in widths)]
    out += [fit(line) for line in lines[1:]]
    return "\n".join(out)


def report_text(report: Report) -> str:
    parts = [report.title, report.subtitle, ""]
    for table in report.tables:
        parts += [table_text(table), ""]
    parts += [f"Note: {note}" for note in report.notes]
    return "\n".join(parts).rstrip() + "\n"
