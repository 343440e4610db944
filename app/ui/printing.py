"""Letters to paper: a PDF (from app.services.letters) painted page by page onto a QPrinter, with the system's
print dialog and print preview. Qt only; what to print and the record of it come from the letter service."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

PRINT_DPI = 300  # crisp on paper without a page image of hundreds of megabytes


class PdfUnreadable(ValueError):
    pass


class PdfPages:
    """A PDF held in memory for painting (the buffer must live as long as the document)."""

    def __init__(self, data: bytes) -> None:
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() == 0:
            raise PdfUnreadable(f"the letter could not be read for printing ({self.document.error().name})")

    @property
    def count(self) -> int:
        return self.document.pageCount()


def paint_pdf(data: bytes, printer: QPrinter) -> int:
    """Paint every page of `data` onto `printer` (a real printer, a preview, or a PDF file); the page count."""
    pages = PdfPages(data)
    first_size = pages.document.pagePointSize(0)
    printer.setPageSize(QPageSize(first_size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch))
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)  # the letter carries its margins
    painter = QPainter()
    if not painter.begin(printer):
        raise PdfUnreadable("the printer could not be started: check that it is connected and try again")
    try:
        for page in range(pages.count):
            if page:
                printer.newPage()
            target: QRect = painter.viewport()
            points = pages.document.pagePointSize(page)
            scale = min(target.width() / points.width(), target.height() / points.height())
            size = QSize(round(points.width() * scale), round(points.height() * scale))
            image = pages.document.render(page, QSize(round(points.width() / 72 * PRINT_DPI),
                                                      round(points.height() / 72 * PRINT_DPI)))
            painter.drawImage(QRect(target.topLeft(), size), image)
    finally:
        painter.end()
    return pages.count


def ask_for_printer(parent: QWidget | None, title: str) -> QPrinter | None:
    """The system print dialog; None when the clerk cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


ChoosePrinter = Callable[[QWidget | None, str], QPrinter | None]


def preview(parent: QWidget | None, data: bytes, title: str) -> QPrintPreviewDialog:
    """A print preview of the letter; its Print button prints it. The caller shows it (open/exec)."""
    PdfPages(data)  # unreadable data says so now, not in an empty preview
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowState(dialog.windowState() | Qt.WindowState.WindowMaximized)
    dialog.paintRequested.connect(lambda target: paint_pdf(data, target))
    return dialog


def self_check(letter: Path) -> str:
    """For `sodesk --self-test`: the letter painted through QtPdf onto a PDF printer (an application must exist)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841  (kept alive while printing)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = letter.with_name("printed.pdf")
    printer.setOutputFileName(str(target))
    pages = paint_pdf(letter.read_bytes(), printer)
    size = target.stat().st_size if target.exists() else 0
    if not size:
        raise PdfUnreadable("printing the letter wrote nothing")
    return f"the referral letter printed through QtPdf: {pages} page(s), {size:,} bytes"
