"""ICD-10-CM FY2026 code set: the committed resource and app.codes.icd10."""

from __future__ import annotations

import gzip
import importlib.util
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.codes.icd10 import RESOURCE_PARTS, Icd10CodeSet, default_code_set, display, normalize
from app.paths import resource_path

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO_ROOT / "packaging" / "build_icd10_resource.py"
RESOURCE = resource_path(*RESOURCE_PARTS)

CODE_COUNT = 98_186
BILLABLE_COUNT = 74_719


@pytest.fixture(scope="module")
def code_set() -> Icd10CodeSet:
    return default_code_set()


@pytest.fixture(scope="module")
def rows() -> list[tuple[str, str, str]]:
    """The resource read naively, as the reference the fast loader must agree with."""
    text = gzip.decompress(RESOURCE.read_bytes()).decode("utf-8")
    return [tuple(line.split("\t")) for line in text.splitlines()]  # type: ignore[misc]


@pytest.fixture(scope="module")
def icd_package():
    """The slow package, imported once and only by the cross-checks below."""
    return pytest.importorskip("simple_icd_10_cm")


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_icd10_resource", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the resource file --------------------------------------------------------------


def test_resource_rows_are_well_formed(rows):
    assert len(rows) == CODE_COUNT
    assert all(len(row) == 3 for row in rows)
    codes = [code for code, _, _ in rows]
    assert codes == sorted(set(codes))
    # FY2026 added category QA0: the second character is not always a digit.
    assert all(re.fullmatch(r"[A-Z][0-9A-Z]{2,6}", code) for code in codes)
    assert {code[:2] for code in codes if code[1].isalpha()} == {"QA"}
    assert {flag for _, flag, _ in rows} == {"0", "1"}
    assert all(desc and desc == " ".join(desc.split()) for _, _, desc in rows)


def test_resource_gzip_header_has_no_timestamp_or_name():
    header = RESOURCE.read_bytes()[:10]
    assert header[:3] == b"\x1f\x8b\x08"
    assert header[3] == 0, "no FNAME/FEXTRA/FCOMMENT flags"
    assert header[4:8] == b"\x00\x00\x00\x00", "mtime must be 0"


def test_counts(code_set, rows):
    assert len(code_set) == CODE_COUNT
    assert sum(flag == "1" for _, flag, _ in rows) == BILLABLE_COUNT
    assert sum(code_set.is_billable(code) for code in code_set) == BILLABLE_COUNT


def test_loader_agrees_with_naive_read(code_set, rows):
    assert list(code_set) == [code for code, _, _ in rows]
    for code, flag, desc in rows[::97]:
        assert code in code_set
        assert code_set.is_billable(code) is (flag == "1")
        assert code_set.describe(code) == desc


@pytest.mark.slow
def test_resource_matches_simple_icd_10_cm(icd_package, rows):
    icd = icd_package
    expected: dict[str, tuple[str, str]] = {}
    for dotted in icd.get_all_codes(with_dots=True):
        if icd.is_category_or_subcategory(dotted):
            flag = "1" if icd.is_leaf(dotted) else "0"
            expected[dotted.replace(".", "")] = (flag, " ".join(icd.get_description(dotted).split()))
    actual = {code: (flag, desc) for code, flag, desc in rows}
    assert actual.keys() == expected.keys()
    def billable(table: dict[str, tuple[str, str]]) -> set[str]:
        return {code for code, (flag, _) in table.items() if flag == "1"}

    assert billable(actual) == billable(expected)
    assert actual == expected

    # The package's flat CMS list: everything in it is one of our codes, a chapter or a block.
    from importlib.resources import files

    listed = set(files("simple_icd_10_cm.data").joinpath("code-list-April-2026.txt").read_text().split())
    leftovers = listed - actual.keys()
    assert actual.keys() <= listed
    assert all(name.isdigit() or "-" in name for name in leftovers)
    assert all(icd.is_chapter_or_block(name) for name in leftovers)


