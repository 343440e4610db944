"""Reading the directory: name search (FTS5 prefixes), NPI lookup, and `qualified` == InMemoryDirectory.

Every test about what the repository answers runs on both engines (`fresh_store`: a SQLite file, then a database
on the test PostgreSQL server); the index-walk guard reads SQLite's query plans and stays SQLite-only."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.codes.npi import check_digit
from app.devtools.synthetic import GROUPS, PLANS, TAXONOMIES, synthetic_providers
from app.domain.directory import InMemoryDirectory
from app.domain.models import Provider
from app.storage.db import open_db, open_memory_db
from app.storage.dialect import SQLITE, dialect_of
from app.storage.providers import ProviderRepository
from app.storage.words import fts_query

SMALL_CSV = Path(__file__).resolve().parent.parent / "fixtures" / "providers_small.csv"


@pytest.fixture
def seeded_repo(fresh_store):
    """The small fixture directory, on each engine."""
    repo = ProviderRepository(fresh_store)
    assert repo.import_csv(SMALL_CSV).problems == []
    return repo


@pytest.fixture
def seeded_sqlite_repo(tmp_path):
    db = open_db(tmp_path / "desk.sqlite3")
    repo = ProviderRepository(db)
    assert repo.import_csv(SMALL_CSV).problems == []
    yield repo
    db.close()


def empty_repo(store) -> ProviderRepository:
    """An empty directory on the store's engine: a new in-memory file for SQLite, the store's database emptied
    for PostgreSQL (a hypothesis example each)."""
    if dialect_of(store) == SQLITE:
        return ProviderRepository(open_memory_db())
    with store.atomic():
        store.execute("DELETE FROM provider_plans")
        store.execute("DELETE FROM providers")
    return ProviderRepository(store)


def npis(providers: list[Provider]) -> list[str]:
    return [provider.npi for provider in providers]


# -------------------------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pen", ["1000000012"]),  # Peña: accents ignored...
        ("PEÑA", ["1000000012"]),  # ...and case
        ("nguy", ["1000000020"]),  # Nguyễn
        ("nguyễn minh", ["1000000020"]),
        ("հակ", ["1000000046"]),  # Հակոբյան, lower-case Armenian finds upper-case
        ("王", ["1000000053"]),
        ("o'brien", ["1000000079"]),
        ("brien", ["1000000079"]),
        ("santa ana", ["1000000020", "1000000012", "2000000010"]),  # every word must match; sorted by name
        ("fam med anaheim", ["1000000038"]),  # specialty + city
        # taxonomy prefix; Armenian sorts after Latin, and Chinese after Armenian
        ("207rc", ["2000000028", "1000000046", "1000000053"]),
        ("1000000", ["1000000038", "1000000095", "1000000020", "1000000079", "1000000103", "1000000012",
                      "1000000087", "1000000061", "1000000046", "1000000053"]),  # NPI prefix, sorted by name
        ("sunrise", ["2000000010"]),  # organization
        ("smith grace pediatrics stockton", ["1000000061"]),
        ("smith cardiology", []),
    ],
)  # fmt: skip
def test_search_finds_every_word_as_a_prefix(seeded_repo, text, expected):
    assert npis(seeded_repo.search(text)) == expected


@pytest.mark.parametrize(
    "text",
    ['"', '""', "*", "-", "--", "AND", "OR", "NOT", "a AND", "NEAR(a b)", "(", ")", "{last_name}: x", "^",
     "'", "\\", "peña*", '"peña"', "-garcia", "last_name:smith", "a OR b", "+", ":", "\x00", "😀", "a\"b",
     "*a*", "NEAR", "AND OR NOT", "\u0301", "王*"],
)  # fmt: skip
def test_punctuation_and_query_syntax_in_the_text_never_raise(seeded_repo, text):
    seeded_repo.search(text)


def test_quoted_words_are_still_searched(seeded_repo):
    assert npis(seeded_repo.search('"peña"')) == ["1000000012"]
    assert npis(seeded_repo.search("-garcia")) == ["1000000038"]
    assert npis(seeded_repo.search("smith*")) == ["1000000061"]


@given(st.text(max_size=30))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_searches_without_raising(seeded_repo, text):
    found = seeded_repo.search(text, limit=5)
    assert len(found) <= 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", None), ("   ", None), ("- * ()", None), ("peña", '"peña"*'), ('say "hi"', '"say"* """hi"""*')],
)
def test_fts_query_quotes_each_word_as_a_prefix(text, expected):
    assert fts_query(text) == expected


def test_search_filters_by_plan_and_taxonomy(seeded_repo):
    assert npis(seeded_repo.search("santa", plan="caloptima-onecare")) == ["1000000012"]
    assert npis(seeded_repo.search("ca", plan="partnership-medi-cal", taxonomy="207RC0000X")) == [
        "2000000028",
        "1000000053",
    ]
    cardiologists = ["2000000028", "1000000046", "1000000053"]
    assert npis(seeded_repo.search("card", taxonomy=" 207rc0000x ")) == cardiologists
    assert seeded_repo.search("santa", plan="no-such-plan") == []
    assert seeded_repo.search("santa", plan="caloptima-medi-cal;caloptima-onecare") == []


def test_an_empty_text_with_filters_lists_by_name(seeded_repo):
    assert npis(seeded_repo.search("", plan="caloptima-medi-cal")) == [
        "1000000038",  # garcia
        "1000000020",  # nguyễn
        "1000000012",  # peña
        "2000000010",  # sunrise community clinic
    ]
    assert npis(seeded_repo.search("", plan="partnership-medi-cal", taxonomy="207RC0000X")) == [
        "2000000028",
        "1000000053",
    ]
    assert npis(seeded_repo.search("", taxonomy="207Q00000X")) == [
        "1000000038", "1000000020", "1000000012", "2000000010",
    ]  # fmt: skip
    assert npis(seeded_repo.search("", limit=3)) == ["1000000038", "1000000095", "1000000020"]


def test_search_respects_the_limit(seeded_repo):
    assert len(seeded_repo.search("10000", limit=4)) == 4
    assert seeded_repo.search("10000", limit=0) == []


# -------------------------------------------------------------------------------------------- get


def test_get_reads_back_exactly_the_provider_that_was_stored(fresh_store):
    repo = ProviderRepository(fresh_store)
    stored = list(synthetic_providers(300, seed=7))
    repo.upsert_many(stored)
    for provider in stored:
        read = repo.get(provider.npi)
        # The trusted constructor must give a model indistinguishable from a validated one.
        assert read == provider
        assert read.model_dump() == provider.model_dump()
        assert read.model_dump_json() == provider.model_dump_json()
        assert read.model_fields_set == provider.model_fields_set
        assert repr(read) == repr(provider)
        assert read.display_name == provider.display_name
        assert read.model_copy(update={"city": "X"}).city == "X"
        assert Provider.model_validate(read.model_dump()) == provider
    assert repo.get("1000000012") is None
    assert repo.count() == 300


def test_a_list_item_with_a_semicolon_is_refused_on_write(fresh_store):
    repo = ProviderRepository(fresh_store)
    provider = Provider(npi="1000000012", last_name="Peña", languages=["English;Spanish"])
    with pytest.raises(ValueError, match="contains ';'"):
        repo.upsert_many([provider])
    assert repo.count() == 0


# -------------------------------------------------------------------------------------------- qualified


def test_qualified_ranks_accepting_then_language_then_name(seeded_repo):
    found = seeded_repo.qualified(plan="caloptima-medi-cal", taxonomies=["207Q00000X"], language="VIETNAMESE")
    assert npis(found) == ["1000000020", "2000000010", "1000000012", "1000000038"]
    found = seeded_repo.qualified(
        plan="caloptima-medi-cal", taxonomies=["207Q00000X"], group="ipa-sunrise", exclude=["1000000020"]
    )
    assert npis(found) == ["1000000012", "2000000010"]


def test_qualified_and_listing_walk_an_index_in_order_without_sorting(seeded_sqlite_repo):
    """A performance guard: each walk is an index SEARCH in rank order, never a scan or a temporary sort."""
    conn = seeded_sqlite_repo.db.conn
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        plan = "caloptima-medi-cal"
        seeded_sqlite_repo.qualified(plan=plan, taxonomies=["207Q00000X"], group="ipa-sunrise", language="spanish")
        seeded_sqlite_repo.qualified(plan=plan, taxonomies=None, language="Vietnamese")
        seeded_sqlite_repo.qualified(plan=plan, taxonomies=list(TAXONOMIES)[:10], exclude=["1000000012"])
        seeded_sqlite_repo.search("", plan=plan)
        seeded_sqlite_repo.search("", plan=plan, taxonomy="207Q00000X")
    finally:
        conn.set_trace_callback(None)
    walks = [sql for sql in statements if sql.startswith("SELECT") and "FROM provider_plans" in sql]
    assert len(walks) >= 8
    for sql in walks:
        steps = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
        assert steps[0].startswith(
            ("SEARCH provider_plans USING PRIMARY KEY", "SEARCH provider_plans USING COVERING INDEX")
        ), (sql, steps)
        assert not any("TEMP B-TREE" in step for step in steps), (sql, steps)


NAMES = ["Peña", "PEÑA", "pena", "Nguyễn", "nguyen", "Straße", "STRASSE", "ß", "İzmir", "izmir", "Ǆ",
         "ǆ", "王", "Հակոբյան", "O'Brien", "o'brien", "Zed", "a", "A", "É", "e\u0301", "ﬁ", "fi", "Ω",
         "ω"]  # fmt: skip
NAME = st.one_of(st.none(), st.sampled_from(NAMES), st.text(alphabet="aAbBéÉßẞ王 ", max_size=4))
USED_CODES = ["207Q00000X", "207R00000X", "208000000X"]
QUERY_CODES = [*USED_CODES, *list(TAXONOMIES)[3:12], "", "NOT-A-CODE"]
PLAN_IDS = ["p1", "p2", "p3"]
GROUP_IDS = ["g1", "g2", "G1", "ipa sunrise"]
LANGUAGES = ["English", "english", "Spanish", "ESPAÑOL", "Tiếng Việt", "Straße", "中文"]


@st.composite
def directories(draw) -> list[Provider]:
    size = draw(st.integers(0, 40))
    providers = []
    for _ in range(size):
        # few distinct NPIs, so some repeat (the later one wins, in both directories); 1... and 2...
        number = draw(st.integers(100_000_000, 100_000_060)) + draw(st.sampled_from([0, 100_000_000]))
        first_nine = str(number)
        last_name, organization = draw(NAME), draw(NAME)
        if not (last_name and last_name.strip()) and not (organization and organization.strip()):
            organization = draw(st.sampled_from(NAMES))
        providers.append(
            Provider(
                npi=first_nine + check_digit(first_nine),
                last_name=last_name,
                first_name=draw(NAME),
                organization=organization,
                taxonomy=draw(st.sampled_from([None, *USED_CODES])),
                languages=draw(st.lists(st.sampled_from(LANGUAGES), max_size=3)),
                plans=draw(st.lists(st.sampled_from(PLAN_IDS), max_size=3)),
                groups=draw(st.lists(st.sampled_from(GROUP_IDS), max_size=2)),
                accepting_new_patients=draw(st.booleans()),
            )
        )
    return providers


@st.composite
def queries(draw, npis_in_directory: list[str]) -> dict:
    return dict(
        plan=draw(st.sampled_from([*PLAN_IDS, "p4"])),
        taxonomies=draw(
            st.one_of(
                st.none(),
                st.lists(st.sampled_from(QUERY_CODES), max_size=3),
                # more codes than _MAX_WALKS_PER_TIER: one walk of the plan with a code filter
                st.lists(st.sampled_from(QUERY_CODES), min_size=9, max_size=14),
            )
        ),
        group=draw(st.one_of(st.none(), st.sampled_from([*GROUP_IDS, "", "g1;g2", "g3"]))),
        exclude=draw(st.lists(st.sampled_from(npis_in_directory), max_size=4)) if npis_in_directory else [],
        language=draw(
            st.one_of(
                st.none(),
                st.sampled_from(["english", "ENGLISH", "spanish", "español", "STRASSE", "", "x;y"]),
            )
        ),
        limit=draw(st.integers(-3, 12)),
    )


@given(data=st.data(), providers=directories())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_qualified_equals_the_in_memory_directory(fresh_store, data, providers):
    repo = empty_repo(fresh_store)
    repo.upsert_many(providers)
    memory = InMemoryDirectory(providers)
    for _ in range(5):
        query = data.draw(queries([provider.npi for provider in providers]))
        assert repo.qualified(**query) == memory.qualified(**query), query


def test_qualified_equals_the_in_memory_directory_on_a_synthetic_directory(fresh_store):
    providers = list(synthetic_providers(3000, seed=3))
    repo = ProviderRepository(fresh_store)
    repo.upsert_many(providers)
    memory = InMemoryDirectory(providers)
    rng = random.Random(3)
    codes = list(TAXONOMIES)
    for _ in range(300):
        query = dict(
            plan=rng.choice(PLANS),
            taxonomies=rng.choice([None, rng.sample(codes, rng.randint(1, 3)), rng.sample(codes, 10)]),
            group=rng.choice([None, None, *GROUPS]),
            exclude=[provider.npi for provider in rng.sample(providers, 3)],
            language=rng.choice([None, "Spanish", "armenian", "VIETNAMESE", "English", "Klingon"]),
            limit=rng.choice([1, 5, 5, 20]),
        )
        assert repo.qualified(**query) == memory.qualified(**query), query


# -------------------------------------------------------------------------------------------- the command


def run(tmp_path, *argv: str) -> int:
    return main(["--db", str(tmp_path / "desk.sqlite3"), *argv])


@pytest.fixture
def imported(tmp_path, capsys):
    assert run(tmp_path, "providers", "import", str(SMALL_CSV)) == 0
    capsys.readouterr()
    return tmp_path


def test_cli_search_prints_a_table(imported, capsys):
    assert run(imported, "providers", "search", "santa") == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["NPI", "Name", "Specialty", "City", "Phone", "Plans"]
    assert lines[2].startswith("1000000020  Minh Nguyễn, MD")
    assert lines[3].startswith("1000000012  Ana Peña, MD")
    assert "caloptima-medi-cal, caloptima-onecare" in lines[3]
    assert "Sunrise Community Clinic (Sample)" in lines[4]
    assert len(lines) == 5


def test_cli_search_lines_up_wide_characters(imported, capsys):
    assert run(imported, "providers", "search", "207rc") == 0
    out, _ = capsys.readouterr()
    from app.cli.providers import display_width

    starts = {display_width(line[: line.index("Cardio")]) for line in out.splitlines()[2:]}
    assert len(starts) == 1  # 王 takes two columns, and the Specialty column still lines up


def test_cli_search_json_with_filters(imported, capsys):
    filters = ["--plan", "partnership-medi-cal", "--taxonomy", "207RC0000X"]
    assert run(imported, "providers", "search", "", *filters, "--json") == 0
    out, _ = capsys.readouterr()
    found = json.loads(out)
    assert [item["npi"] for item in found] == ["2000000028", "1000000053"]
    assert found[1]["last_name"] == "王"
    assert found[1]["languages"] == ["English", "Chinese"]


def test_cli_search_with_no_match(imported, capsys):
    assert run(imported, "providers", "search", "zzz") == 0
    assert capsys.readouterr().out == "No provider matches.\n"
    assert run(imported, "providers", "search", "zzz", "--json") == 0
    assert capsys.readouterr().out == "[]\n"


@pytest.mark.parametrize("limit", ["0", "-1", "many"])
def test_cli_search_with_a_bad_limit_exits_2_with_nothing_on_stdout(imported, capsys, limit):
    assert_exit_2(lambda: run(imported, "providers", "search", "x", "--limit", limit), capsys, "--limit")


def test_cli_providers_without_an_action_exits_2(imported, capsys):
    assert_exit_2(lambda: run(imported, "providers"), capsys, "ACTION")


def assert_exit_2(call, capsys, mention: str) -> None:
    try:
        status = call()
    except SystemExit as exit_:  # argparse errors exit from inside parse_args
        status = exit_.code
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert mention in err
