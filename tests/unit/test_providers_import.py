"""`providers import`: bad rows reported by line and column and skipped, re-import by NPI, one transaction.

The repository's behaviour is tested on both engines (`fresh_store`: a SQLite file, then a database on the test
PostgreSQL server); SQLite's own file and index handling, and the command (a desk file), on SQLite only."""

from __future__ import annotations

from pathlib import Path

import pytest

import app.storage.providers as providers_module
from app.cli import main
from app.domain.directory import InMemoryDirectory
from app.domain.models import Provider
from app.errors import InputProblem
from app.storage.db import open_db
from app.storage.providers import CSV_COLUMNS, ProviderRepository, _plan_rows

SMALL_CSV = Path(__file__).resolve().parent.parent / "fixtures" / "providers_small.csv"
HEADER = ",".join(CSV_COLUMNS)
# A good row: NPI 1000000996, then fill-ins. Tests swap one cell at a time.
GOOD = [
    "1000000996", "Lê", "Thảo", "", "MD", "207Q00000X", "Family Medicine", "1 Example Ave", "Fresno", "CA",
    "93721", "(559) 555-0100", "", "English;Vietnamese", "caloptima-medi-cal", "ipa-sunrise", "true", "true",
]  # fmt: skip

LATIN1 = {"first_name": "Ana", "languages": "English;Spanish"}  # encodable in Latin-1


def row(**changes: str) -> str:
    cells = list(GOOD)
    for name, value in changes.items():
        cells[CSV_COLUMNS.index(name)] = value
    return ",".join(_quoted(cell) for cell in cells)


def _quoted(cell: str) -> str:
    if any(char in cell for char in ',"\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def write(tmp_path: Path, *lines: str, name: str = "directory.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


@pytest.fixture
def repo(fresh_store):
    """An empty directory, on each engine."""
    return ProviderRepository(fresh_store)


@pytest.fixture
def sqlite_repo(tmp_path):
    db = open_db(tmp_path / "desk.sqlite3")
    yield ProviderRepository(db)
    db.close()


@pytest.fixture
def seeded_repo(repo):
    report = repo.import_csv(SMALL_CSV)
    assert (report.inserted, report.problems) == (12, [])
    return repo


def stored_state(repo: ProviderRepository) -> tuple:
    """Everything the directory holds, to compare before and after."""
    return (
        repo.db.execute("SELECT * FROM providers ORDER BY npi").fetchall(),
        repo.db.execute("SELECT * FROM provider_plans ORDER BY 1, 2, 3, 4, 5, 6").fetchall(),
    )


def assert_index_consistent(repo: ProviderRepository) -> None:
    """provider_plans holds exactly the rows derived from providers, and every provider is found by NPI."""
    columns = ", ".join(f'"{c}"' for c in providers_module._ROW_COLUMNS)
    rows = repo.db.execute(f"SELECT {columns} FROM providers").fetchall()
    expected = sorted(item for stored in rows for item in _plan_rows(stored))
    actual = sorted(tuple(row) for row in repo.db.execute("SELECT * FROM provider_plans").fetchall())
    assert actual == expected
    for stored in rows:
        assert [p.npi for p in repo.search(stored[0])] == [stored[0]]


# -------------------------------------------------------------------------------------------- good files


def test_the_small_fixture_loads_every_row(seeded_repo):
    assert seeded_repo.count() == 12
    pena = seeded_repo.get("1000000012")
    assert pena == Provider(
        npi="1000000012", last_name="Peña", first_name="Ana", credential="MD", taxonomy="207Q00000X",
        specialty="Family Medicine", address="100 Example Ave", city="Santa Ana", state="CA", zip="92701",
        phone="(714) 555-0101", fax="(714) 555-0102", languages=["English", "Spanish"],
        plans=["caloptima-medi-cal", "caloptima-onecare"], groups=["ipa-sunrise"], medi_cal_certified=True,
        accepting_new_patients=True,
    )  # fmt: skip
    smith = seeded_repo.get("1000000061")
    assert (smith.credential, smith.medi_cal_certified) == ("MD, MPH", True)
    assert smith.accepting_new_patients is False
    assert seeded_repo.get("2000000010").display_name == "Sunrise Community Clinic (Sample)"
    assert_index_consistent(seeded_repo)


def test_a_utf8_bom_and_crlf_line_ends_are_fine(repo, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"{HEADER}\r\n{row()}\r\n".encode())
    report = repo.import_csv(path)
    assert (report.inserted, report.problems) == (1, [])
    assert repo.get("1000000996").last_name == "Lê"


def test_header_names_may_come_in_any_order_case_and_spacing(repo, tmp_path):
    names = [f" {name.upper()} " for name in reversed(CSV_COLUMNS)]
    cells = list(reversed(row().split(",")))
    report = repo.import_csv(write(tmp_path, ",".join(names), ",".join(cells)))
    assert report.problems == []
    assert repo.get("1000000996").city == "Fresno"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("true", True), ("TRUE", True), ("Yes", True), ("1", True), ("false", False), ("no", False),
     ("0", False), ("", False)],
)  # fmt: skip
def test_booleans_are_read_case_insensitively_and_empty_means_false(repo, tmp_path, cell, expected):
    report = repo.import_csv(write(tmp_path, HEADER, row(accepting_new_patients=cell)))
    assert report.problems == []
    assert repo.get("1000000996").accepting_new_patients is expected