@pytest.mark.slow
def test_build_is_byte_reproducible(tmp_path, icd_package):
    build = load_build_script()
    first = build.build(tmp_path / "a").read_bytes()
    second = build.build(tmp_path / "b").read_bytes()
    committed = RESOURCE.read_bytes()
    assert first == second
    assert gzip.decompress(first) == gzip.decompress(committed), "committed resource is stale: rebuild it"
    assert first == committed, "same content, different gzip bytes: another zlib build?"
    index = RESOURCE.with_name("icd10cm-2026-codes.txt.gz")
    built_index = (tmp_path / "a" / index.name).read_bytes()
    assert gzip.decompress(built_index) == gzip.decompress(index.read_bytes()), "committed index is stale"


def test_the_codes_index_agrees_with_the_tsv():
    """The fast path (index first, TSV on first description) must see exactly the TSV's codes and flags."""
    fast = Icd10CodeSet.load()
    full = Icd10CodeSet.load(RESOURCE)
    assert list(fast) == list(full)
    assert [fast.is_billable(code) for code in fast] == [full.is_billable(code) for code in full]
    assert fast.describe("E11.9") == full.describe("E11.9") == "Type 2 diabetes mellitus without complications"


def test_a_damaged_index_is_refused_with_a_message(tmp_path):
    with pytest.raises(ValueError, match="index is malformed"):
        Icd10CodeSet(index=b"0102\nA00\n", read_raw=lambda: b"")


def test_app_module_does_not_import_the_package():
    script = (
        "import sys; from app.codes.icd10 import default_code_set as d; "
        "s = d(); s.search('type 2 diabetes'); s.describe('E11.9'); "
        "assert 'simple_icd_10_cm' not in sys.modules, 'simple_icd_10_cm imported'"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=REPO_ROOT, timeout=60)


def test_default_code_set_is_loaded_once():
    assert default_code_set() is default_code_set()


# --- normalize / display -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key", "dotted"),
    [
        ("e11.9 ", "E119", "E11.9"),
        (" E119", "E119", "E11.9"),
        ("E11", "E11", "E11"),
        ("e11.", "E11", "E11"),
        ("s72.001a", "S72001A", "S72.001A"),
        ("Z00.00", "Z0000", "Z00.00"),
        ("qa0.0101", "QA00101", "QA0.0101"),
        ("", "", ""),
        ("   ", "", ""),
    ],
)
def test_normalize_and_display(raw, key, dotted):
    assert normalize(raw) == key
    assert display(raw) == dotted
    assert display(key) == dotted
    assert normalize(dotted) == key


@given(st.text())
def test_normalize_and_display_never_raise(text):
    key = normalize(text)
    assert "." not in key
    assert normalize(key) == key
    assert display(display(text)) == display(text)


@st.composite
def spellings(draw, codes: list[str]) -> tuple[str, str]:
    """A real code, and the same code as a person might type it."""
    code = draw(st.sampled_from(codes))
    typed = display(code) if draw(st.booleans()) else code
    typed = typed.lower() if draw(st.booleans()) else typed
    pad = draw(st.sampled_from(["", " ", "\t", "  "]))
    return code, f"{pad}{typed}{pad[::-1]}"


ALL_CODES = list(default_code_set())


@given(spellings(ALL_CODES))
def test_any_spelling_of_a_valid_code_round_trips(case):
    code, typed = case
    once = display(normalize(typed))
    assert display(normalize(once)) == once
    assert normalize(once) == code
    code_set = default_code_set()
    assert typed in code_set
    assert code_set.is_billable(typed) == code_set.is_billable(code)


# --- membership, billability, descriptions --------------------------------------------


@pytest.mark.parametrize(
    ("code", "valid", "billable"),
    [
        ("E11.9", True, True),
        ("e119", True, True),
        (" E11.9 ", True, True),
        ("E11", True, False),
        ("E11.6", True, False),
        ("Z00.00", True, True),
        ("Z00.0", True, False),
        ("S72.001A", True, True),
        ("S72.001", True, False),  # needs a 7th character
        ("S72.001Z", False, False),  # no such 7th character
        ("U07.1", True, True),  # COVID-19 is still in FY2026
        ("U09.9", True, True),
        ("B99", True, False),  # a category that is also a block name
        ("QA0", True, False),  # new in FY2026, letter in second place
        ("QA0.0101", True, True),
        ("qa00101", True, True),
        ("E11.99999", False, False),
        ("ABC", False, False),
        ("E1", False, False),
        ("E08-E13", False, False),  # blocks are not codes
        ("4", False, False),  # nor chapters
        ("", False, False),
        ("É11.9", False, False),
    ],
)
def test_known_codes(code_set, code, valid, billable):
    assert (code in code_set) is valid
    assert code_set.is_billable(code) is billable
    assert (code_set.describe(code) is not None) is valid


