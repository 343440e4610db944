"""Management reports (issue 8): pure functions from stored rows to tables, and their CSV, text and PDF forms.
No Qt and no SQL here: the rows come from app.storage.reports, the use case is app.services.reports.

    from app.reports import KINDS, TITLES, Report, MonthRange
"""

from app.reports.compute import CONSULT_REPORTS, KINDS, OUTCOMES, TIME_TO_CONSULT, TIMELINESS, TITLES
from app.reports.model import Chart, Column, MonthRange, Report, Table, parse_month

__all__ = ["CONSULT_REPORTS", "KINDS", "OUTCOMES", "TIME_TO_CONSULT", "TIMELINESS", "TITLES", "Chart", "Column",
           "MonthRange", "Report", "Table", "parse_month"]
