"""The worklist as rows read straight from the requests table's columns: what the desk shows first.

The standard library's sqlite3 only, and no pydantic: the desk opens on these rows before the models, the engine
and sqlite-utils are loaded (the cold-start budget of issue 4). `CaseFilter`, the orders and the search key live
here and the case repository uses the same ones, so the worklist and `sodesk requests list` never disagree.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from app.domain.names import professional_name
from app.domain.status import FINISHED, Status
from app.domain.time import LOS_ANGELES
from app.errors import InputProblem
from app.domain.worklist import CaseFilter, WorklistRow  # noqa: F401  (storage reads and returns them)
from app.storage.dialect import SQLITE_HEADER
from app.storage.words import request_search_patterns, search_key

# The migrations whose tables and columns the worklist reads (the first of app.storage.db.MIGRATIONS; a test
# keeps them so). Later ones are applied by the start-up check while the worklist is already showing.
WORKLIST_NEEDS = ("m001_providers", "m002_requests", "m003_worklist_and_settings")


def utc_text(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_utc_text(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text).astimezone(LOS_ANGELES)  # "...Z" is UTC (Python 3.11+)


# order key -> (ascending, descending) ORDER BY; never SQL from outside
ORDERS = {
    "due": ("next_due IS NULL, next_due, id", "next_due IS NULL, next_due DESC, id DESC"),
    "newest": ("id DESC", "id"),
    "name": ("member_name, id", "member_name DESC, id DESC"),
    "plan": ("plan, next_due IS NULL, next_due, id", "plan DESC, next_due IS NULL, next_due, id"),
    "status": ("status, next_due IS NULL, next_due, id", "status DESC, next_due IS NULL, next_due, id"),
    "decision_due": ("decision_due IS NULL, decision_due, id", "decision_due IS NULL, decision_due DESC, id"),
    "consult_due": ("consult_due IS NULL, consult_due, id", "consult_due IS NULL, consult_due DESC, id"),
    "report_due": ("report_due IS NULL, report_due, id", "report_due IS NULL, report_due DESC, id"),
}


# PostgreSQL sorts NULL last going up and first going down, SQLite the other way round, and it sorts text by the
# server's locale: the nullable columns say where their NULLs go and the text ones sort bytewise (as SQLite does),
# so a page is the same page on either engine. The due columns are COLLATE "C" in the schema and their NULLs are
# ordered by the `IS NULL` term.
_POSTGRESQL_ORDERS = {
    **ORDERS,
    "name": ('member_name NULLS FIRST, id', 'member_name DESC NULLS LAST, id DESC'),
    "plan": ('plan COLLATE "C" NULLS FIRST, next_due IS NULL, next_due, id',
             'plan COLLATE "C" DESC NULLS LAST, next_due IS NULL, next_due, id'),
    "status": ('status COLLATE "C", next_due IS NULL, next_due, id',
               'status COLLATE "C" DESC, next_due IS NULL, next_due, id'),
}


def order_sql(order: str, descending: bool = False, dialect: str = "sqlite") -> str:
    """The ORDER BY of an ORDERS key on `dialect` (KeyError for anything else: never SQL from outside)."""
    orders = _POSTGRESQL_ORDERS if dialect == "postgresql" else ORDERS
    return orders[order][1 if descending else 0]


def json_is_true(document: str, path: str, dialect: str = "sqlite") -> str:
    """A condition: the JSON boolean at `path` in the column `document` is true. SQLite's json_extract gives
    JSON true as 1; the server's gives the text 'true'. (Both are SQL written here, never taken from outside.)"""
    if dialect == "postgresql":
        return f"json_extract({document}, '{path}') = 'true'"
    return f"json_extract({document}, '{path}') = 1"


SPARSE = 5000  # a page of a search matching at most this many requests sorts them (WorklistReader._walks)
COUNT_SPARSE = 100_000  # a count of a search matching at most this many counts the matches, else walks


