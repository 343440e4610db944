"""The member roster's import (issue 16): 100,000 members from a roster CSV and from an X12 834, into a fresh
database and again over the same rows (the monthly reload), on SQLite and on PostgreSQL over loopback TCP,
each beside a bare baseline measured in the same run.

    .venv/bin/python benchmarks/bench_members.py [--n 100000] [--seed 16] [--runs 1]
                                                 [--engines sqlite postgresql]

Everything is built in this run: the files in a temporary folder (app.devtools.synthetic:
`synthetic_members`, `write_members_csv`, `members_834` + `write_members_834`), a fresh SQLite file per import
(created and migrated by `open_store` before the clock starts), and a throw-away PostgreSQL cluster
(app.devtools.pgcluster, 127.0.0.1, fsync on) with a fresh database per import. Without PostgreSQL's server
programs the server's rows are left out and the reason is printed. Every figure is
`MemberRepository(store).import_file(path, plans)` as app.services.members calls it (the known plans' ids and
names, app.rules.plan_names; without the service's audit entry and progress bar), checked afterwards: every
member inserted, or on the re-import every one unchanged, none skipped.

- Import of the roster CSV (--n members over the synthetic plans) into a fresh database.
- Re-import of the same file into that database: every row unchanged (each member compared, none written
  again; every coverage span already in the history, though each is upserted again).
- Import of an 834 of --n members (one transaction set, payer CalOptima Health Medi-Cal, `plan=` given).
Target: each within 60 s (issue 16: "100,000 members import in under a minute").

Baselines, same rows, same run, one transaction into a plain table of the CSV's 19 text columns (no key, no
index) in a fresh database:
- CSV: `csv.reader` over the same file, then `executemany` INSERT through a raw sqlite3 connection (WAL, as
  the desk's file) / `COPY ... FROM STDIN` (write_row) through a raw psycopg connection.
- 834: the same file read and split on its segment terminator and element separator, each member's values
  picked by segment id with no validation, no code tables and no X12 reader, then the same inserts.
--runs N gives medians of N (each run its own fresh databases).
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import Row, print_table

from app.devtools.pgcluster import Cluster, ClusterUnavailable
from app.devtools.synthetic import members_834, synthetic_members, write_members_834, write_members_csv
from app.storage.members import CSV_COLUMNS, MemberRepository
from app.storage.store import open_store

PLAN_834 = "caloptima-medi-cal"
TARGET_S = 60.0
ENGINES = ("sqlite", "postgresql")
BARE_TABLE = f"CREATE TABLE bare_members ({', '.join(f'{name} TEXT' for name in CSV_COLUMNS)})"
BARE_INSERT = f"INSERT INTO bare_members VALUES ({', '.join('?' for _ in CSV_COLUMNS)})"
BARE_COPY = f"COPY bare_members ({', '.join(CSV_COLUMNS)}) FROM STDIN"


def plan_names() -> dict[str, str]:
    """The known plans, id -> name, as app.services.members gives them to the repository."""
    from app.rules.plan_names import plan_names as names

    return dict(names())


# ------------------------------------------------------------------------------------------------- baselines


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)  # the header
        return list(reader)


def _iso(x12_date: str) -> str:
    return f"{x12_date[:4]}-{x12_date[4:6]}-{x12_date[6:8]}"


def split_834_rows(path: Path, plan: str) -> list[list[str | None]]:
    """The bare 834 floor: the file split on its segment terminator (the ISA's 106th character) and on `*`,
    each member's values taken by segment id, in CSV_COLUMNS order; nothing checked."""
    text = path.read_text(encoding="utf-8")
    rows: list[list[str | None]] = []
    row: list[str | None] | None = None
    for segment in text.split(text[105]):
        elements = segment.strip().split("*")
        tag = elements[0]
        if tag == "INS":
            row = [None] * len(CSV_COLUMNS)
            row[1] = plan
            rows.append(row)
        elif row is None:
            continue
        elif tag == "REF":
            if elements[1] == "0F":
                row[0] = elements[2]
            elif elements[1] == "1L":
                row[14] = elements[2]
        elif tag == "NM1":
            if elements[1] == "IL":
                row[2], row[3] = elements[3], elements[4]
            elif elements[1] == "P3":
                row[15], row[16] = elements[9], f"{elements[4]} {elements[3]}".strip()
        elif tag == "PER":
            row[7] = elements[4]
        elif tag == "N3":
            row[8] = elements[1]
            row[9] = elements[2] if len(elements) > 2 else None
        elif tag == "N4":
            row[10], row[11], row[12] = elements[1], elements[2], elements[3]
            row[13] = elements[6] if len(elements) > 6 else None
        elif tag == "DMG":
            row[4], row[5] = _iso(elements[2]), elements[3]
        elif tag == "LUI":
            row[6] = elements[2]
        elif tag == "DTP":
            if elements[1] == "348":
                row[17] = _iso(elements[3])
            elif elements[1] == "349":
                row[18] = _iso(elements[3])
        elif tag == "SE":
            row = None
    return rows


def bare_sqlite(path: Path, rows_of: Callable[[], list]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(BARE_TABLE)
    conn.execute("BEGIN")
    conn.executemany(BARE_INSERT, rows_of())
    conn.execute("COMMIT")
    conn.close()


def bare_postgres(url: str, rows_of: Callable[[], list]) -> None:
    import psycopg

    with psycopg.connect(url) as conn:  # one transaction, committed when the block ends
        conn.execute(BARE_TABLE)
        with conn.cursor() as cursor, cursor.copy(BARE_COPY) as copy:
            for row in rows_of():
                copy.write_row(row)


# ------------------------------------------------------------------------------------------------- measuring


class Engine:
    """Fresh databases of one engine, one per import."""

    def __init__(self, name: str, folder: Path, cluster: Cluster | None) -> None:
        self.name, self.folder, self.cluster = name, folder, cluster
        self.label = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[name]
        self.made = 0

    def fresh(self) -> str:
        self.made += 1
        if self.cluster is None:
            return str(self.folder / f"{self.name}-{self.made}.sqlite3")
        return self.cluster.create_database(f"members_{self.made}")

    def bare(self, rows_of: Callable[[], list]) -> None:
        target = self.fresh()
        if self.cluster is None:
            bare_sqlite(Path(target), rows_of)
        else:
            bare_postgres(target, rows_of)


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def measure(engine: Engine, csv_path: Path, x12_path: Path, n: int, runs: int, plans: dict[str, str]
            ) -> tuple[list[Row], list[str]]:
    samples: dict[str, list[float]] = {key: [] for key in ("csv", "again", "834", "bare_csv", "bare_834")}
    notes = []
    for _ in range(runs):
        store = open_store(engine.fresh())  # created and migrated before the clock starts
        roster = MemberRepository(store)
        seconds, report = timed(lambda: roster.import_file(csv_path, plans))
        assert (report.inserted, report.skipped) == (n, 0), report
        samples["csv"].append(seconds)
        seconds, again = timed(lambda: roster.import_file(csv_path, plans))
        assert (again.unchanged, again.inserted, again.updated, again.skipped) == (n, 0, 0, 0), again
        assert again.spans_added == 0, again.spans_added
        samples["again"].append(seconds)
        assert roster.count() == n
        store.close()

        store = open_store(engine.fresh())
        roster = MemberRepository(store)
        seconds, report = timed(lambda: roster.import_file(x12_path, plans, plan=PLAN_834))
        assert (report.inserted, report.skipped) == (n, 0), report
        assert report.plans == (PLAN_834,), report.plans
        samples["834"].append(seconds)
        store.close()

        samples["bare_csv"].append(timed(lambda: engine.bare(lambda: csv_rows(csv_path)))[0])
        samples["bare_834"].append(timed(lambda: engine.bare(lambda: split_834_rows(x12_path, PLAN_834)))[0])
        notes.append(f"{engine.label}: import {samples['csv'][-1]:.2f} s, "
                     f"re-import {samples['again'][-1]:.2f} s, 834 {samples['834'][-1]:.2f} s")
    median = {key: statistics.median(values) for key, values in samples.items()}
    floor = "csv.reader + executemany INSERT, raw sqlite3" if engine.cluster is None else \
        "csv.reader + COPY, raw psycopg"
    floor_834 = ("834 split on ~ and * + executemany INSERT, raw sqlite3" if engine.cluster is None
                 else "834 split on ~ and * + COPY, raw psycopg")
    rows = [
        Row(f"{engine.label}: import of {n:,} members (roster CSV), fresh database", median["csv"], floor,
            median["bare_csv"], TARGET_S),
        Row(f"{engine.label}: re-import of the same file (every row unchanged)", median["again"], floor,
            median["bare_csv"], TARGET_S),
        Row(f"{engine.label}: import of {n:,} members (X12 834), fresh database", median["834"], floor_834,
            median["bare_834"], TARGET_S),
    ]
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    args = parser.parse_args(argv)
    plans = plan_names()

    with tempfile.TemporaryDirectory(prefix="sodesk-members-") as scratch:
        folder = Path(scratch)
        csv_path = write_members_csv(folder / "roster.csv", synthetic_members(args.n, seed=args.seed))
        x12_members = list(synthetic_members(args.n, seed=args.seed, plans=(PLAN_834,)))
        x12_path = write_members_834(folder / "roster.834", [members_834(x12_members, payer=plans[PLAN_834])])
        del x12_members
        print(f"synthetic roster: {args.n:,} members; CSV {csv_path.stat().st_size / 1e6:.1f} MB, "
              f"834 {x12_path.stat().st_size / 1e6:.1f} MB")

        rows: list[Row] = []
        notes: list[str] = []
        if "sqlite" in args.engines:
            found, said = measure(Engine("sqlite", folder, None), csv_path, x12_path, args.n, args.runs,
                                  plans)
            rows += found
            notes += said
        if "postgresql" in args.engines:
            cluster = None
            try:
                cluster = Cluster(tcp=True, durable=True)
                cluster.init()
                cluster.start()
            except (ClusterUnavailable, OSError) as error:  # OSError: initdb not runnable
                print(f"PostgreSQL left out: no server for this benchmark: {error}", file=sys.stderr)
                if cluster is not None:
                    cluster.remove()
                cluster = None
            if cluster is not None:
                try:
                    found, said = measure(Engine("postgresql", folder, cluster), csv_path, x12_path, args.n,
                                          args.runs, plans)
                    rows += found
                    notes += said
                finally:
                    cluster.remove()

    if not rows:
        print("no engine measured", file=sys.stderr)
        return 2
    measured = [label for label in ("SQLite file", "PostgreSQL on loopback TCP, fsync on")
                if any(row.figure.startswith(label.split()[0]) for row in rows)]
    where = "; ".join(measured)
    print_table(f"The member roster's import ({args.n:,} members; {where}; medians of {args.runs})", rows)
    if args.runs > 1:
        print()
        print("\n".join(f"  run: {note}" for note in notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
