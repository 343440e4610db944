"""app.ui.dialogs: the desk's one place for message boxes, questions and file choosers, and its one test seam."""

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.ui import dialogs


def test_a_question_shows_its_answers_as_buttons_and_returns_the_one_clicked(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    seen = []

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append((box.windowTitle(), box.text(), box.informativeText(), box.defaultButton().text(),
                     [button.text() for button in box.buttons()]))
        next(button for button in box.buttons() if button.text() == "&Save anyway").click()

    QTimer.singleShot(0, click)
    answer = dialogs.ask(owner, "Possible duplicate request", "Rosa Testcase already has an open request.",
                         ["&Save anyway", "&Go back"], informative="Request #4", default="&Go back",
                         escape="&Go back")
    assert answer == "&Save anyway"
    title, text, informative, default, buttons = seen[0]
    assert (title, text, informative, default) == ("Possible duplicate request",
                                                   "Rosa Testcase already has an open request.", "Request #4",
                                                   "&Go back")
    assert sorted(buttons) == ["&Go back", "&Save anyway"]


def test_the_seam_answers_every_kind_without_showing_anything(dialogs_seen):
    dialogs_seen.answers.update({"Export the audit trail": "/tmp/audit.csv", "password": "s3cret pass",
                                 "ask": "&Go back"})
    assert dialogs.save_file(None, "Export the audit trail", Path.home() / "audit.csv", "CSV files (*.csv)") == \
        Path("/tmp/audit.csv")
    assert dialogs.open_file(None, "Choose the practice logo", "", "Pictures (*.png)") is None  # cancelled
    assert dialogs.password(None, "Second Opinion Desk: passphrase", "Its passphrase:") == "s3cret pass"
    assert dialogs.ask(None, "Possible duplicate request", "?", ["&Save anyway", "&Go back"]) == "&Go back"
    dialogs.warn(None, "Letters due today", "Printed 1 of 2.", details="request #3: unreadable")
    assert [shown.kind for shown in dialogs_seen.shown] == ["save_file", "open_file", "password", "ask", "warn"]
    assert dialogs_seen.shown[0].name_filter == "CSV files (*.csv)"
    assert "request #3: unreadable" in dialogs_seen.texts[-1]
    assert QApplication.activeModalWidget() is None
