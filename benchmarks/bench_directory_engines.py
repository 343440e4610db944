"""The provider directory on both engines: keystroke to results of the name search, and `qualified()`, on 200,000
synthetic providers in a SQLite file and on a PostgreSQL server over loopback TCP.

    .venv/bin/python benchmarks/bench_directory_engines.py [--n 200000] [--seed 0] [--runs 7]

Everything is built in this run: a SQLite file in a temporary folder, and a throw-away PostgreSQL cluster
(app.devtools.pgcluster, listening on 127.0.0.1, fsync on), both filled with the same synthetic directory by
`ProviderRepository.upsert_many` (the server is then vacuumed and analysed, as autovacuum does a minute later).

- Keystroke to results: a clerk types each of TYPED one character at a time; each text is one keystroke, timed
  from the text to the list of Providers the directory screen shows (`search(text, limit=201)`). Per keystroke
  the median of `--runs`; the table gives the median keystroke and the slowest. Baselines: on SQLite a raw FTS5
  prefix MATCH (rowids only); on the server a bare psycopg query of the same LIKE patterns, folded beforehand,
  NPIs only, on a connection of its own (random_page_cost 1.1 for the whole session): one round trip and the
  least any server answer costs.
- qualified(limit=5): bench_directory.py's four typical queries in turn, beside a raw ordered walk of the plan
  index (LIMIT 5) on each engine.
- The same figures side by side: PostgreSQL against SQLite.
Target: 16 ms a keystroke on loopback.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import Row, median_seconds, print_table
from bench_directory import PLAN, QUALIFIED_QUERIES

from app.devtools.pgcluster import Cluster, ClusterUnavailable
from app.devtools.synthetic import synthetic_providers
from app.storage.db import open_db
from app.storage.providers import ProviderRepository
from app.storage.words import fts_query, search_words
from app.storage.store import open_store

TYPED = ["garcia ana", "nguyen minh", "smith grace", "hernandez jose", "santa ana pena", "dela cruz", "o'brien",
         "fresno card", "王", "հակոբյան", "207q00000x", "1000"]
LIMIT = 201  # app.ui.directory_dialog: SHOWN_LIMIT + 1
TARGET_S = 0.016


def keystrokes() -> list[str]:
    """Every text the clerk's search box holds while TYPED is typed (a trailing space searches as before)."""
    return [word[:end] for word in TYPED for end in range(1, len(word) + 1) if not word[:end].endswith(" ")]


def per_keystroke(search, runs: int) -> list[float]:
    """The median seconds of each keystroke."""
    medians = []
    for text in keystrokes():
        search(text)  # warm this text's pages (the clerk's previous keystroke did most of it)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            search(text)
            samples.append(time.perf_counter() - start)
        medians.append(statistics.median(samples))
    return medians


def cycle(calls):
    state = {"i": 0}

    def call():
        state["i"] = (state["i"] + 1) % len(calls)
        return calls[state["i"]]()

    return call


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    try:
        cluster = Cluster(tcp=True, durable=True)
        cluster.init()
        cluster.start()
    except ClusterUnavailable as error:
        print(f"no PostgreSQL server for this benchmark: {error}", file=sys.stderr)
        return 2
    try:
        with tempfile.TemporaryDirectory() as folder:
            return measure(args, cluster, Path(folder))
    finally:
        cluster.remove()


