"""The worklist as a Qt table model: pages of open requests read from the case service as the view scrolls.

A plain class with its own unit tests (no window needed). It only shows what the service returns: no SQL, no
rule conditions. Overdue rows are red, rows due today amber, urgent requests flagged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.domain.status import LABELS
from app.domain.time import LOS_ANGELES
from app.errors import InputProblem
from app.domain.worklist import CaseFilter, WorklistRow

OVERDUE = QColor("#f8d7da")
DUE_TODAY = QColor("#fff3cd")
ON_TINT = QColor("#1d1d1d")  # dark text stays readable on the tints in a dark palette too
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class WorklistSource(Protocol):
    """The case service, or at start the plain reader of app.storage.worklist. The model reads pages only;
    counting a search at a million requests takes longer than a keystroke, so the window counts in the
    background (`count`) and hands the model its total (`set_total`)."""

    def worklist(self, where: CaseFilter, *, limit: int, offset: int, order: str,
                 descending: bool) -> list[WorklistRow]: ...

    def count(self, where: CaseFilter) -> int: ...


def short_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(LOS_ANGELES)
    hour = local.strftime("%I").lstrip("0")
    return f"{local:%a %b} {local.day}, {hour}:{local:%M %p}"


@dataclass(frozen=True)
class Column:
    """One worklist column, declared once: adding a column is one line here."""

    id: str
    title: str
    order: str  # the repository's order key when the clerk sorts by this column
    text: Callable[[WorklistRow], str]  # what the cell shows
    sample: str  # the widest text it usually holds: the column is sized from it in the window's font


DUE_SAMPLE = "Wed Mar 10, 11:59 PM"
COLUMNS = (
    Column("member", "Member", "name", lambda row: ("URGENT  " if row.urgent else "") + row.member,
           "URGENT  Hernández-Villanueva, Guadalupe"),
    Column("language", "Language", "due", lambda row: row.language, "Vietnamese"),
    Column("plan", "Plan", "plan", lambda row: row.plan, "CalOptima Medi-Cal"),
    Column("status", "Status", "status", lambda row: LABELS[row.status], "Pending authorization"),
    Column("professional", "Professional", "due", lambda row: row.professional, "Armen Hakobyan, MD"),
    Column("decision_due", "Decision due", "decision_due", lambda row: short_time(row.decision_due), DUE_SAMPLE),
    Column("consult_due", "Consult due", "consult_due", lambda row: short_time(row.consult_due), DUE_SAMPLE),
    Column("report_due", "Report due", "report_due", lambda row: short_time(row.report_due), DUE_SAMPLE),
)
COLUMN = {column.id: number for number, column in enumerate(COLUMNS)}  # id -> its position
MEMBER, LANGUAGE, PLAN, STATUS, PROFESSIONAL, DECISION, CONSULT, REPORT = (
    COLUMN[name] for name in ("member", "language", "plan", "status", "professional", "decision_due", "consult_due",
                              "report_due"))


class WorklistTableModel(QAbstractTableModel):
    def __init__(self, source: WorklistSource, *, now: Callable[[], datetime], page_size: int = 100,
                 load: bool = True, parent=None) -> None:
        super().__init__(parent)
        self._source = source
        self._now = now
        self._page_size = page_size
        self._where = CaseFilter(open_only=True)
        self._order, self._descending = "due", False
        self._cases: list[WorklistRow] = []
        self.problem: str | None = None  # why the rows could not be read, if they could not
        self._total: int | None = 0  # None: not counted yet (the first page was full)
        self._more = False  # the last page read was full: there may be more
        if load:  # a window that sets its filter at once passes load=False and reads the rows once
            self.refresh()

    # --- what the view asks -----------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._cases)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        case = self._cases[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(case, index.column())
        if role == CASE_ID_ROLE:
            return case.id
        state = self._state(case)
        if role == Qt.ItemDataRole.BackgroundRole:
            return {"overdue": OVERDUE, "today": DUE_TODAY}.get(state)
        if role == Qt.ItemDataRole.ForegroundRole and state:
            return ON_TINT
        if role == Qt.ItemDataRole.FontRole and index.column() == MEMBER and case.urgent:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(case, state)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            extra = {"overdue": ", overdue", "today": ", due today"}.get(state, "")
            return f"{self._text(case, index.column())}{extra}"
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802
        if parent.isValid():
            return False
        return self._more if self._total is None else len(self._cases) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        try:
            page = self._page(len(self._cases))
        except InputProblem as problem:
            page, self.problem = [], problem.render()
        self._more = len(page) == self._page_size
        if not page:
            self._total = len(self._cases)
            return
        self.beginInsertRows(QModelIndex(), len(self._cases), len(self._cases) + len(page) - 1)
        self._cases.extend(page)
        self.endInsertRows()
        if not self._more and self._total is None:
            self._total = len(self._cases)  # the last page: every match is loaded, so counted

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # No column (-1): the worklist's own order, next deadline first.
        wanted = (COLUMNS[column].order if 0 <= column < len(COLUMNS) else "due",
                  order == Qt.SortOrder.DescendingOrder)
        if wanted == (self._order, self._descending):
            return  # the view asks again when it is given the model: nothing to reload
        self._order, self._descending = wanted
        self.refresh()

    # --- what the window asks ---------------------------------------------------------------------------------

    @property
    def total(self) -> int | None:
        """How many requests match the filter (the count shown beside it), not just the rows loaded; None until
        counted, unless the first page held them all."""
        return self._total

    @property
    def where(self) -> CaseFilter:
        return self._where

    def set_total(self, where: CaseFilter, total: int) -> None:
        """The count of `where`, counted in the background: kept when the filter is still the one shown."""
        if where == self._where:
            self._total = max(total, len(self._cases))

    def set_filter(self, where: CaseFilter) -> None:
        self._where = where
        self.refresh()

    def refresh(self) -> None:
        """Read the first page. The total is known at once when the page is not full, else when counted."""
        self.beginResetModel()
        self.problem = None
        try:
            self._cases = self._page(0)
            self._more = len(self._cases) == self._page_size
            self._total = None if self._more else len(self._cases)
        except InputProblem as problem:  # a damaged database: nothing to show, and the window says why
            self._total, self._cases, self._more, self.problem = 0, [], False, problem.render()
        self.endResetModel()

    # --- how a row reads --------------------------------------------------------------------------------------

    def _page(self, offset: int) -> list[WorklistRow]:
        return self._source.worklist(self._where, limit=self._page_size, offset=offset, order=self._order,
                                 descending=self._descending)

    @staticmethod
    def _text(case: WorklistRow, column: int) -> str:
        return COLUMNS[column].text(case)

    def _state(self, case: WorklistRow) -> str | None:
        due = case.next_due
        if due is None:
            return None
        now = self._now()
        if due < now:
            return "overdue"
        if due.astimezone(LOS_ANGELES).date() == now.astimezone(LOS_ANGELES).date():
            return "today"
        return None

    def _tooltip(self, case: WorklistRow, state: str | None) -> str:
        lines = [f"Request #{case.id}: {LABELS[case.status]}"]
        if case.address:
            lines.append(f"Mailing address: {case.address}" + (" (member roster)" if "address" in case.from_roster
                                                                 else ""))
        if case.language and "language" in case.from_roster:
            lines.append(f"Language: {case.language} (member roster)")
        for name, due in case.running():
            lines.append(f"{name.capitalize()} due {short_time(due)}")
        if state == "overdue":
            lines.append("Overdue")
        elif state == "today":
            lines.append("Due today")
        if case.urgent:
            lines.append("Urgent request")
        return "\n".join(lines)