def test_non_strings_are_not_members(code_set):
    assert None not in code_set
    assert 119 not in code_set


# --- the billable codes under a category (Official Guidelines I.B.2) -----------------------


def test_icd10_guideline_I_B_2_billable_codes_under_a_category_in_code_order(code_set):
    assert code_set.billable_under("I25", 6) == ["I25.10", "I25.110", "I25.111", "I25.112", "I25.118", "I25.119"]
    assert code_set.count_billable_under("I25") == 56
    assert code_set.billable_under("e11.6", 3) == ["E11.610", "E11.618", "E11.620"]
    assert code_set.billable_under("S72.001")[:2] == ["S72.001A", "S72.001B"]  # the 7th characters


@pytest.mark.parametrize(("code", "expected"), [
    ("E11.9", ["E11.9"]),  # a billable code is its own only billable code
    ("e119", ["E11.9"]),
    ("E11.99999", []),  # unknown: nothing under it
    ("E1", []),  # a prefix that is no code is not a category
    ("", []),
    ("É11", []),
])
def test_billable_under_a_billable_or_unknown_code(code_set, code, expected):
    assert code_set.billable_under(code) == expected
    assert code_set.count_billable_under(code) == len(expected)


def test_billable_under_stops_at_the_limit(code_set):
    assert code_set.billable_under("S72", 0) == []
    assert len(code_set.billable_under("S72", 4)) == 4
    assert code_set.count_billable_under("S72") > 1000  # a large category: the limit is what keeps it short


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ALL_CODES), st.integers(min_value=0, max_value=30))
def test_billable_under_agrees_with_a_scan_of_every_code(code, limit):
    code_set = default_code_set()
    expected = [display(other) for other in ALL_CODES if other.startswith(code) and code_set.is_billable(other)]
    assert code_set.billable_under(code, limit) == expected[:limit]
    assert code_set.count_billable_under(code) == len(expected)
    assert bool(expected) is True, "every ICD-10-CM code has a billable code at or under it"


def test_billable_under_in_a_small_synthetic_file(tmp_path):
    path = write_gz(tmp_path / "mini.tsv.gz", "A01\t0\tFever\nA010\t1\tTyphoid\nA011\t1\tParatyphoid\n"
                                              "A02\t1\tOther\n")
    mini = Icd10CodeSet.load(path)
    assert mini.billable_under("A01") == ["A01.0", "A01.1"] and mini.count_billable_under("A01") == 2
    assert mini.billable_under("A02") == ["A02"]


def test_descriptions(code_set):
    assert code_set.describe("e11.9") == "Type 2 diabetes mellitus without complications"
    assert code_set.describe("E11") == "Type 2 diabetes mellitus"
    assert code_set.describe("U07.1") == "COVID-19"
    assert code_set.describe("S72.001A") == (
        "Fracture of unspecified part of neck of right femur, initial encounter for closed fracture"
    )
    assert code_set.describe("A00") == "Cholera"  # first row
    assert code_set.describe(ALL_CODES[-1]) is not None  # last row
    assert code_set.describe("E11.99999") is None


# --- search --------------------------------------------------------------------------


def _reference_fold(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))


def reference_search(rows, text: str) -> set[str]:
    """Brute force over every row: code prefix, or every query word starts some word."""
    key = normalize(text)
    words = _reference_fold(text)
    hits = set()
    for code, _, desc in rows:
        if key and key.isalnum() and code.startswith(key):
            hits.add(display(code))
        elif words:
            desc_words = _reference_fold(desc)
            if all(any(w.startswith(q) for w in desc_words) for q in words):
                hits.add(display(code))
    return hits


def test_search_by_code_prefix(code_set):
    results = code_set.search("E11")
    assert results[0] == ("E11", "Type 2 diabetes mellitus")
    assert [code for code, _ in results[:3]] == ["E11", "E11.0", "E11.00"]
    assert len(results) == 20
    assert all(code.startswith("E11") for code, _ in results)
    assert code_set.search("e11.") == results
    assert code_set.search("S72.001", limit=3)[0][0] == "S72.001"
    assert [code for code, _ in code_set.search("E11.9")] == ["E11.9"]


