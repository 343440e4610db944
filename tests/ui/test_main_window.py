"""The placeholder desk window opens on a real database and says what it loaded."""

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.ui.main import MainWindow, run_desk


def test_main_window_shows_the_database_and_the_plans(qtbot, tmp_path):
    window = MainWindow(tmp_path / "desk.sqlite3", ["Health Net Medi-Cal", "CalOptima Health OneCare"])
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().startswith("Second Opinion Desk")
    text = window.summary.text()
    assert "desk.sqlite3" in text and "CalOptima Health OneCare" in text and "Plans loaded (2)" in text
    shot = tmp_path / "main-window.png"
    assert window.grab().save(str(shot)) and shot.stat().st_size > 0


def test_run_desk_creates_the_database_and_opens_the_window(qtbot, tmp_path):
    db = tmp_path / "new" / "desk.sqlite3"
    seen = {}

    def look_then_quit():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen["text"] = windows[0].summary.text() if windows else ""
        for window in windows:
            window.close()
        QApplication.instance().quit()

    QTimer.singleShot(300, look_then_quit)
    assert run_desk(db) == 0
    assert db.exists()
    assert "Plans loaded (7)" in seen["text"]
    assert str(Path(db)) in seen["text"]


def test_a_damaged_database_is_explained_and_left_untouched(qtbot, tmp_path, monkeypatch):
    import hashlib

    from PySide6.QtWidgets import QMessageBox

    db = tmp_path / "desk.sqlite3"
    db.write_text("this is a shopping list, not a database\n", encoding="utf-8")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    shown = {}
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.update(title=title, text=text))
    assert run_desk(db) == 1
    assert shown["title"] == "Second Opinion Desk cannot open its database"
    assert "not a SQLite database" in shown["text"]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