def search_sql(text: str, dialect: str = "sqlite", indexed: bool = True, walk: bool = False) -> tuple[str, list]:
    """The condition of a worklist search: every typed word begins a word of the member's name (last or first,
    case and accents ignored: 'avila' finds Ávila) or of the member ID; a word with punctuation in it ("o'br")
    is its parts, next to each other, the last one begun (app.storage.words). Each word is looked for in the
    request's `search_words` (m007), through an index: FTS5 on SQLite (or, `walk`, read from the worklist's
    index row by row, for a word that most requests match), a trigram index on the server.

    `indexed` False: a file whose m007 is not applied yet (the worklist shows before the start-up check migrates
    it) is searched as before it, by the start of the name or the whole member ID."""
    if not indexed:
        prefix = search_key(text.strip())
        return "(member_name >= ? AND member_name < ? OR member_id = ?)", [prefix, prefix + "\U0010ffff",
                                                                            text.strip()]
    patterns = request_search_patterns(text)
    if not patterns:
        return "1 = 0", []
    if dialect == "postgresql":
        return " AND ".join("search_words LIKE ?" for _ in patterns), [f"%{pattern}%" for pattern in patterns]
    if walk:
        return " AND ".join("instr(search_words, ?) > 0" for _ in patterns), patterns
    return "id IN (SELECT rowid FROM requests_search WHERE requests_search MATCH ?)", [fts_match(patterns)]


def fts_match(patterns: list[str]) -> str:
    """The FTS5 query of request_search_patterns: each a phrase of its tokens, the last one a prefix (tokens are
    letters and digits only: nothing to quote)."""
    return " ".join(f'"{pattern.strip()}"*' for pattern in patterns)


def where_sql(where: CaseFilter, for_count: bool = False, dialect: str = "sqlite",
              indexed: bool = True, walk: bool = False) -> tuple[str, list]:
    clauses: list[str] = []
    params: list = []
    if where.statuses:
        clauses.append(f"status IN ({', '.join('?' for _ in where.statuses)})")
        params += [status.value for status in where.statuses]
    elif where.open_only and for_count and dialect == "sqlite" and not (where.text and where.text.strip()):
        # A count reads the (status, next_due) index alone: no table rows, no order.
        open_statuses = sorted(set(Status) - FINISHED)
        clauses.append(f"status IN ({', '.join('?' for _ in open_statuses)})")
        params += [status.value for status in open_statuses]
    elif where.open_only:
        # Most of a year's requests are finished: a page walks the worklist index in due order and skips
        # them, rather than sorting every open request ('+' keeps the planner off the status index). On the
        # server the page and the count both read the partial index of open requests (requests_open).
        plus = "+" if dialect == "sqlite" else ""
        clauses.append(f"{plus}status NOT IN ({', '.join('?' for _ in FINISHED)})")
        params += [status.value for status in sorted(FINISHED)]
    if where.plan:
        clauses.append("plan = ?")
        params.append(where.plan)
    if where.member_id:
        clauses.append("member_id = ?")
        params.append(where.member_id)
    if where.text and where.text.strip():  # blank: no search, every request
        clause, words = search_sql(where.text, dialect, indexed, walk)
        clauses.append(clause)
        params += words
    if where.overdue_at is not None:
        clauses.append("next_due < ?")
        params.append(utc_text(where.overdue_at))
    if where.due_before is not None:
        clauses.append("next_due <= ?")
        params.append(utc_text(where.due_before))
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


_ROW_SQL = """
SELECT id, status, urgent, plan,
       coalesce(json_extract(request_json, '$.member.last_name'), json_extract(draft_json, '$.member.last_name')),
       coalesce(json_extract(request_json, '$.member.first_name'), json_extract(draft_json, '$.member.first_name')),
       json_extract(determination_json, '$.plan_name'),
       json_extract(consult_json, '$.name'), consult_npi,
       json_extract(request_json, '$.requested_provider_npi'),
       decision_due, consult_due, report_due, member_id,
       json_extract(request_json, '$.member.language'), json_extract(request_json, '$.member.address')
FROM requests"""

