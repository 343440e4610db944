"""The provider directory as a Qt table model, and the text of one provider's details panel.

A plain class with its own unit tests (no window needed). It only shows the providers it is given: the dialog
asks the repository and hands the result over with `set_providers`. No SQL here.

The directory screen shows each provider's plans in the Network column. The intake's professional chooser hands
the model a `network` function instead (how a professional stands for *this* request, by `app.rules.network`)
and marks the engine's suggested alternatives: bold, with a star before the name.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.domain.models import Provider

COLUMNS = (
    "Name",
    "Specialty",
    "Network",
    "Medi-Cal certified",
    "Languages",
    "Accepting new patients",
    "City",
    "Phone",
)
NAME, SPECIALTY, NETWORK, CERTIFIED, LANGUAGES, ACCEPTING, CITY, PHONE = range(len(COLUMNS))
NPI_ROLE = Qt.ItemDataRole.UserRole + 1
SUGGESTED_MARK = "★ "  # before a suggested professional's name (and the row is bold)
SUGGESTED_TIP = "Suggested by the determination: a qualified in-network professional"


_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.FontRole,
                    Qt.ItemDataRole.ToolTipRole, NPI_ROLE})


def plan_labels(profiles) -> dict[str, str]:
    """Plan id -> the short name a clerk knows ("Health Net"); two plans of one company keep their product
    ("CalOptima Medi-Cal", "CalOptima OneCare")."""
    shorts = [profiles[plan_id].short_name for plan_id in profiles]
    labels = {}
    for plan_id in profiles:
        profile = profiles[plan_id]
        label = profile.short_name
        if shorts.count(label) > 1:
            label = f"{label} {profile.product.split(' (')[0]}"
        labels[plan_id] = label
    return labels


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


class ProviderTableModel(QAbstractTableModel):
    """One row per provider, in the order given (the repository's name order).

    `network`, when given, says what the Network column shows for a provider (the chooser's in / out of network
    for the request at hand); otherwise the column lists the provider's plans by their short names.
    """

    def __init__(self, plans: Mapping[str, str] | None = None, parent=None, *,
                 network: Callable[[Provider], str] | None = None) -> None:
        super().__init__(parent)
        self._plans = dict(plans or {})
        self._network = network
        self._providers: list[Provider] = []
        self._suggested: frozenset[str] = frozenset()
        self._bold = QFont()
        self._bold.setBold(True)

    # --- what the view asks -----------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._providers)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._providers):
            return None  # (a view asks each cell for a dozen roles while it paints: most are answered here)
        provider = self._providers[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(provider, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # A screen reader says which column a bare "Yes" or "No" answers, and never reads an empty cell as silence.
            text = self.text(provider, column).removeprefix(SUGGESTED_MARK)
            if column == NAME and provider.npi in self._suggested:
                text = f"suggested, {text}"
            return f"{COLUMNS[column]}: {text or 'none'}"
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if provider.npi in self._suggested else None
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a cell the column is too narrow for
            if column == NETWORK:
                plans = "\n".join(self._plans.get(plan, plan) for plan in provider.plans) or "In no plan's network"
                return f"{self.network(provider)}\n\nPlans:\n{plans}" if self._network else plans
            if column == NAME and provider.npi in self._suggested:
                return f"{provider.display_name}\n{SUGGESTED_TIP}"
            return self.text(provider, column) or None
        if role == NPI_ROLE:
            return provider.npi
        return None

    # --- what the dialog asks ---------------------------------------------------------------------------------

    def set_providers(self, providers: Iterable[Provider], suggested: Collection[str] = ()) -> None:
        """Show `providers`; the NPIs in `suggested` are marked as the engine's suggestions."""
        self.beginResetModel()
        self._providers = list(providers)
        self._suggested = frozenset(suggested)
        self.endResetModel()

    def is_suggested(self, row: int) -> bool:
        provider = self.provider_at(row)
        return provider is not None and provider.npi in self._suggested

    def provider_at(self, row: int) -> Provider | None:
        return self._providers[row] if 0 <= row < len(self._providers) else None

    def row_of(self, npi: str) -> int:
        """The row showing this NPI, or -1."""
        return next((row for row, provider in enumerate(self._providers) if provider.npi == npi), -1)

    # --- how a row reads --------------------------------------------------------------------------------------

    def network(self, provider: Provider) -> str:
        if self._network is not None:
            return self._network(provider)
        if len(self._plans) > 1 and set(self._plans) <= set(provider.plans):
            extra = [plan for plan in provider.plans if plan not in self._plans]
            return ", ".join(["All plans", *extra])  # seven short names would not fit the column
        return ", ".join(self._plans.get(plan, plan) for plan in provider.plans) or "Out of network"

    def text(self, provider: Provider, column: int) -> str:
        if column == NAME:
            return (SUGGESTED_MARK if provider.npi in self._suggested else "") + provider.display_name
        if column == SPECIALTY:
            return provider.specialty or provider.taxonomy or ""
        if column == NETWORK:
            return self.network(provider)
        if column == CERTIFIED:
            return yes_no(provider.medi_cal_certified)
        if column == LANGUAGES:
            return ", ".join(provider.languages)
        if column == ACCEPTING:
            return yes_no(provider.accepting_new_patients)
        if column == CITY:
            return provider.city or ""
        if column == PHONE:
            return provider.phone or ""
        return ""


def details_html(provider: Provider | None, plan_names: Mapping[str, str]) -> str:
    """The details panel: every field of one provider as a two-column table (escaped: names come from CSVs)."""
    if provider is None:
        return "<p>Select a provider to see the details.</p>"
    address = ", ".join(
        part for part in (provider.address, provider.city, " ".join(p for p in (provider.state, provider.zip) if p))
        if part
    )
    specialty = " ".join(part for part in (provider.specialty, f"({provider.taxonomy})" if provider.taxonomy else "")
                         if part)
    rows = [
        ("NPI", provider.npi),
        ("Name", " ".join(p for p in (provider.first_name, provider.last_name) if p) or provider.organization or ""),
        ("Organization", provider.organization if (provider.first_name or provider.last_name) else None),
        ("Credential", provider.credential),
        ("Specialty", specialty),
        ("Address", address),
        ("Phone", provider.phone),
        ("Fax", provider.fax),
        ("Languages", ", ".join(provider.languages)),
        ("Plans", "\n".join(plan_names.get(plan, plan) for plan in provider.plans) or "Out of network"),
        ("Groups", ", ".join(provider.groups)),
        ("Medi-Cal certified", yes_no(provider.medi_cal_certified)),
        ("Accepting new patients", yes_no(provider.accepting_new_patients)),
    ]
    body = "".join(
        f'<tr><th align="left" valign="top">{escape(label)}</th>'
        f'<td>{escape(value or "—").replace(chr(10), "<br>")}</td></tr>'
        for label, value in rows
        if value is not None
    )
    return (f"<h3>{escape(provider.display_name)}</h3>"
            f'<table cellspacing="0" cellpadding="3">{body}</table>')
