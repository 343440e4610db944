"""The directory on the office server answers as the desk's SQLite file does: the same words found, in the same
order, for any directory; and the server keeps its search index itself.

Synthetic people only: names are put together from letters, never taken from a real directory.
"""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.codes.npi import check_digit
from app.devtools.synthetic import (
    CITIES,
    FIRST_NAMES,
    LAST_NAMES,
    ORG_WORDS,
    PLANS,
    TAXONOMIES,
    synthetic_providers,
)
from app.domain.models import Provider
from app.storage.db import open_memory_db
from app.storage.providers import _ROW_COLUMNS, ProviderRepository, unicode61_table
from app.storage.store import open_store

SMALL_CSV = Path(__file__).resolve().parent.parent / "fixtures" / "providers_small.csv"
# Every code point FTS5 can be given: no NUL (the end of its text), no surrogates (not characters).
CODE_POINTS = [code for code in range(1, 0x110000) if not 0xD800 <= code <= 0xDFFF]


@pytest.fixture
def server_store(pg_url):
    store = open_store(pg_url)
    yield store
    store.close()


def npis(providers: list[Provider]) -> list[str]:
    return [provider.npi for provider in providers]


def tokens_by_the_table(text: str) -> str:
    """What `unicode61_table()` says FTS5 makes of `text`: its folded tokens, one space between."""
    separators, folds, diacritics = _table()
    words, word = [], []
    for char in text:
        code = ord(char)
        if code in diacritics and word:
            continue  # dropped inside a token
        if code in separators:
            if word:
                words.append("".join(word))
                word = []
        else:
            word.append(chr(folds.get(code, code)))
    if word:
        words.append("".join(word))
    return " ".join(words)


@functools.cache
def _table() -> tuple[set[int], dict[int, int], set[int]]:
    """(every separator code point, {code point: its fold}, every diacritic code point)"""
    table = unicode61_table()
    return _every(table.separators), table.folds, _every(table.diacritics)


def _every(ranges: list[tuple[int, int]]) -> set[int]:
    return {code for first, last in ranges for code in range(first, last + 1)}


def probes(codes: list[int]) -> str:
    """Each code point at the start of a token and inside one, each probe's last token told apart by its hex
    number: "<c>x<hex>" and "zq<c>qy<hex>"."""
    return " ".join(f"{chr(code)}x{code:x} zq{chr(code)}qy{code:x}" for code in codes)


# -------------------------------------------------------------------------------------------- the tokenizer


@pytest.mark.slow
def test_the_unicode61_table_is_the_tokenizer_of_this_sqlite_code_point_by_code_point():
    """The drift guard: the server's fold function is built from this table; if the SQLite the desk runs ever
    tokenizes differently, the server needs a migration that replaces the function."""
    db = open_memory_db()  # the migration's own providers_fts, so its own tokenizer options
    db.execute("CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, providers_fts, row)")
    expected: set[str] = set()
    for start in range(0, len(CODE_POINTS), 50_000):
        text = probes(CODE_POINTS[start : start + 50_000])
        db.execute("INSERT INTO providers_fts (rowid, last_name) VALUES (?, ?)", [start + 1, text])
        expected.update(tokens_by_the_table(text).split())
    by_sqlite = {term for (term,) in db.execute("SELECT term FROM temp.vocabulary")}
    assert sorted(by_sqlite - expected) == []
    assert sorted(expected - by_sqlite) == []


