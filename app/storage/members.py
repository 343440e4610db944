"""The member roster in a store (SQLite or the PostgreSQL office server): its tables, its CSV, its import and
its look-ups (issue 16).

Three tables (m008):
- `members`: one row per (member_id, plan), the latest file's demographics, PCP and current coverage;
- `member_coverage`: one row per (member_id, plan, start): every coverage span any file has said, so a
  re-import that ends or moves a member's coverage keeps what was known before (the history);
- `roster_loads`: one row per import (plan, file name, when, how many rows): the plans whose roster is loaded.

An import is one transaction: every good row, or nothing. Member data is PHI: a problem names the line, the
column and what is expected, never the value of a name, a date of birth or an address.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from app.domain.members import CoverageSpan, MemberCoverage, RosterMember, as_a_history
from app.domain.models import Address
from app.errors import InputProblem, Problem
from app.storage.dialect import POSTGRESQL, dialect_of
from app.storage.roster_fields import member_from_values, parse_date  # noqa: F401  (parse_date: the CLI's)
from app.storage.tabular import CsvRows, ImportReport, decode, gc_paused, read_file
from app.storage.words import request_search_patterns, request_search_words

CSV_COLUMNS: tuple[str, ...] = (
    "member_id", "plan", "last_name", "first_name", "date_of_birth", "sex", "language", "phone",
    "address_line1", "address_line2", "city", "state", "zip", "county", "health_network", "pcp_npi", "pcp_name",
    "coverage_start", "coverage_end", "cin",
)  # fmt: skip
OPTIONAL_CSV_COLUMNS = ("cin",)  # a file made before the column (issue 17) is read as it was
_M008_COLUMNS = (
    "member_id", "plan", "last_name", "first_name", "date_of_birth", "sex", "language", "phone", "address_line1",
    "address_line2", "city", "state", "zip", "county", "health_network", "pcp_npi", "pcp_name", "coverage_start",
    "coverage_end",
)  # fmt: skip
_MEMBER_COLUMNS = (*_M008_COLUMNS, "cin")  # m011
_STORED = (*_MEMBER_COLUMNS, "search_words", "source", "loaded_at")
_COMPARED = len(_MEMBER_COLUMNS)  # a row is unchanged when these are the same
_CHUNK = 20000
PROGRESS_EVERY = 2000  # rows (or members) read between two progress reports
LOOKUP_LIMIT = 8

Progress = Callable[[int, int], object]  # rows written, rows in all


def m008_member_roster(db) -> None:
    """The member roster: members, their coverage spans (history) and the record of each import."""
    text = "TEXT"
    strict = "" if dialect_of(db) == POSTGRESQL else " STRICT"
    columns = ", ".join(f"{name} {text}" + (" NOT NULL" if name in ("member_id", "plan", "last_name",
                                                                   "first_name", "date_of_birth",
                                                                   "coverage_start") else "")
                        for name in _M008_COLUMNS)
    db.execute(f"CREATE TABLE members ({columns}, search_words TEXT NOT NULL, source TEXT NOT NULL, "
               f"loaded_at TEXT NOT NULL, PRIMARY KEY (member_id, plan)){strict}")
    db.execute("CREATE INDEX members_by_birth ON members (date_of_birth)")
    db.execute("CREATE TABLE member_coverage (member_id TEXT NOT NULL, plan TEXT NOT NULL, start TEXT NOT NULL, "
               "coverage_end TEXT, health_network TEXT, source TEXT NOT NULL, loaded_at TEXT NOT NULL, "
               f"PRIMARY KEY (member_id, plan, start)){strict}")
    db.execute("CREATE TABLE roster_loads (plan TEXT NOT NULL, source TEXT NOT NULL, loaded_at TEXT NOT NULL, "
               f"loaded_by TEXT, members INTEGER NOT NULL, PRIMARY KEY (plan, loaded_at, source)){strict}")
    if dialect_of(db) == POSTGRESQL:
        db.execute("CREATE INDEX members_search ON members USING gin (search_words gin_trgm_ops)")


def m011_member_cin(db) -> None:
    """The member's Medi-Cal CIN beside the plan's member id (issue 17): NULL for the members loaded before."""
    db.execute("ALTER TABLE members ADD COLUMN cin TEXT")


# ---------------------------------------------------------------------------------------------- the CSV


def parse_members_csv(text: str, source: str, plans: Collection[str], report: ImportReport, *,
                      progress: Progress | None = None) -> list[tuple[int, RosterMember]]:
    """(line, member) of each good row; bad rows go to `report` (skipped, with their line and column)."""
    rows = CsvRows(text, source, CSV_COLUMNS, report, optional=OPTIONAL_CSV_COLUMNS)
    lines = text.count("\n") or 1
    members = []
    for line, record in rows:
        if progress is not None and line % PROGRESS_EVERY == 0:
            progress(line, lines)
        values = dict(zip(rows.names, record))
        problems: list[Problem] = []
        member = member_from_values(values, line, rows.column_of, plans, problems)
        if member is None:
            report.items.extend(problems)
            report.skipped += 1
        else:
            members.append((line, member))
    return members


def members_csv_cells(member: RosterMember) -> list[str]:
    """A member as a row of the roster CSV (CSV_COLUMNS order): the writer the tests and benchmarks use."""
    row = _row(member, "", "")
    return ["" if value is None else str(value) for value in row[:_COMPARED]]


# ---------------------------------------------------------------------------------------------- rows


def _row(member: RosterMember, source: str, loaded_at: str) -> tuple:
    address = member.address
    return (member.member_id, member.plan, member.last_name, member.first_name, member.date_of_birth.isoformat(),
            member.sex, member.language, member.phone, address.line1, address.line2, address.city, address.state,
            address.zip, member.county, member.health_network, member.pcp_npi, member.pcp_name,
            member.coverage_start.isoformat(), member.coverage_end.isoformat() if member.coverage_end else None,
            member.cin, request_search_words(f"{member.last_name} {member.first_name}", member.member_id), source, loaded_at)


def _member(row: Sequence) -> RosterMember:
    values = dict(zip(_MEMBER_COLUMNS, row))
    return RosterMember.model_construct(
        member_id=values["member_id"], plan=values["plan"], last_name=values["last_name"],
        first_name=values["first_name"], date_of_birth=date.fromisoformat(values["date_of_birth"]),
        sex=values["sex"], language=values["language"], phone=values["phone"],
        address=Address.model_construct(line1=values["address_line1"], line2=values["address_line2"],
                                        city=values["city"], state=values["state"], zip=values["zip"]),
        county=values["county"], health_network=values["health_network"], pcp_npi=values["pcp_npi"],
        pcp_name=values["pcp_name"], coverage_start=date.fromisoformat(values["coverage_start"]),
        coverage_end=date.fromisoformat(values["coverage_end"]) if values["coverage_end"] else None,
        cin=values["cin"])


_SELECT = "SELECT " + ", ".join(_MEMBER_COLUMNS) + " FROM members"
_UPSERT = (
    f"INSERT INTO members ({', '.join(_STORED)}) VALUES ({', '.join('?' for _ in _STORED)}) "
    "ON CONFLICT (member_id, plan) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _STORED[2:])
)
_SPAN_UPSERT = (
    "INSERT INTO member_coverage (member_id, plan, start, coverage_end, health_network, source, loaded_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member_id, plan, start) DO UPDATE SET "
    "coverage_end = excluded.coverage_end, health_network = excluded.health_network, source = excluded.source, "
    "loaded_at = excluded.loaded_at"
)
# The same on the server, a chunk's rows sent as one JSON array (row-by-row executemany is several times slower).
_PG_UPSERT = (
    f"INSERT INTO members ({', '.join(_STORED)}) SELECT "
    + ", ".join(f"r->>{index}" for index in range(len(_STORED)))
    + " FROM jsonb_array_elements(?::jsonb) AS r ON CONFLICT (member_id, plan) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _STORED[2:])
)
_PG_SPAN_UPSERT = (
    "INSERT INTO member_coverage (member_id, plan, start, coverage_end, health_network, source, loaded_at) "
    "SELECT r->>0, r->>1, r->>2, r->>3, r->>4, r->>5, r->>6 FROM jsonb_array_elements(?::jsonb) AS r "
    "ON CONFLICT (member_id, plan, start) DO UPDATE SET coverage_end = excluded.coverage_end, "
    "health_network = excluded.health_network, source = excluded.source, loaded_at = excluded.loaded_at"
)


@dataclass
class RosterReport(ImportReport):
    """An import's outcome: members inserted, updated, unchanged and skipped (with where and why), and how many
    coverage spans were new to the roster's history."""

    spans_added: int = 0
    plans: tuple[str, ...] = ()


