"""`sodesk --self-test`: is this installation whole? Run after building or installing the app (and by
packaging/build_bundle.sh from the built folder).

In a temporary folder (removed afterwards, the user's own database is never opened): create and migrate a
database, load the bundled resources (plans, ICD-10-CM, taxonomy, letter texts, fonts), evaluate and decide a
synthetic request, render its referral letter as a PDF and check it is one, make a report, and build the Reports
screen offscreen (Qt platform plugin and QtCharts present). Prints one line per check; exit 0 when all pass,
1 with the failing check's message otherwise. Synthetic people only.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ORTHOPAEDIC_SURGERY = "207X00000X"
PLAN = "caloptima-medi-cal"


class SelfTestFailed(Exception):
    pass


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailed(message)


def _sample_request(received: datetime, pcp_npi: str, specialist_npi: str, requested_npi: str) -> dict:
    """An invented member (no real person): a questioned knee surgery, CalOptima, which authorizes every one."""
    return {
        "plan": PLAN, "county": "Orange", "received_at": received.isoformat(),
        "requester": {"type": "member", "name": "Sample Selftest", "phone": "714-555-0199"},
        "member": {"member_id": "SELFTEST01", "first_name": "Sample", "last_name": "Selftest",
                   "date_of_birth": "1970-01-01", "language": "English", "phone": "714-555-0199",
                   "address": {"line1": "1 Example St", "city": "Santa Ana", "state": "CA", "zip": "92701"}},
        "pcp": {"npi": pcp_npi},
        "care_in_question": {"from": "specialist", "taxonomy": ORTHOPAEDIC_SURGERY, "npi": specialist_npi},
        "requested_provider_npi": requested_npi,
        "diagnoses": ["M17.11"], "reasons": ["surgery_questioned"], "urgent": False, "opinion_number": 2,
        "procedure": "Right total knee arthroplasty",
    }


def run_checks(folder: Path, say: Callable[[str], None], *, screen: bool = True) -> None:
    from app import __version__
    from app.paths import resources_dir

    frozen = bool(getattr(sys, "frozen", False))
    say(f"Second Opinion Desk {__version__} self-test (Python {sys.version.split()[0]}, "
        f"{'bundled' if frozen else 'from source'}; resources in {resources_dir()})")

    def step(name: str, action: Callable[[], str]) -> None:
        start = time.perf_counter()
        try:
            detail = action()
        except SelfTestFailed as failure:
            raise SelfTestFailed(f"{name}: {failure}") from None
        except Exception as error:  # noqa: BLE001 - any failure is the finding; say which check and why
            raise SelfTestFailed(f"{name}: {type(error).__name__}: {error}") from error
        say(f"  ok  {name}: {detail} ({(time.perf_counter() - start) * 1000:.0f} ms)")

    state: dict = {}
    db_path = folder / "selftest.sqlite3"

    def database() -> str:
        from app.storage.db import MIGRATIONS, open_db

        db = open_db(db_path)
        applied = db.execute("SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'sodesk'").fetchone()[0]
        _check(applied == len(MIGRATIONS), f"{applied} of {len(MIGRATIONS)} migrations applied")
        _check(db.execute("PRAGMA journal_mode").fetchone()[0] == "wal", "the database is not in WAL mode")
        state["db"] = db
        return f"created and migrated ({applied} migrations, WAL)"

    def resources() -> str:
        from app.codes.icd10 import default_code_set
        from app.codes.taxonomy import default_taxonomy
        from app.letters import fonts
        from app.letters.texts import default_catalog
        from app.rules.profiles import default_profiles

        profiles = default_profiles()
        _check(len(profiles) >= 1, "no plan profiles found")
        for plan_id in profiles:
            profiles[plan_id]  # noqa: B018 - loads and validates the plan file
        codes = default_code_set()
        _check(codes.is_billable("M17.11"), "ICD-10-CM code set lacks M17.11")
        _check(default_taxonomy().name(ORTHOPAEDIC_SURGERY) is not None, "taxonomy table lacks 207X00000X")
        catalog = default_catalog()
        fonts.register_fonts()
        for name in fonts.FILES:
            _check(fonts.font_file(name).exists(), f"font {fonts.FILES[name]} is missing")
        return (f"{len(profiles)} plans, {len(codes):,} ICD-10-CM codes, taxonomy, letter texts in "
                f"{', '.join(sorted(catalog.languages))}, {len(fonts.FILES)} fonts")

    def evaluate() -> str:
        from app.codes.npi import check_digit
        from app.domain.cases import Status
        from app.domain.models import Provider
        from app.domain.time import LOS_ANGELES
        from app.services.cases import CaseService, Outcome
        from app.services.context import evaluator_over
        from app.services.evaluation import parse_request
        from app.storage.cases import CaseRepository
        from app.storage.providers import ProviderRepository

        def npi(serial: int) -> str:
            base = f"1{serial:08d}"
            return base + check_digit(base)

        def professional(serial: int, last: str, taxonomy: str, specialty: str) -> Provider:
            # Invented professionals (555 phone): the self-test's own small directory.
            return Provider.model_validate({
                "npi": npi(serial), "last_name": last, "first_name": "Sample", "credential": "MD",
                "taxonomy": taxonomy, "specialty": specialty, "city": "Santa Ana", "state": "CA",
                "phone": "714-555-0100", "languages": ["English"], "plans": [PLAN], "groups": [],
                "medi_cal_certified": True, "accepting_new_patients": True})

        db = state["db"]
        directory = ProviderRepository(db)
        pcp, treating, second = (professional(901, "Primary", "207Q00000X", "Family Medicine"),
                                 professional(902, "Treating", ORTHOPAEDIC_SURGERY, "Orthopaedic Surgery"),
                                 professional(903, "Second", ORTHOPAEDIC_SURGERY, "Orthopaedic Surgery"))
        directory.upsert_many([pcp, treating, second])
        _check(directory.get(second.npi) is not None, "a professional just stored cannot be read back")
        pcps, orthos = [pcp], [treating, second]
        received = datetime.now(LOS_ANGELES).replace(microsecond=0) - timedelta(days=1)
        service = CaseService(CaseRepository(db), evaluator_over(directory), who="self-test",
                              clock=lambda: received + timedelta(hours=2))
        request = parse_request(_sample_request(received, pcps[0].npi, orthos[0].npi, orthos[1].npi))
        case = service.submit(request).case
        determination = case.determination
        _check(case.status == Status.pending_authorization, f"the sample request is {case.status.value}, "
               "expected to wait for authorization")
        _check(determination.decision_due is not None, "no decision deadline was computed")
        case = service.decide(case.id, Outcome.approved, authorization_number="SELFTEST-1")
        case = service.schedule_consult(case.id, date.today() + timedelta(days=7), orthos[1].npi)
        state["case_id"] = case.id
        return (f"synthetic request #{case.id} ({PLAN}): eligible {determination.eligible}, network "
                f"{determination.network}, decide by {determination.decision_due:%Y-%m-%d %H:%M}; approved, "
                "consult scheduled")

    def letter() -> str:
        from app.services.desk import Desk

        data = Desk(db_path).letter_service(who="self-test").render(state["case_id"], "referral")
        _check(data.startswith(b"%PDF-"), "the referral letter does not start like a PDF")
        _check(b"%%EOF" in data[-64:], "the referral letter PDF is not complete")
        pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>")
        (folder / "referral.pdf").write_bytes(data)
        return f"referral letter rendered headless: a PDF of {len(data):,} bytes" + (
            f", {pages} page(s)" if pages else "")

    def export() -> str:
        from app.rules.profiles import default_profiles
        from app.services.cases import CaseService
        from app.services.context import evaluator_over
        from app.services.exports import ExportService
        from app.services.desk import Desk
        from app.services.referrals import ReferralRenderer
        from app.storage.cases import CaseRepository
        from app.storage.providers import ProviderRepository
        from app.storage.settings import SettingsRepository

        db = state["db"]
        directory = ProviderRepository(db)
        cases = CaseService(CaseRepository(db), evaluator_over(directory), who="self-test")
        letters = Desk(db_path).letter_service(who="self-test")
        renderer = ReferralRenderer(letters, workers=2, parallel_from=1)  # the worker processes a big batch uses
        exports = ExportService(cases, directory=directory, profiles=default_profiles(),
                                settings=SettingsRepository(db).load(), pdf_for=renderer, who="self-test")
        plan = cases.get(state["case_id"]).request.plan
        made = exports.export(plan, folder / "batch", ids=[state["case_id"]])
        letter = made.path / "letters" / f"{state['case_id']}-referral.pdf"
        _check(letter.read_bytes().startswith(b"%PDF-"), "the batch's referral letter is not a PDF")
        _check((made.path / "manifest.json").is_file(), "the batch has no manifest")
        return (f"batch {made.batch_id} for {plan}: manifest, CSV, JSON, FHIR bundle and the referral letter "
                f"rendered in a worker process")

    def report() -> str:
        from app.services.reports import ReportService

        service = ReportService(state["db"])
        made = service.report("timeliness")
        decided = made.summary.column("decided")[-1] if made.summary.rows else 0
        _check(decided == 1, f"the timeliness report counts {decided} decisions, expected 1")
        pdf = service.pdf(made)
        _check(pdf.startswith(b"%PDF-"), "the report PDF does not start like a PDF")
        return f"timeliness: {decided} decided, {made.summary.column('on_time')[-1]} on time; PDF {len(pdf):,} bytes"

    def window() -> str:
        from app.ui.reports_dialog import self_check

        return self_check(db_path)

    def printing() -> str:
        from app.ui.printing import self_check

        return self_check(folder / "referral.pdf")

    step("database", database)
    step("resources", resources)
    step("evaluate", evaluate)
    step("letter", letter)
    step("export", export)
    step("report", report)
    if screen:
        step("screen", window)
        step("print", printing)
    state["db"].close()


def run_self_test(*, screen: bool = True, out=None) -> int:
    out = out or sys.stdout
    start = time.perf_counter()

    def say(line: str) -> None:
        print(line, file=out, flush=True)

    with tempfile.TemporaryDirectory(prefix="sodesk-selftest-") as folder:
        try:
            run_checks(Path(folder), say, screen=screen)
        except SelfTestFailed as failure:
            say(f"  FAIL {failure}")
            if os.environ.get("SODESK_DEBUG"):
                traceback.print_exc()
            say("self-test FAILED")
            return 1
    say(f"self-test passed in {time.perf_counter() - start:.1f} s")
    return 0
