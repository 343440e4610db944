"""app.domain.spreadsheet: OWASP's CSV injection rule for every CSV the desk writes."""

import pytest

from app.domain.spreadsheet import safe_row, spreadsheet_safe


@pytest.mark.parametrize("typed", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", "=", "-", "+ Rosa",
                                   '=HYPERLINK("http://evil.example")', "-Testcase"])
def test_a_cell_that_would_run_as_a_formula_gets_a_leading_apostrophe(typed):
    assert spreadsheet_safe(typed) == "'" + typed


@pytest.mark.parametrize("plain", ["", "Rosa", "O'Brien", "M17.11", "2026-01-31", "-3", "+1.5", "-0.25", "1e5",
                                   "209-555-0100", "a=b", "Testcase-Ávila"])
def test_text_and_plain_numbers_are_left_as_they_are(plain):
    assert spreadsheet_safe(plain) == plain


def test_none_is_an_empty_cell_and_a_row_is_made_safe_cell_by_cell():
    assert safe_row([None, 3, "=1", "Rosa"]) == ["", "3", "'=1", "Rosa"]