def test_list_cells_are_split_on_semicolons_trimmed_and_deduplicated(repo, tmp_path):
    cells = row(languages=" English ; Spanish;;English", plans="caloptima-medi-cal;", groups="")
    report = repo.import_csv(write(tmp_path, HEADER, cells))
    assert report.problems == []
    provider = repo.get("1000000996")
    assert (provider.languages, provider.plans, provider.groups) == (
        ["English", "Spanish"],
        ["caloptima-medi-cal"],
        [],
    )


def test_blank_lines_are_ignored_and_a_quoted_value_may_span_lines(repo, tmp_path):
    two_line_address = row(npi="1000000012", address="Suite 2\n100 Example Ave")
    path = write(tmp_path, HEADER, "", two_line_address, ",,,,,,,,,,,,,,,,,", row(npi="12345"))
    report = repo.import_csv(path)
    assert repo.get("1000000012").address == "Suite 2\n100 Example Ave"
    # header 1, blank 2, the two-line record 3-4, empty cells 5: the bad row is physical line 6
    assert report.problems == ["line 6, column 1 (npi): an NPI is exactly 10 digits (got '12345')"]


# -------------------------------------------------------------------------------------------- bad rows


@pytest.mark.parametrize(
    ("bad_row", "problem"),
    [
        (row(npi="12345"), "line 3, column 1 (npi): an NPI is exactly 10 digits (got '12345')"),
        (row(npi=""), "line 3, column 1 (npi): an NPI is exactly 10 digits (the cell is empty)"),
        (
            row(npi="1000000997"),
            "line 3, column 1 (npi): NPI check digit does not match (Luhn with prefix 80840): check for a "
            "typo (got '1000000997')",
        ),
        (
            row(taxonomy="family medicine"),
            "line 3, column 6 (taxonomy): a NUCC taxonomy code is 10 characters ending in X, e.g. 207X00000X "
            "(got 'family medicine')",
        ),
        (
            row(accepting_new_patients="maybe"),
            "line 3, column 18 (accepting_new_patients): expected true or false (also yes/no or 1/0; an "
            "empty cell means false), got 'maybe'",
        ),
        (
            row(last_name="", first_name="Thảo", organization=""),
            "line 3, column 2 (last_name): a row needs a last_name (a person) or an organization (column 4); "
            "both are empty",
        ),
        (
            row() + ",extra",
            "line 3: 19 values, expected 18 (a value that contains a comma must be in double quotes)",
        ),
        (
            "1000000996,Lê,Thảo",
            "line 3: 3 values, expected 18 (a value that contains a comma must be in double quotes)",
        ),
    ],
)
def test_a_bad_row_is_reported_by_line_and_column_and_skipped(repo, tmp_path, bad_row, problem):
    path = write(tmp_path, HEADER, row(npi="1000000012"), bad_row, row(npi="1000000020"))
    report = repo.import_csv(path)
    assert report.problems == [problem]
    assert (report.inserted, report.skipped) == (2, 1)
    assert [repo.get(npi) is not None for npi in ("1000000012", "1000000020")] == [True, True]


def test_every_problem_of_a_row_is_listed(repo, tmp_path):
    report = repo.import_csv(write(tmp_path, HEADER, row(npi="x", taxonomy="bad", medi_cal_certified="?")))
    assert report.problems == [
        "line 2, column 17 (medi_cal_certified): expected true or false (also yes/no or 1/0; an empty cell "
        "means false), got '?'",
        "line 2, column 1 (npi): an NPI is exactly 10 digits (got 'x')",
        "line 2, column 6 (taxonomy): a NUCC taxonomy code is 10 characters ending in X, e.g. 207X00000X "
        "(got 'bad')",
    ]
    assert (report.loaded, report.skipped) == (0, 1)


