"""Build resources/icd10cm/icd10cm-2026.tsv.gz from the simple-icd-10-cm package.

Importing simple_icd_10_cm costs seconds and ~190 MiB, so the app never does it;
this script copies the code set once into a small committed file instead.

Run with the project venv (the package is a test extra):

    .venv/bin/python packaging/build_icd10_resource.py [OUT_DIR]
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

RESOURCE_NAME = "icd10cm-2026.tsv.gz"
INDEX_NAME = "icd10cm-2026-codes.txt.gz"
DEFAULT_OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "icd10cm"
EXPECTED_PACKAGE_VERSION = "1.5.0"


def _clean(text: str) -> str:
    # The package joins some 7th-character notes with "/\t"; tabs would break the TSV.
    return " ".join(text.split())


def collect_rows() -> list[tuple[str, bool, str]]:
    """(undotted code, billable, description) for every category and subcategory, sorted by code.

    Chapters ("4") and blocks ("E08-E13") are left out; a block that shares its name with
    its only category (e.g. "B99") is kept once, as the category. Billable means leaf:
    ICD-10-CM codes are billable exactly when they have no children (7th characters included).
    """
    import simple_icd_10_cm as icd

    rows: dict[str, tuple[str, bool, str]] = {}
    for dotted in icd.get_all_codes(with_dots=True):
        if not icd.is_category_or_subcategory(dotted):
            continue
        code = dotted.replace(".", "")
        rows[code] = (code, icd.is_leaf(dotted), _clean(icd.get_description(dotted)))
    return [rows[code] for code in sorted(rows)]


def render(rows: list[tuple[str, bool, str]]) -> bytes:
    """Gzipped TSV; mtime=0 and no file name in the header keep the bytes reproducible."""
    text = "".join(f"{code}\t{1 if billable else 0}\t{desc}\n" for code, billable, desc in rows)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def render_index(rows: list[tuple[str, bool, str]]) -> bytes:
    """What validating a request needs: a first line of billable flags (0/1, one per code), then the codes."""
    flags = "".join("1" if billable else "0" for _, billable, _ in rows)
    text = flags + "\n" + "".join(f"{code}\n" for code, _, _ in rows)
    return gzip.compress(text.encode("ascii"), compresslevel=9, mtime=0)


def build(out_dir: Path = DEFAULT_OUT_DIR) -> Path:
    """Write the resource into out_dir and return its path."""
    from importlib.metadata import version

    found = version("simple-icd-10-cm")
    if found != EXPECTED_PACKAGE_VERSION:
        raise SystemExit(f"expected simple-icd-10-cm {EXPECTED_PACKAGE_VERSION}, found {found}")
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = collect_rows()
    target = out_dir / RESOURCE_NAME
    target.write_bytes(render(rows))
    (out_dir / INDEX_NAME).write_bytes(render_index(rows))
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = build(Path(args[0]) if args else DEFAULT_OUT_DIR)
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
