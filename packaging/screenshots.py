"""Render the desk's screens offscreen into docs/screenshots/ with synthetic data (no real person's data).

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    # A 1920 x 1080 screen, so the windows keep their designed size (the default offscreen screen is 800 x 600
    # and app.ui.screen fits every window to its screen).
    _screen = Path(tempfile.gettempdir()) / "sodesk-screenshots-screen.json"
    _screen.write_text('{"screens": [{"name": "shots", "x": 0, "y": 0, "width": 1920, "height": 1080, '
                       '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}', encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.domain.time import LOS_ANGELES  # noqa: E402
from app.rules.profiles import default_profiles  # noqa: E402
from app.services.cases import CaseService, Outcome  # noqa: E402
from app.services.context import evaluator_over  # noqa: E402
from app.storage.cases import CaseRepository  # noqa: E402
from app.storage.db import open_db  # noqa: E402
from app.storage.providers import ProviderRepository  # noqa: E402
from app.ui.main import MainWindow  # noqa: E402
from tests.factories import ORTHO_HAKOBYAN, ORTHO_ORTIZ, PCP_REYES, cast, make_request  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def demo_service(folder: Path) -> CaseService:
    from app.devtools.synthetic import synthetic_members
    from app.storage.members import MemberRepository

    db = open_db(folder / "demo.sqlite3")
    directory = ProviderRepository(db)
    directory.upsert_many(cast())
    roster = MemberRepository(db)  # the plans' eligibility files: invented members, as the directory's cast
    roster.upsert_many(synthetic_members(60, seed=16), source="eligibility-2025-03.834", who="demo")
    service = CaseService(CaseRepository(db), evaluator_over(directory, roster), who="demo",
                          clock=lambda: datetime(2025, 3, 3, 10, tzinfo=LOS_ANGELES))
    people = [("Nguyễn", "Thảo", "TST000001"), ("Ávila", "José", "TST000002"), ("Zhou", "Wei", "TST000003"),
              ("Hakobyan", "Ani", "TST000004"), ("Peña", "Lucía", "TST000005"), ("O'Brien", "Kate", "TST000006")]
    cases = []
    for index, (last, first, member_id) in enumerate(people):
        plan = ["caloptima-medi-cal", "hpsj-medi-cal", "anthem-medi-cal"][index % 3]
        cases.append(service.submit(make_request(
            plan=plan, urgent=index == 1, received_at=f"2025-03-0{index + 1}T09:30:00",
            requested_provider_npi=ORTHO_HAKOBYAN if plan != "caloptima-medi-cal" else None,
            member={"last_name": last, "first_name": first, "member_id": member_id})).case)
    service.decide(cases[3].id, Outcome.approved, authorization_number="AUTH-2025-0042")
    service.schedule_consult(cases[3].id, date(2025, 3, 6), ORTHO_HAKOBYAN, name="Armen Հակոբյան, MD")
    return service


def settle(app, seconds: float = 0.6) -> None:
    """Let the pause timers fire (live determination, professional search) before the picture."""
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def fill_step(intake, page: int) -> None:
    """The synthetic request of the intake screenshots (an invented member)."""
    ui = intake.ui
    if page == 0:
        ui.plan_combo.setCurrentIndex(ui.plan_combo.findData("caloptima-medi-cal"))
        for edit, text in ((ui.member_id_edit, "TST000009"), (ui.first_name_edit, "Thảo"),
                           (ui.last_name_edit, "Nguyễn"), (ui.date_of_birth_edit, "05/14/1971"),
                           (ui.language_edit, "Vietnamese"), (ui.member_phone_edit, "714-555-0101"),
                           (ui.health_network_edit, "ipa-sunrise"), (ui.street_edit, "100 Example St"),
                           (ui.city_edit, "Santa Ana"), (ui.state_edit, "CA"), (ui.zip_edit, "92701"),
                           (ui.county_edit, "Orange")):
            edit.setText(text)
    elif page == 1:
        ui.requester_type_combo.setCurrentIndex(ui.requester_type_combo.findText("Member"))
        ui.requester_name_edit.setText("Thảo Nguyễn")
    elif page == 2:
        ui.care_from_combo.setCurrentIndex(ui.care_from_combo.findText("Specialist"))
        for edit, text in ((ui.taxonomy_edit, "207X00000X"), (ui.treating_npi_edit, ORTHO_ORTIZ),
                           (ui.treating_name_edit, "Sam Ortiz, MD"), (ui.pcp_npi_edit, PCP_REYES),
                           (ui.pcp_name_edit, "Ana Reyes, MD"), (ui.procedure_edit, "Right total knee arthroplasty")):
            edit.setText(text)
        ui.reason_surgery_questioned_check.setChecked(True)
        ui.diagnosis_edit.setText("M17.11")
        ui.add_diagnosis_button.click()
    elif page == 3:
        ui.provider_search_edit.setText("")


def main() -> None:
    from app.services.desk import Desk

    app = QApplication.instance() or QApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        service = demo_service(Path(folder))
        profiles = default_profiles()
        desk = Desk(Path(folder) / "demo.sqlite3", cases=service)
        window = MainWindow(desk, [(p, profiles[p].name) for p in profiles],
                            now=lambda: datetime(2025, 3, 7, 9, 0, tzinfo=LOS_ANGELES))
        window.resize(1200, 520)
        window.show()
        app.processEvents()
        window.grab().save(str(OUT / "worklist.png"))
        print(f"wrote {OUT / 'worklist.png'}")
        from app.ui.request_detail import RequestDetailDialog

        detail = RequestDetailDialog(service, 2, window)
        detail.resize(900, 640)
        detail.show()
        app.processEvents()
        detail.grab().save(str(OUT / "request-detail.png"))
        detail.ui.tabs.setCurrentIndex(2)
        app.processEvents()
        detail.grab().save(str(OUT / "request-record-step.png"))
        print(f"wrote {OUT / 'request-detail.png'}, {OUT / 'request-record-step.png'}")
        detail.close()
        letters = desk.letter_service(who="demo")
        letters.clock = lambda: datetime(2025, 3, 4, 11, 5, tzinfo=LOS_ANGELES)
        letters.print_letter(4, "referral")
        with_letters = RequestDetailDialog(service, 4, window, letters=letters)
        with_letters.resize(900, 640)
        with_letters.show()
        with_letters.show_letters()
        app.processEvents()
        with_letters.grab().save(str(OUT / "request-letters.png"))
        with_letters.close()
        print(f"wrote {OUT / 'request-letters.png'}")
        from app.storage.settings import SettingsRepository
        from app.ui.directory_dialog import DirectoryDialog
        from app.ui.settings_dialog import SettingsDialog

        db_path = Path(folder) / "demo.sqlite3"
        directory = DirectoryDialog(desk.directory, window)
        directory.resize(1100, 560)
        directory.show()
        directory.ui.search_edit.setText("ortho")
        directory.refresh()
        directory.select_row(0)
        app.processEvents()
        directory.grab().save(str(OUT / "directory.png"))
        directory.close()
        settings = SettingsDialog(SettingsRepository(service.repository.db), db_path.parent,
                                  [(p, profiles[p].name) for p in profiles], parent=window)
        settings.show()
        app.processEvents()
        settings.grab().save(str(OUT / "settings.png"))
        settings.close()
        print(f"wrote {OUT / 'directory.png'}, {OUT / 'settings.png'}")
        from app.ui.roster_dialog import RosterDialog

        roster = RosterDialog(desk.members, window)
        roster.resize(900, 460)
        roster.show()
        app.processEvents()
        roster.grab().save(str(OUT / "roster.png"))
        roster.close()
        print(f"wrote {OUT / 'roster.png'}")
        from app.ui.intake_dialog import IntakeDialog

        intake = IntakeDialog(service, window, now=datetime(2025, 3, 3, 10, tzinfo=LOS_ANGELES))
        intake.show()
        stack = intake.ui.pages
        for page in range(stack.count()):  # a request filled in step by step, as a clerk would
            fill_step(intake, page)
            settle(app)
            intake.grab().save(str(OUT / f"intake-{page + 1}.png"))
            if page + 1 < stack.count():
                intake.ui.next_button.click()
                settle(app)
        intake.close()
        print(f"wrote {stack.count()} intake pages")
        looked_up = IntakeDialog(service, window, now=datetime(2025, 3, 3, 10, tzinfo=LOS_ANGELES))
        looked_up.show()
        looked_up.ui.member_id_edit.setText("SM000000")  # the beginning of a member ID on the roster
        settle(app)
        looked_up.grab().save(str(OUT / "intake-roster.png"))
        looked_up.close()
        print(f"wrote {OUT / 'intake-roster.png'}")
        from app.ui.database_dialog import DatabaseDialog

        database = DatabaseDialog("postgresql://desk1@db.office.example:5432/sodesk?sslmode=verify-full"
                                  "&sslrootcert=/home/desk/office-ca.crt", window)
        database.show()
        app.processEvents()
        database.grab().save(str(OUT / "database.png"))
        database.close()
        print(f"wrote {OUT / 'database.png'}")
        empty = Path(folder) / "empty.sqlite3"
        welcome = MainWindow(Desk(empty), [(p, profiles[p].name) for p in profiles])
        welcome.resize(1000, 480)
        welcome.show()
        app.processEvents()
        welcome.grab().save(str(OUT / "welcome.png"))
        welcome.close()
        print(f"wrote {OUT / 'welcome.png'}")
        window.close()
        service.repository.db.close()


if __name__ == "__main__":
    main()
