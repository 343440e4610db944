"""The provider directory, in SQLite or on the PostgreSQL office server: CSV import, NPI lookup, the engine's
`qualified` query, and name search. Both engines give the same answers for the same directory.

Tables (migration m001_providers):

- `providers`: one row per NPI, every `Provider` field (lists `;`-joined), plus the casefolded sort keys.
- `provider_plans`: one row per (plan, provider), clustered (WITHOUT ROWID) on
  (plan, taxonomy, accepting, sort_name, sort_first, npi), i.e. in `rank_key` order inside each plan/taxonomy
  and accepting tier; `provider_plans_any` is the same without the taxonomy. Each row also carries the
  provider's groups and casefolded languages as `;a;b;` strings, so the group and language filters are read
  from the index itself. `qualified()` walks at most a few dozen index entries per tier.
- `providers_fts` (SQLite): a contentless FTS5 index (rowid = the NPI as an integer, which VACUUM cannot
  renumber) over names, organization, specialty, city, taxonomy and NPI.
- `providers.search_text` (PostgreSQL): the same words as FTS5 makes of those columns, kept by the server itself
  (a generated column, so rows copied in with plain INSERT or COPY are searchable), under a pg_trgm GIN index.
  See "search text on PostgreSQL" below.

`provider_plans` and `providers_fts` are derived from `providers` and rewritten with it, in the same
transaction, by `ProviderRepository.upsert_many`: write providers only through the repository.

List items never contain `;` and are never empty (the CSV splits on `;` and drops empty items; `upsert_many`
refuses such items), which is what makes the `;a;b;` membership test exact.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pydantic import ValidationError

from app.domain.models import Provider
from app.errors import Problem
from app.storage.dialect import POSTGRESQL, dialect_of
from app.storage.tabular import CsvRows, ImportReport, decode, error_text, gc_paused, read_file, shown
from app.storage.words import fts_query, search_words

if TYPE_CHECKING:
    import sqlite_utils

CSV_COLUMNS: tuple[str, ...] = (
    "npi",
    "last_name",
    "first_name",
    "organization",
    "credential",
    "taxonomy",
    "specialty",
    "address",
    "city",
    "state",
    "zip",
    "phone",
    "fax",
    "languages",
    "plans",
    "groups",
    "medi_cal_certified",
    "accepting_new_patients",
)
LIST_COLUMNS = ("languages", "plans", "groups")
BOOL_COLUMNS = ("medi_cal_certified", "accepting_new_patients")
TRUE_WORDS = frozenset({"true", "yes", "y", "1"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", ""})  # an empty cell means false: see docs/providers-csv.md
SEPARATOR = ";"

_BATCH = 50000
# A load of at least this many providers, more than are stored, builds the secondary indexes afterwards.
_BULK_LOAD = 20000
_DEFERRABLE_INDEXES = ("providers_by_name", "provider_plans_any")
# Beyond this many taxonomy codes one ordered walk of the plan with a code filter beats one walk per code.
_MAX_WALKS_PER_TIER = 8

_PROVIDER_COLUMNS = CSV_COLUMNS  # the providers table stores every Provider field under its own name
_SELECT = "SELECT " + ", ".join(f'"{c}"' for c in _PROVIDER_COLUMNS) + " FROM providers"
_ALL_FIELDS = frozenset(_PROVIDER_COLUMNS)

_FTS_COLUMNS = ("last_name", "first_name", "organization", "specialty", "city", "taxonomy", "npi")


# ---------------------------------------------------------------------------------------------- schema


def m001_providers(db: sqlite_utils.Database) -> None:
    """The directory: providers, the ranked plan index, and the FTS5 name index."""
    text_columns = ",\n".join(f'    "{c}" TEXT' for c in _PROVIDER_COLUMNS[1:13])
    if dialect_of(db) == POSTGRESQL:
        return _m001_providers_postgresql(db, text_columns)
    db.execute(
        f"""
CREATE TABLE providers (
    npi TEXT PRIMARY KEY,
{text_columns},
    languages TEXT NOT NULL DEFAULT '',
    plans TEXT NOT NULL DEFAULT '',
    "groups" TEXT NOT NULL DEFAULT '',
    medi_cal_certified INTEGER NOT NULL DEFAULT 0 CHECK (medi_cal_certified IN (0, 1)),
    accepting_new_patients INTEGER NOT NULL DEFAULT 0 CHECK (accepting_new_patients IN (0, 1)),
    sort_name TEXT NOT NULL,
    sort_first TEXT NOT NULL
) STRICT"""
    )
    db.execute("CREATE INDEX providers_by_name ON providers (sort_name, sort_first, npi)")
    db.execute(
        """
CREATE TABLE provider_plans (
    plan TEXT NOT NULL,
    taxonomy TEXT NOT NULL,          -- '' when the provider has none
    accepting INTEGER NOT NULL,
    sort_name TEXT NOT NULL,
    sort_first TEXT NOT NULL,
    npi TEXT NOT NULL,
    groups_key TEXT NOT NULL,        -- ';ipa-a;mg-b;' or ''
    languages_key TEXT NOT NULL,     -- ';english;spanish;' (casefolded) or ''
    PRIMARY KEY (plan, taxonomy, accepting, sort_name, sort_first, npi)
) STRICT, WITHOUT ROWID"""
    )
    db.execute(
        "CREATE INDEX provider_plans_any ON provider_plans "
        "(plan, accepting, sort_name, sort_first, npi, taxonomy, groups_key, languages_key)"
    )
    fts_columns = ", ".join(_FTS_COLUMNS)
    db.execute(
        f"""
CREATE VIRTUAL TABLE providers_fts USING fts5(
    {fts_columns},
    content='',
    tokenize='unicode61 remove_diacritics 2',
    prefix='1 2 3',
    columnsize=0
)"""
    )


def _m001_providers_postgresql(db, text_columns: str) -> None:
    db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")  # a trusted extension: the database's owner may create it
    for statement in _postgresql_search_functions():  # search_text's, before the table that computes it
        db.execute(statement)
    # Names sort bytewise (COLLATE "C"), as SQLite compares them, so pages come in the same order.
    db.execute(
        f"""
CREATE TABLE providers (
    npi TEXT PRIMARY KEY,
{text_columns},
    languages TEXT NOT NULL DEFAULT '',
    plans TEXT NOT NULL DEFAULT '',
    "groups" TEXT NOT NULL DEFAULT '',
    medi_cal_certified BIGINT NOT NULL DEFAULT 0 CHECK (medi_cal_certified IN (0, 1)),
    accepting_new_patients BIGINT NOT NULL DEFAULT 0 CHECK (accepting_new_patients IN (0, 1)),
    sort_name TEXT COLLATE "C" NOT NULL,
    sort_first TEXT COLLATE "C" NOT NULL,
    search_text TEXT GENERATED ALWAYS AS (
        sodesk_provider_search_text(last_name, first_name, organization, specialty, city, taxonomy, npi)) STORED
)"""
    )
    db.execute("CREATE INDEX providers_by_name ON providers (sort_name, sort_first, npi)")
    db.execute("CREATE INDEX providers_search ON providers USING gin (search_text gin_trgm_ops)")
    db.execute(
        """