# On the server the page is chosen first and only its rows' JSON is read, each document parsed once (json_extract
# per column re-parsed the whole request for every value, and for every candidate row before the sort). A draft
# holds whatever was typed (a name typed as 42 is a number there): names come back as JSON values, so a number is
# not taken for a name, as on SQLite. A request's names are text by validation.
_POSTGRESQL_PAGE_SQL = """
SELECT id, status, urgent, plan,
       coalesce(to_jsonb(q -> 'member' ->> 'last_name'), d #> '{{member,last_name}}'),
       coalesce(to_jsonb(q -> 'member' ->> 'first_name'), d #> '{{member,first_name}}'),
       {plan_name}, consult_json::json ->> 'name', consult_npi,
       q ->> 'requested_provider_npi', decision_due, consult_due, report_due, member_id,
       q -> 'member' ->> 'language', (q -> 'member' -> 'address')::text
FROM (SELECT * FROM requests {clauses} ORDER BY {order_by} LIMIT ? OFFSET ?) AS requests
CROSS JOIN LATERAL (SELECT request_json::json AS q, draft_json::jsonb AS d) AS parsed
ORDER BY {order_by}"""


def _text(value) -> str | None:
    """A draft holds whatever was typed: only non-empty text counts as a name."""
    return value.strip() or None if isinstance(value, str) else None


def _one_line(line1=None, line2=None, city=None, state=None, zip_code=None) -> str:
    """A mailing address on one line: "100 Example St, Apt 2, Stockton, CA 95202"."""
    place = " ".join(part for part in (_text(state), _text(zip_code)) if part)
    return ", ".join(part for part in (_text(line1), _text(line2), _text(city), place) if part)


def _address_of(document) -> str:
    """The request's member address (its JSON text) on one line; "" when it holds no line, city or ZIP."""
    if not isinstance(document, str):
        return ""
    try:
        address = json.loads(document)
    except ValueError:
        return ""
    if not isinstance(address, dict) or not any(address.get(key) for key in ("line1", "line2", "city", "zip")):
        return ""
    return _one_line(*(address.get(key) for key in ("line1", "line2", "city", "state", "zip")))


def _worklist_row(values: tuple, names: dict[str, str],
                  roster: dict[tuple[str, str], tuple[str, str]] | None = None) -> WorklistRow:
    (case_id, status, urgent, plan, last, first, plan_name, consult_name, consult_npi, requested_npi,
     decision_due, consult_due, report_due, member_id, language, address_json) = values
    member = ", ".join(part for part in (_text(last), _text(first)) if part) or "(draft)"
    language, address, from_roster = _text(language) or "", _address_of(address_json), []
    rostered = (roster or {}).get((member_id, plan))
    if rostered is not None:
        if not language and rostered[0]:
            language = rostered[0]
            from_roster.append("language")
        if not address and rostered[1]:
            address = rostered[1]
            from_roster.append("address")
    if consult_npi:
        professional = consult_name or names.get(consult_npi) or f"NPI {consult_npi}"
    elif requested_npi:
        professional = names.get(requested_npi) or f"NPI {requested_npi}"
    else:
        professional = "not chosen"
    return WorklistRow(
        id=case_id, status=Status(status), member=member, plan=plan_name or plan or "", urgent=bool(urgent),
        professional=professional, decision_due=from_utc_text(decision_due),
        consult_due=from_utc_text(consult_due), report_due=from_utc_text(report_due),
        language=language, address=address, from_roster=tuple(from_roster),
    )


