"""Tools > Database: the clerk points this desk at the office server (or a file), the server is tried before
anything is kept, a typo is named by its label, and the password goes to the keyring, never to a file."""

import json

import pytest
from PySide6.QtCore import Qt

from app.paths import choice_file, chosen_database
from app.services import connection
from app.ui.database_dialog import DatabaseDialog

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def here(tmp_path, monkeypatch, memory_keyring):
    """This computer: its data folder in the test's, its keyring in memory."""
    monkeypatch.setattr("app.paths.user_data_dir", lambda: tmp_path / "this-computer")
    return memory_keyring


@pytest.fixture
def dialog(qtbot, here, tmp_path):
    shown = DatabaseDialog(tmp_path / "desk.sqlite3")
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _fill(qtbot, dialog, **fields):
    ui = dialog.ui
    qtbot.mouseClick(ui.server_radio, LEFT, pos=ui.server_radio.rect().center())
    for name, text in fields.items():
        edit = getattr(ui, f"{name}_edit")
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_it_opens_on_the_file_this_desk_uses_with_the_server_fields_off(dialog, tmp_path):
    ui = dialog.ui
    assert ui.file_radio.isChecked() and ui.file_edit.text() == str(tmp_path / "desk.sqlite3")
    assert str(tmp_path / "desk.sqlite3") in ui.current_label.text()
    assert not ui.host_edit.isEnabled() and not dialog.test_button.isEnabled()
    assert ui.sslmode_combo.currentData() == "verify-full"  # the safe choice is the first offered


def test_a_typo_is_named_by_its_label_and_nothing_is_kept(qtbot, dialog):
    _fill(qtbot, dialog, host="db clinic", user="desk1", port="54x2")
    qtbot.mouseClick(dialog.ui.button_box.button(dialog.ui.button_box.StandardButton.Save), LEFT)
    assert "port: a number" in dialog.ui.status_label.text()
    dialog.ui.port_edit.clear()
    qtbot.keyClicks(dialog.ui.port_edit, "5432")
    qtbot.mouseClick(dialog.ui.button_box.button(dialog.ui.button_box.StandardButton.Save), LEFT)
    assert "Server host: no spaces" in dialog.ui.status_label.text()
    assert dialog.isVisible() and not choice_file().exists()


def test_a_server_that_does_not_answer_is_said_so_and_not_kept(qtbot, dialog, pg_cluster):
    _fill(qtbot, dialog, host=str(pg_cluster.socket_dir), port="1", dbname="sodesk_template", user="sodesk")
    qtbot.mouseClick(dialog.test_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.testing, timeout=15_000)
    assert "cannot be reached" in dialog.ui.status_label.text()
    qtbot.mouseClick(dialog.ui.button_box.button(dialog.ui.button_box.StandardButton.Save), LEFT)
    qtbot.waitUntil(lambda: not dialog.testing, timeout=15_000)
    assert dialog.isVisible() and not choice_file().exists()


def test_the_office_server_is_tried_then_kept_with_the_password_in_the_keyring_only(qtbot, dialog, here,
                                                                                   pg_cluster):
    ui = dialog.ui
    _fill(qtbot, dialog, host=str(pg_cluster.socket_dir), port=str(pg_cluster.port), dbname="sodesk_template",
          user="sodesk", password="correct horse battery")
    ui.sslmode_combo.setCurrentIndex(ui.sslmode_combo.findData("disable"))  # a socket on this computer
    qtbot.mouseClick(dialog.test_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.testing, timeout=15_000)
    assert "Connected: PostgreSQL 1" in ui.status_label.text() and "0 request(s)" in ui.status_label.text()
    qtbot.mouseClick(ui.button_box.button(ui.button_box.StandardButton.Save), LEFT)
    qtbot.waitUntil(lambda: not dialog.testing, timeout=15_000)
    assert not dialog.isVisible() and dialog.chosen.startswith("postgresql://sodesk@/sodesk_template?")
    assert chosen_database() == dialog.chosen  # the next start opens it
    assert "correct horse" not in choice_file().read_text(encoding="utf-8")
    assert json.loads(choice_file().read_text(encoding="utf-8")) == {"database": dialog.chosen}
    assert list(here.kept.values()) == ["correct horse battery"]
    assert connection.password_for(dialog.chosen) == "correct horse battery"


def test_going_back_to_a_file_forgets_the_server_choice(qtbot, dialog, tmp_path):
    connection.choose_database("postgresql://desk1@db.clinic.example:5432/sodesk?sslmode=verify-full")
    ui = dialog.ui
    qtbot.mouseClick(ui.file_radio, LEFT, pos=ui.file_radio.rect().center())
    ui.file_edit.clear()
    qtbot.keyClicks(ui.file_edit, str(tmp_path / "other.sqlite3"))
    qtbot.mouseClick(ui.button_box.button(ui.button_box.StandardButton.Save), LEFT)
    assert chosen_database() == tmp_path / "other.sqlite3"


def test_a_password_in_the_address_is_refused(here):
    with pytest.raises(Exception, match="must not hold the password"):
        connection.choose_database("postgresql://desk1:s3cret@db.clinic.example/sodesk")
