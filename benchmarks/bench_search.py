"""Worklist search as you type at 1,000,000 requests (issue 15): the first page for 1, 2, 3 and 6 typed characters
of a name (with and without its accents), a member ID and part of a name, beside a raw FTS5 query of the same
index in the same run.

    .venv/bin/python benchmarks/bench_search.py [--requests N] [--runs N] [--keep PATH]

The database is built as benchmarks/bench_cases.py builds it (service-made templates replicated in bulk; reused
with --keep). Measured as the desk reads it: `WorklistReader.worklist` of the Open requests view narrowed by the
typed text, a page of 100 rows (the worklist model's page), on a warm cache. The count beside the search box is
counted in the background (app.ui.main: `count_in_background`) and never delays a keystroke; its time is shown
too, without a target. Target: <= 16 ms a page. Baseline: the bare `SELECT rowid FROM requests_search WHERE
requests_search MATCH ? LIMIT 100` of the same typed text.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from _common import Row, median_seconds, print_table

import bench_cases
from app.domain.time import LOS_ANGELES
from app.rules.plan_names import plan_names
from app.storage.cases import CaseFilter
from app.storage.words import request_search_patterns
from app.storage.worklist import WorklistReader, fts_match

PAGE = 100
TARGET = 0.016
# (what is typed, as a clerk types it: 1, 2, 3 and 6 characters)
TYPED = {
    "surname": ("g", "ga", "gar", "garcia"),
    "surname with its accents": ("n", "ng", "ngu", "nguyễn"),
    "surname without its accents": ("r", "ro", "rod", "rodrig"),
    "member ID": ("b", "bm", "bm2", "bm2191"),
    "part of a name (a first name, after the surname)": ("garcia m", "garcia ma", "garcia mar", "garcia marí"),
    "a rare pair": ("xiong c", "xiong ca", "xiong car", "xiong carmen"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="the database: built here and kept, reused if present")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    now = datetime.now(LOS_ANGELES).replace(microsecond=0)
    with tempfile.TemporaryDirectory() as scratch:
        path = args.keep or Path(scratch) / "cases.sqlite3"
        if not (args.keep and args.keep.exists() and args.keep.stat().st_size > 0):
            bench_cases.build_database(path, args.requests, args.seed, now, Path(scratch))
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        reader = WorklistReader(connection, dict(plan_names()))
        count = connection.execute("SELECT count(*) FROM requests").fetchone()[0]
        rows: list[Row] = []
        notes: list[str] = []
        for kind, typed_texts in TYPED.items():
            for typed in typed_texts:
                where = CaseFilter(open_only=True, text=typed)
                page = median_seconds(lambda: reader.worklist(where, limit=PAGE), args.runs)
                query = fts_match(request_search_patterns(typed))
                raw = median_seconds(lambda: connection.execute(
                    "SELECT rowid FROM requests_search WHERE requests_search MATCH ? LIMIT 100", [query]).fetchall(),
                    args.runs)
                rows.append(Row(f"{kind}: '{typed}', first page", page, "raw FTS5 MATCH LIMIT 100", raw, TARGET))
                counted = median_seconds(lambda: reader.count(where), max(3, args.runs // 10), warmup=1)
                matches = reader.count(where)
                notes.append(f"  '{typed}': {matches:,} open requests match; counted in the background in "
                             f"{counted * 1000:.1f} ms")
        print_table(f"Worklist search as you type on {count:,} requests (SQLite)", rows)
        print("\n".join(notes))
        connection.close()


if __name__ == "__main__":
    main()
