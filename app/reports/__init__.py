"""Management reports (issue 8): pure functions from stored rows to tables, and their CSV, text and PDF forms.
No Qt and no SQL here: the rows come from app.storage.reports, the use case is app.services.reports.

    from app.reports import KINDS, TITLES, Report, MonthRange

Names load on first use (PEP 562), so `app.reports.kinds` alone stays cheap for the `sodesk` command.
"""

from importlib import import_module

from app.reports.kinds import CONSULT_REPORTS, KINDS, OUTCOMES, TIME_TO_CONSULT, TIMELINESS, TITLES

_LAZY = {name: "app.reports.model" for name in ("Chart", "Column", "MonthRange", "Report", "Table", "parse_month")}

__all__ = ["CONSULT_REPORTS", "KINDS", "OUTCOMES", "TIME_TO_CONSULT", "TIMELINESS", "TITLES", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'app.reports' has no attribute {name!r}")
