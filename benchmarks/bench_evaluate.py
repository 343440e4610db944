"""Determination speed on a 200,000-provider directory, and one-shot `sodesk evaluate` wall time.

    .venv/bin/python benchmarks/bench_evaluate.py [--providers N] [--runs N]

Targets (issue 2): in-process determination median <= 1 ms; one-shot `sodesk evaluate` <= 0.5 s. Each figure is
printed beside a bare baseline measured in the same run (a raw sqlite3 primary-key lookup and FTS5 prefix query on
the same file; `python -c pass`), with the ratio.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from _common import Row, median_process_seconds, median_seconds, print_table

from app.codes.icd10 import default_code_set
from app.codes.taxonomy import default_taxonomy
from app.devtools.synthetic import synthetic_providers
from app.domain.models import Request
from app.rules.engine import evaluate
from app.rules.profiles import default_profiles
from app.services.evaluation import Evaluator
from app.storage.db import open_db
from app.storage.providers import ProviderRepository

PLAN = "caloptima-medi-cal"


def build_directory(path: Path, count: int) -> ProviderRepository:
    start = time.perf_counter()
    repository = ProviderRepository(open_db(path))
    repository.upsert_many(synthetic_providers(count, seed=7))
    print(f"built a {count:,}-provider directory in {time.perf_counter() - start:.1f} s: {path}")
    return repository


def pick(repository: ProviderRepository, sql: str, *params: object) -> str:
    row = repository.db.execute(sql, params).fetchone()
    if row is None:
        raise SystemExit(f"the synthetic directory has no row for: {sql} {params}")
    return row[0]


def requests(repository: ProviderRepository) -> dict[str, dict]:
    ortho_in = pick(repository, "SELECT npi FROM provider_plans WHERE plan = ? AND taxonomy = '207X00000X' "
                    "LIMIT 1 OFFSET 50", PLAN)
    ortho_treating = pick(repository, "SELECT npi FROM provider_plans WHERE plan = ? AND taxonomy = '207X00000X' "
                          "LIMIT 1 OFFSET 10", PLAN)
    outside = pick(repository, "SELECT npi FROM providers WHERE taxonomy = '207X00000X' AND npi NOT IN "
                   "(SELECT npi FROM provider_plans WHERE plan = ?) LIMIT 1", PLAN)
    pcp = pick(repository, "SELECT npi FROM provider_plans WHERE plan = ? AND taxonomy = '207Q00000X' LIMIT 1", PLAN)
    base = {
        "plan": PLAN, "county": "Orange", "received_at": "2026-11-20T09:30:00",
        "requester": {"type": "member"},
        "member": {"member_id": "BENCH-1", "first_name": "Rosa", "last_name": "Testcase",
                   "date_of_birth": "1971-05-14", "language": "Spanish", "health_network": "ipa-sunrise"},
        "pcp": {"npi": pcp},
        "care_in_question": {"from": "specialist", "taxonomy": "207X00000X", "npi": ortho_treating},
        "diagnoses": ["M17.11"], "reasons": ["surgery_questioned"],
    }
    return {
        "specialist care, in-network professional chosen": {**base, "requested_provider_npi": ortho_in},
        "specialist care, out of network (lists alternatives)": {**base, "requested_provider_npi": outside},
        "PCP care, none chosen (alternatives in the IPA)": {
            **base, "care_in_question": {"from": "pcp", "taxonomy": "207Q00000X", "npi": pcp}},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--cli-runs", type=int, default=15)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.sqlite3"
        repository = build_directory(db_path, args.providers)
        evaluator = Evaluator(profiles=default_profiles(), directory=repository, specialties=default_taxonomy(),
                              codes=default_code_set())
        raw = sqlite3.connect(db_path)
        some_npi = pick(repository, "SELECT npi FROM providers LIMIT 1 OFFSET 1000")
        raw_lookup = median_seconds(
            lambda: raw.execute("SELECT * FROM providers WHERE npi = ?", (some_npi,)).fetchone(), args.runs)
        fts_table = pick(repository, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE "
                         "'%USING fts5%' LIMIT 1")
        raw_fts = median_seconds(
            lambda: raw.execute(f"SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH ? LIMIT 50",
                                ('"ort"*',)).fetchall(), args.runs)

        rows = []
        profile = default_profiles()[PLAN]
        for label, data in requests(repository).items():
            request = Request.model_validate(data)
            engine = median_seconds(
                lambda: evaluate(request, profile, repository, default_taxonomy()), args.runs)
            rows.append(Row(f"engine: {label}", engine, "raw sqlite3 PK lookup", raw_lookup, 1e-3))
            service = median_seconds(lambda: evaluator.evaluate(request), args.runs)
            rows.append(Row(f"service (ICD check + engine): {label}", service, "raw FTS5 prefix query", raw_fts,
                            1e-3))
            parsed = median_seconds(lambda: evaluator.evaluate(Request.model_validate(data)), args.runs)
            rows.append(Row(f"parse JSON model + service: {label}", parsed, "raw FTS5 prefix query", raw_fts))

        example = Path(folder) / "request.json"
        example.write_text(json.dumps(next(iter(requests(repository).values()))), encoding="utf-8")
        bare = median_process_seconds([sys.executable, "-c", "pass"], args.cli_runs)
        one_shot = median_process_seconds(
            [sys.executable, "-m", "app", "--db", str(db_path), "evaluate", str(example)], args.cli_runs)
        rows.append(Row("one-shot `sodesk evaluate` (whole process)", one_shot, "python -c pass", bare, 0.5))
        print_table(f"Determination on a {args.providers:,}-provider directory", rows)


if __name__ == "__main__":
    main()