CREATE TABLE provider_plans (
    plan TEXT COLLATE "C" NOT NULL,
    taxonomy TEXT COLLATE "C" NOT NULL,
    accepting BIGINT NOT NULL,
    sort_name TEXT COLLATE "C" NOT NULL,
    sort_first TEXT COLLATE "C" NOT NULL,
    npi TEXT COLLATE "C" NOT NULL,
    groups_key TEXT NOT NULL,
    languages_key TEXT NOT NULL,
    PRIMARY KEY (plan, taxonomy, accepting, sort_name, sort_first, npi)
)"""
    )
    db.execute(
        "CREATE INDEX provider_plans_any ON provider_plans "
        "(plan, accepting, sort_name, sort_first, npi, taxonomy, groups_key, languages_key)"
    )


_UPSERT = (
    "INSERT INTO providers ("
    + ", ".join(f'"{c}"' for c in _PROVIDER_COLUMNS)
    + ", sort_name, sort_first) VALUES ("
    + ", ".join("?" for _ in range(len(_PROVIDER_COLUMNS) + 2))
    + ") ON CONFLICT (npi) DO UPDATE SET "
    + ", ".join(f'"{c}" = excluded."{c}"' for c in (*_PROVIDER_COLUMNS[1:], "sort_name", "sort_first"))
)
_INSERT_PLAN = "INSERT INTO provider_plans VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
_DELETE_PLAN = (
    "DELETE FROM provider_plans "
    "WHERE plan = ? AND taxonomy = ? AND accepting = ? AND sort_name = ? AND sort_first = ? AND npi = ?"
)
_FTS_NAMES = ", ".join(_FTS_COLUMNS)
_FTS_INSERT = f"INSERT INTO providers_fts (rowid, {_FTS_NAMES}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
_FTS_FILL = (  # the same values as _fts_values, for every stored provider, in rowid order
    f"INSERT INTO providers_fts (rowid, {_FTS_NAMES}) "
    "SELECT CAST(npi AS INTEGER), last_name, first_name, organization, specialty, city, taxonomy, npi "
    "FROM providers ORDER BY npi"
)
_FTS_DELETE = (
    f"INSERT INTO providers_fts (providers_fts, rowid, {_FTS_NAMES}) "
    "VALUES ('delete', ?, ?, ?, ?, ?, ?, ?, ?)"
)
# The providers table, in `_provider_row` order.
_ROW_COLUMNS = (*_PROVIDER_COLUMNS, "sort_name", "sort_first")
_SELECT_ROWS = (
    "SELECT " + ", ".join(f'"{c}"' for c in _ROW_COLUMNS) + " FROM providers "
    "WHERE npi IN (SELECT value FROM json_each(?))"
)
# The same statements on PostgreSQL, each batch's rows as one JSON array of `_provider_row`s / `_plan_rows`.
_PG_SELECT_ROWS = (
    "SELECT " + ", ".join(f'"{c}"' for c in _ROW_COLUMNS) + " FROM providers "
    "WHERE npi IN (SELECT jsonb_array_elements_text(?::jsonb))"
)
_PG_UPSERT = (
    "INSERT INTO providers (" + ", ".join(f'"{c}"' for c in _ROW_COLUMNS) + ") SELECT "
    + ", ".join(f"(r->>{i})::bigint" if c in BOOL_COLUMNS else f"r->>{i}" for i, c in enumerate(_ROW_COLUMNS))
    + " FROM jsonb_array_elements(?::jsonb) AS r ON CONFLICT (npi) DO UPDATE SET "
    + ", ".join(f'"{c}" = excluded."{c}"' for c in _ROW_COLUMNS[1:])
)
_PG_INSERT_PLANS = (
    "INSERT INTO provider_plans SELECT r->>0, r->>1, (r->>2)::bigint, r->>3, r->>4, r->>5, r->>6, r->>7 "
    "FROM jsonb_array_elements(?::jsonb) AS r"
)
_PG_DELETE_PLANS = (
    "DELETE FROM provider_plans p USING jsonb_array_elements(?::jsonb) AS r WHERE p.plan = r->>0 "
    "AND p.taxonomy = r->>1 AND p.accepting = (r->>2)::bigint AND p.sort_name = r->>3 AND p.sort_first = r->>4 "
    "AND p.npi = r->>5"
)
(_NPI, _LAST, _FIRST, _ORG, _TAXONOMY, _SPECIALTY, _CITY, _LANGUAGES, _PLANS, _GROUPS, _ACCEPTING, _SORT_NAME,
 _SORT_FIRST) = (_ROW_COLUMNS.index(c) for c in (
    "npi", "last_name", "first_name", "organization", "taxonomy", "specialty", "city", "languages", "plans",
    "groups", "accepting_new_patients", "sort_name", "sort_first"))  # fmt: skip


# ---------------------------------------------------------------------------------------------- rows


def sort_keys(provider: Provider) -> tuple[str, str]:
    """The name part of `app.domain.directory.rank_key`, stored so SQLite can order by it.

    SQLite compares TEXT byte by byte in UTF-8, which orders exactly as Python orders str (by code point).
    """
    return (
        (provider.last_name or provider.organization or "").casefold(),
        (provider.first_name or "").casefold(),
    )


def _joined(items: list[str], column: str, npi: str) -> str:
    for item in items:
        if not item or SEPARATOR in item:
            raise ValueError(f"provider {npi}: {column} item {item!r} is empty or contains ';'")
    return SEPARATOR.join(items)


def _provider_row(provider: Provider) -> tuple:
    sort_name, sort_first = sort_keys(provider)
    return (
        provider.npi,
        provider.last_name,
        provider.first_name,
        provider.organization,
        provider.credential,
        provider.taxonomy,
        provider.specialty,
        provider.address,
        provider.city,
        provider.state,
        provider.zip,
        provider.phone,
        provider.fax,
        _joined(provider.languages, "languages", provider.npi),
        _joined(provider.plans, "plans", provider.npi),
        _joined(provider.groups, "groups", provider.npi),
        int(provider.medi_cal_certified),
        int(provider.accepting_new_patients),
        sort_name,
        sort_first,
    )


def _items(joined: str) -> list[str]:
    return joined.split(SEPARATOR) if joined else []


def _plan_keys(row: tuple) -> list[tuple]:
    """The provider_plans primary keys of a providers row: one per plan (a plan listed twice is one)."""
    taxonomy = row[_TAXONOMY] or ""
    accepting, sort_name, sort_first, npi = row[_ACCEPTING], row[_SORT_NAME], row[_SORT_FIRST], row[_NPI]
    plans = dict.fromkeys(_items(row[_PLANS]))
    return [(plan, taxonomy, accepting, sort_name, sort_first, npi) for plan in plans]


def _plan_rows(row: tuple) -> list[tuple]:
    # ';'.join(items) is stored already; casefold maps character by character, so folding the joined
    # string equals joining the folded items.
    groups, languages = row[_GROUPS], row[_LANGUAGES]
    groups_key = f"{SEPARATOR}{groups}{SEPARATOR}" if groups else ""
    languages_key = f"{SEPARATOR}{languages.casefold()}{SEPARATOR}" if languages else ""
    return [(*key, groups_key, languages_key) for key in _plan_keys(row)]


def _fts_values(row: tuple) -> tuple:
    """rowid, then the FTS columns, of a providers row."""
    return (
        int(row[_NPI]),
        row[_LAST],
        row[_FIRST],
        row[_ORG],
        row[_SPECIALTY],
        row[_CITY],
        row[_TAXONOMY],
        row[_NPI],
    )


def _provider_from_row(row: tuple) -> Provider:
    values = dict(zip(_PROVIDER_COLUMNS, row))
    values["languages"] = _items(row[_LANGUAGES])
    values["plans"] = _items(row[_PLANS])
    values["groups"] = _items(row[_GROUPS])
    values["medi_cal_certified"] = bool(values["medi_cal_certified"])
    values["accepting_new_patients"] = bool(values["accepting_new_patients"])
    return _trusted_provider(values)


def _trusted_provider(values: dict) -> Provider:
    """A Provider from values that were validated on their way into the database.

    What `Provider.model_construct` does, minus its per-field Python loop (12 us a provider, most of a
    50-row search); test_providers_search checks the result equals a validated Provider in every way we use.
    """
    provider = object.__new__(Provider)
    object.__setattr__(provider, "__dict__", values)
    object.__setattr__(provider, "__pydantic_fields_set__", set(_ALL_FIELDS))
    object.__setattr__(provider, "__pydantic_extra__", None)
    object.__setattr__(provider, "__pydantic_private__", None)
    return provider


# ---------------------------------------------------------------------------------------------- search text


# ------------------------------------------------------------------------------- search text on PostgreSQL
#
# The server must find what the desk's SQLite file finds, in the same order. FTS5's tokenizer (unicode61,
# remove_diacritics 2) works one code point at a time: a code point is either a separator or a token character,
# and a token character is folded to exactly one code point (case, then Latin diacritics: "Ễ" -> "e"); but 25
# combining diacritics (U+0300-U+0331) are dropped inside a token, so "e\u0301" is "e" and "1\u03010" is "10",
# and separate elsewhere. A quoted query word "o'brien"* is the phrase o, brien*: its tokens next to each other
# in one column, the last a prefix; an empty phrase is left out, and a query of empty phrases matches nothing.
# So on the server:
#
# - `sodesk_search_fold(text)` is that tokenizer as an IMMUTABLE SQL function built from the two tables below
#   (translate() for the folds, regular expressions of code point ranges for the rest: no locale, no
#   collation, no unaccent, whose rules differ: it turns "Đ" into "d", "ß" into "ss" and "æ" into "ae", which
#   FTS5 keeps). It returns the tokens joined by one space.
# - `providers.search_text` is a generated column: ' tokens | tokens | ... ' over the FTS5 columns, written by
#   the server on every INSERT and UPDATE (so `sodesk db copy`'s COPY is searchable), under a pg_trgm GIN index.
# - A query word matches when `search_text LIKE '% <its folded tokens>%'`: the leading space starts a token, the
#   tokens are adjacent, '|' ends a column, the last token is a prefix. LIKE is exact: the trigram index only
#   narrows the rows it is checked on, so the answers are FTS5's whatever pg_trgm considers a word.
# - FTS5 returns matches in rowid (= NPI) order and the repository keeps the first `limit`: the server keeps the
#   first `limit` by NPI, and both sort those by name.
#
# The tables were read from SQLite 3.40's unicode61 (Debian 12); tests/unit/test_providers_engines.py reads them
# again from the running SQLite, every code point, and fails when they differ (then the server needs a new
# migration that replaces the function). Hex code points: separators and diacritics are `a` or `a..b`; folds
# are `a[..b[/2]]` (every code point, or every other) with `+d`/`-d` (shifted by d) or `=t` (all to t).

_UNICODE61_SEPARATORS = (
    "1..2f 3a..40 5b..60 7b..a9 ab..b1 b4 b6..b8 bb bf d7 f7 2c2..2c5 2d2..2df 2e5..2eb 2ed 2ef..36f 375 "
    "37e 384..385 387 3f6 482..489 55a..55f 589..58a 58f 591..5c7 5f3..5f4 600..604 606..61b 61e..61f "
    "64b..65f 66a..66d 670 6d4 6d6..6e4 6e7..6ed 6fd..6fe 700..70d 70f 711 730..74a 7a6..7b0 7eb..7f3 "
    "7f6..7f9 816..819 81b..823 825..827 829..82d 830..83e 859..85b 85e 8e4..8fe 900..903 93a..93c "
    "93e..94f 951..957 962..965 970 981..983 9bc 9be..9c4 9c7..9c8 9cb..9cd 9d7 9e2..9e3 9f2..9f3 "
    "9fa..9fb a01..a03 a3c a3e..a42 a47..a48 a4b..a4d a51 a70..a71 a75 a81..a83 abc abe..ac5 ac7..ac9 "
    "acb..acd ae2..ae3 af0..af1 b01..b03 b3c b3e..b44 b47..b48 b4b..b4d b56..b57 b62..b63 b70 b82 "
    "bbe..bc2 bc6..bc8 bca..bcd bd7 bf3..bfa c01..c03 c3e..c44 c46..c48 c4a..c4d c55..c56 c62..c63 c7f "
    "c82..c83 cbc cbe..cc4 cc6..cc8 cca..ccd cd5..cd6 ce2..ce3 d02..d03 d3e..d44 d46..d48 d4a..d4d d57 "
    "d62..d63 d79 d82..d83 dca dcf..dd4 dd6 dd8..ddf df2..df4 e31 e34..e3a e3f e47..e4f e5a..e5b eb1 "
    "eb4..eb9 ebb..ebc ec8..ecd f01..f1f f34..f3f f71..f87 f8d..f97 f99..fbc fbe..fcc fce..fda 102b..103e "
    "104a..104f 1056..1059 105e..1060 1062..1064 1067..106d 1071..1074 1082..108d 108f 109a..109f 10fb "
    "135d..1368 1390..1399 1400 166d..166e 1680 169b..169c 16eb..16ed 1712..1714 1732..1736 1752..1753 "
    "1772..1773 17b4..17d6 17d8..17db 17dd 1800..180e 18a9 1920..192b 1930..193b 1940 1944..1945 "
    "19b0..19c0 19c8..19c9 19de..19ff 1a17..1a1b 1a1e..1a1f 1a55..1a5e 1a60..1a7c 1a7f 1aa0..1aa6 "
    "1aa8..1aad 1b00..1b04 1b34..1b44 1b5a..1b7c 1b80..1b82 1ba1..1bad 1be6..1bf3 1bfc..1bff 1c24..1c37 "
    "1c3b..1c3f 1c7e..1c7f 1cc0..1cc7 1cd0..1ce8 1ced 1cf2..1cf4 1dc0..1de6 1dfc..1dff 1fbd 1fbf..1fc1 "
    "1fcd..1fcf 1fdd..1fdf 1fed..1fef 1ffd..1ffe 2000..2064 206a..206f 207a..207e 208a..208e 20a0..20b9 "
    "20d0..20f0 2100..2101 2103..2106 2108..2109 2114 2116..2118 211e..2123 2125 2127 2129 212e "
    "213a..213b 2140..2144 214a..214d 214f 2190..23f3 2400..2426 2440..244a 249c..24e9 2500..26ff "
    "2701..2775 2794..2b4c 2b50..2b59 2ce5..2cea 2cef..2cf1 2cf9..2cfc 2cfe..2cff 2d70 2d7f 2de0..2e2e "
    "2e30..2e3b 2e80..2e99 2e9b..2ef3 2f00..2fd5 2ff0..2ffb 3000..3004 3008..3020 302a..3030 3036..3037 "
    "303d..303f 3099..309c 30a0 30fb 3190..3191 3196..319f 31c0..31e3 3200..321e 322a..3247 3250 "
    "3260..327f 328a..32b0 32c0..32fe 3300..33ff 4dc0..4dff a490..a4c6 a4fe..a4ff a60d..a60f a66f..a67e "
    "a69f a6f0..a6f7 a700..a716 a720..a721 a789..a78a a802 a806 a80b a823..a82b a836..a839 a874..a877 "
    "a880..a881 a8b4..a8c4 a8ce..a8cf a8e0..a8f1 a8f8..a8fa a926..a92f a947..a953 a95f a980..a983 "
    "a9b3..a9cd a9de..a9df aa29..aa36 aa43 aa4c..aa4d aa5c..aa5f aa77..aa79 aa7b aab0 aab2..aab4 "
    "aab7..aab8 aabe..aabf aac1 aade..aadf aaeb..aaf1 aaf5..aaf6 abe3..abed fb1e fb29 fbb2..fbc1 "
    "fd3e..fd3f fdfc..fdfd fe00..fe19 fe20..fe26 fe30..fe52 fe54..fe66 fe68..fe6b feff ff01..ff0f "
    "ff1a..ff20 ff3b..ff40 ff5b..ff65 ffe0..ffe6 ffe8..ffee fff9..ffff 10100..10102 10137..1013f "
    "10179..10189 10190..1019b 101d0..101fd 1039f 103d0 10857 1091f 1093f 10a01..10a03 10a05..10a06 "
    "10a0c..10a0f 10a38..10a3a 10a3f 10a50..10a58 10a7f 10b39..10b3f 11000..11002 11038..1104d "
    "11080..11082 110b0..110c1 11100..11102 11127..11134 11140..11143 11180..11182 111b3..111c0 "
    "111c5..111c8 116ab..116b7 12470..12473 16f51..16f7e 16f8f..16f92 1d000..1d0f5 1d100..1d126 "
    "1d129..1d1dd 1d200..1d245 1d300..1d356 1d6c1 1d6db 1d6fb 1d715 1d735 1d74f 1d76f 1d789 1d7a9 1d7c3 "
    "1eef0..1eef1 1f000..1f02b 1f030..1f093 1f0a0..1f0ae 1f0b1..1f0be 1f0c1..1f0cf 1f0d1..1f0df "
    "1f110..1f12e 1f130..1f16b 1f170..1f19a 1f1e6..1f202 1f210..1f23a 1f240..1f248 1f250..1f251 "
    "1f300..1f320 1f330..1f335 1f337..1f37c 1f380..1f393 1f3a0..1f3c4 1f3c6..1f3ca 1f3e0..1f3f0 "
    "1f400..1f43e 1f440 1f442..1f4f7 1f4f9..1f4fc 1f500..1f53d 1f540..1f543 1f550..1f567 1f5fb..1f640 "
    "1f645..1f64f 1f680..1f6c5 1f700..1f773 e0001 e0020..e007f e0100..e01ef "
)
_UNICODE61_FOLDS = (
    "41..5a+20 b5+307 c0..c5=61 c6+20 c7-64 c8..cb=65 cc..cf=69 d0+20 d1..d2-63 d3..d6=6f d8+20 d9..dc=75 "
    "dd-64 de+20 e0..e5=61 e7-84 e8..eb=65 ec..ef=69 f1..f2-83 f3..f6=6f f9..fc=75 fd..ff/2=79 "
    "100..105=61 106..10d=63 10e..10f=64 110+1 112..11b=65 11c..123=67 124..125=68 126+1 128..130=69 "
    "132+1 134..135=6a 136..137=6b 139..13e=6c 13f..141/2+1 143..148=6e 14a+1 14c..151=6f 152+1 "
    "154..159=72 15a..161=73 162..165=74 166+1 168..173=75 174..175=77 176..178=79 179..17e=7a 17f-10c "
    "181+d2 182..184/2+1 186+ce 187+1 189..18a+cd 18b+1 18e+4f 18f+ca 190+cb 191+1 193+cd 194+cf 196+d3 "
    "197+d1 198+1 19c+d3 19d+d5 19f+d6 1a0..1a1=6f 1a2..1a4/2+1 1a6+da 1a7+1 1a9+da 1ac+1 1ae+da "
    "1af..1b0=75 1b1..1b2+d9 1b3..1b5/2+1 1b7+db 1b8+1 1bc+1 1c4..1c5=1c6 1c7..1c8=1c9 1ca..1cb=1cc "
    "1cd..1ce=61 1cf..1d0=69 1d1..1d2=6f 1d3..1dc=75 1de..1df=61 1e0..1e4/2+1 1e6..1e7=67 1e8..1e9=6b "
    "1ea..1ed=6f 1ee+1 1f0-186 1f1..1f2=1f3 1f4..1f5=67 1f6-61 1f7-38 1f8..1f9=6e 1fa..1fb=61 "
    "1fc..1fe/2+1 200..203=61 204..207=65 208..20b=69 20c..20f=6f 210..213=72 214..217=75 218..219=73 "
    "21a..21b=74 21c+1 21e..21f=68 220-82 222..224/2+1 226..227=61 228..229=65 22a..231=6f 232..233=79 "
    "23a+2a2b 23b+1 23d-a3 23e+2a28 241+1 243-c3 244+45 245+47 246..24e/2+1 370..372/2+1 376+1 386+26 "
    "388..38a+25 38c+40 38e..38f+3f 391..3a1+20 3a3..3ab+20 3c2+1 3cf+8 3d0-1e 3d1-19 3d5-f 3d6-16 "
    "3d8..3ee/2+1 3f0-36 3f1-30 3f4-3c 3f5-40 3f7+1 3f9-7 3fa+1 3fd..3ff-82 400..40f+50 410..42f+20 "
    "460..480/2+1 48a..4be/2+1 4c0+f 4c1..4cd/2+1 4d0..526/2+1 531..556+30 10a0..10c5+1c60 10c7+1c60 "
    "10cd+1c60 1e00..1e01=61 1e02..1e07=62 1e08..1e09=63 1e0a..1e13=64 1e14..1e1d=65 1e1e..1e1f=66 "
    "1e20..1e21=67 1e22..1e2b=68 1e2c..1e2f=69 1e30..1e35=6b 1e36..1e3d=6c 1e3e..1e43=6d 1e44..1e4b=6e "
    "1e4c..1e53=6f 1e54..1e57=70 1e58..1e5f=72 1e60..1e69=73 1e6a..1e71=74 1e72..1e7b=75 1e7c..1e7f=76 "
    "1e80..1e89=77 1e8a..1e8d=78 1e8e..1e8f=79 1e90..1e95=7a 1e96-1e2e 1e97-1e23 1e98-1e21 1e99-1e20 "
    "1e9b-1e28 1e9e-1dbf 1ea0..1eb7=61 1eb8..1ec7=65 1ec8..1ecb=69 1ecc..1ee3=6f 1ee4..1ef1=75 "
    "1ef2..1ef9=79 1efa..1efe/2+1 1f08..1f0f-8 1f18..1f1d-8 1f28..1f2f-8 1f38..1f3f-8 1f48..1f4d-8 "
    "1f59..1f5f/2-8 1f68..1f6f-8 1f88..1f8f-8 1f98..1f9f-8 1fa8..1faf-8 1fb8..1fb9-8 1fba..1fbb-4a 1fbc-9 "
    "1fbe-1c05 1fc8..1fcb-56 1fcc-9 1fd8..1fd9-8 1fda..1fdb-64 1fe8..1fe9-8 1fea..1feb-70 1fec-7 "
    "1ff8..1ff9-80 1ffa..1ffb-7e 1ffc-9 2126-1d5d 212a-20bf 212b-20ca 2132+1c 2160..216f+10 2183+1 "
    "2c00..2c2e+30 2c60+1 2c62-29f7 2c63-ee6 2c64-29e7 2c67..2c6b/2+1 2c6d-2a1c 2c6e-29fd 2c6f-2a1f "
    "2c70-2a1e 2c72+1 2c75+1 2c7e..2c7f-2a3f 2c80..2ce2/2+1 2ceb..2ced/2+1 2cf2+1 a640..a66c/2+1 "
    "a680..a696/2+1 a722..a72e/2+1 a732..a76e/2+1 a779..a77b/2+1 a77d-8a04 a77e..a786/2+1 a78b+1 "
    "a78d-a528 a790..a792/2+1 a7a0..a7a8/2+1 a7aa-a544 ff21..ff3a+20 10400..10427+28 "
)

_UNICODE61_DIACRITICS = "300..304 306..30c 30f 311 31b 323..328 32d..32e 330..331"  # also separators

_FOLD_ENTRY = re.compile(r"([0-9a-f]+)(?:\.\.([0-9a-f]+)(/2)?)?([=+-])([0-9a-f]+)")


class Unicode61Table(NamedTuple):
    """FTS5's unicode61 tokenizer with remove_diacritics 2, as data."""

    separators: list[tuple[int, int]]  # code point ranges, first and last
    folds: dict[int, int]  # a token character to its fold (the others are their own)
    diacritics: list[tuple[int, int]]  # separators, except inside a token, where they are dropped


