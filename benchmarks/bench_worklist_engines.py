"""The worklist on the office server: first page, counts and search-as-you-type over 1,000,000 requests, on
PostgreSQL over loopback TCP beside the same on the SQLite file, each beside a raw query of its engine.

    .venv/bin/python benchmarks/bench_worklist_engines.py [--requests N] [--runs N] [--keep PATH]

The SQLite database is built as benchmarks/bench_cases.py builds it (service-made templates replicated in
bulk), then moved to a throw-away PostgreSQL cluster on 127.0.0.1 with the desk's own `sodesk db copy`
(app.storage.copy, every row checked), and VACUUM ANALYZEd as autovacuum would. The desk's code is measured as the
desk calls it: `WorklistReader` over each engine's store (a page of 100 rows, the worklist model's page), the
Show list's count, and a keystroke in the search box (the view's filter narrowed by the typed text: its first
page; its count is counted in the background, shown without a target). Baselines: the bare `SELECT id ... ORDER BY ... LIMIT 100` of the same index through sqlite3
and through a plain psycopg connection. Targets (issue 12): <= 50 ms a page, <= 16 ms a keystroke on loopback.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import datetime
from pathlib import Path

from _common import Row, median_seconds, print_table

import bench_cases
from app.devtools.pgcluster import Cluster
from app.domain.status import FINISHED
from app.domain.time import LOS_ANGELES
from app.storage.cases import CaseFilter
from app.storage.copy import copy_database
from app.storage.store import PostgresStore, SqliteStore
from app.storage.worklist import WorklistReader

PAGE = 100
TYPED = ("g", "ga", "gar", "garcia", "nguyễn", "b", "bm2", "bm2191", "garcia m", "xiong carmen")
RAW_PAGE = ("SELECT id FROM requests WHERE status NOT IN ({marks}) ORDER BY next_due IS NULL, next_due, id "
            "LIMIT 100")


def measure(engine: str, store, raw_page, runs: int) -> list[Row]:
    from app.rules.plan_names import plan_names

    reader = WorklistReader(store, dict(plan_names()))  # as the desk builds it
    open_view = CaseFilter(open_only=True)
    page = median_seconds(lambda: reader.worklist(open_view, limit=PAGE), runs)
    count = median_seconds(lambda: reader.count(open_view), runs)
    raw = median_seconds(raw_page, runs)
    rows = [Row(f"{engine}: worklist first page (open, next deadline first, {PAGE} rows)", page,
                f"raw {engine} SELECT id LIMIT {PAGE}", raw, 0.050),
            Row(f"{engine}: open requests count (the Show list)", count, f"raw {engine} SELECT id LIMIT {PAGE}",
                raw, 0.050)]
    for typed in TYPED:
        narrowed = CaseFilter(open_only=True, text=typed)
        keystroke = median_seconds(lambda: reader.worklist(narrowed, limit=PAGE), runs)
        rows.append(Row(f"{engine}: keystroke '{typed}' in the worklist search (first page)", keystroke,
                        f"raw {engine} SELECT id LIMIT {PAGE}", raw, 0.016))
        counted = median_seconds(lambda: reader.count(narrowed), max(3, runs // 10), warmup=1)
        rows.append(Row(f"{engine}:   its count, in the background (never delays typing)", counted,
                        f"raw {engine} SELECT id LIMIT {PAGE}", raw))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="the SQLite database: built here and kept, reused if present")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    now = datetime.now(LOS_ANGELES).replace(microsecond=0)
    finished = sorted(status.value for status in FINISHED)
    marks = ", ".join("?" for _ in finished)
    with tempfile.TemporaryDirectory() as scratch, Cluster(tcp=True) as cluster:
        folder = Path(scratch)
        path = args.keep or folder / "cases.sqlite3"
        if not (args.keep and args.keep.exists() and args.keep.stat().st_size > 0):
            bench_cases.build_database(path, args.requests, args.seed, now, folder)
        url = cluster.create_database("office")
        start = time.perf_counter()
        report = copy_database(path, url)
        print(f"copied to PostgreSQL with `sodesk db copy` (every row checked) in {time.perf_counter() - start:.1f} s")
        del report
        server = PostgresStore(url)
        server.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load (and the visibility map)
        local = SqliteStore(path)
        count = local.execute("SELECT count(*) FROM requests").fetchone()[0]

        import sqlite3

        import psycopg

        raw_sqlite = sqlite3.connect(path)
        sqlite_sql = RAW_PAGE.format(marks=marks)
        raw_pg = psycopg.connect(url, autocommit=True)
        pg_sql = RAW_PAGE.format(marks=", ".join("%s" for _ in finished))
        rows = measure("SQLite", local, lambda: raw_sqlite.execute(sqlite_sql, finished).fetchall(), args.runs)
        rows += measure("PostgreSQL", server, lambda: raw_pg.execute(pg_sql, finished).fetchall(), args.runs)
        print_table(f"Worklist on {count:,} requests: PostgreSQL on loopback beside SQLite", rows)
        server.close()
        local.close()


if __name__ == "__main__":
    main()
