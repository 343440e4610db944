"""A report as a PDF (reportlab): title, period, the chart, the summary table, the listing and the notes, on
landscape Letter pages, numbered. Deterministic (reportlab's invariant mode): the same report gives the
same bytes. Report cells are plan ids, request numbers, specialties and figures (no member data), so the built-in
Helvetica covers them; every cell is escaped before it becomes paragraph markup."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from app.reports.formats import cell_text
from app.reports.model import Chart, Report, Table

PAGE = landscape(LETTER)
MARGIN = 0.6 * inch
# Colour-blind-safe (Okabe-Ito), the same order as the screen's chart.
PALETTE = ["#0072B2", "#D55E00", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#000000"]

_TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=4)
_SUB = ParagraphStyle("sub", fontName="Helvetica", fontSize=9, leading=12, textColor=colors.HexColor("#444444"))
_HEAD = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=10, spaceAfter=4)
_CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
_CELL_HEAD = ParagraphStyle("cellhead", parent=_CELL, fontName="Helvetica-Bold")
_CELL_NUM = ParagraphStyle("cellnum", parent=_CELL, alignment=2)
_NOTE = ParagraphStyle("note", fontName="Helvetica", fontSize=8, leading=10, textColor=colors.HexColor("#444444"))


def _table(table: Table, width: float) -> list:
    if not table.rows:
        return [Paragraph(escape(table.title), _HEAD), Paragraph(escape(table.empty_text), _CELL)]
    header = [Paragraph(escape(column.label), _CELL_HEAD) for column in table.columns]
    body = [[Paragraph(escape(cell_text(value)), _CELL_NUM if column.numeric else _CELL)
             for value, column in zip(row, table.columns)] for row in table.rows]
    # Text columns get twice the room of figures.
    weights = [1 if column.numeric else 2 for column in table.columns]
    widths = [width * weight / sum(weights) for weight in weights]
    grid = LongTable([header] + body, colWidths=widths, repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F6F6F6")]),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if table.rows and table.rows[-1][0] == "Total":
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black))
    grid.setStyle(TableStyle(style))
    return [Paragraph(escape(table.title), _HEAD), grid]


def chart_drawing(chart: Chart, width: float, height: float = 2.4 * inch) -> Drawing:
    drawing = Drawing(width, height)
    if not chart.categories or not chart.series:
        drawing.add(String(0, height / 2, "No data to chart in this period.", fontName="Helvetica", fontSize=9))
        return drawing
    bars = VerticalBarChart()
    bars.x, bars.y = 40, 30
    bars.width, bars.height = width - 220, height - 50
    bars.data = [list(values) for _, values in chart.series]
    bars.categoryAxis.categoryNames = list(chart.categories)
    bars.categoryAxis.labels.fontName = "Helvetica"
    bars.categoryAxis.labels.fontSize = 7
    bars.valueAxis.labels.fontName = "Helvetica"
    bars.valueAxis.labels.fontSize = 7
    bars.valueAxis.valueMin = 0
    top = max((sum(values) if chart.stacked else max(values)) for values in
              zip(*[values for _, values in chart.series])) if chart.categories else 0
    bars.valueAxis.valueMax = max(1, top * 1.1)
    if chart.stacked:
        bars.categoryAxis.style = "stacked"
    for index in range(len(chart.series)):
        bars.bars[index].fillColor = colors.HexColor(PALETTE[index % len(PALETTE)])
        bars.bars[index].strokeColor = None
    drawing.add(bars)
    legend = Legend()
    legend.x, legend.y = width - 170, height - 20
    legend.fontName, legend.fontSize = "Helvetica", 8
    legend.alignment = "right"
    legend.colorNamePairs = [(colors.HexColor(PALETTE[i % len(PALETTE)]), name)
                             for i, (name, _) in enumerate(chart.series)]
    drawing.add(legend)
    drawing.add(String(40, height - 12, f"{chart.title} ({chart.value_label})", fontName="Helvetica-Bold",
                       fontSize=9))
    return drawing


def _page_footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    canvas.drawString(MARGIN, 0.35 * inch, doc.report_footer)
    canvas.drawRightString(PAGE[0] - MARGIN, 0.35 * inch, f"page {doc.page}")
    canvas.restoreState()


def render_pdf(report: Report) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                       bottomMargin=MARGIN, invariant=1, title=report.title, author="Second Opinion Desk",
                       subject=report.subtitle)
    doc.report_footer = f"Second Opinion Desk - {report.title} - {report.subtitle}"
    width = PAGE[0] - 2 * MARGIN
    story: list = [Paragraph(escape(report.title), _TITLE), Paragraph(escape(report.subtitle), _SUB),
                   Spacer(1, 8), chart_drawing(report.chart, width)]
    for table in report.tables:
        story += _table(table, width)
    if report.notes:
        story.append(Spacer(1, 8))
        story += [Paragraph(escape(note), _NOTE) for note in report.notes]
    doc.build(story, onFirstPage=_page_footer, onLaterPages=_page_footer)
    return buffer.getvalue()