def test_a_duplicate_npi_keeps_the_later_row_with_a_warning(repo, tmp_path):
    path = write(tmp_path, HEADER, row(city="Fresno"), row(npi="1000000012"), row(city="Merced"))
    report = repo.import_csv(path)
    assert (report.inserted, report.skipped, report.problems) == (2, 0, [])
    assert report.warnings == [
        "line 4, column 1 (npi): NPI 1000000996 is also on line 2; the later row (line 4) is kept"
    ]
    assert repo.get("1000000996").city == "Merced"


# -------------------------------------------------------------------------------------------- re-import


def test_reimport_updates_by_npi_and_keeps_the_indexes_in_step(seeded_repo, tmp_path):
    changed = row(
        npi="1000000012", last_name="Peña-Ruiz", plans="anthem-medi-cal", groups="mg-coastal",
        accepting_new_patients="false", taxonomy="207R00000X",
    )  # fmt: skip
    report = seeded_repo.import_csv(write(tmp_path, HEADER, changed, row()))
    assert (report.inserted, report.updated, report.unchanged) == (1, 1, 0)
    assert seeded_repo.count() == 13
    assert seeded_repo.get("1000000012").last_name == "Peña-Ruiz"
    # Her old first name, city, plan and taxonomy no longer find her; the new ones do.
    assert seeded_repo.search("pena ana") == []
    assert "1000000012" not in [p.npi for p in seeded_repo.search("santa ana")]
    assert [p.npi for p in seeded_repo.search("ruiz thao fresno")] == ["1000000012"]
    assert [p.npi for p in seeded_repo.search("pena", plan="anthem-medi-cal", taxonomy="207r00000x")] == [
        "1000000012"
    ]
    assert seeded_repo.search("pena", plan="caloptima-medi-cal") == []
    old_query = dict(plan="caloptima-medi-cal", taxonomies=["207Q00000X"], limit=10)
    assert "1000000012" not in [p.npi for p in seeded_repo.qualified(**old_query)]
    new_query = dict(plan="anthem-medi-cal", taxonomies=["207R00000X"], group="mg-coastal")
    assert [p.npi for p in seeded_repo.qualified(**new_query)] == ["1000000012"]
    assert_index_consistent(seeded_repo)


def test_reimporting_the_same_file_changes_nothing(seeded_repo):
    before = stored_state(seeded_repo)
    report = seeded_repo.import_csv(SMALL_CSV)
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, 12)
    assert stored_state(seeded_repo) == before


# -------------------------------------------------------------------------------------------- unusable files


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        (HEADER.replace(",fax", ""), "line 1 (header): missing column(s): fax"),
        (HEADER + ",notes", "line 1 (header): unknown column(s): 'notes'"),
        (HEADER.replace("zip", "postal_code"), "line 1 (header): missing column(s): zip"),
        (HEADER.replace("fax", "phone"), "line 1 (header): column(s) given twice: phone"),
    ],
)
def test_a_wrong_header_lists_the_expected_columns_and_changes_nothing(
    seeded_repo, tmp_path, header, problem
):
    before = stored_state(seeded_repo)
    path = write(tmp_path, header, row())
    with pytest.raises(InputProblem) as raised:
        seeded_repo.import_csv(path)
    assert problem in raised.value.problems
    assert raised.value.problems[-1] == "expected exactly these columns (any order): " + HEADER
    assert raised.value.source == str(path)
    assert stored_state(seeded_repo) == before


def test_a_file_that_is_not_utf8_says_so_with_the_line(seeded_repo, tmp_path):
    before = stored_state(seeded_repo)
    rows = row(npi="1000000012", last_name="Lopez", **LATIN1), row(last_name="Peña", **LATIN1)
    path = write(tmp_path, HEADER, *rows, encoding="latin-1")
    with pytest.raises(InputProblem) as raised:
        seeded_repo.import_csv(path)
    assert raised.value.problems == [
        "line 3: the file is not UTF-8 text (byte 0xF1 cannot start a UTF-8 character); save it as "
        "'CSV UTF-8 (comma delimited)' and import again"
    ]
    assert stored_state(seeded_repo) == before


def test_a_utf16_file_says_so(repo, tmp_path):
    with pytest.raises(InputProblem, match="UTF-16"):
        repo.import_csv(write(tmp_path, HEADER, row(), encoding="utf-16"))


