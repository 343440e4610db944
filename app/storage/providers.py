"""The provider directory in SQLite: CSV import, NPI lookup, the engine's `qualified` query, and name search.

Tables (migration m001_providers):

- `providers`: one row per NPI, every `Provider` field (lists `;`-joined), plus the casefolded sort keys.
- `provider_plans`: one row per (plan, provider), clustered (WITHOUT ROWID) on
  (plan, taxonomy, accepting, sort_name, sort_first, npi), i.e. in `rank_key` order inside each plan/taxonomy
  and accepting tier; `provider_plans_any` is the same without the taxonomy. Each row also carries the
  provider's groups and casefolded languages as `;a;b;` strings, so the group and language filters are read
  from the index itself. `qualified()` walks at most a few dozen index entries per tier.
- `providers_fts`: a contentless FTS5 index (rowid = the NPI as an integer, which VACUUM cannot renumber)
  over names, organization, specialty, city, taxonomy and NPI.

`provider_plans` and `providers_fts` are derived from `providers` and rewritten with it, in the same
transaction, by `ProviderRepository.upsert_many`: write providers only through the repository.

List items never contain `;` and are never empty (the CSV splits on `;` and drops empty items; `upsert_many`
refuses such items), which is what makes the `;a;b;` membership test exact.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from pydantic import ValidationError

from app.domain.models import Provider
from app.errors import InputProblem
from app.storage.store import POSTGRESQL, dialect_of

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
    sort_first TEXT COLLATE "C" NOT NULL
)"""
    )
    db.execute("CREATE INDEX providers_by_name ON providers (sort_name, sort_first, npi)")
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


def fts_query(text: str) -> str | None:
    """Each word a quoted prefix term, all words required; None when the text has no searchable word.

    Quoting makes `"`, `*`, `-`, `AND`, `NEAR(` and the like plain text, so user input never raises.
    """
    text = unicodedata.normalize("NFC", text.replace("\x00", " "))  # FTS5 reads NUL as the end of the query
    words = [word for word in text.split() if any(char.isalnum() for char in word)]
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


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


@dataclass
class ImportReport:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0  # rows identical to what was stored
    skipped: int = 0
    problems: list[str] = field(default_factory=list)  # rows skipped, each "line N, column C (name): ..."
    warnings: list[str] = field(default_factory=list)  # rows loaded with a remark (duplicate NPI)

    @property
    def loaded(self) -> int:
        """Good rows: inserted, updated or already up to date."""
        return self.inserted + self.updated + self.unchanged


def _decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputProblem(
            ["the file is UTF-16 text, not UTF-8: save it as 'CSV UTF-8 (comma delimited)' and import again"],
            source=source,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputProblem(
            [
                f"line {line}: the file is not UTF-8 text (byte 0x{data[error.start]:02X} cannot start a "
                "UTF-8 character); save it as 'CSV UTF-8 (comma delimited)' and import again"
            ],
            source=source,
        ) from None


def _header_positions(header: list[str], source: str) -> list[str]:
    names = [name.strip().lower() for name in header]
    expected = "expected exactly these columns (any order): " + ",".join(CSV_COLUMNS)
    problems = []
    missing = [name for name in CSV_COLUMNS if name not in names]
    unknown = [name for name in names if name not in CSV_COLUMNS]
    duplicated = sorted({name for name in names if names.count(name) > 1 and name in CSV_COLUMNS})
    if missing:
        problems.append("line 1 (header): missing column(s): " + ", ".join(missing))
    if unknown:
        shown = ", ".join(repr(name) if name else "(an empty name)" for name in unknown)
        problems.append("line 1 (header): unknown column(s): " + shown)
    if duplicated:
        problems.append("line 1 (header): column(s) given twice: " + ", ".join(duplicated))
    if problems:
        raise InputProblem([*problems, expected], source=source)
    return names


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


def _error_text(error: dict) -> str:
    message = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    return message


def _shown(value: str) -> str:
    return "the cell is empty" if value == "" else f"got {value!r}"


def _parse_rows(text: str, source: str, report: ImportReport) -> dict[str, Provider]:
    """Valid rows by NPI (a later row wins); bad rows go to report.problems and report.skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)  # blank lines before the header
        if header is None:
            raise InputProblem(
                ["the file is empty: expected a header line: " + ",".join(CSV_COLUMNS)], source=source
            )
        names = _header_positions(header, source)
        column_of = {name: position + 1 for position, name in enumerate(names)}
        width = len(names)
        providers: dict[str, Provider] = {}
        line_of: dict[str, int] = {}
        end_of_previous = reader.line_num
        for record in reader:
            line = end_of_previous + 1  # where the record starts: a quoted value may span lines
            end_of_previous = reader.line_num
            if not any(record) or not "".join(record).strip():
                continue  # blank line, or a spreadsheet's row of empty cells
            if len(record) != width:
                report.problems.append(
                    f"line {line}: {len(record)} values, expected {width} "
                    "(a value that contains a comma must be in double quotes)"
                )
                report.skipped += 1
                continue
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
    except csv.Error as error:
        raise InputProblem(
            [f"line {reader.line_num}: not readable as CSV ({error}); is a double quote left open?"],
            source=source,
        ) from None
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
            problems.append(
                f"line {line}, column {column_of[name]} ({name}): expected true or false "
                f"(also yes/no or 1/0; an empty cell means false), {_shown(cell.strip())}"
            )
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
            problems.append(f"line {line}, column {column} ({name}): {_error_text(item)} ({_shown(cell)})")
        provider = None
    if provider is not None and not (provider.last_name or provider.organization):
        problems.append(
            f"line {line}, column {column_of['last_name']} (last_name): a row needs a last_name (a person) "
            f"or an organization (column {column_of['organization']}); both are empty"
        )
    if problems:
        report.problems.extend(problems)
        return None
    return provider


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of rows are built.

    They are all alive until the import ends, so each collection only re-walks them: 200k rows spent
    about 40% of their parse time in the collector.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ---------------------------------------------------------------------------------------------- repository


class ProviderRepository:
    """The directory stored in SQLite; answers `DirectoryView` exactly as `InMemoryDirectory` does."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._conn = db.conn

    # -- writing

    def import_csv(self, path: Path | str) -> ImportReport:
        """Load a directory CSV (docs/providers-csv.md) in one transaction: all good rows, or nothing.

        Bad rows are skipped and reported by line and column; a file that cannot be read as the expected
        CSV raises InputProblem and changes nothing.
        """
        path = Path(path)
        source = str(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputProblem(["no such file"], source=source) from None
        except IsADirectoryError:
            raise InputProblem(["this is a folder, not a CSV file"], source=source) from None
        except OSError as error:
            raise InputProblem([f"cannot read the file: {error.strerror}"], source=source) from None
        report = ImportReport()
        with _gc_paused():
            providers = _parse_rows(_decode(data, source), source, report)
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
        found: list[str] = []
        for accepting, speaks in tiers:
            if need >= 0 and len(found) >= need:
                break
            fetch = -1 if need < 0 else need - len(found) + len(excluded)
            rows = self._tier(plan, codes, accepting, group_key, language_key, speaks, fetch)
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

    def _by_name(self, plan: str | None, taxonomy: str | None, limit: int) -> list[str]:
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
