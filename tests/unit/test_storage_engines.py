"""The case file's repositories on both engines: what one desk stores on a SQLite file or on the office server
(PostgreSQL) reads back the same, is found by the same filters, comes in the same order and gives the same
figures. Synthetic people only."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime, timedelta

import pytest

from app.domain.cases import Case, Clocks, Consult, Status
from app.domain.models import Address
from app.domain.settings import Settings
from app.domain.time import LOS_ANGELES
from app.errors import InputProblem
from app.reports.compute import KINDS
from app.storage.cases import CaseRepository, StaleVersion, UnknownCase
from app.storage.exports import AlreadySent, BatchTaken, ExportRepository, StoredBatch, snapshot_json
from app.storage.letters import LetterRepository, StoredLetterProblem
from app.storage.settings import SettingsRepository
from app.storage.store import open_store
from app.storage.worklist import ORDERS, CaseFilter, WorklistReader
from tests.factories import ORTHO_HAKOBYAN, make_request

CO, HN, HPSJ = "caloptima-medi-cal", "healthnet-medi-cal", "hpsj-medi-cal"
COUNTY = {CO: "Orange", HN: "Kern", HPSJ: "San Joaquin"}
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=LOS_ANGELES)


def hours(n: float) -> datetime:
    return NOW + timedelta(hours=n)


# name -> (status, plan, last, first, member id, clocks, urgent); drafts are built apart.
CASE_FILE = {
    "nguyen_thao": (Status.submitted, CO, "Nguyễn", "Thảo", "TST000101", {"decision_due": hours(48)}, False),
    "nguyen_bao": (Status.pending_authorization, HN, "Nguyen", "Bao", "TST000102", {"decision_due": hours(24)},
                   False),
    "avila": (Status.approved, CO, "Ávila", "Rosa", "TST000103", {"consult_due": hours(120)}, False),
    "obrien": (Status.consult_scheduled, HPSJ, "O'Brien", "Sean", "TST000104", {"report_due": hours(-24)}, False),
    "zhou": (Status.closed, HN, "Zhou", "Li", "TST000105", {}, False),
    "lee": (Status.withdrawn, CO, "Lee", "Min", "TST000106", {}, False),
    "nguyen_an": (Status.pending_authorization, CO, "Nguyen", "An", "TST000107", {"decision_due": hours(24)}, True),
    "hakobyan": (Status.report_received, HPSJ, "Հակոբյան", "Anahit", "TST000109", {}, False),
    "ready": (Status.ready_to_schedule, HPSJ, "Testcase", "Rosa", "TST000110", {"consult_due": hours(240)}, False),
}
DRAFTS = {
    "perez_draft": {"member": {"last_name": "Pérez", "member_id": "TST000108"}, "plan": HN},
    "empty_draft": {},
    "typed_draft": {"member": {"last_name": 42}, "plan": ["not", "text"]},  # whatever was typed
}
NAMES = [*CASE_FILE, *DRAFTS]  # in the order created: ids 1, 2, ...


def a_case(status, plan, last, first, member_id, clocks, urgent, determine) -> Case:
    changes = {"county": COUNTY[plan], "urgent": urgent,
               "member": {"last_name": last, "first_name": first, "member_id": member_id}}
    if plan == HPSJ:
        changes["requested_provider_npi"] = ORTHO_HAKOBYAN
    consult = Consult(scheduled_for=date(2026, 3, 9), npi=ORTHO_HAKOBYAN) \
        if status in (Status.consult_scheduled, Status.report_received) else None
    return Case(id=0, version=1, status=status, request=make_request(plan=plan, **changes),
                determination=determine(plan, **changes), consult=consult, clocks=Clocks(**clocks),
                created_at=NOW, updated_at=NOW)


def build_case_file(store, determine) -> dict[str, int]:
    repository = CaseRepository(store)
    ids = {}
    for name, fields in CASE_FILE.items():
        ids[name] = repository.create(a_case(*fields, determine), who="clerk.one").id
    for name, draft in DRAFTS.items():
        ids[name] = repository.create(Case(id=0, version=1, status=Status.draft, draft=draft, created_at=NOW,
                                           updated_at=NOW), who="clerk.one").id
    assert list(ids.values()) == list(range(1, len(NAMES) + 1))
    return ids


@pytest.fixture
def case_file(fresh_store, determine):
    return fresh_store, build_case_file(fresh_store, determine)


def names_of(ids_by_name: dict[str, int], ids) -> list[str]:
    by_id = {case_id: name for name, case_id in ids_by_name.items()}
    return [by_id[case_id] for case_id in ids]


# --- a case: created, saved, refused when stale ------------------------------------------------------------------

def test_a_case_reads_back_as_it_was_created_and_saved(fresh_store, determine):
    repository = CaseRepository(fresh_store)
    created = repository.create(a_case(*CASE_FILE["nguyen_thao"], determine), who="clerk.one", why="intake")
    assert (created.id, created.version, created.status) == (1, 1, Status.submitted)
    assert created.request.member.last_name == "Nguyễn" and created.clocks.decision_due == hours(48)
    moved = created.model_copy(update={"status": Status.pending_authorization, "updated_at": hours(1)})
    saved = repository.save(moved, expected_version=1, who="clerk.two",
                            changes=[(Status.submitted, Status.pending_authorization, "sent to the plan")])
    assert saved.version == 2 and saved.status == Status.pending_authorization
    assert saved.model_dump(exclude={"history", "version", "status", "updated_at"}) == \
        created.model_dump(exclude={"history", "version", "status", "updated_at"})
    assert [(h.who, h.from_status, h.to_status, h.why) for h in repository.get(1).history] == [
        ("clerk.one", None, Status.submitted, "intake"),
        ("clerk.two", Status.submitted, Status.pending_authorization, "sent to the plan"),
    ]


def test_a_stale_save_is_refused_naming_both_versions_and_writes_nothing(fresh_store, determine):
    repository = CaseRepository(fresh_store)
    case = repository.create(a_case(*CASE_FILE["avila"], determine), who="clerk.one")
    repository.save(case.model_copy(update={"decision_reason": "first desk"}), expected_version=1, who="desk.one")
    with pytest.raises(StaleVersion) as refused:
        repository.save(case.model_copy(update={"decision_reason": "second desk"}), expected_version=1,
                        who="desk.two", changes=[(Status.approved, Status.closed, "late")])
    assert (refused.value.case_id, refused.value.expected, refused.value.current) == (case.id, 1, 2)
    assert "you had version 1, it is now version 2" in str(refused.value)
    stored = repository.get(case.id)
    assert (stored.version, stored.decision_reason, len(stored.history)) == (2, "first desk", 1)
    with pytest.raises(UnknownCase):
        repository.save(case.model_copy(update={"id": 999}), expected_version=1, who="desk.two")


# --- finding: every filter field, the count and the worklist agree -----------------------------------------------

OPEN = [name for name in NAMES if name not in ("zhou", "lee")]

FILTERS = [
    (CaseFilter(), NAMES),
    (CaseFilter(statuses=(Status.pending_authorization,)), ["nguyen_bao", "nguyen_an"]),
    (CaseFilter(statuses=(Status.closed, Status.withdrawn, Status.draft)),
     ["zhou", "lee", "perez_draft", "empty_draft", "typed_draft"]),
    (CaseFilter(plan=HN), ["nguyen_bao", "zhou", "perez_draft"]),
    (CaseFilter(member_id="TST000104"), ["obrien"]),
    (CaseFilter(member_id="TST000108"), ["perez_draft"]),  # a draft's member id, as typed
    (CaseFilter(text="nguyen"), ["nguyen_thao", "nguyen_bao", "nguyen_an"]),  # accent-blind: Nguyễn too
    (CaseFilter(text="NGUYỄN"), ["nguyen_thao", "nguyen_bao", "nguyen_an"]),
    (CaseFilter(text="nguyen, b"), ["nguyen_bao"]),
    (CaseFilter(text="avila"), ["avila"]),
    (CaseFilter(text="perez"), ["perez_draft"]),
    (CaseFilter(text="Հակոբ"), ["hakobyan"]),
    (CaseFilter(text="TST000105"), ["zhou"]),  # the search box takes a member id too
    (CaseFilter(text="guyen"), []),  # a prefix, not anywhere in the name
    (CaseFilter(overdue_at=NOW), ["obrien"]),
    (CaseFilter(due_before=hours(24)), ["nguyen_bao", "obrien", "nguyen_an"]),
    (CaseFilter(open_only=True), OPEN),
    (CaseFilter(open_only=True, plan=CO, text="nguyen"), ["nguyen_thao", "nguyen_an"]),
    (CaseFilter(statuses=(Status.approved, Status.closed), open_only=True, plan=CO), ["avila"]),
]


@pytest.mark.parametrize(("where", "expected"), FILTERS, ids=[repr(where) for where, _ in FILTERS])
def test_every_filter_field_finds_counts_and_lists_the_same_cases(case_file, where, expected):
    store, ids = case_file
    repository = CaseRepository(store)
    found = [case.id for case in repository.find(where, limit=100, order="newest")]
    assert sorted(names_of(ids, found)) == sorted(expected)
    assert repository.count(where) == len(expected) == WorklistReader(store).count(where)
    listed = [row.id for row in repository.worklist(where, limit=100, order="newest")]
    assert listed == found


def test_the_worklist_first_page_walks_the_open_cases_in_due_order(case_file):
    store, ids = case_file
    page = CaseRepository(store).worklist(CaseFilter(open_only=True), limit=4)
    assert names_of(ids, [row.id for row in page]) == ["obrien", "nguyen_bao", "nguyen_an", "nguyen_thao"]
    assert (page[0].member, page[0].professional, page[0].urgent) == ("O'Brien, Sean", f"NPI {ORTHO_HAKOBYAN}",
                                                                       False)
    assert page[2].urgent and page[2].plan == page[3].plan  # the plan's name as determined


def test_a_drafts_typed_name_is_listed_as_typed_and_a_number_is_no_name(case_file):
    store, ids = case_file
    rows = {row.id: row for row in CaseRepository(store).worklist(CaseFilter(statuses=(Status.draft,)))}
    assert [rows[ids[name]].member for name in DRAFTS] == ["Pérez", "(draft)", "(draft)"]
    assert [rows[ids[name]].plan for name in DRAFTS] == [HN, "", ""]


def test_nothing_stored_is_empty_and_one_case_is_not(fresh_store, determine):
    reader = WorklistReader(fresh_store)
    assert reader.is_empty()
    CaseRepository(fresh_store).create(a_case(*CASE_FILE["zhou"], determine), who="clerk.one")
    assert not reader.is_empty()


# --- orders: the same pages on both engines ----------------------------------------------------------------------

@pytest.fixture
def both_engines(tmp_path, pg_url, determine):
    sqlite_store, server_store = open_store(tmp_path / "desk.sqlite3"), open_store(pg_url)
    ids = build_case_file(sqlite_store, determine)
    assert build_case_file(server_store, determine) == ids
    yield sqlite_store, server_store, ids
    sqlite_store.close()
    server_store.close()


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("order", list(ORDERS))
def test_every_order_gives_the_same_cases_in_the_same_order_on_both_engines(both_engines, order, descending):
    sqlite_store, server_store, ids = both_engines
    pages = []
    for store in (sqlite_store, server_store):
        repository = CaseRepository(store)
        found = [case.id for case in repository.find(CaseFilter(), limit=100, order=order, descending=descending)]
        listed = [row.id for row in repository.worklist(CaseFilter(), limit=100, order=order,
                                                        descending=descending)]
        paged = [row.id for offset in range(0, len(NAMES), 5)
                 for row in repository.worklist(CaseFilter(), limit=5, offset=offset, order=order,
                                                descending=descending)]
        assert found == listed == paged
        pages.append(names_of(ids, found))
    assert pages[0] == pages[1]
    assert sorted(pages[0]) == sorted(NAMES)


def test_names_sort_bytewise_with_the_nameless_first_on_both_engines(both_engines):
    sqlite_store, server_store, ids = both_engines
    expected = ["empty_draft", "typed_draft", "avila", "lee", "nguyen_an", "nguyen_bao", "nguyen_thao", "obrien",
                "perez_draft", "ready", "zhou", "hakobyan"]  # '42' < 'avila' ... < 'zhou' < Armenian letters
    for store in (sqlite_store, server_store):
        assert names_of(ids, [case.id for case in CaseRepository(store).find(CaseFilter(), order="name")]) \
            == expected
        assert names_of(ids, [c.id for c in CaseRepository(store).find(CaseFilter(), order="name",
                                                                        descending=True)]) == expected[::-1]


def test_worklist_rows_are_the_same_on_both_engines(both_engines):
    sqlite_store, server_store, _ids = both_engines
    rows = [CaseRepository(store).worklist(CaseFilter(), limit=100) for store in (sqlite_store, server_store)]
    assert rows[0] == rows[1]
    assert {row.member for row in rows[0]} >= {"Nguyễn, Thảo", "Հակոբյան, Anahit", "Pérez", "(draft)"}


def test_the_worklist_shows_the_rosters_language_and_address_where_the_request_has_none_on_both_engines(
        tmp_path, pg_url, determine):
    """Issue 16: a request typed without the member's language or mailing address shows the plan's roster's,
    marked as the roster's; what the request holds is never replaced, and only the request's own plan counts."""
    from app.storage.members import MemberRepository
    from tests.factories import NO_ADDRESS, roster_member

    def member(member_id, plan, language, line1):
        return roster_member(member_id=member_id, plan=plan, language=language,
                             address=Address(line1=line1, city="Garden Grove", state="CA", zip="92840"))

    requests = [
        {"member_id": "TST000201", "language": None, "address": NO_ADDRESS},  # both from the roster
        {"member_id": "TST000202", "language": "English"},  # its own language and address stay
        {"member_id": "TST000203", "language": None, "address": NO_ADDRESS},  # not on the roster
    ]
    shown = []
    for store in (open_store(tmp_path / "desk.sqlite3"), open_store(pg_url)):
        try:
            MemberRepository(store).upsert_many([
                member("TST000201", CO, "Vietnamese", "200 Example St"),
                member("TST000201", HN, "Korean", "900 Other Plan Ave"),  # the same ID under another plan
                member("TST000202", CO, "Armenian", "300 Example St")])
            repository = CaseRepository(store)
            for changes in requests:
                fields = {"county": "Orange", "member": changes}
                repository.create(Case(id=0, version=1, status=Status.submitted,
                                       request=make_request(plan=CO, **fields), determination=determine(CO, **fields),
                                       clocks=Clocks(decision_due=hours(48)), created_at=NOW, updated_at=NOW),
                                  who="clerk.one")
            rows = sorted(repository.worklist(CaseFilter(), limit=10), key=lambda row: row.id)
            shown.append([(row.language, row.address, row.from_roster) for row in rows])
        finally:
            store.close()
    assert shown[0] == shown[1]
    assert shown[0] == [
        ("Vietnamese", "200 Example St, Garden Grove, CA 92840", ("language", "address")),
        ("English", "100 Example St, Santa Ana, CA 92701", ()),
        ("", "", ()),
    ]


# --- letters: the PDF kept and given back --------------------------------------------------------------------------

PDF = b"%PDF-1.4 a synthetic letter for a synthetic member\n%%EOF\n"


def test_a_printed_letter_is_kept_and_read_back_byte_for_byte(case_file, tmp_path):
    store, ids = case_file
    letters = LetterRepository(store)
    folder = tmp_path / "letters"
    first = letters.write(request_id=ids["avila"], kind="approval", language="es", data=PDF,
                          printed_by="clerk.one", printed_at=NOW, folder=folder)
    again = letters.write(request_id=ids["avila"], kind="approval", language="es", data=PDF + b" ",
                          printed_by="clerk.two", printed_at=NOW, folder=folder)
    assert (first.request_id, first.kind, first.language, first.printed_by, first.printed_at) == \
        (ids["avila"], "approval", "es", "clerk.one", NOW)
    assert (first.sha256, first.size) == (hashlib.sha256(PDF).hexdigest(), len(PDF))
    assert first.file_path != again.file_path  # two prints in the same second keep two letters
    assert letters.read(first.id, folder=folder) == PDF and letters.read(again, folder=folder) == PDF + b" "
    assert letters.for_request(ids["avila"]) == [first, again] and letters.get(first.id) == first
    assert letters.printed_kinds([ids["avila"], ids["zhou"]]) == {ids["avila"]: {"approval"}, ids["zhou"]: set()}


def test_sqlite_keeps_the_letter_as_a_file_in_the_letters_folder(tmp_path, determine):
    store = open_store(tmp_path / "desk.sqlite3")
    ids = build_case_file(store, determine)
    folder = tmp_path / "letters"
    printed = LetterRepository(store).write(request_id=ids["avila"], kind="approval", language="en", data=PDF,
                                            printed_by="clerk.one", printed_at=NOW, folder=folder)
    assert printed.file_path == f"{ids['avila']}/approval-en-20260302T090000.pdf"
    assert (folder / printed.file_path).read_bytes() == PDF
    (folder / printed.file_path).write_bytes(b"%PDF-1.4 tampered")
    with pytest.raises(StoredLetterProblem, match="SHA-256 differs"):
        LetterRepository(store).read(printed.id, folder=folder)
    (folder / printed.file_path).unlink()
    with pytest.raises(StoredLetterProblem, match="cannot be read"):
        LetterRepository(store).read(printed.id, folder=folder)


def test_the_server_keeps_the_letter_in_the_database_so_another_desk_reprints_it(pg_url, tmp_path, determine):
    printing_desk, other_desk = open_store(pg_url), open_store(pg_url)
    ids = build_case_file(printing_desk, determine)
    folder = tmp_path / "letters"
    printed = LetterRepository(printing_desk).write(request_id=ids["avila"], kind="approval", language="en",
                                                    data=PDF, printed_by="clerk.one", printed_at=NOW, folder=folder)
    assert not folder.exists()  # nothing on this computer: the bytes are on the server
    assert LetterRepository(other_desk).read(printed.id) == PDF
    assert LetterRepository(other_desk).for_request(ids["avila"]) == [printed]
    other_desk.execute("UPDATE letters SET pdf = ? WHERE id = ?", [PDF.replace(b"letter", b"LETTER"), printed.id])
    with pytest.raises(StoredLetterProblem, match="SHA-256 differs"):
        LetterRepository(printing_desk).read(printed.id)
    printing_desk.close()
    other_desk.close()


def test_an_unknown_letter_is_a_lookup_error(fresh_store, tmp_path):
    with pytest.raises(LookupError, match="no printed letter #7"):
        LetterRepository(fresh_store).read(7, folder=tmp_path)


# --- export batches --------------------------------------------------------------------------------------------

def a_batch(batch_id: int, plan: str, count: int) -> StoredBatch:
    return StoredBatch(id=batch_id, plan=plan, plan_name="CalOptima Health Medi-Cal",
                       practice={"name": "Sunrise Test Clinic", "phone": "209-555-0100"}, created_at=NOW,
                       who="clerk.one", request_count=count, with_pdfs=False, manifest_sha256="0" * 64)


def test_requests_awaiting_a_decision_are_chosen_then_recorded_and_read_back(case_file):
    store, ids = case_file
    exports = ExportRepository(store)
    awaiting = exports.awaiting_ids(CO)
    assert names_of(ids, awaiting) == ["nguyen_thao", "nguyen_an"]  # submitted or pending, authorization needed
    cases = exports.snapshots(awaiting[::-1] + [999])
    assert [case.id for case in cases] == awaiting[::-1]  # in the order asked; unknown ids left out
    assert cases[0].request.member.last_name == "Nguyen" and cases[0].history == []
    batch_id = exports.next_id()
    exports.claim(a_batch(batch_id, CO, 2), [(line, case.id, snapshot_json(case, None))
                                             for line, case in enumerate(cases, start=1)])
    assert exports.awaiting_ids(CO) == [] and exports.awaiting_ids(CO, again=True) == awaiting
    assert exports.exported(awaiting + [ids["avila"]], CO) == set(awaiting)
    assert exports.exported(awaiting, HN) == set() and exports.exported([], CO) == set()
    record = exports.get(batch_id)
    assert record.batch == a_batch(batch_id, CO, 2)
    assert [(item.line, item.request_id, item.case, item.professional) for item in record.items] == \
        [(1, cases[0].id, cases[0], None), (2, cases[1].id, cases[1], None)]
    assert exports.batches() == exports.batches(CO) == [record.batch] and exports.batches(HN) == []
    assert (exports.request_at(batch_id, 2), exports.request_at(batch_id, 3)) == (cases[1].id, None)
    assert exports.batch_exists(batch_id) and not exports.batch_exists(batch_id + 1)
    assert [(s.batch_id, s.line, s.plan, s.created_at, s.who) for s in exports.sent(cases[0].id)] == \
        [(batch_id, 1, CO, NOW, "clerk.one")]


def test_recording_refuses_requests_another_batch_has_and_a_number_taken(case_file):
    store, ids = case_file
    exports = ExportRepository(store)
    first = [ids["nguyen_thao"], ids["nguyen_an"]]
    exports.claim(a_batch(1, CO, 2), [(1, first[0], "{}"), (2, first[1], "{}")])
    with pytest.raises(AlreadySent) as refused:
        exports.claim(a_batch(2, CO, 2), [(1, ids["avila"], "{}"), (2, first[1], "{}")])
    assert refused.value.sent == {first[1]: [1]}
    assert f"request(s) #{first[1]} (batch 1) to {CO}" in str(refused.value)
    with pytest.raises(BatchTaken, match="another desk recorded batch 1"):
        exports.claim(a_batch(1, CO, 1), [(1, ids["avila"], "{}")], again=True)
    assert not exports.batch_exists(2) and exports.sent(ids["avila"]) == []  # nothing of either was recorded
    assert isinstance(refused.value, InputProblem)  # the clerk reads it as any other refusal
    exports.claim(a_batch(2, CO, 2), [(1, ids["avila"], "{}"), (2, first[1], "{}")], again=True)
    assert [sent.batch_id for sent in exports.sent(first[1])] == [1, 2]


def test_a_batch_on_a_bare_sqlite_utils_database_is_recorded_too(tmp_path):
    from app.storage.db import open_db

    db = open_db(tmp_path / "bare.sqlite3")
    db.execute("INSERT INTO requests (version, status, created_at, updated_at) VALUES (1, 'submitted', 'x', 'x')")
    exports = ExportRepository(db)
    exports.record(a_batch(1, CO, 1), [(1, 1, "{}")])
    assert exports.exported([1], CO) == {1} and exports.request_at(1, 1) == 1


# --- settings ----------------------------------------------------------------------------------------------------

def test_settings_are_saved_and_loaded_with_their_defaults(db_target):
    repository = SettingsRepository(open_store(db_target))
    assert repository.load() == Settings()
    repository.update(report_due_days=21, default_county="Kern", practice_address="100 Example Ave\nStockton")
    loaded = SettingsRepository(open_store(db_target)).load()  # another desk
    assert (loaded.report_due_days, loaded.default_county, loaded.practice_address) == \
        (21, "Kern", "100 Example Ave\nStockton")
    with pytest.raises(InputProblem, match="report_due_days"):
        repository.update(report_due_days=0)
    repository.db.execute("UPDATE settings SET value = ? WHERE key = 'backup_keep'", ['"often"'])
    assert (repository.load().backup_keep, repository.load().report_due_days) == (14, 21)


# --- reports: the same rows, the same figures --------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeded_case_file(tmp_path_factory):
    """The reports' case file (its figures worked out by hand), seeded once on a SQLite file."""
    from tests.support.reports import build_seeded

    path = tmp_path_factory.mktemp("engines") / "seeded.sqlite3"
    build_seeded(path)
    return path


