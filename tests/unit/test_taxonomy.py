"""NUCC taxonomy table and the "same or equivalent specialty" groups (resources/taxonomy/)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.codes.taxonomy import (
    CODE_SHAPE,
    EQUIVALENCE_COLUMNS,
    PRIMARY_CARE_GROUP,
    TAXONOMY_COLUMNS,
    TaxonomyTable,
    default_taxonomy,
)
from app.errors import InputProblem
from app.paths import resource_path

TAXONOMY_DIR = resource_path("taxonomy")


def read_rows(name: str) -> list[dict[str, str]]:
    with (TAXONOMY_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def table() -> TaxonomyTable:
    return default_taxonomy()


# --- the bundled files -------------------------------------------------------------------------------

def test_loads_bundled_table(table: TaxonomyTable) -> None:
    assert len(table) >= 300
    assert table.name("207X00000X") == "Orthopaedic Surgery Physician"
    assert table.name("207XS0114X") == "Adult Reconstructive Orthopaedic Surgery Physician"
    assert table.entry("207XS0114X").specialization == "Adult Reconstructive Orthopaedic Surgery"
    assert table.is_known("261QF0400X")
    assert default_taxonomy() is table  # read once, then cached


def test_taxonomy_csv_columns_codes_well_formed_unique_and_sorted() -> None:
    with (TAXONOMY_DIR / "nucc_taxonomy.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert tuple(header) == TAXONOMY_COLUMNS
    codes = [row["code"] for row in read_rows("nucc_taxonomy.csv")]
    assert all(CODE_SHAPE.match(code) for code in codes), [c for c in codes if not CODE_SHAPE.match(c)]
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)


def test_taxonomy_rows_are_complete_and_trimmed() -> None:
    for row in read_rows("nucc_taxonomy.csv"):
        assert row["grouping"] and row["classification"] and row["display_name"], row
        assert all(value == value.strip() for value in row.values()), row


def test_allopathic_grouping_is_the_20x_codes() -> None:
    rows = read_rows("nucc_taxonomy.csv")
    allopathic = {row["code"] for row in rows if row["grouping"] == "Allopathic & Osteopathic Physicians"}
    assert allopathic == {row["code"] for row in rows if row["code"].startswith("20")}
    assert len(allopathic) == 238  # every Allopathic & Osteopathic Physicians code of NUCC 25.1


def test_every_equivalence_code_is_in_the_taxonomy_csv() -> None:
    known = {row["code"] for row in read_rows("nucc_taxonomy.csv")}
    rows = read_rows("equivalence.csv")
    assert rows and tuple(rows[0]) == EQUIVALENCE_COLUMNS
    assert {row["code"] for row in rows} <= known
    pairs = [(row["group"], row["code"]) for row in rows]
    assert len(pairs) == len(set(pairs)), "one row per (group, code)"


def test_every_taxonomy_code_is_in_some_group(table: TaxonomyTable) -> None:
    assert [code for code in sorted(table.codes()) if not table.groups_of(code)] == []


def test_equivalence_is_symmetric_and_reflexive(table: TaxonomyTable) -> None:
    for code in table.codes():
        assert code in table.equivalents(code)
        for other in table.equivalents(code):
            assert code in table.equivalents(other), (code, other)


# --- the rules --------------------------------------------------------------------------------------

def test_orthopaedic_specializations_are_equivalent_to_orthopaedic_surgery(table: TaxonomyTable) -> None:
    ortho = {code for code in table.codes() if code.startswith("207X")}
    assert len(ortho) == 8
    assert ortho <= table.equivalents("207X00000X")
    for code in ortho:
        assert table.is_equivalent(code, "207X00000X")
        assert "orthopaedic_surgery" in table.groups_of(code)
    assert table.equivalents("207XS0114X") == frozenset(ortho)


def test_cardiology_is_not_general_internal_medicine(table: TaxonomyTable) -> None:
    assert "207RC0000X" not in table.equivalents("207R00000X")
    assert "207R00000X" not in table.equivalents("207RC0000X")
    for subspecialty in ("207RI0011X", "207RC0001X", "207RA0001X"):  # interventional, EP, heart failure
        assert table.is_equivalent(subspecialty, "207RC0000X")
        assert not table.is_equivalent(subspecialty, "207R00000X")
    assert table.groups_of("207RI0011X") == {"cardiology"}


def test_internal_medicine_subspecialties_have_their_own_groups(table: TaxonomyTable) -> None:
    general = table.equivalents("207R00000X")
    for code in ("207RG0100X", "207RH0003X", "207RX0202X", "207RN0300X", "207RP1001X", "207RR0500X",
                 "207RE0101X", "207RI0200X"):
        assert code not in general, code
    assert {"207RH0000X", "207RH0003X", "207RX0202X"} <= table.members("hematology_oncology")
    assert not table.is_equivalent("207RG0100X", "207RN0300X")


def test_family_medicine_is_primary_care_and_equivalent_to_internal_medicine(table: TaxonomyTable) -> None:
    assert "207Q00000X" in table.primary_care_codes()
    assert {"family_medicine", PRIMARY_CARE_GROUP} <= table.groups_of("207Q00000X")
    assert table.groups_of("207R00000X") == {"internal_medicine", PRIMARY_CARE_GROUP}
    assert table.is_equivalent("207Q00000X", "207R00000X")
    assert not table.is_equivalent("207Q00000X", "207RC0000X")


def test_primary_care_group(table: TaxonomyTable) -> None:
    pcp = table.primary_care_codes()
    assert pcp == table.members(PRIMARY_CARE_GROUP)
    assert {"207Q00000X", "207QA0505X", "207R00000X", "208D00000X", "208000000X", "207V00000X", "363LF0000X",
            "363LA2200X", "363LP0200X", "363LP2300X", "363LW0102X", "363LG0600X", "363A00000X", "363AM0700X",
            "261QP2300X", "261QF0400X"} <= pcp
    for specialist in ("207RC0000X", "2080P0202X", "207X00000X", "2084P0800X", "363LP0808X", "363AS0400X"):
        assert specialist not in pcp


def test_pediatric_subspecialties_are_their_own_specialty(table: TaxonomyTable) -> None:
    assert table.groups_of("2080P0202X") == {"pediatric_cardiology"}
    assert not table.is_equivalent("2080P0202X", "208000000X")
    assert not table.is_equivalent("2080P0202X", "207RC0000X")


def test_other_splits_from_the_policy(table: TaxonomyTable) -> None:
    assert not table.is_equivalent("2084N0400X", "2084P0800X")  # neurology vs psychiatry
    assert not table.is_equivalent("2084N0402X", "2084N0400X")  # child neurology
    assert not table.is_equivalent("2086S0129X", "208600000X")  # vascular surgery vs general surgery
    assert not table.is_equivalent("2086X0206X", "208600000X")  # surgical oncology
    assert not table.is_equivalent("207VX0201X", "207V00000X")  # gynecologic oncology
    assert not table.is_equivalent("207VM0101X", "207V00000X")  # maternal & fetal medicine
    assert not table.is_equivalent("207VE0102X", "207V00000X")  # reproductive endocrinology
    assert table.is_equivalent("204E00000X", "1223S0112X")  # oral & maxillofacial surgery, MD or DDS
    assert not table.is_equivalent("152W00000X", "207W00000X")  # optometry is not ophthalmology
    assert not table.is_equivalent("213E00000X", "207XX0004X")  # podiatry is not orthopaedic foot & ankle


def test_unknown_code_is_equivalent_only_to_itself(table: TaxonomyTable) -> None:
    assert table.equivalents("999Z99999X") == frozenset({"999Z99999X"})
    assert table.name("999Z99999X") is None
    assert not table.is_known("999Z99999X")
    assert table.groups_of("999Z99999X") == frozenset()
    assert "999Z99999X" not in table


def test_codes_are_normalized(table: TaxonomyTable) -> None:
    assert table.name(" 207xs0114x ") == "Adult Reconstructive Orthopaedic Surgery Physician"
    assert table.equivalents("207xs0114x") == table.equivalents("207XS0114X")
    assert "207x00000x" in table


def test_search_by_code_prefix_and_words(table: TaxonomyTable) -> None:
    ortho = sorted(code for code in table.codes() if code.startswith("207X"))
    assert [entry.code for entry in table.search("207x")] == ortho
    assert [entry.code for entry in table.search("207XS0114X")] == ["207XS0114X"]
    assert [entry.code for entry in table.search("ortho sports")] == ["207XX0005X"]
    assert table.search("family medicine")[0].code == "207Q00000X"
    assert "207RI0011X" in {entry.code for entry in table.search("interventional cardio")}
    assert len(table.search("physician", limit=3)) == 3
    assert table.search("   ") == [] and table.search("zzzz") == [] and table.search("cardio", limit=0) == []


# --- refusing bad files --------------------------------------------------------------------------------

GOOD_TAXONOMY = (
    "code,grouping,classification,specialization,display_name\n"
    "207X00000X,Allopathic & Osteopathic Physicians,Orthopaedic Surgery,,Orthopaedic Surgery Physician\n"
    "207XS0114X,Allopathic & Osteopathic Physicians,Orthopaedic Surgery,"
    "Adult Reconstructive Orthopaedic Surgery,Adult Reconstructive Orthopaedic Surgery Physician\n"
)
GOOD_EQUIVALENCE = "group,code,note\northopaedic_surgery,207X00000X,\northopaedic_surgery,207XS0114X,\n"


def write(directory: Path, taxonomy: str = GOOD_TAXONOMY, equivalence: str = GOOD_EQUIVALENCE) -> Path:
    (directory / "nucc_taxonomy.csv").write_text(taxonomy, encoding="utf-8")
    (directory / "equivalence.csv").write_text(equivalence, encoding="utf-8")
    return directory


def load_problem(directory: Path) -> str:
    with pytest.raises(InputProblem) as caught:
        TaxonomyTable.load(directory)
    return str(caught.value)


def test_loads_a_good_directory(tmp_path: Path) -> None:
    table = TaxonomyTable.load(write(tmp_path))
    assert table.equivalents("207X00000X") == {"207X00000X", "207XS0114X"}
    assert table.primary_care_codes() == frozenset()


def test_bad_code_shape_names_file_line_and_column(tmp_path: Path) -> None:
    bad_row = "207X0000X,Allopathic,Orthopaedic Surgery,,Name\n"
    message = load_problem(write(tmp_path, GOOD_TAXONOMY + bad_row))
    assert "nucc_taxonomy.csv" in message
    assert "line 4, column 1 (code)" in message and "'207X0000X'" in message


def test_unknown_column_names_file_line_and_column(tmp_path: Path) -> None:
    taxonomy = GOOD_TAXONOMY.replace("display_name\n", "display_name,definition\n", 1)
    message = load_problem(write(tmp_path, taxonomy))
    assert "nucc_taxonomy.csv" in message and "line 1, column 6 (definition): unknown column" in message


def test_missing_column_and_wrong_field_count(tmp_path: Path) -> None:
    message = load_problem(write(tmp_path, equivalence="group,code\nx,207X00000X\n"))
    assert "equivalence.csv" in message and "line 1: missing column note" in message
    message = load_problem(write(tmp_path, GOOD_TAXONOMY + "208600000X,Allopathic,Surgery\n"))
    assert "line 4: 3 fields, expected 5" in message
    message = load_problem(write(tmp_path, GOOD_TAXONOMY + '208600000X,Allopathic,"Surgery,,\n'))
    assert "line 4: not valid CSV" in message


def test_duplicate_code_and_empty_name(tmp_path: Path) -> None:
    repeated = "207X00000X,Allopathic,Orthopaedic Surgery,,Again\n"
    taxonomy = GOOD_TAXONOMY + repeated + "208600000X,Allopathic,Surgery,,\n"
    message = load_problem(write(tmp_path, taxonomy))
    assert "line 4, column 1 (code): 207X00000X is already on line 2" in message
    assert "line 5, column 5 (display_name): empty" in message


def test_equivalence_code_missing_from_taxonomy(tmp_path: Path) -> None:
    message = load_problem(write(tmp_path, equivalence=GOOD_EQUIVALENCE + "cardiology,207RC0000X,\n"))
    assert "equivalence.csv" in message
    assert "line 4, column 2 (code): 207RC0000X is not in nucc_taxonomy.csv" in message


def test_equivalence_bad_group_and_repeated_row(tmp_path: Path) -> None:
    equivalence = GOOD_EQUIVALENCE + "Ortho Surgery,207X00000X,\northopaedic_surgery,207X00000X,again\n"
    message = load_problem(write(tmp_path, equivalence=equivalence))
    assert "line 4, column 1 (group)" in message
    assert "line 5, column 2 (code): orthopaedic_surgery,207X00000X is already on line 2" in message


def test_empty_or_missing_file(tmp_path: Path) -> None:
    assert "line 1: the file is empty" in load_problem(write(tmp_path, taxonomy=""))
    write(tmp_path)
    (tmp_path / "equivalence.csv").unlink()
    assert "equivalence.csv: file not found" in load_problem(tmp_path)