def unicode61_table() -> Unicode61Table:
    def ranges(text: str) -> list[tuple[int, int]]:
        found = []
        for item in text.split():
            first, _, last = item.partition("..")
            found.append((int(first, 16), int(last or first, 16)))
        return found

    folds: dict[int, int] = {}
    for item in "".join(_UNICODE61_FOLDS).split():
        first, last, every_other, kind, number = _FOLD_ENTRY.fullmatch(item).groups()  # type: ignore[union-attr]
        start, value = int(first, 16), int(number, 16)
        for code in range(start, int(last or first, 16) + 1, 2 if every_other else 1):
            folds[code] = value if kind == "=" else code + value if kind == "+" else code - value
    return Unicode61Table(ranges("".join(_UNICODE61_SEPARATORS)), folds, ranges(_UNICODE61_DIACRITICS))


def _regex_class(ranges: list[tuple[int, int]], negated: bool = False) -> str:
    def char(code: int) -> str:
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    body = "".join(char(a) if a == b else f"{char(a)}-{char(b)}" for a, b in ranges)
    return "[" + ("^" if negated else "") + body + "]"


def _ranges(codes: Iterable[int]) -> list[tuple[int, int]]:
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return [(a, b) for a, b in ranges]


def _postgresql_search_functions() -> list[str]:
    """The CREATE FUNCTION statements of `sodesk_search_fold`, `sodesk_provider_search_text` and
    `sodesk_search_tokens`.

    ASCII text (most names) takes a short path. Other text: `lower(... COLLATE "C")` folds A-Z; the value's
    foldable characters (usually one or two) are looked up in the fold list once, and only those are translated
    in the value (translate() costs its list's length for every character it reads); the diacritics after a
    token character go; then every run of separators becomes one space. SQL-standard bodies (RETURN): the names are bound when created, so a restore
    with an empty search_path still computes the column, and the planner still inlines them.
    """
    separators, folds, diacritics = unicode61_table()
    beyond_ascii = [code for code in folds if code >= 0x80]
    # The accented Latin small letters first: translate() reads its list from the start.
    beyond_ascii.sort(key=lambda code: (not (0xC0 <= code <= 0x24F or 0x1E00 <= code <= 0x1EFF),
                                        chr(code).isupper(), code))

    def literal(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    fold_from = literal("".join(chr(code) for code in beyond_ascii))
    fold_to = literal("".join(chr(folds[code]) for code in beyond_ascii))
    # (each run of other characters is one match: a match per character cost 0.7 us)
    foldable_in = f"regexp_replace(value, {literal(_regex_class(_ranges(beyond_ascii), negated=True) + '+')}, '', 'g')"
    fold = f"""
CREATE FUNCTION sodesk_search_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
    WHEN value ~ '^[\\x01-\\x7f]*$' THEN btrim(regexp_replace(lower(value COLLATE "C"), '[^a-z0-9]+', ' ', 'g'))
    ELSE btrim(regexp_replace(regexp_replace(
        translate(lower(value COLLATE "C"), {foldable_in}, translate({foldable_in}, {fold_from}, {fold_to})),
        {literal("(" + _regex_class(separators, negated=True) + ")" + _regex_class(diacritics) + "+")}, '\\1', 'g'),
        {literal(_regex_class(separators) + "+")}, ' ', 'g'))
END"""
    columns = ", ".join(f"{name} text" for name in _FTS_COLUMNS)
    joined = " || ' | ' || ".join(f"coalesce(sodesk_search_fold({name}), '')" for name in _FTS_COLUMNS)
    search_text = f"""
CREATE FUNCTION sodesk_provider_search_text({columns}) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ' ' || {joined} || ' '"""
    # For the words of a query: the planner folds each one while planning, and inlining the SQL function costs
    # the parse of its 13 kB body every time (0.6 ms a word); a PL/pgSQL function is compiled once a connection.
    query_tokens = """
CREATE FUNCTION sodesk_search_tokens(word text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$ BEGIN RETURN sodesk_search_fold(word); END $$"""
    return [fold, search_text, query_tokens]


# ---------------------------------------------------------------------------------------------- import


@dataclass
class Written:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0  # already stored exactly so: nothing written


def _clustered(plan_rows: list[tuple]) -> list[tuple]:
    """Plan rows grouped by (plan, taxonomy, accepting), the leading part of the primary key, so that
    inserts which follow each other land on the same few pages. (A full sort cost as much as it saved.)"""
    groups: dict[tuple, list[tuple]] = {}
    for item in plan_rows:
        key = (item[0], item[1], item[2])
        bucket = groups.get(key)
        if bucket is None:
            groups[key] = [item]
        else:
            bucket.append(item)
    return [item for key in sorted(groups) for item in groups[key]]


def _changes(batch: list[tuple], stored: dict[str, tuple], written: Written) -> tuple[list[tuple], list[tuple]]:
    """The rows of `batch` to write, and the stored rows they replace; counted in `written`."""
    rows = []
    replaced = []
    for row in batch:
        old = stored.get(row[_NPI])
        if old is None:
            written.inserted += 1
        elif old == row:
            written.unchanged += 1
            continue
        else:
            written.updated += 1
            replaced.append(old)
        rows.append(row)
    return rows, replaced


def _parse_bool(value: str) -> bool | None:
    word = value.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def _parse_list(value: str) -> list[str]:
    """'English; Spanish;;English' -> ['English', 'Spanish']: trimmed, NFC, no empty or repeated item."""
    if not value:
        return []
    items = [part.strip() for part in value.split(SEPARATOR)]
    if not value.isascii():
        items = [unicodedata.normalize("NFC", item) for item in items]
    if "" in items:
        items = [item for item in items if item]
    if len(items) > 1 and len(set(items)) < len(items):
        items = list(dict.fromkeys(items))
    return items


def _parse_rows(text: str, source: str, report: ImportReport) -> dict[str, Provider]:
    """Valid rows by NPI (a later row wins); bad rows go to report.items and report.skipped."""
    rows = CsvRows(text, source, CSV_COLUMNS, report)
    names, column_of = rows.names, rows.column_of
    providers: dict[str, Provider] = {}
    line_of: dict[str, int] = {}
    for line, record in rows:
        provider = _parse_record(record, names, column_of, line, report)
        if provider is None:
            report.skipped += 1
            continue
        previous = line_of.get(provider.npi)
        if previous is not None:
            report.warnings.append(
                f"line {line}, column {column_of['npi']} (npi): NPI {provider.npi} is also on line "
                f"{previous}; the later row (line {line}) is kept"
            )
            del providers[provider.npi]  # re-insert so file order stays the order of the kept rows
        providers[provider.npi] = provider
        line_of[provider.npi] = line
    return providers


def _parse_record(
    record: list[str], names: list[str], column_of: dict[str, int], line: int, report: ImportReport
) -> Provider | None:
    values: dict[str, object] = dict(zip(names, record))  # text is trimmed and NFC-normalised by the model
    values["npi"] = values["npi"].strip()  # type: ignore[union-attr]
    problems = []
    for name in BOOL_COLUMNS:
        cell = record[column_of[name] - 1]
        parsed = _parse_bool(cell.strip())
        if parsed is None:
            problems.append(Problem(
                "expected true or false (also yes/no or 1/0; an empty cell means false), "
                f"{shown(cell.strip())}", field_path=name, line=line, column=column_of[name]))
        values[name] = parsed
    for name in LIST_COLUMNS:
        values[name] = _parse_list(record[column_of[name] - 1])
    try:
        provider = Provider.model_validate(values)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            name = str(item["loc"][0]) if item["loc"] else "npi"
            if name in BOOL_COLUMNS:
                continue  # already said above, in the clerk's words
            column = column_of.get(name, 0)
            cell = record[column - 1].strip() if column else ""
            problems.append(Problem(f"{error_text(item)} ({shown(cell)})", field_path=name, line=line,
                                    column=column))
        provider = None
    if provider is not None and not (provider.last_name or provider.organization):
        problems.append(Problem(
            f"a row needs a last_name (a person) or an organization (column {column_of['organization']}); "
            "both are empty", field_path="last_name", line=line, column=column_of["last_name"]))
    if problems:
        report.items.extend(problems)
        return None
    return provider


# ---------------------------------------------------------------------------------------------- repository


class ProviderRepository:
    """The directory in a store (SQLite or PostgreSQL) or a bare sqlite-utils Database; answers `DirectoryView`
    exactly as `InMemoryDirectory` does, the same on both engines."""

    def __init__(self, db) -> None:
        self.db = db
        self._postgresql = dialect_of(db) == POSTGRESQL

    @property
    def _conn(self):
        """What runs this thread's statements: its sqlite3 connection (a SqliteStore opens one per thread, and
        the import runs on a worker thread), or the PostgreSQL store."""
        return self.db if self._postgresql else self.db.conn

    # -- writing

    def import_csv(self, path: Path | str) -> ImportReport:
        """Load a directory CSV (docs/providers-csv.md) in one transaction: all good rows, or nothing.

        Bad rows are skipped and reported by line and column; a file that cannot be read as the expected
        CSV raises InputProblem and changes nothing.
        """
        source = str(path)
        data = read_file(path)
        report = ImportReport()
        with gc_paused():
            providers = _parse_rows(decode(data, source), source, report)
            del data
            written = self.upsert_many(providers.values())
        report.inserted, report.updated = written.inserted, written.updated
        report.unchanged = written.unchanged
        return report

    def upsert_many(self, providers: Iterable[Provider]) -> Written:
        """Insert or replace each provider by NPI (a later one wins) in one transaction, rewriting its plan
        index rows and FTS entry with it; a provider stored exactly as given is left alone.

        The repository is the only writer of these tables. (FTS5 fed from triggers on `providers` flushed
        its buffer on every row, since each trigger runs in a savepoint: a 200k import took 3x as long.)
        """
        by_npi = {provider.npi: provider for provider in providers}
        # FTS5 buffers postings while rowids (= NPIs) only go up; in NPI order it never flushes early.
        ordered = [by_npi[npi] for npi in sorted(by_npi)]
        del by_npi
        if self._postgresql:
            return self._upsert_postgresql(ordered)
        written = Written()
        conn = self._conn
        with self.db.atomic():
            stored_count = self.count()
            bulk = len(ordered) >= _BULK_LOAD and len(ordered) > stored_count
            deferred = self._drop_indexes(_DEFERRABLE_INDEXES) if bulk else []
            # Into an empty directory the FTS index is filled once at the end, by SQLite alone.
            fts_at_end = bulk and stored_count == 0
            for start in range(0, len(ordered), _BATCH):
                batch = [_provider_row(provider) for provider in ordered[start : start + _BATCH]]
                stored = {
                    row[_NPI]: row
                    for row in conn.execute(_SELECT_ROWS, (json.dumps([row[_NPI] for row in batch]),))
                }
                rows, replaced = _changes(batch, stored, written)
                if replaced:
                    conn.executemany(_FTS_DELETE, [_fts_values(old) for old in replaced])
                    conn.executemany(_DELETE_PLAN, [key for old in replaced for key in _plan_keys(old)])
                conn.executemany(_UPSERT, rows)
                if not fts_at_end:
                    conn.executemany(_FTS_INSERT, [_fts_values(row) for row in rows])
                conn.executemany(_INSERT_PLAN, _clustered([item for row in rows for item in _plan_rows(row)]))
            if fts_at_end:
                conn.execute(_FTS_FILL)
            for sql in deferred:
                conn.execute(sql)
        return written

    def _upsert_postgresql(self, ordered: list[Provider]) -> Written:
        """`upsert_many` on the server: the same rows, the same plan index rows; the server computes each row's
        `search_text` (and its index entries) itself. One statement per table and batch, its rows sent as one
        JSON array (the store has no COPY; row-by-row executemany was 4x slower)."""
        written = Written()
        store = self.db
        with store.atomic():
            bulk = len(ordered) >= _BULK_LOAD and len(ordered) > self.count()
            for start in range(0, len(ordered), _BATCH):
                batch = [_provider_row(provider) for provider in ordered[start : start + _BATCH]]
                npis = json.dumps([row[_NPI] for row in batch])
                stored = {row[_NPI]: row for row in store.execute(_PG_SELECT_ROWS, [npis])}
                rows, replaced = _changes(batch, stored, written)
                if replaced:
                    keys = [key for old in replaced for key in _plan_keys(old)]
                    store.execute(_PG_DELETE_PLANS, [json.dumps(keys, ensure_ascii=False)])
                if rows:
                    store.execute(_PG_UPSERT, [json.dumps(rows, ensure_ascii=False)])
                    plan_rows = _clustered([item for row in rows for item in _plan_rows(row)])
                    if plan_rows:
                        store.execute(_PG_INSERT_PLANS, [json.dumps(plan_rows, ensure_ascii=False)])
            if bulk:
                # Fresh statistics in the same transaction: the planner's choice between walking the NPI index
                # and the trigram index depends on them, and autovacuum would come a minute later.
                store.execute("ANALYZE providers")
                store.execute("ANALYZE provider_plans")
        return written

    def _drop_indexes(self, names: tuple[str, ...]) -> list[str]:
        """Drop these indexes, returning the SQL that recreates them (the migration's own, as stored).

        Building an index once after a bulk load is cheaper than updating it row by row; it happens inside
        the import's transaction, so a failed import brings the indexes back with the old rows.
        """
        placeholders = ", ".join("?" for _ in names)
        saved = self._conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({placeholders})", names
        ).fetchall()
        for name, _sql in saved:
            self._conn.execute(f'DROP INDEX "{name}"')
        return [sql for _name, sql in saved]

    # -- reading

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM providers").fetchone()[0]

    def has_plan(self, plan: str) -> bool:
        """`DirectoryView.has_plan`: one index probe."""
        return self._conn.execute("SELECT 1 FROM provider_plans WHERE plan = ? LIMIT 1", [plan]).fetchone() is not None

    def get(self, npi: str) -> Provider | None:
        row = self._conn.execute(_SELECT + " WHERE npi = ?", (npi,)).fetchone()
        return None if row is None else _provider_from_row(row)

    def get_many(self, npis: list[str]) -> list[Provider]:
        """The providers with these NPIs, in the order given (unknown NPIs are left out)."""
        if not npis:
            return []
        if self._postgresql:
            rows = self.db.execute(_SELECT + " WHERE npi = ANY(?)", [list(npis)]).fetchall()
        else:
            rows = self._conn.execute(
                _SELECT + " WHERE npi IN (SELECT value FROM json_each(?))", (json.dumps(npis),)
            ).fetchall()
        by_npi = {row[0]: row for row in rows}
        return [_provider_from_row(by_npi[npi]) for npi in npis if npi in by_npi]

    def qualified(
        self,
        *,
        plan: str,
        taxonomies: Collection[str] | None,
        group: str | None = None,
        exclude: Collection[str] = (),
        language: str | None = None,
        limit: int = 5,
    ) -> list[Provider]:
        """`DirectoryView.qualified`: same providers, same order as `InMemoryDirectory.qualified`."""
        return self.get_many(
            self.qualified_npis(
                plan=plan, taxonomies=taxonomies, group=group, exclude=exclude, language=language, limit=limit
            )
        )

    def qualified_npis(
        self,
        *,
        plan: str,
        taxonomies: Collection[str] | None,
        group: str | None = None,
        exclude: Collection[str] = (),
        language: str | None = None,
        limit: int = 5,
    ) -> list[str]:
        """The NPIs `qualified` returns, in its order, without reading the providers themselves."""
        if taxonomies is None:
            codes: list[str] | None = None
        else:
            # The index stores a missing taxonomy as ''; no Provider has taxonomy '' (it becomes None).
            codes = sorted("" if code is None else code for code in set(taxonomies) if code != "")
            if not codes:
                return []
        if group is not None and (not group or SEPARATOR in group):
            return []  # no stored group is empty or contains ';'
        group_key = None if group is None else f"{SEPARATOR}{group}{SEPARATOR}"
        language_key = None
        if language:
            folded = language.casefold()
            if SEPARATOR not in folded:  # otherwise nobody speaks it: rank as if no language was asked
                language_key = f"{SEPARATOR}{folded}{SEPARATOR}"
        excluded = set(exclude)
        need = limit if limit >= 0 else -1  # a negative limit drops from the end, as a slice does
        # rank_key order: accepting first, then speakers of the language, then by name and NPI.
        tiers = [(1, True), (1, False), (0, True), (0, False)] if language_key else [(1, None), (0, None)]
        walked: dict[int, list[tuple[str, str, str]]] = {}
        found: list[str] = []
        for index, (accepting, speaks) in enumerate(tiers):
            if need >= 0 and len(found) >= need:
                break
            fetch = -1 if need < 0 else need - len(found) + len(excluded)
            if not self._postgresql:
                rows = self._tier(plan, codes, accepting, group_key, language_key, speaks, fetch)
            else:
                if index not in walked:  # this tier and the next of the same accepting, in one round trip
                    same = [at for at, tier in enumerate(tiers) if at >= index and tier[0] == accepting]
                    walked.update(self._tiers_postgresql(plan, codes, group_key, language_key,
                                                         {at: tiers[at] for at in same}, fetch))
                rows = walked[index]
            for _name, _first, npi in rows:
                if npi in excluded:
                    continue
                found.append(npi)
                if need >= 0 and len(found) >= need:
                    break
        return found if limit >= 0 else found[:limit]

    def _tier(
        self,
        plan: str,
        codes: list[str] | None,
        accepting: int,
        group_key: str | None,
        language_key: str | None,
        speaks: bool | None,
        fetch: int,
    ) -> list[tuple[str, str, str]]:
        """One accepting/speaks tier, in name order, at most `fetch` rows (-1: all)."""
        filters = ""
        extra: list[object] = []
        if group_key is not None:
            filters += " AND instr(groups_key, ?) > 0"
            extra.append(group_key)
        if speaks is not None:
            filters += " AND instr(languages_key, ?) " + ("> 0" if speaks else "= 0")
            extra.append(language_key)
        order = " ORDER BY sort_name, sort_first, npi LIMIT ?"
        columns = "SELECT sort_name, sort_first, npi FROM provider_plans"
        conn = self._conn
        if codes is None or len(codes) > _MAX_WALKS_PER_TIER:
            sql = columns + " INDEXED BY provider_plans_any WHERE plan = ? AND accepting = ?"
            params: list[object] = [plan, accepting]
            if codes is not None:
                sql += " AND taxonomy IN (SELECT value FROM json_each(?))"
                params.append(json.dumps(codes))
            return conn.execute(sql + filters + order, [*params, *extra, fetch]).fetchall()
        # One ordered walk of the clustered key per code, merged: no sort of the whole plan.
        sql = columns + " WHERE plan = ? AND taxonomy = ? AND accepting = ?" + filters + order
        rows: list[tuple[str, str, str]] = []
        for code in codes:
            rows += conn.execute(sql, [plan, code, accepting, *extra, fetch]).fetchall()
        if len(codes) > 1:
            rows.sort()
        return rows

    def _tiers_postgresql(
        self,
        plan: str,
        codes: list[str] | None,
        group_key: str | None,
        language_key: str | None,
        tiers: dict[int, tuple[int, bool | None]],
        fetch: int,
    ) -> dict[int, list[tuple[str, str, str]]]:
        """Tiers of `qualified` in one round trip: the same ordered index walks as `_tier`, each at most `fetch`
        rows (-1: all). `fetch` is what the SQLite loop asks of the first of them, and no less than it asks of
        the others (it asks for fewer as it finds more), so the picks are the same."""
        walks: list[str] = []
        params: list[object] = []
        for index, (accepting, speaks) in tiers.items():
            filters = ""
            extra: list[object] = []
            if group_key is not None:
                filters += " AND strpos(groups_key, ?) > 0"
                extra.append(group_key)
            if speaks is not None:
                filters += " AND strpos(languages_key, ?) " + ("> 0" if speaks else "= 0")
                extra.append(language_key)
            walk = f"(SELECT {index} AS tier, sort_name, sort_first, npi FROM provider_plans WHERE plan = ? "
            order = " ORDER BY sort_name, sort_first, npi LIMIT ?)"
            limit = None if fetch < 0 else fetch
            if codes is None or len(codes) > _MAX_WALKS_PER_TIER:
                # provider_plans_any, in name order, with the codes as a filter
                among = " AND taxonomy = ANY(?)" if codes else ""
                walks.append(walk + "AND accepting = ?" + among + filters + order)
                params += [plan, accepting, *([codes] if codes else []), *extra, limit]
            else:
                for code in codes:  # one walk of the primary key per code
                    walks.append(walk + "AND taxonomy = ? AND accepting = ?" + filters + order)
                    params += [plan, code, accepting, *extra, limit]
        walked: dict[int, list[tuple[str, str, str]]] = {index: [] for index in tiers}
        for tier, sort_name, sort_first, npi in self.db.execute(" UNION ALL ".join(walks), params):
            walked[tier].append((sort_name, sort_first, npi))
        for rows in walked.values():
            rows.sort()
        return walked

    def search(
        self, text: str, plan: str | None = None, taxonomy: str | None = None, limit: int = 50
    ) -> list[Provider]:
        """Providers whose names, organization, specialty, city, taxonomy or NPI start with every word of
        `text` (accents ignored), optionally only in `plan` and with `taxonomy`; sorted by name.

        An empty `text` lists by name. At most `limit` results: the first matches found, not a ranking,
        so a clerk narrows a long list by typing more.
        """
        if limit <= 0:
            return []
        plan = plan.strip() if plan else None
        taxonomy = taxonomy.strip().upper() if taxonomy else None
        if plan is not None and SEPARATOR in plan:
            return []  # no plan id contains ';'
        if self._postgresql:
            return self._search_postgresql(text, plan, taxonomy, limit)
        query = fts_query(text)
        if query is None:
            return self.get_many(self._by_name(plan, taxonomy, limit))
        columns = ", ".join(f'p."{c}"' for c in _ROW_COLUMNS)
        sql = (
            f"SELECT {columns} FROM providers_fts f JOIN providers p ON p.npi = CAST(f.rowid AS TEXT) "
            "WHERE providers_fts MATCH ?"
        )
        params: list[object] = [query]
        if plan is not None:
            sql += " AND instr(';' || p.plans || ';', ?) > 0"
            params.append(f"{SEPARATOR}{plan}{SEPARATOR}")
        if taxonomy is not None:
            sql += " AND p.taxonomy = ?"
            params.append(taxonomy)
        rows = self._conn.execute(sql + " LIMIT ?", [*params, limit]).fetchall()
        rows.sort(key=lambda row: (row[_SORT_NAME], row[_SORT_FIRST], row[_NPI]))
        return [_provider_from_row(row) for row in rows]

    def _search_postgresql(self, text: str, plan: str | None, taxonomy: str | None, limit: int) -> list[Provider]:
        """`search` on the server: FTS5's answer (see "search text on PostgreSQL"). The server folds each word
        in the statement itself, while planning (the words are literals): the planner sees the LIKE patterns,
        so it walks the NPI index for a common prefix ("a") and reads a rare word's rows from the trigram index."""
        words = search_words(text)
        if not words:
            return self.get_many(self._by_name(plan, taxonomy, limit))
        columns = ", ".join(f'"{c}"' for c in _ROW_COLUMNS)
        # A word without a token is '% %', true of every row: left out, as FTS5 leaves out an empty phrase; a
        # query whose words all have none finds nobody, as in FTS5.
        sql = f"SELECT {columns} FROM providers WHERE ("
        sql += " OR ".join("sodesk_search_tokens(?) <> ''" for _ in words) + ")"
        sql += " AND search_text LIKE ('% ' || sodesk_search_tokens(?) || '%')" * len(words)
        params: list[object] = [*words, *words]
        if plan is not None:
            sql += " AND strpos(';' || plans || ';', ?) > 0"
            params.append(f"{SEPARATOR}{plan}{SEPARATOR}")
        if taxonomy is not None:
            sql += " AND taxonomy = ?"
            params.append(taxonomy)
        sql += " ORDER BY npi LIMIT ?"
        params.append(limit)
        if len(words) == 1:
            rows = self.db.execute(sql, params).fetchall()
        else:
            # Several words: the planner multiplies their shares, and with the default random_page_cost (4, for
            # spinning disks) it walked the NPI index through 28,000 rows for "garcia ana" (25 ms) rather than
            # read the 327 rows the trigram index gives (3 ms). The directory stays in the server's memory, where
            # a page read at random costs about one read in order: 1.1, the usual value for SSDs.
            with self.db.atomic():
                self.db.execute("SET LOCAL random_page_cost = 1.1")
                rows = self.db.execute(sql, params).fetchall()
        rows.sort(key=lambda row: (row[_SORT_NAME], row[_SORT_FIRST], row[_NPI]))
        return [_provider_from_row(row) for row in rows]

    def _by_name(self, plan: str | None, taxonomy: str | None, limit: int) -> list[str]:
        if self._postgresql:
            return self._by_name_postgresql(plan, taxonomy, limit)
        conn = self._conn
        if plan is None:
            sql = "SELECT npi FROM providers"
            params: list[object] = []
            if taxonomy is not None:
                sql += " WHERE taxonomy = ?"
                params.append(taxonomy)
            sql += " ORDER BY sort_name, sort_first, npi LIMIT ?"
            return [row[0] for row in conn.execute(sql, [*params, limit])]
        # Both accepting tiers walked in name order and merged.
        if taxonomy is None:
            sql = "SELECT sort_name, sort_first, npi FROM provider_plans INDEXED BY provider_plans_any "
            sql += "WHERE plan = ? AND accepting = ?"
            params = [plan]
        else:
            sql = "SELECT sort_name, sort_first, npi FROM provider_plans "
            sql += "WHERE plan = ? AND taxonomy = ? AND accepting = ?"
            params = [plan, taxonomy]
        sql += " ORDER BY sort_name, sort_first, npi LIMIT ?"
        rows = [row for accepting in (1, 0) for row in conn.execute(sql, [*params, accepting, limit])]
        rows.sort()
        return [row[2] for row in rows[:limit]]

    def _by_name_postgresql(self, plan: str | None, taxonomy: str | None, limit: int) -> list[str]:
        if plan is None:
            sql = "SELECT npi FROM providers"
            params: list[object] = []
            if taxonomy is not None:
                sql += " WHERE taxonomy = ?"
                params.append(taxonomy)
            sql += " ORDER BY sort_name, sort_first, npi LIMIT ?"
            return [row[0] for row in self.db.execute(sql, [*params, limit])]
        # Both accepting tiers walked in name order (one round trip) and merged.
        walk = "(SELECT sort_name, sort_first, npi FROM provider_plans WHERE plan = ?"
        params = [plan]
        if taxonomy is not None:
            walk += " AND taxonomy = ?"
            params.append(taxonomy)
        walk += " AND accepting = ? ORDER BY sort_name, sort_first, npi LIMIT ?)"
        rows = self.db.execute(f"{walk} UNION ALL {walk}", [*params, 1, limit, *params, 0, limit]).fetchall()
        rows.sort()
        return [row[2] for row in rows[:limit]]
