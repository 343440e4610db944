"""The provider directory at scale: import, `qualified`, `get` and `search` on 200,000 synthetic providers.

    .venv/bin/python benchmarks/bench_directory.py [--n 200000] [--seed 0]

Everything is built in a temporary folder and measured in this one run, each figure beside a bare baseline
on the same database file through a plain sqlite3 connection:
- qualified(): one raw ordered index walk (`provider_plans` primary key, LIMIT 5), i.e. the least any
  SQLite answer can cost; and, for scale, InMemoryDirectory.qualified over the same providers.
- get(): a raw primary-key SELECT of the same row.
- search(): a raw FTS5 prefix MATCH returning 50 rowids, and the same joined to the 50 provider rows.
Medians in milliseconds; "x" is ours / baseline.
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.cli.providers import display_width  # noqa: E402
from app.devtools.synthetic import synthetic_providers, write_providers_csv  # noqa: E402
from app.domain.directory import InMemoryDirectory  # noqa: E402
from app.storage.db import open_db  # noqa: E402
from app.storage.providers import ProviderRepository  # noqa: E402
from app.storage.words import fts_query  # noqa: E402

PLAN = "caloptima-medi-cal"
QUALIFIED_QUERIES = [
    ("family medicine", dict(plan=PLAN, taxonomies=["207Q00000X"])),
    (
        "family medicine, IPA, Spanish, 1 excluded",
        dict(plan=PLAN, taxonomies=["207Q00000X"], group="ipa-sunrise", language="Spanish",
             exclude=["1000000012"]),
    ),
    ("3 internal-medicine codes, Vietnamese",
     dict(plan=PLAN, taxonomies=["207RC0000X", "207RE0101X", "207RG0100X"], language="Vietnamese")),
    ("neurology, IPA, Armenian (rare)", dict(plan=PLAN, taxonomies=["2084N0400X"], group="ipa-sunrise",
                                             language="Armenian")),
    ("any taxonomy, Spanish", dict(plan=PLAN, taxonomies=None, language="Spanish")),
    ("any taxonomy, medical group, Hmong (worst case)", dict(plan=PLAN, taxonomies=None, group="mg-coastal",
                                                             language="Hmong")),
]  # fmt: skip
SEARCH_TEXTS = ["nguy", "garcia ana", "pena", "fresno card", "王", "հակ", "207q"]


def median_ms(call: Callable[[], object], repeat: int) -> float:
    call()  # warm the statement cache and the pages
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def cycle(calls: list[Callable[[], object]]) -> Callable[[], object]:
    state = {"i": 0}

    def call() -> object:
        state["i"] = (state["i"] + 1) % len(calls)
        return calls[state["i"]]()

    return call


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def row(label: str, ours: float, base: float | None = None, base_label: str = "") -> None:
    if base is None:
        print(f"  {_pad(label, 52)} {ours:8.3f} ms")
    else:
        ratio = ours / base
        print(f"  {_pad(label, 52)} {ours:8.3f} ms   baseline {base:7.3f} ms ({base_label})   x{ratio:5.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "providers.csv"
        db_path = Path(folder) / "desk.sqlite3"
        start = time.perf_counter()
        write_providers_csv(csv_path, args.n, seed=args.seed)
        print(f"synthetic CSV: {args.n:,} providers, {csv_path.stat().st_size / 1e6:.1f} MB, "
              f"written in {time.perf_counter() - start:.1f} s")  # fmt: skip

        db = open_db(db_path)
        repo = ProviderRepository(db)
        start = time.perf_counter()
        cpu = time.process_time()
        report = repo.import_csv(csv_path)
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu
        size = db_path.stat().st_size / 1e6
        print(f"import: {report.inserted:,} inserted in {wall:.2f} s ({cpu:.2f} s CPU), "
              f"database {size:.0f} MB")
        start = time.perf_counter()
        report = repo.import_csv(csv_path)
        wall = time.perf_counter() - start
        print(f"re-import of the same file: {report.unchanged:,} unchanged in {wall:.2f} s")

        raw = sqlite3.connect(db_path)
        gc.collect()

        print("\nqualified(limit=5)")
        for label, query in QUALIFIED_QUERIES:
            ours = median_ms(lambda query=query: repo.qualified(**query), 500)
            row(label, ours)
        walk = "SELECT npi FROM provider_plans WHERE plan = ? AND taxonomy = ? AND accepting = 1 "
        walk += "ORDER BY sort_name, sort_first, npi LIMIT 5"
        base = median_ms(lambda: raw.execute(walk, (PLAN, "207Q00000X")).fetchall(), 2000)
        typical = median_ms(cycle([lambda q=q: repo.qualified(**q) for _, q in QUALIFIED_QUERIES[:4]]), 2000)
        row("typical (the first four, in turn)", typical, base, "raw ordered index walk")
        memory = InMemoryDirectory(synthetic_providers(args.n, seed=args.seed))
        in_memory = median_ms(lambda: memory.qualified(**QUALIFIED_QUERIES[1][1]), 10)
        row("InMemoryDirectory, same directory (2nd query)", in_memory)
        del memory

        print("\nget(npi)")
        npis = [npi for npi, in raw.execute("SELECT npi FROM providers ORDER BY random() LIMIT 500")]
        ours = median_ms(cycle([lambda npi=npi: repo.get(npi) for npi in npis]), 5000)
        base = median_ms(
            cycle([lambda npi=npi: raw.execute("SELECT * FROM providers WHERE npi = ?", (npi,)).fetchone()
                   for npi in npis]),
            5000,
        )  # fmt: skip
        row("get", ours, base, "raw primary-key SELECT")

        print("\nsearch(text, limit=50)")
        raw_fts = "SELECT rowid FROM providers_fts WHERE providers_fts MATCH ? LIMIT 50"
        for text in SEARCH_TEXTS:
            ours = median_ms(lambda text=text: repo.search(text), 200)
            base = median_ms(lambda text=text: raw.execute(raw_fts, (fts_query(text),)).fetchall(), 200)
            row(f"{text!r} ({len(repo.search(text))} found)", ours, base, "raw FTS5 prefix MATCH")
        ours = median_ms(cycle([lambda text=text: repo.search(text) for text in SEARCH_TEXTS]), 700)
        base = median_ms(cycle([lambda text=text: raw.execute(raw_fts, (fts_query(text),)).fetchall()
                                for text in SEARCH_TEXTS]), 700)  # fmt: skip
        row("all of the above, in turn", ours, base, "raw FTS5 prefix MATCH")
        joined = "SELECT p.* FROM providers_fts f JOIN providers p ON p.npi = CAST(f.rowid AS TEXT) "
        joined += "WHERE providers_fts MATCH ? LIMIT 50"
        base = median_ms(cycle([lambda text=text: raw.execute(joined, (fts_query(text),)).fetchall()
                                for text in SEARCH_TEXTS]), 700)  # fmt: skip
        row("all of the above, in turn", ours, base, "raw MATCH + JOIN of the rows")
        ours = median_ms(lambda: repo.search("", plan=PLAN, taxonomy="207RC0000X"), 500)
        row("empty text, plan + taxonomy (lists by name)", ours)
        raw.close()
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