def test_search_by_words(code_set):
    results = code_set.search("type 2 diabetes")
    assert results[0] == ("E11", "Type 2 diabetes mellitus")
    assert all(code.startswith("E11") for code, _ in results)
    assert code_set.search("TYPE 2 Diabetes") == results
    assert "E11.9" in {code for code, _ in code_set.search("diabetes type 2", limit=200)}
    assert "E11.9" in {code for code, _ in code_set.search("diab mell without compl type 2")}
    assert "U07.1" in {code for code, _ in code_set.search("covid-19")}
    assert "H81.0" in {code for code, _ in code_set.search("meniere")}
    assert "G30.9" in {code for code, _ in code_set.search("alzheimers disease")}
    # the first and the last rows of the file
    assert code_set.search("cholera")[0] == ("A00", "Cholera")
    last = display(ALL_CODES[-1])
    assert last in {code for code, _ in code_set.search(code_set.describe(last))}


def test_search_words_must_start_words(code_set):
    assert code_set.search("betes") == []
    assert code_set.search("zzzz qqqq") == []


def test_search_edge_cases(code_set):
    assert code_set.search("") == []
    assert code_set.search("   ") == []
    assert code_set.search("E11", limit=0) == []
    assert len(code_set.search("E11", limit=5)) == 5
    assert code_set.search("fracture", limit=3) == code_set.search("fracture", limit=3)


@pytest.mark.parametrize(
    "query",
    [
        "type 2 diabetes",
        "covid",
        "fracture femur closed initial",
        "alzheimer's",
        "meniere",
        "e11",
        "S72.00",
        "a0",
    ],
)
def test_search_finds_exactly_what_brute_force_finds(code_set, rows, query):
    found = [code for code, _ in code_set.search(query, limit=1_000_000)]
    assert len(found) == len(set(found))
    assert set(found) == reference_search(rows, query)


def test_search_order_is_grouped_then_by_code(code_set):
    phrase = "type 2 diabetes"
    found = code_set.search(phrase, limit=1_000_000)

    def group(desc: str) -> int:
        words = " ".join(_reference_fold(desc))
        return 0 if words.startswith(phrase) else 1 if f" {phrase}" in f" {words}" else 2

    groups = [group(desc) for _, desc in found]
    assert groups == sorted(groups)
    assert set(groups) == {0, 1, 2}
    for wanted in (0, 1, 2):
        codes = [normalize(code) for (code, _), g in zip(found, groups) if g == wanted]
        assert codes == sorted(codes)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_search_and_lookups_never_raise(text):
    code_set = default_code_set()
    results = code_set.search(text, limit=5)
    assert len(results) <= 5
    assert all(code in code_set for code, _ in results)
    assert (text in code_set) == (code_set.describe(text) is not None)


# --- loading other files -------------------------------------------------------------


def write_gz(path: Path, text: str) -> Path:
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return path


def test_load_small_synthetic_file(tmp_path):
    rows = "A01\t0\tDemo fever\nA010\t1\tDémo fever, typhoid\nB02\t1\tOther\n"
    path = write_gz(tmp_path / "mini.tsv.gz", rows)
    mini = Icd10CodeSet.load(path)
    assert len(mini) == 3
    assert "a01.0" in mini and mini.is_billable("A01.0") and not mini.is_billable("A01")
    assert mini.describe("B02") == "Other"
    assert mini.search("demo typh") == [("A01.0", "Démo fever, typhoid")]
    assert [code for code, _ in mini.search("a")] == ["A01", "A01.0"]


@pytest.mark.parametrize(
    "text",
    [
        "A01\t0\tNo final newline",
        "A01\t2\tBad flag\n",
        "B02\t1\tOut of order\nA01\t0\tFirst\n",
        "A01\t1\tTwice\nA01\t1\tTwice\n",
        "header line\nA01\t1\tDemo\n",
    ],
)
def test_load_rejects_malformed_files(tmp_path, text):
    with pytest.raises(ValueError):
        Icd10CodeSet.load(write_gz(tmp_path / "bad.tsv.gz", text))