def _utc_now() -> str:
    """To the millisecond: two imports in one second (a file, then its correction) are two loads."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class MemberRepository:
    """The roster, the same on both engines."""

    def __init__(self, db) -> None:
        self.db = db
        self._postgresql = dialect_of(db) == POSTGRESQL

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        """A store's executemany, or a bare sqlite-utils Database's connection's (a fixture's, a conversion's)."""
        many = getattr(self.db, "executemany", None)
        (many or self.db.conn.executemany)(sql, rows)

    # -- writing

    def import_file(self, path: Path | str, plans: Collection[str], *, plan: str | None = None,
                    who: str | None = None, progress: Progress | None = None,
                    clock: Callable[[], str] = _utc_now) -> RosterReport:
        """Load a roster CSV (docs/members-csv.md) or an X12 834 (docs/members-834.md, told apart by its first
        bytes) in one transaction. `plans`: the known plan ids; `plan`: the plan an 834 is from, when its
        payer (N1*IN) does not name one."""
        source = str(path)
        data = read_file(path, "roster file")
        report = RosterReport()
        # The clerk sees one bar: reading the file is its first 70 %, writing the rows the rest.
        reading = (lambda done, total: progress(70 * done // max(total, 1), 100)) if progress else None
        writing = (lambda done, total: progress(70 + 30 * done // max(total, 1), 100)) if progress else None
        with gc_paused():
            if data.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip()[:3] == b"ISA":  # a BOM may come first
                from app.storage.x12_834 import parse_834

                members = parse_834(data, source, plans, report, plan=plan, progress=reading)
                unit = "segment"
            else:
                if plan is not None:
                    if plan not in plans:
                        raise InputProblem([f"unknown plan {plan!r}; known plans: {', '.join(sorted(plans))}"],
                                           source=source)
                    report.warnings.append(f"the plan given ({plan}) is for an 834: a roster CSV names each row's "
                                           "plan in its plan column, which is what was loaded")
                members = parse_members_csv(decode(data, source), source, plans, report, progress=reading)
                unit = "line"
            del data
            self._write(members, Path(source).name, report, who, writing, clock(), unit)
        return report

    def upsert_many(self, members: Iterable[RosterMember], *, source: str = "(given)",
                    who: str | None = None) -> RosterReport:
        report = RosterReport()
        self._write([(0, member) for member in members], source, report, who, None, _utc_now())
        return report

    def _write(self, members: list[tuple[int, RosterMember]], source: str, report: RosterReport,
               who: str | None, progress: Progress | None, loaded_at: str, unit: str = "line") -> None:
        """`unit`: what a member's number counts in its file (a CSV's line, an 834's segment)."""
        latest: dict[tuple[str, str], tuple[int, RosterMember]] = {}
        starts: dict[tuple[str, str, date], int] = {}
        for line, member in members:
            key = (member.member_id, member.plan)
            span = (*key, member.coverage_start)
            if span in starts and line:  # the same span twice: the later row says it
                report.warnings.append(f"{unit} {line}: member {member.member_id} of {member.plan} has the same "
                                       f"coverage start on {unit} {starts[span]}; the later one ({unit} {line}) "
                                       "is kept")
            starts[span] = line
            earlier = latest.get(key)
            # The member's fields are its newest span's (rows of one member may come in any order); each span
            # goes to the member's history.
            if earlier is None or member.coverage_start >= earlier[1].coverage_start:
                latest[key] = (line, member)
        rows = [_row(member, source, loaded_at) for _line, member in latest.values()]
        spans = sorted({(member.member_id, member.plan, member.coverage_start.isoformat()):
                        (member.member_id, member.plan, member.coverage_start.isoformat(),
                         member.coverage_end.isoformat() if member.coverage_end else None, member.health_network,
                         source, loaded_at) for _line, member in members}.values())
        plans = sorted({row[1] for row in rows})
        report.plans = tuple(plans)
        total = len(rows)
        if progress is not None:
            progress(0, total)
        with self.db.atomic():
            for start in range(0, max(total, len(spans)), _CHUNK):
                chunk = rows[start:start + _CHUNK]
                span_chunk = spans[start:start + _CHUNK]
                if chunk:
                    self._count_changes(chunk, report)
                    changed = [row for row in chunk if row[-1] is not None]
                    self._upsert(changed)
                if span_chunk:
                    report.spans_added += self._upsert_spans(span_chunk)
                if progress is not None:
                    progress(min(total, start + _CHUNK), total)
            for plan in plans:
                count = sum(1 for row in rows if row[1] == plan)
                self.db.execute("INSERT INTO roster_loads (plan, source, loaded_at, loaded_by, members) "
                                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (plan, loaded_at, source) DO UPDATE SET "
                                "members = excluded.members", [plan, source, loaded_at, who, count])

    def _count_changes(self, chunk: list[tuple], report: RosterReport) -> None:
        """Counts each row inserted, updated or unchanged; an unchanged row's `loaded_at` becomes None (it is
        not written again)."""
        keys = json.dumps([[row[0], row[1]] for row in chunk], ensure_ascii=False)
        if self._postgresql:
            sql = (f"{_SELECT} WHERE (member_id, plan) IN (SELECT r->>0, r->>1 FROM jsonb_array_elements(?::jsonb)"
                   " AS r)")
        else:
            sql = (f"{_SELECT} WHERE (member_id, plan) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))")
        stored = {(row[0], row[1]): tuple(row) for row in self.db.execute(sql, [keys]).fetchall()}
        for index, row in enumerate(chunk):
            old = stored.get((row[0], row[1]))
            if old is None:
                report.inserted += 1
            elif old == row[:_COMPARED]:
                report.unchanged += 1
                chunk[index] = (*row[:-1], None)
            else:
                report.updated += 1

    def _upsert(self, rows: list[tuple]) -> None:
        if not rows:
            return
        if self._postgresql:
            self.db.execute(_PG_UPSERT, [json.dumps(rows, ensure_ascii=False)])
        else:
            self._executemany(_UPSERT, rows)

    def _upsert_spans(self, spans: list[tuple]) -> int:
        """Writes the spans; returns how many were not in the history before."""
        keys = json.dumps([span[:3] for span in spans], ensure_ascii=False)
        if self._postgresql:
            known = self.db.execute("SELECT count(*) FROM member_coverage WHERE (member_id, plan, start) IN "
                                    "(SELECT r->>0, r->>1, r->>2 FROM jsonb_array_elements(?::jsonb) AS r)",
                                    [keys]).fetchone()[0]
            self.db.execute(_PG_SPAN_UPSERT, [json.dumps(spans, ensure_ascii=False)])
        else:
            known = self.db.execute("SELECT count(*) FROM member_coverage WHERE (member_id, plan, start) IN "
                                    "(SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?))",
                                    [keys]).fetchone()[0]
            self._executemany(_SPAN_UPSERT, spans)
        return len(spans) - known

    # -- reading

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM members").fetchone()[0]

    def get(self, member_id: str, plan: str) -> RosterMember | None:
        row = self.db.execute(f"{_SELECT} WHERE member_id = ? AND plan = ?", [member_id, plan]).fetchone()
        return _member(row) if row else None

    def rostered_plans(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT DISTINCT plan FROM roster_loads ORDER BY plan")]

    def loads(self, limit: int = 20) -> list[dict]:
        """The latest imports, newest first: plan, file name, when (UTC), by whom, how many members."""
        return list(self.db.query("SELECT plan, source, loaded_at, loaded_by, members FROM roster_loads "
                                  "ORDER BY loaded_at DESC, plan LIMIT ?", [limit]))

    def spans(self, member_id: str) -> list[CoverageSpan]:
        rows = self.db.execute("SELECT plan, start, coverage_end, health_network FROM member_coverage "
                               "WHERE member_id = ? ORDER BY start, plan", [member_id]).fetchall()
        return [CoverageSpan.model_construct(plan=plan, start=date.fromisoformat(start),
                                             end=date.fromisoformat(end) if end else None, health_network=network)
                for plan, start, end, network in rows]

    def coverage(self, member_id: str) -> MemberCoverage | None:
        """What the roster knows of this member ID (the engine's RosterView); None when no roster is loaded."""
        plans = self.rostered_plans()
        if not plans or not member_id:
            return None
        spans = as_a_history(self.spans(member_id.strip()))
        return MemberCoverage.model_construct(member_id=member_id, spans=spans, rostered_plans=plans)

    def find(self, text: str = "", date_of_birth: date | None = None, *, limit: int = LOOKUP_LIMIT
             ) -> list[RosterMember]:
        """Members for the intake's look-up: by member ID (exactly, or its beginning), or by words of the name
        (each the start of a word), with the date of birth when given; at most `limit`, by name."""
        text = unicodedata.normalize("NFC", text).strip()
        found: list[RosterMember] = []
        if text and date_of_birth is None and " " not in text:
            for candidate in dict.fromkeys((text, text.upper())):
                rows = self.db.execute(f"{_SELECT} WHERE member_id = ? ORDER BY plan", [candidate]).fetchall()
                if rows:
                    return [_member(row) for row in rows][:limit]
            if any(char.isdigit() for char in text):
                upper = text.upper()
                if self._postgresql:  # the server's collation does not order by code point: LIKE, escaped
                    begun = upper.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                    where, params = "member_id LIKE ?", [begun]
                else:  # the primary key's order: a range reads only the matches
                    where, params = "member_id >= ? AND member_id < ?", [upper, upper + "\U0010ffff"]
                rows = self.db.execute(f"{_SELECT} WHERE {where} ORDER BY member_id, plan LIMIT ?",
                                       [*params, limit]).fetchall()
                found = [_member(row) for row in rows]
                if found:
                    return found
        patterns = request_search_patterns(text)
        if not patterns and date_of_birth is None:
            return []
        where, params = [], []
        if date_of_birth is not None:
            where.append("date_of_birth = ?")
            params.append(date_of_birth.isoformat())
        for pattern in patterns:
            where.append("search_words LIKE ?")
            params.append(f"%{pattern}%")
        rows = self.db.execute(f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY last_name, first_name, member_id, "
                               "plan LIMIT ?", [*params, limit]).fetchall()
        return [_member(row) for row in rows]