def measure(args, cluster: Cluster, folder: Path) -> int:
    import psycopg

    providers = list(synthetic_providers(args.n, seed=args.seed))
    print(f"synthetic directory: {args.n:,} providers")
    db_path = folder / "desk.sqlite3"
    db = open_db(db_path)
    desk = ProviderRepository(db)
    start = time.perf_counter()
    desk.upsert_many(providers)
    sqlite_load = time.perf_counter() - start

    url = cluster.create_database("sodesk")
    store = open_store(url)
    server = ProviderRepository(store)
    start = time.perf_counter()
    server.upsert_many(providers)
    server_load = time.perf_counter() - start
    del providers
    raw_pg = psycopg.connect(url, autocommit=True)
    raw_pg.execute("VACUUM ANALYZE")
    print(f"upsert_many: SQLite {sqlite_load:.1f} s, PostgreSQL {server_load:.1f} s")
    for text in TYPED:  # the same answers, or the figures compare nothing
        assert server.search(text, limit=LIMIT) == desk.search(text, limit=LIMIT), text

    raw_pg.execute("SET random_page_cost = 1.1")
    raw_sqlite = sqlite3.connect(db_path)
    raw_fts = "SELECT rowid FROM providers_fts WHERE providers_fts MATCH ? LIMIT ?"

    def folded(word: str) -> str:
        return raw_pg.execute("SELECT sodesk_search_fold(%s)", [word]).fetchone()[0]

    bare_queries = {}
    for text in keystrokes():  # folded beforehand: the bare query is the server's part only
        words = [word for word in (folded(word) for word in search_words(text)) if word]
        where = " AND ".join("search_text LIKE %s" for _ in words) or "false"
        bare_queries[text] = (f"SELECT npi FROM providers WHERE {where} ORDER BY npi LIMIT %s",
                              [*(f"% {word}%" for word in words), LIMIT])

    def bare_server_search(text: str):
        return raw_pg.execute(*bare_queries[text]).fetchall()

    results = {
        "sqlite": per_keystroke(lambda text: desk.search(text, limit=LIMIT), args.runs),
        "fts5": per_keystroke(lambda text: raw_sqlite.execute(raw_fts, (fts_query(text), LIMIT)).fetchall(),
                              args.runs),
        "postgresql": per_keystroke(lambda text: server.search(text, limit=LIMIT), args.runs),
        "psycopg": per_keystroke(bare_server_search, args.runs),
    }
    median = {name: statistics.median(times) for name, times in results.items()}
    slowest = {name: max(times) for name, times in results.items()}
    worst = keystrokes()[results["postgresql"].index(slowest["postgresql"])]
    count = len(keystrokes())

    walk = "SELECT npi FROM provider_plans WHERE plan = ? AND taxonomy = ? AND accepting = 1 "
    walk += "ORDER BY sort_name, sort_first, npi LIMIT 5"
    typical = [query for _, query in QUALIFIED_QUERIES[:4]]
    qualified_sqlite = median_seconds(cycle([lambda q=q: desk.qualified(**q) for q in typical]), 500)
    qualified_server = median_seconds(cycle([lambda q=q: server.qualified(**q) for q in typical]), 500)
    walk_sqlite = median_seconds(lambda: raw_sqlite.execute(walk, (PLAN, "207Q00000X")).fetchall(), 2000)
    walk_server = median_seconds(
        lambda: raw_pg.execute(walk.replace("?", "%s"), (PLAN, "207Q00000X")).fetchall(), 2000)

    rows = [
        Row(f"search keystroke, SQLite, median of {count}", median["sqlite"], "raw FTS5 prefix MATCH",
            median["fts5"], TARGET_S),
        Row("search keystroke, SQLite, slowest", slowest["sqlite"], "raw FTS5 prefix MATCH", slowest["fts5"],
            TARGET_S),
        Row(f"search keystroke, PostgreSQL, median of {count}", median["postgresql"], "bare psycopg LIKE query",
            median["psycopg"], TARGET_S),
        Row(f"search keystroke, PostgreSQL, slowest ({worst!r})", slowest["postgresql"], "bare psycopg LIKE query",
            slowest["psycopg"], TARGET_S),
        Row("search keystroke, PostgreSQL against SQLite, median", median["postgresql"], "SQLite repository",
            median["sqlite"]),
        Row("qualified(limit=5), SQLite, typical", qualified_sqlite, "raw ordered index walk", walk_sqlite),
        Row("qualified(limit=5), PostgreSQL, typical", qualified_server, "bare psycopg index walk", walk_server),
        Row("qualified(limit=5), PostgreSQL against SQLite", qualified_server, "SQLite repository",
            qualified_sqlite),
        Row(f"upsert_many of {args.n:,} providers, PostgreSQL", server_load, "SQLite repository", sqlite_load),
    ]
    print_table(f"The directory on both engines ({args.n:,} providers, PostgreSQL on loopback TCP)", rows)
    for name, label in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL"), ("psycopg", "bare psycopg")):
        over = [text for text, seconds in zip(keystrokes(), results[name], strict=True) if seconds > TARGET_S]
        print(f"  {label}: {len(over)} of {count} keystrokes over {TARGET_S * 1000:.0f} ms {over}")
    raw_pg.close()
    raw_sqlite.close()
    store.close()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
