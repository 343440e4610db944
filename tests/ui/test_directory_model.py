"""The directory model without a window: columns, Yes/No, short plan names, what a screen reader hears."""

from PySide6.QtCore import Qt

from app.rules.profiles import default_profiles
from app.ui.directory_model import (
    ACCEPTING,
    CERTIFIED,
    COLUMNS,
    LANGUAGES,
    NAME,
    NETWORK,
    NPI_ROLE,
    SUGGESTED_MARK,
    ProviderTableModel,
    details_html,
    plan_labels,
)
from tests.factories import ONCO_OON, ORTHO_PENA, cast

PROFILES = default_profiles()


def _model():
    model = ProviderTableModel(plan_labels(PROFILES))
    model.set_providers(cast())
    return model


def _row(model, npi):
    return model.row_of(npi)


def test_the_model_passes_qts_own_model_checks(qtmodeltester):
    qtmodeltester.check(_model())
    qtmodeltester.check(ProviderTableModel())


def test_the_columns_the_clerk_sees(qapp):
    model = _model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Name", "Specialty", "Network", "Medi-Cal certified", "Languages", "Accepting new patients", "City", "Phone"]
    assert model.rowCount() == len(cast())
    pena = _row(model, ORTHO_PENA)
    texts = [model.index(pena, c).data() for c in range(len(COLUMNS))]
    assert texts[:2] == ["Lucía Peña, MD", "Orthopaedic Surgery"]
    assert texts[CERTIFIED] == "Yes" and texts[ACCEPTING] == "No" and texts[LANGUAGES] == "Spanish"
    assert texts[6:] == ["Stockton", "209-555-0100"]
    assert model.index(pena, NAME).data(NPI_ROLE) == ORTHO_PENA


def test_network_is_short_plan_names_and_out_of_network_says_so(qapp):
    model = _model()
    assert model.index(_row(model, ORTHO_PENA), NETWORK).data() == "All plans"  # in all seven
    two = cast()[0].model_copy(update={"plans": ["healthnet-medi-cal", "caloptima-onecare"]})
    model.set_providers([*cast(), two])
    assert model.index(model.rowCount() - 1, NETWORK).data() == "Health Net, CalOptima OneCare"
    assert model.index(_row(model, ONCO_OON), NETWORK).data() == "Out of network"
    labels = plan_labels(PROFILES)
    assert labels["caloptima-medi-cal"] == "CalOptima Medi-Cal" and labels["caloptima-onecare"] == "CalOptima OneCare"
    assert len(set(labels.values())) == 7
    tooltip = model.index(_row(model, ORTHO_PENA), NETWORK).data(Qt.ItemDataRole.ToolTipRole)
    assert "Health Net" in tooltip


def test_a_screen_reader_hears_the_column_with_a_bare_yes_or_no(qapp):
    model = _model()
    row = _row(model, ORTHO_PENA)
    assert model.index(row, ACCEPTING).data(Qt.ItemDataRole.AccessibleTextRole) == "Accepting new patients: No"
    assert model.index(row, CERTIFIED).data(Qt.ItemDataRole.AccessibleTextRole) == "Medi-Cal certified: Yes"


def test_an_unknown_plan_id_is_shown_as_it_is(qapp):
    provider = cast()[0].model_copy(update={"plans": ["some-new-plan"]})
    model = ProviderTableModel(plan_labels(PROFILES))
    model.set_providers([provider])
    assert model.index(0, NETWORK).data() == "some-new-plan"


def test_details_list_every_field_escaped(qapp):
    names = {plan_id: PROFILES[plan_id].name for plan_id in PROFILES}
    pena = next(p for p in cast() if p.npi == ORTHO_PENA)
    html = details_html(pena, names)
    for text in (ORTHO_PENA, "Lucía Peña", "Orthopaedic Surgery (207X00000X)", "Health Net Medi-Cal", "ipa-sunrise",
                 "Accepting new patients", "Stockton, CA"):
        assert text in html
    odd = pena.model_copy(update={"organization": None, "last_name": "<b>Smith & Co</b>"})
    assert "&lt;b&gt;Smith &amp; Co&lt;/b&gt;" in details_html(odd, names)
    assert "Select a provider" in details_html(None, names)


def test_the_chooser_hands_in_its_own_network_marker_and_it_shows_with_the_plans_as_tooltip(qapp):
    model = ProviderTableModel(plan_labels(PROFILES), network=lambda p: "In network" if p.plans else "Out of network")
    model.set_providers(cast())
    assert model.index(_row(model, ORTHO_PENA), NETWORK).data() == "In network"
    assert model.index(_row(model, ONCO_OON), NETWORK).data() == "Out of network"
    tooltip = model.index(_row(model, ORTHO_PENA), NETWORK).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("In network\n") and "Health Net" in tooltip


def test_suggested_rows_are_bold_starred_and_said_so(qtmodeltester):
    model = ProviderTableModel(plan_labels(PROFILES))
    model.set_providers(cast(), suggested=[ORTHO_PENA])
    qtmodeltester.check(model)
    pena, other = _row(model, ORTHO_PENA), _row(model, ONCO_OON)
    assert model.is_suggested(pena) and not model.is_suggested(other) and not model.is_suggested(99)
    assert model.index(pena, NAME).data() == SUGGESTED_MARK + "Lucía Peña, MD"
    assert model.index(other, NAME).data() == "Hannah Weiss, MD"
    assert all(model.index(pena, c).data(Qt.ItemDataRole.FontRole).bold() for c in range(len(COLUMNS)))
    assert model.index(other, NAME).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(pena, NAME).data(Qt.ItemDataRole.AccessibleTextRole) == "Name: suggested, Lucía Peña, MD"
    assert "Suggested by the determination" in model.index(pena, NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(pena, NAME).data(NPI_ROLE) == ORTHO_PENA
    model.set_providers(cast())  # a new list forgets the old suggestions
    assert not model.is_suggested(_row(model, ORTHO_PENA))
