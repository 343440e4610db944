"""The desk window. Issue 2 ships a placeholder main window; the worklist comes with the desk issue."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from app import __version__


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path, plan_names: list[str]) -> None:
        super().__init__()
        self.setWindowTitle(f"Second Opinion Desk {__version__}")
        self.resize(900, 600)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        title = QLabel("<h2>Second Opinion Desk</h2>", body)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        plans = "".join(f"<li>{name}</li>" for name in plan_names)
        self.summary = QLabel(
            f"<p>Database: <code>{db_path}</code></p>"
            f"<p>Plans loaded ({len(plan_names)}):</p><ul>{plans}</ul>"
            "<p>The worklist and the new-request form arrive with the desk. Until then, use "
            "<code>sodesk evaluate FILE.json</code>.</p>",
            body,
        )
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.setCentralWidget(body)


def run_desk(db_path: Path) -> int:
    from html import escape

    from PySide6.QtWidgets import QMessageBox

    from app.errors import InputProblem
    from app.rules.profiles import default_profiles
    from app.services.startup import start_database

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Second Opinion Desk")
    try:
        started = start_database(db_path)  # check, create or upgrade, then the daily backup
    except InputProblem as problem:
        # A damaged or foreign file is never touched: say what is wrong and how to restore the last good backup.
        QMessageBox.critical(None, "Second Opinion Desk cannot open its database", problem.render())
        return 1
    names = [escape(profile.name) for profile in default_profiles().values()]
    window = MainWindow(Path(escape(str(db_path))), names)
    if started.backup_problem:
        window.statusBar().showMessage(f"Automatic backup failed: {started.backup_problem}")
    elif started.backup:
        window.statusBar().showMessage(f"Backed up to {started.backup}", 10_000)
    window.show()
    return app.exec()
