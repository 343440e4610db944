"""Regenerate the sample letters in this folder from synthetic people only.

    .venv/bin/python docs/letters/make_samples.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from app.letters import LetterKind  # noqa: E402
from tests.factories import ORTHO_OON_CERTIFIED  # noqa: E402
from tests.support.desks import SUNRISE_CLINIC, build_desk  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        desk = build_desk(Path(folder) / "samples.sqlite3", practice=SUNRISE_CLINIC)
        english = {"language": "English", "first_name": "Bích Ngọc", "last_name": "Nguyễn"}
        approved = desk.approved(urgent=True, needs_transportation=True, member=english)
        scheduled = desk.scheduled(member={"language": "English", "first_name": "José", "last_name": "Ñúñez Peña"})
        denied = desk.denied(requested_provider_npi=ORTHO_OON_CERTIFIED,
                             member={"language": "English", "first_name": "伟", "last_name": "陈"})
        denied_es = desk.denied(requested_provider_npi=ORTHO_OON_CERTIFIED)  # Rosa Testcase, Spanish
        pended = desk.pended(member={"language": "English", "first_name": "Անի", "last_name": "Հակոբյան"})
        samples = {
            "referral.pdf": (approved.id, LetterKind.referral, None),
            "member_approval.pdf": (approved.id, LetterKind.member_approval, None),
            "consult_report_request.pdf": (scheduled.id, LetterKind.consult_report_request, None),
            "member_denial.pdf": (denied.id, LetterKind.member_denial, None),
            "member_financial_responsibility.pdf": (denied.id, LetterKind.member_financial_responsibility, None),
            "member_delay.pdf": (pended.id, LetterKind.member_delay, None),
            "member_denial-es.pdf": (denied_es.id, LetterKind.member_denial, None),
        }
        for name, (case_id, kind, language) in samples.items():
            (HERE / name).write_bytes(desk.letters.render(case_id, kind, language))
        desk.clock.now = desk.clock.now.replace(month=4, day=10)
        (HERE / "consult_report_overdue.pdf").write_bytes(
            desk.letters.render(scheduled.id, LetterKind.consult_report_overdue))
    for path in sorted(HERE.glob("*.pdf")):
        print(f"{path.stat().st_size:>8,}  {path.name}")


if __name__ == "__main__":
    main()