def copy_case_file(source_path, store) -> None:
    """The requests and their history, row for row, into `store`."""
    source = sqlite3.connect(source_path)
    for table in ("requests", "request_history"):
        cursor = source.execute(f"SELECT * FROM {table} ORDER BY id")
        columns = [column[0] for column in cursor.description]
        store.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                          cursor.fetchall())
    source.close()


REPORT_QUERIES = ("decision_rows", "consultation_report_rows", "time_to_consult_rows", "outcome_rows")


def test_the_report_queries_give_the_same_rows_on_both_engines(seeded_case_file, fresh_store):
    from app.storage import reports as queries

    copy_case_file(seeded_case_file, fresh_store)
    reference = sqlite3.connect(seeded_case_file)
    for name in REPORT_QUERIES:
        for plan in (None, CO, HPSJ):
            expected = getattr(queries, name)(reference, plan)
            assert getattr(queries, name)(fresh_store, plan) == expected
            assert expected or plan == HPSJ and name == "decision_rows"
    assert queries.plans_in_use(fresh_store) == queries.plans_in_use(reference) == [
        (CO, "CalOptima Health Medi-Cal"), (HN, "Health Net Medi-Cal"), (HPSJ, "Health Plan of San Joaquin Medi-Cal")]


@pytest.mark.parametrize("kind", KINDS)
def test_every_report_gives_the_same_figures_on_both_engines(seeded_case_file, fresh_store, kind):
    from app.codes.taxonomy import default_taxonomy
    from app.services.reports import ReportService
    from tests.support.reports import REPORTED_AT

    copy_case_file(seeded_case_file, fresh_store)
    options = {"clock": lambda: REPORTED_AT, "report_due_days": 30, "specialty_name": default_taxonomy().name}
    expected = ReportService(seeded_case_file, **options).report(kind, first="2025-03", last="2025-04")
    assert expected.summary.rows  # figures, not two empty tables
    assert ReportService(fresh_store, **options).report(kind, first="2025-03", last="2025-04") == expected
    assert ReportService(fresh_store, **options).report(kind, plan=CO) == \
        ReportService(seeded_case_file, **options).report(kind, plan=CO)
    assert ReportService(fresh_store, **options).plans() == ReportService(seeded_case_file, **options).plans()
