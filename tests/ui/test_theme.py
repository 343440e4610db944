"""Light and dark palettes: every colour the desk adds to text stays readable (WCAG 4.5:1), and the screens pick
the set for the palette in use."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.ui import theme
from app.ui.worklist_model import DUE_TODAY, ON_TINT, OVERDUE

AA = 4.5


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base, "#121212"),
                         (QPalette.ColorRole.AlternateBase, "#2a2a2a"), (QPalette.ColorRole.Text, "#e8eaed"),
                         (QPalette.ColorRole.WindowText, "#e8eaed"), (QPalette.ColorRole.Button, "#303134"),
                         (QPalette.ColorRole.ButtonText, "#e8eaed")):
        palette.setColor(role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#efefef"), (QPalette.ColorRole.Base, "#ffffff"),
                         (QPalette.ColorRole.Text, "#000000"), (QPalette.ColorRole.WindowText, "#000000")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def dark(qapp):
    before = QApplication.palette()
    QApplication.setPalette(dark_palette())
    yield
    QApplication.setPalette(before)


@pytest.mark.parametrize("make_palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_every_added_colour_reads_at_4_5_to_1_on_the_palettes_backgrounds(qapp, make_palette):
    palette = make_palette()
    chosen = theme.colours(palette)
    assert chosen is (theme.DARK if make_palette is dark_palette else theme.LIGHT)
    for name, colour in chosen.items():
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
            ratio = theme.contrast(QColor(colour), palette.color(role))
            assert ratio >= AA, f"{name} {colour} on {role.name}: {ratio:.2f}"


def test_the_worklist_tints_carry_their_own_dark_text():
    for tint in (OVERDUE, DUE_TODAY):
        assert theme.contrast(ON_TINT, tint) >= AA


def test_contrast_is_wcags_ratio():
    assert theme.contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert theme.contrast(QColor("#777777"), QColor("#777777")) == pytest.approx(1)


def test_in_a_dark_palette_the_determination_and_its_problems_use_the_dark_set(dark, qtbot, tmp_path):
    from app.ui.request_detail import RequestDetailDialog
    from tests.factories import make_request
    from tests.support.desks import build_desk

    service = build_desk(tmp_path / "dark.sqlite3").cases
    case = service.submit(make_request()).case
    dialog = RequestDetailDialog(service, case.id)
    qtbot.addWidget(dialog)
    html = dialog.ui.determination_view.toHtml()
    assert any(theme.DARK[severity] in html for severity in ("block", "warning", "info"))
    assert not any(colour in html for colour in theme.LIGHT.values())
    assert theme.DARK["error"] in dialog.ui.error_label.styleSheet()