class WorklistReader:
    """Pages and counts of the worklist (read only) over a sqlite3 connection or a store (either engine).

    `plan_names` (plan id -> name): on the server the page then names each plan from it instead of reading the
    whole determination document of every row (the name as determined is the plan file's name)."""

    def __init__(self, connection, plan_names: dict[str, str] | None = None) -> None:
        self.connection = connection
        self.dialect = getattr(connection, "dialect", "sqlite")
        self.plan_names = plan_names
        self._indexed = False  # whether the search index (m007) is there: once it is, it stays
        self._rostered = False  # whether the member roster's table (m008) is there: once it is, it stays

    def for_this_thread(self) -> WorklistReader:
        """A reader to use on the calling thread: this one over a store (each thread has its own connection
        there), or a reader of the same file on a connection of its own (a plain sqlite3 connection belongs to
        the thread that opened it). `close()` it after."""
        if not isinstance(self.connection, sqlite3.Connection):
            return self
        path = next(file for _seq, name, file in self.connection.execute("PRAGMA database_list") if name == "main")
        connection = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
        return WorklistReader(connection, self.plan_names)

    def close(self) -> None:
        """Close a reader's own connection (a store's is the store's to close)."""
        if isinstance(self.connection, sqlite3.Connection):
            self.connection.close()

    def indexed(self) -> bool:
        """Whether the database has the search index: a file opened before the start-up check migrated it
        (its worklist shows at once) has not, until then."""
        if not self._indexed:
            sql = ("SELECT 1 FROM information_schema.columns WHERE table_name = 'requests' "
                   "AND column_name = 'search_words'" if self.dialect == "postgresql"
                   else "SELECT 1 FROM sqlite_master WHERE name = 'requests_search'")
            with _unreadable_explained():
                self._indexed = self.connection.execute(sql).fetchone() is not None
        return self._indexed

    def _searching(self, where: CaseFilter) -> bool:
        return bool(where.text and where.text.strip()) and self.indexed()

    def _walks(self, where: CaseFilter, order: str = "due", sparse: int | None = None) -> bool:
        """Whether a search on SQLite walks the worklist's order (`requests_search_walk`, which holds each
        request's status and words: no row is read) rather than ask the FTS5 index for every match.

        The index says cheaply how many match (at most SPARSE + 1 rowids read). A few thousand are fetched and
        sorted; more (a short prefix: 'b' matches every member ID of a million, 'g' 74,000 names) are met walking
        the worklist's order, keeping the matches, which stops after a page: collecting 74,000 matches and sorting
        them took 160 ms, the walk 8 ms. Only in the worklist's order and without a status filter (a status
        view's rows can be anywhere in that order, drafts at its end). A count reads every match either way:
        it walks only past COUNT_SPARSE."""
        if self.dialect != "sqlite" or order != "due" or where.statuses or not self._searching(where):
            return False
        patterns = request_search_patterns(where.text or "")
        if not patterns:
            return False
        matches = self.connection.execute(
            "SELECT count(*) FROM (SELECT rowid FROM requests_search WHERE requests_search MATCH ? LIMIT ?)",
            [fts_match(patterns), (SPARSE if sparse is None else sparse) + 1]).fetchone()[0]
        return matches > (SPARSE if sparse is None else sparse)

    def worklist(self, where: CaseFilter, *, limit: int = 100, offset: int = 0, order: str = "due",
                 descending: bool = False) -> list[WorklistRow]:
        order_by = order_sql(order, descending, self.dialect)
        with _unreadable_explained():
            walk = self._walks(where, order)
            clauses, params = where_sql(where, dialect=self.dialect, indexed=not where.text or self.indexed(),
                                        walk=walk)
            if self.dialect == "postgresql":
                plan_name = ("NULL" if self.plan_names is not None
                             else "determination_json::json ->> 'plan_name'")
                sql = _POSTGRESQL_PAGE_SQL.format(clauses=clauses, order_by=order_by, plan_name=plan_name)
                if self._searching(where) and len(request_search_patterns(where.text or "")) > 1:
                    # Several words: the planner multiplies their shares and walks the worklist's order through
                    # thousands of rows rather than read the few the trigram index gives (20 ms for 'garcia m');
                    # the requests stay in the server's memory, where a page read at random costs about one read
                    # in order (as the provider search: app.storage.providers).
                    with self.connection.atomic():
                        self.connection.execute("SET LOCAL random_page_cost = 1.1")
                        rows = self.connection.execute(sql, [*params, limit, offset]).fetchall()
                else:
                    rows = self.connection.execute(sql, [*params, limit, offset]).fetchall()
            elif self._searching(where):
                # The page's ids first, then only their rows (reading every match's columns before the sort cost
                # 20 ms for 'garc' at a million requests).
                source = f"requests INDEXED BY {'requests_search_walk' if walk else 'requests_search_sort'}"
                ids = [case_id for (case_id,) in self.connection.execute(
                    f"SELECT id FROM {source} {clauses} ORDER BY {order_by} LIMIT ? OFFSET ?",
                    [*params, limit, offset])]
                found = {row[0]: row for row in self.connection.execute(
                    f"{_ROW_SQL} WHERE id IN ({', '.join('?' for _ in ids)})", ids)} if ids else {}
                rows = [found[case_id] for case_id in ids if case_id in found]
            else:
                sql = f"{_ROW_SQL} {clauses} ORDER BY {order_by} LIMIT ? OFFSET ?"
                rows = self.connection.execute(sql, [*params, limit, offset]).fetchall()
            names = self._names(rows)
            roster = self._roster(rows)
            if self.plan_names is not None and self.dialect == "postgresql":
                rows = [(*row[:6], self.plan_names.get(row[3]), *row[7:]) for row in rows]
            return [_worklist_row(values, names, roster) for values in rows]

    def _roster(self, rows: list[tuple]) -> dict[tuple[str, str], tuple[str, str]]:
        """The roster's language and address, one query for the page, of its members whose request has none:
        (member ID, plan) -> (language, address on one line)."""
        wanted = {(row[13], row[3]) for row in rows
                  if isinstance(row[13], str) and (not _text(row[14]) or not _address_of(row[15]))}
        if not wanted or not self._has_roster():
            return {}
        ids = sorted({member_id for member_id, _plan in wanted})
        found = self.connection.execute(
            "SELECT member_id, plan, language, address_line1, address_line2, city, state, zip FROM members "
            f"WHERE member_id IN ({', '.join('?' for _ in ids)})", ids)
        return {(member_id, plan): (_text(language) or "", _one_line(*address))
                for member_id, plan, language, *address in found if (member_id, plan) in wanted}

    def _has_roster(self) -> bool:
        """Whether the database has the member roster: a file opened before the start-up check migrated it
        (its worklist shows at once) has not, until then."""
        if not self._rostered:
            sql = ("SELECT 1 FROM information_schema.tables WHERE table_name = 'members'"
                   if self.dialect == "postgresql" else "SELECT 1 FROM sqlite_master WHERE name = 'members'")
            self._rostered = self.connection.execute(sql).fetchone() is not None
        return self._rostered

    def _names(self, rows: list[tuple]) -> dict[str, str]:
        """The professionals' names from the directory, one query for the page."""
        npis = sorted({npi for row in rows for npi in (row[8], row[9]) if isinstance(npi, str)})
        if not npis:
            return {}
        found = self.connection.execute(
            "SELECT npi, first_name, last_name, credential, organization FROM providers "
            f"WHERE npi IN ({', '.join('?' for _ in npis)})", npis)
        return {npi: professional_name(first, last, credential, organization, npi)
                for npi, first, last, credential, organization in found}

    def count(self, where: CaseFilter = CaseFilter()) -> int:
        with _unreadable_explained():
            walk = self._walks(where, sparse=COUNT_SPARSE)
            clauses, params = where_sql(where, for_count=True, dialect=self.dialect,
                                        indexed=not where.text or self.indexed(), walk=walk)
            source = "requests"
            if self.dialect == "sqlite" and self._searching(where):
                source += f" INDEXED BY {'requests_search_walk' if walk else 'requests_search_sort'}"
            return self.connection.execute(f"SELECT count(*) FROM {source} {clauses}", params).fetchone()[0]

    def is_empty(self) -> bool:
        """No request and no provider at all: a first start, which opens on the welcome page."""
        with _unreadable_explained():
            return bool(self.connection.execute("SELECT NOT EXISTS (SELECT 1 FROM requests) "
                                                "AND NOT EXISTS (SELECT 1 FROM providers)").fetchone()[0])


@contextmanager
def _unreadable_explained():
    """A damaged page met while reading says so plainly; the start-up check then names the backup to restore."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        raise InputProblem([f"the worklist cannot be read from the database ({error}); it may be damaged: "
                            "`sodesk check` says, and `sodesk backups` lists the backups to restore"]) from None


def open_worklist(path: Path) -> WorklistReader | None:
    """The worklist of an existing database that has what the worklist reads, or None when it needs the full
    start first (a new file, an old one, anything unreadable: `app.services.startup` explains and repairs those).
    Migrations added after WORKLIST_NEEDS are applied by the start-up check, before anything can be written."""
    try:
        with open(path, "rb") as file:
            if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA query_only = 1")  # writes go through the services, never through here
    except (OSError, sqlite3.Error):
        return None
    try:
        applied = {name for (name,) in connection.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'sodesk'")}
        if not set(WORKLIST_NEEDS) <= applied:
            connection.close()
            return None
    except sqlite3.Error:
        connection.close()
        return None
    return WorklistReader(connection)
