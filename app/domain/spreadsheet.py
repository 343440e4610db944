"""Cells for spreadsheets: every CSV the desk writes (submissions, reports, the audit trail) is opened by
someone in Excel or LibreOffice, which run a cell that begins with = + - @ (or a tab or carriage return
before one) as a formula: "=HYPERLINK(...)" typed as a procedure would run on the UM clerk's machine.

OWASP's CSV injection rule: such a cell is written with a leading apostrophe, which the spreadsheet shows as
text and does not run. A plain number ("-3", "+1.5") is a number, not a formula, and is left as it is. Only the
CSVs are changed: the JSON and FHIR files keep the text as it was typed.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: object) -> str:
    """The cell's text as a spreadsheet shows it without running it."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_row(cells) -> list[str]:
    return [spreadsheet_safe(cell) for cell in cells]
