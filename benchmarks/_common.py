"""Shared by the benchmarks: medians and the one table format (figure, baseline, ratio, target, verdict)."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def compile_app() -> None:
    """Byte-compile app/ as an installed desk has it (pip and PyInstaller compile; PYTHONDONTWRITEBYTECODE, set
    on some machines, would otherwise make every measured start compile the app's sources again)."""
    import compileall

    compileall.compile_dir(str(ROOT / "app"), quiet=1)


compile_app()


def median_seconds(action: Callable[[], object], runs: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def median_process_seconds(argv: Sequence[str], runs: int, **kwargs) -> float:
    def once() -> None:
        done = subprocess.run(argv, capture_output=True, **kwargs)
        if done.returncode != 0:
            raise SystemExit(f"benchmark command failed ({done.returncode}): {' '.join(argv)}\n{done.stderr!r}")

    return median_seconds(once, runs, warmup=1)


@dataclass
class Row:
    figure: str
    seconds: float
    baseline: str
    baseline_seconds: float
    target_seconds: float | None = None

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline_seconds if self.baseline_seconds else float("inf")

    @property
    def verdict(self) -> str:
        if self.target_seconds is None:
            return "-"
        return "pass" if self.seconds <= self.target_seconds else "MISS"


def _fmt(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


JSON_VARIABLE = "SODESK_BENCH_JSON"


def write_json_rows(title: str, rows: list[Row]) -> None:
    """Append the rows, one JSON object a line, to the file named by $SODESK_BENCH_JSON (benchmarks/run reads
    them); without the variable nothing is written."""
    target = os.environ.get(JSON_VARIABLE)
    if not target:
        return
    with open(target, "a", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({"table": title, "figure": row.figure, "seconds": row.seconds,
                                  "baseline": row.baseline, "baseline_seconds": row.baseline_seconds,
                                  "target_seconds": row.target_seconds, "ratio": row.ratio,
                                  "verdict": row.verdict}, ensure_ascii=False) + "\n")


def print_table(title: str, rows: list[Row]) -> None:
    write_json_rows(title, rows)
    print(f"\n{title}  ({platform.python_implementation()} {platform.python_version()}, {platform.machine()})")
    header = ("figure", "project", "bare baseline", "baseline", "ratio", "target", "result")
    lines = [header] + [
        (row.figure, _fmt(row.seconds), row.baseline, _fmt(row.baseline_seconds), f"{row.ratio:.1f}x",
         _fmt(row.target_seconds) if row.target_seconds is not None else "-", row.verdict)
        for row in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))
