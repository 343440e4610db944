"""The audit trail screen: rows filtered by user, action and request; the chain verified; CSV exported."""

import pytest
from PySide6.QtCore import Qt

from app.services.security import AuthService
from app.storage.audit import AuditLog
from app.storage.db import open_db
from app.ui.audit_dialog import AuditDialog
from tests.support.desks import FAST, PASSWORD


@pytest.fixture
def trail(tmp_path):
    db = open_db(tmp_path / "desk.sqlite3")
    auth = AuthService(db, hasher=FAST)
    admin = auth.create_first_admin("admin", "Ada Admin", PASSWORD)
    log = AuditLog(db)
    log.record("rev", "view", request_id=7)
    log.record("rev", "decide", request_id=7, detail="outcome=denied")
    log.record("desk", "print_letter", request_id=8, detail="letter=1 kind=referral lang=en")
    return log, admin


def _column(dialog, column):
    table = dialog.ui.entries_table
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_filters_verify_and_export(qtbot, trail, tmp_path, dialogs_seen):
    log, admin = trail
    dialog = AuditDialog(log, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.verify_label.text() == "The chain is intact (5 rows)."
    dialog.ui.user_combo.setCurrentIndex(dialog.ui.user_combo.findData("rev"))
    assert _column(dialog, 3) == ["decide", "view"]
    dialog.ui.user_combo.setCurrentIndex(0)
    qtbot.keyClicks(dialog.ui.request_edit, "8")
    assert _column(dialog, 3) == ["print_letter"]
    dialog.ui.request_edit.clear()
    dialog.ui.action_combo.setCurrentIndex(dialog.ui.action_combo.findData("sign_in"))
    assert _column(dialog, 2) == ["admin"]
    dialog.ui.action_combo.setCurrentIndex(0)
    target = tmp_path / "audit.csv"
    dialogs_seen.answers["Export the audit trail"] = target
    qtbot.mouseClick(dialog.ui.export_button, Qt.MouseButton.LeftButton)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,at,user,action") and len(lines) == 6 and lines[1].startswith("1,")


def test_a_broken_chain_is_shown(qtbot, trail):
    log, admin = trail
    log.db.execute("DROP TRIGGER audit_no_update")
    with log.db.atomic():
        log.db.execute("UPDATE audit SET detail = 'outcome=approved' WHERE id = 4")
    dialog = AuditDialog(log, admin)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.ui.verify_button, Qt.MouseButton.LeftButton)
    assert dialog.ui.verify_label.text().startswith("Row 4: edited")
