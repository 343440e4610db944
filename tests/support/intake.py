"""Typing into and reading the intake form as a clerk does (tests/ui only: this module imports Qt). The form
itself, over a case service on each engine, is the `dialog` fixture of tests/ui/conftest.py."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.ui.directory_model import NPI_ROLE
from tests.support.desks import SYNTHETIC_NOW

LEFT = Qt.MouseButton.LeftButton
NOW = SYNTHETIC_NOW  # the time the form is given, and its case service's clock


def type_into(widget, text):
    """One character at a time: qtbot.keyClicks aborts the process on non-ASCII (FACTS.md)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def choose(combo, text):
    combo.setCurrentIndex(combo.findText(text))


def next_page(qtbot, dialog):
    qtbot.mouseClick(dialog.ui.next_button, LEFT)


def matches(dialog):
    """The professionals' table as the clerk reads it: one {column title: text} per row, with the row's NPI."""
    model = dialog.ui.providers_view.model()
    titles = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    return [{"NPI": model.index(row, 0).data(NPI_ROLE)}
            | {title: model.index(row, column).data() for column, title in enumerate(titles)}
            for row in range(model.rowCount())]


def match_npis(dialog):
    return [row["NPI"] for row in matches(dialog)]


def click_match(qtbot, dialog, npi):
    """Click the professional's row, where a clerk clicks (scrolled into view first, as a clerk scrolls)."""
    view = dialog.ui.providers_view
    index = view.model().index(match_npis(dialog).index(npi), 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())


def problems(dialog):
    listing = dialog.ui.problems_list
    return [listing.item(row).text() for row in range(listing.count())]


def fill_member(qtbot, dialog):
    ui = dialog.ui
    choose(ui.plan_combo, "CalOptima Medi-Cal")
    type_into(ui.member_id_edit, "TST000001")
    type_into(ui.first_name_edit, "Thảo")
    type_into(ui.last_name_edit, "Nguyễn")
    type_into(ui.date_of_birth_edit, "05/14/1971")
    type_into(ui.language_edit, "Vietnamese")
    type_into(ui.member_phone_edit, "714-555-0101")
    type_into(ui.health_network_edit, "ipa-sunrise")
    type_into(ui.street_edit, "100 Example St")
    type_into(ui.city_edit, "Santa Ana")
    type_into(ui.state_edit, "CA")
    type_into(ui.zip_edit, "92701")
    type_into(ui.county_edit, "Orange")
