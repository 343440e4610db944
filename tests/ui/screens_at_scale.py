"""Open every screen of the desk on one configured screen and report what does not fit (run as a script).

    QT_QPA_PLATFORM="offscreen:configfile=screen.json" python tests/ui/screens_at_scale.py OUT_FOLDER

Prints one JSON object: for each screen, its size, the available area and the widgets whose text is cut off;
saves a PNG of each screen into OUT_FOLDER (the device pixels, so at 200 % they are twice the size).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)


def clipped(window: QWidget) -> list[str]:
    """Visible labels, buttons and line edits given less room than their text needs."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            continue
        if isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # the frameless editor inside a spin box or combo box: sized by its owner
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.hasHeightForWidth() and widget.heightForWidth(widget.width()) > widget.height() + 1:
                found.append(f"{widget.objectName() or widget.text()[:30]}: wrapped text taller than its room")
            continue
        need = widget.minimumSizeHint()
        if widget.width() + 1 < need.width() or widget.height() + 1 < need.height():
            found.append(f"{widget.objectName() or type(widget).__name__}: {widget.width()}x{widget.height()} "
                         f"< {need.width()}x{need.height()}")
    return found


def main(out: Path) -> None:
    app = QApplication([])
    from app.rules.plan_names import plan_names
    from app.storage.db import open_db
    from app.storage.providers import ProviderRepository
    from app.storage.settings import SettingsRepository
    from app.ui.directory_dialog import DirectoryDialog
    from app.ui.intake_dialog import IntakeDialog
    from app.ui.main import MainWindow
    from app.ui.request_detail import RequestDetailDialog
    from app.ui.settings_dialog import SettingsDialog
    from tests.factories import cast, make_request

    folder = Path(tempfile.mkdtemp())
    db_path = folder / "scaled.sqlite3"
    from app.services.desk import Desk

    service = Desk(db_path).cases
    ProviderRepository(service.repository.db).upsert_many(cast())
    case = service.submit(make_request(member={"last_name": "Hernández-Villanueva", "first_name": "Nguyễn Thị"})).case
    plans = plan_names()
    screens = {
        "worklist": lambda: MainWindow(Desk(db_path, cases=service), plans),
        "intake": lambda: IntakeDialog(service),
        "detail": lambda: RequestDetailDialog(service, case.id),
        "directory": lambda: DirectoryDialog(Desk(db_path).directory),
        "settings": lambda: SettingsDialog(SettingsRepository(open_db(db_path)), folder, plans),
    }
    area = app.primaryScreen().availableGeometry()
    report = {"area": [area.width(), area.height()], "dpr": app.primaryScreen().devicePixelRatio(), "screens": {}}
    for name, make in screens.items():
        window = make()
        window.show()
        app.processEvents()
        steps = window.ui.pages if name == "intake" else None  # every step of the new-request form
        for step in range(steps.count() if steps is not None else 1):
            if steps is not None:
                steps.setCurrentIndex(step)
                app.processEvents()
            shown = f"{name}-{step + 1}" if steps is not None else name
            geometry = window.frameGeometry()
            report["screens"][shown] = {"size": [window.width(), window.height()],
                                        "inside": area.contains(geometry), "clipped": clipped(window)}
            window.grab().save(str(out / f"{shown}.png"))
        window.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