@pytest.mark.slow
def test_the_server_folds_every_code_point_as_the_table_says(server_store):
    chunks = [probes(CODE_POINTS[start : start + 4096]) for start in range(0, len(CODE_POINTS), 4096)]
    folded = server_store.execute(
        "SELECT sodesk_search_fold(chunk) FROM unnest(?::text[]) WITH ORDINALITY AS c(chunk, n) ORDER BY n",
        [chunks]).fetchall()
    differ = [index for index, (chunk, (by_server,)) in enumerate(zip(chunks, folded, strict=True))
              if by_server != tokens_by_the_table(chunk)]
    assert differ == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn Minh", "nguyen minh"),
        ("ÁVILA-PEÑA", "avila pena"),
        ("O'Brien", "o brien"),
        ("Đặng", "đang"),  # FTS5 folds the accents, not the stroke: đ stays đ
        ("Straße", "straße"),
        ("Հակոբյան", "հակոբյան"),
        ("王 小明", "王 小明"),
        ("İzmir", "izmir"),
        ("ﬁne", "ﬁne"),
        ("  --  ", ""),
        ("e\u0301", "e"),  # a combining accent inside a word is dropped...
        ("1\u03010 \u0301a", "10 a"),  # ...and separates elsewhere, as in FTS5
        ("a\u0308\u0301b-\u0301c", "ab c"),
        ("王\u0301伟", "王伟"),
    ],
)
def test_the_server_folds_words_as_fts5_does(server_store, text, expected):
    assert tokens_by_the_table(text) == expected
    assert server_store.execute("SELECT sodesk_search_fold(?)", [text]).fetchone()[0] == expected


# -------------------------------------------------------------------------------------------- search


def provider(serial: int, **fields) -> Provider:
    first_nine = f"1{serial:08d}"
    return Provider(npi=first_nine + check_digit(first_nine), **fields)


ACCENTED = [
    provider(1, last_name="Nguyễn", first_name="Thảo", city="San José"),
    provider(2, last_name="Ávila", first_name="José", city="Santa Ana"),
    provider(3, last_name="Đặng", first_name="Quốc", city="Fresno"),
    provider(4, last_name="Avila", first_name="Ana", city="Salinas"),
    provider(5, organization="Ávila Sample Clinic", city="Stockton"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nguyen", [1]),  # accent-blind
        ("NGUYỄN", [1]),
        ("avila", [4, 2, 5]),  # Avila, Ávila, then the clinic (organizations sort by their name)
        ("ávila jo", [2]),  # every word, each a prefix
        ("a", [4, 2, 5]),  # as you type: a, av, avi...
        ("av", [4, 2, 5]),
        ("avi sal", [4]),
        ("san jo", [1, 2]),  # San José; José Ávila in Santa Ana
        ("dang", []),  # FTS5 keeps đ: both engines find Đặng by đ only
        ("đặng", [3]),
        ("quoc", [3]),
    ],
)
def test_accents_and_case_are_ignored_and_each_word_is_a_prefix(fresh_store, text, expected):
    repo = ProviderRepository(fresh_store)
    repo.upsert_many(ACCENTED)
    assert npis(repo.search(text)) == [provider(serial).npi for serial in expected]


def test_rows_copied_in_without_the_repository_are_searchable_on_the_server(tmp_path, server_store):
    """`sodesk db copy` writes the file's rows with COPY: the server computes their search text itself."""
    desk = ProviderRepository(open_store(tmp_path / "desk.sqlite3"))
    assert desk.import_csv(SMALL_CSV).inserted == 12
    columns = ", ".join(f'"{c}"' for c in _ROW_COLUMNS)
    marks = ", ".join("?" for _ in _ROW_COLUMNS)
    with server_store.atomic():
        for row in desk.db.execute(f"SELECT {columns} FROM providers").fetchall():
            server_store.execute(f"INSERT INTO providers ({columns}) VALUES ({marks})", list(row))
        for row in desk.db.execute("SELECT * FROM provider_plans").fetchall():
            server_store.execute("INSERT INTO provider_plans VALUES (?, ?, ?, ?, ?, ?, ?, ?)", list(row))
    server = ProviderRepository(server_store)
    for text in ["pen", "PEÑA", "nguyễn minh", "հակ", "王", "o'brien", "santa ana", "207rc", "1000000", "sunrise"]:
        assert server.search(text) == desk.search(text), text
    assert server.search("santa", plan="caloptima-onecare") == desk.search("santa", plan="caloptima-onecare")
    desk.db.close()