@pytest.mark.parametrize("content", [b"", b"\n\n"])
def test_an_empty_file_asks_for_the_header(repo, tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(InputProblem, match="the file is empty: expected a header line: npi,last_name,"):
        repo.import_csv(path)


def test_a_missing_file_is_an_input_problem(repo, tmp_path):
    with pytest.raises(InputProblem, match="no such file"):
        repo.import_csv(tmp_path / "nowhere.csv")


def test_a_quote_left_open_is_an_input_problem(repo, tmp_path):
    path = write(tmp_path, HEADER, row(), 'x,"never closed' + "a" * 200_000)
    with pytest.raises(InputProblem, match="line 3: not readable as CSV"):
        repo.import_csv(path)
    assert repo.count() == 0


# -------------------------------------------------------------------------------------------- atomicity


def test_a_crash_mid_import_leaves_the_previous_directory_intact(seeded_repo, tmp_path, monkeypatch):
    before = stored_state(seeded_repo)
    rows = [row(npi="1000000012", last_name="Changed"), row(npi="1000000996"), row(npi="2000000028")]
    path = write(tmp_path, HEADER, *rows)
    real_row = providers_module._provider_row
    calls = []

    def crash_on_third_row(provider):
        calls.append(provider.npi)
        if len(calls) == 3:
            raise RuntimeError("disk unplugged")
        return real_row(provider)

    monkeypatch.setattr(providers_module, "_provider_row", crash_on_third_row)
    monkeypatch.setattr(providers_module, "_BATCH", 1)  # rows 1 and 2 are written before the crash
    with pytest.raises(RuntimeError, match="disk unplugged"):
        seeded_repo.import_csv(path)
    assert len(calls) == 3
    assert stored_state(seeded_repo) == before
    assert seeded_repo.get("1000000012").last_name == "Peña"
    assert seeded_repo.get("1000000996") is None
    assert seeded_repo.search("changed") == []
    monkeypatch.undo()
    assert_index_consistent(seeded_repo)
    report = seeded_repo.import_csv(path)  # and the connection is still usable
    assert (report.inserted, report.updated) == (1, 2)


def test_a_crash_mid_import_leaves_the_file_database_intact_for_the_next_session(tmp_path, monkeypatch):
    db_file = tmp_path / "desk.sqlite3"
    db = open_db(db_file)
    ProviderRepository(db).import_csv(SMALL_CSV)
    monkeypatch.setattr(providers_module, "_BATCH", 2)
    monkeypatch.setattr(providers_module, "_fts_values", lambda row: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        changes = write(tmp_path, HEADER, row(), row(npi="1000000012", city="Nowhere"))
        ProviderRepository(db).import_csv(changes)
    db.close()
    monkeypatch.undo()
    reopened = ProviderRepository(open_db(db_file))
    assert reopened.count() == 12
    assert reopened.get("1000000012").city == "Santa Ana"
    reopened.db.close()


def test_a_bulk_load_builds_its_indexes_afterwards_and_a_crash_brings_them_back(
    sqlite_repo, tmp_path, monkeypatch
):
    def index_sql() -> list[tuple]:
        sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        return sqlite_repo.db.conn.execute(sql).fetchall()

    before = index_sql()
    assert {"providers_by_name", "provider_plans_any"} <= {name for name, _ in before}
    monkeypatch.setattr(providers_module, "_BULK_LOAD", 5)  # 12 rows into an empty directory is a bulk load
    real_clustered = providers_module._clustered
    monkeypatch.setattr(providers_module, "_clustered", lambda rows: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        sqlite_repo.import_csv(SMALL_CSV)
    assert index_sql() == before
    assert sqlite_repo.count() == 0
    monkeypatch.setattr(providers_module, "_clustered", real_clustered)
    assert sqlite_repo.import_csv(SMALL_CSV).inserted == 12
    assert index_sql() == before
    assert_index_consistent(sqlite_repo)
    assert [p.npi for p in sqlite_repo.search("", limit=2)] == ["1000000038", "1000000095"]
    # The FTS index, filled at the end in one statement, finds what the row-by-row path finds.
    assert [p.npi for p in sqlite_repo.search("pena santa")] == ["1000000012"]
    assert [p.npi for p in sqlite_repo.search("207rc")] == ["2000000028", "1000000046", "1000000053"]
    assert sqlite_repo.import_csv(SMALL_CSV).unchanged == 12  # not a bulk load: no more rows than stored
    # A bulk load on top of a directory that is not empty: updates go through the row-by-row FTS path.
    npis = [npi for npi, in sqlite_repo.db.conn.execute("SELECT npi FROM providers")] + ["1000000996"]
    report = sqlite_repo.import_csv(write(tmp_path, HEADER, *[row(npi=npi) for npi in npis]))
    assert (report.inserted, report.updated) == (1, 12)
    assert index_sql() == before
    assert_index_consistent(sqlite_repo)
    assert sqlite_repo.search("pena") == []
    assert len(sqlite_repo.search("le thao fresno")) == 13


def test_a_bulk_load_stores_and_finds_what_a_row_by_row_load_does(repo, monkeypatch):
    monkeypatch.setattr(providers_module, "_BULK_LOAD", 5)  # 12 rows into an empty directory is a bulk load
    assert repo.import_csv(SMALL_CSV).inserted == 12
    assert_index_consistent(repo)
    assert [p.npi for p in repo.search("", limit=2)] == ["1000000038", "1000000095"]
    assert [p.npi for p in repo.search("pena santa")] == ["1000000012"]
    assert [p.npi for p in repo.search("207rc")] == ["2000000028", "1000000046", "1000000053"]
    assert repo.import_csv(SMALL_CSV).unchanged == 12


def test_the_in_memory_directory_and_the_database_agree_after_imports(seeded_repo, tmp_path):
    seeded_repo.import_csv(write(tmp_path, HEADER, row(npi="1000000012", accepting_new_patients="false")))
    providers = [seeded_repo.get(npi) for npi, in seeded_repo.db.execute("SELECT npi FROM providers")]
    memory = InMemoryDirectory(providers)
    for plan in ("caloptima-medi-cal", "healthnet-medi-cal", "partnership-medi-cal"):
        for language in (None, "spanish", "ENGLISH"):
            query = dict(plan=plan, taxonomies=None, language=language, limit=20)
            assert seeded_repo.qualified(**query) == memory.qualified(**query)


# -------------------------------------------------------------------------------------------- the command


def test_cli_import_prints_a_summary_and_the_skipped_rows_on_stderr(tmp_path, capsys):
    db_file = tmp_path / "desk.sqlite3"
    path = write(tmp_path, HEADER, row(), row(npi="12345"), row(npi="1000000012"), row(npi="1000000012"))
    assert main(["--db", str(db_file), "providers", "import", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{path}: 2 inserted, 0 updated, 0 unchanged, 1 skipped\n"
    assert err.splitlines() == [
        f"{path}: skipped: line 3, column 1 (npi): an NPI is exactly 10 digits (got '12345')",
        f"{path}: warning: line 5, column 1 (npi): NPI 1000000012 is also on line 4; the later row (line 5) "
        "is kept",
    ]
    assert main(["--db", str(db_file), "providers", "import", str(SMALL_CSV)]) == 0
    out, _ = capsys.readouterr()
    assert out == f"{SMALL_CSV}: 11 inserted, 1 updated, 0 unchanged, 0 skipped\n"


@pytest.mark.parametrize(
    ("lines", "encoding", "message"),
    [
        ((HEADER.replace(",fax", ""), row()), "utf-8", "missing column(s): fax"),
        ((HEADER, row(last_name="Peña", **LATIN1)), "latin-1", "not UTF-8"),
        ((HEADER, row(npi="12345"), row(npi="2")), "utf-8", "2 problems:"),
        ((HEADER,), "utf-8", "no provider rows below the header"),
    ],
)
def test_cli_import_of_an_unusable_file_exits_2_with_nothing_on_stdout(
    tmp_path, capsys, lines, encoding, message
):
    path = write(tmp_path, *lines, encoding=encoding)
    assert main(["--db", str(tmp_path / "desk.sqlite3"), "providers", "import", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert message in err
    assert str(path) in err


def test_cli_import_of_a_missing_file_exits_2_and_creates_no_database(tmp_path, capsys):
    db_file = tmp_path / "desk.sqlite3"
    assert main(["--db", str(db_file), "providers", "import", str(tmp_path / "nowhere.csv")]) == 2
    out, err = capsys.readouterr()
    assert (out, "no such file" in err) == ("", True)
    assert not db_file.exists()


def test_cli_import_into_a_file_that_is_not_a_database_exits_2(tmp_path, capsys):
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("my notes\n")
    assert main(["--db", str(not_a_db), "providers", "import", str(SMALL_CSV)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "not a SQLite database" in err
    assert not_a_db.read_text() == "my notes\n"