# Letters of the names the desks see, and what breaks tokenizers: case, accents of every kind, đ and ß that FTS5
# keeps, an apostrophe, a hyphen, a combining accent, a ligature, a dotted capital I, Armenian, Chinese, digits.
LETTERS = ("aAbBeEnNoOsSzZ" "áÁéÉñÑöÖüçÇ" "ễẾạẠăơƠưỮ" "đĐßøæ" "ḁǅİﬁ" "ՀհԱաԿկ" "王李伟" "ΆάЁё" "0127" "'-./&"
           "\u0301\u0308")
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=7)
NAME = st.one_of(st.none(), st.lists(WORD, min_size=1, max_size=3).map(" ".join))
PLAN_IDS = ["p1", "p2", "p3"]
CODES = ["207Q00000X", "207R00000X", "208000000X"]


@st.composite
def directories(draw) -> list[Provider]:
    serials = draw(st.lists(st.integers(0, 400), max_size=25, unique=True))
    providers = []
    for serial in serials:
        last_name, organization = draw(NAME), draw(NAME)
        if not (last_name and last_name.strip()) and not (organization and organization.strip()):
            organization = draw(WORD.filter(str.strip))
        providers.append(provider(
            serial, last_name=last_name, first_name=draw(NAME), organization=organization, specialty=draw(NAME),
            city=draw(NAME), taxonomy=draw(st.sampled_from([None, *CODES])),
            plans=draw(st.lists(st.sampled_from(PLAN_IDS), max_size=2, unique=True))))
    return providers


@st.composite
def searches(draw, providers: list[Provider]) -> dict:
    """A search a clerk might type: words the directory has, cut short and typed in any case, or anything."""
    fields = [(p.last_name, p.first_name, p.organization, p.specialty, p.city, p.taxonomy, p.npi) for p in providers]
    stored = [value for values in fields for value in values if value]
    words = []
    for _ in range(draw(st.integers(0, 3))):
        if stored and draw(st.booleans()):
            value = draw(st.sampled_from(stored))
            word = value[: draw(st.integers(1, len(value)))]
            words.append(draw(st.sampled_from([word, word.upper(), word.lower()])))
        else:
            words.append(draw(WORD))
    return {"text": " ".join(words), "plan": draw(st.sampled_from([None, None, *PLAN_IDS])),
            "taxonomy": draw(st.sampled_from([None, None, *CODES])), "limit": draw(st.sampled_from([1, 3, 50]))}


@given(data=st.data(), providers=directories())
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_same_directory_gives_the_same_search_results_on_both_engines(server_store, data, providers):
    desk = ProviderRepository(open_memory_db())
    with server_store.atomic():
        server_store.execute("DELETE FROM provider_plans")
        server_store.execute("DELETE FROM providers")
    server = ProviderRepository(server_store)
    desk.upsert_many(providers)
    server.upsert_many(providers)
    for _ in range(8):
        search = data.draw(searches(providers))
        assert server.search(**search) == desk.search(**search), search


def test_a_synthetic_directory_gives_the_same_search_results_on_both_engines(server_store):
    providers = list(synthetic_providers(3000, seed=5))
    desk = ProviderRepository(open_memory_db())
    server = ProviderRepository(server_store)
    desk.upsert_many(providers)
    server.upsert_many(providers)
    vocabulary = [*LAST_NAMES, *FIRST_NAMES, *(city for city, _, _ in CITIES), *ORG_WORDS, *TAXONOMIES.values(),
                  *TAXONOMIES]
    rng = random.Random(5)
    texts = [word[:cut] for word in vocabulary for cut in (1, 3, len(word))]
    texts += [f"{rng.choice(vocabulary)[:rng.randint(1, 6)]} {rng.choice(vocabulary)[:rng.randint(1, 6)]}"
              for _ in range(150)]
    texts += [chosen.npi[:cut] for chosen in rng.sample(providers, 10) for cut in (4, 10)]
    for text in texts:
        query = {"text": text, "plan": rng.choice([None, None, *PLANS]), "limit": rng.choice([5, 50])}
        assert server.search(**query) == desk.search(**query), query
