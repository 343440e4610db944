"""NUCC Health Care Provider Taxonomy: code names and "same or equivalent specialty" groups.

Two bundled CSVs (resources/taxonomy/, see SOURCE.md there for where they come from and the rules):

* ``nucc_taxonomy.csv``: ``code,grouping,classification,specialization,display_name``, taken verbatim
  from the NUCC code set for the codes a medical-group front desk meets.
* ``equivalence.csv``: ``group,code,note``, one row per (group, code). Two codes are the "same or
  equivalent specialty" when they share a group; a code may be in several groups (207R00000X is both
  ``internal_medicine`` and ``primary_care``). Equivalence is therefore not transitive: a general
  internist and a pediatrician are equivalent through ``primary_care`` without a pediatric cardiologist
  becoming equivalent to either.

The files are read once per ``TaxonomyTable.load`` and ``default_taxonomy()`` caches the bundled table;
nothing else here touches the disk. Bad files are refused with an ``InputProblem`` naming the file, the
line and the column.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from app.errors import InputProblem, Problem

TAXONOMY_FILE = "nucc_taxonomy.csv"
EQUIVALENCE_FILE = "equivalence.csv"
TAXONOMY_COLUMNS = ("code", "grouping", "classification", "specialization", "display_name")
EQUIVALENCE_COLUMNS = ("group", "code", "note")
PRIMARY_CARE_GROUP = "primary_care"
MAX_PROBLEMS = 25  # a broken file can have hundreds; the first few say what is wrong

CODE_SHAPE = re.compile(r"^[0-9]{3}[0-9A-Z]{6}X$")
GROUP_SHAPE = re.compile(r"^[a-z][a-z0-9_]*$")
_CODE_PREFIX = re.compile(r"^[0-9][0-9A-Z]{0,9}$")
_WORD = re.compile(r"[0-9a-z]+")
CODE_HINT = "a NUCC taxonomy code is 10 characters: 3 digits, 6 letters or digits, then X (e.g. 207X00000X)"


@dataclass(frozen=True, slots=True)
class TaxonomyEntry:
    code: str
    grouping: str
    classification: str
    specialization: str  # "" for a classification-level code such as 207X00000X
    display_name: str


def normalize_code(code: str) -> str:
    return code.strip().upper()


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


class _CsvFile:
    """Reads one bundled CSV, checking the header and keeping the problems found, each with its place."""

    def __init__(self, path: Path, columns: tuple[str, ...]) -> None:
        self.path = path
        self.columns = columns
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str, column: int | None = None) -> None:
        """`column`: its index (0 for the first), named by its header."""
        if column is None:
            self.problems.append(Problem(message, line=line))
        else:
            self.problems.append(Problem(message, field_path=self.columns[column], line=line,
                                         column=column + 1))

    def raise_if_any(self) -> None:
        if self.problems:
            shown = self.problems[:MAX_PROBLEMS]
            if len(self.problems) > MAX_PROBLEMS:
                shown.append(Problem(f"... and {len(self.problems) - MAX_PROBLEMS} more"))
            raise InputProblem(shown, source=str(self.path))

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, stripped fields) for each data row; header problems stop the file."""
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            missing = "file not found (a bundled resource is missing)"
            raise InputProblem([missing], source=str(self.path)) from None
        except UnicodeDecodeError as error:
            raise InputProblem([f"not UTF-8 text (byte {error.start})"], source=str(self.path)) from None
        reader = csv.reader(text.splitlines(keepends=True), strict=True)
        try:
            header = next(reader, None)
            if header is None:
                empty = Problem("the file is empty; expected the header " + ",".join(self.columns), line=1)
                raise InputProblem([empty], source=str(self.path))
            self._check_header([name.strip() for name in header])
            for fields in reader:
                if not any(field.strip() for field in fields):
                    continue  # a blank line
                if len(fields) != len(self.columns):
                    expected = f"expected {len(self.columns)} ({','.join(self.columns)})"
                    message = f"{len(fields)} fields, {expected}; quote a value that has a comma"
                    self.problem(reader.line_num, message)
                    continue
                yield reader.line_num, [field.strip() for field in fields]
        except csv.Error as error:
            self.problem(reader.line_num, f"not valid CSV ({error})")

    def _check_header(self, header: list[str]) -> None:
        for index, name in enumerate(header):
            if name not in self.columns:
                self.problems.append(Problem(f"unknown column; expected {','.join(self.columns)}",
                                             field_path=name or None, label=None if name else "blank", line=1,
                                             column=index + 1))
            elif header.index(name) != index:
                self.problems.append(Problem("column repeated", field_path=name, line=1, column=index + 1))
        for name in self.columns:
            if name not in header:
                self.problems.append(Problem(f"missing column {name}", line=1))
        if not self.problems and tuple(header) != self.columns:
            self.problems.append(Problem(f"columns must be in the order {','.join(self.columns)}", line=1))
        self.raise_if_any()


def _read_taxonomy(path: Path) -> dict[str, TaxonomyEntry]:
    file = _CsvFile(path, TAXONOMY_COLUMNS)
    entries: dict[str, TaxonomyEntry] = {}
    first_line: dict[str, int] = {}
    for line, (code, grouping, classification, specialization, display_name) in file.rows():
        if not CODE_SHAPE.match(code):
            file.problem(line, f"{code!r} is not a taxonomy code: {CODE_HINT}", 0)
            continue
        if code in first_line:
            file.problem(line, f"{code} is already on line {first_line[code]}", 0)
            continue
        for column, value in ((1, grouping), (2, classification), (4, display_name)):
            if not value:
                file.problem(line, "empty; every code needs one", column)
        first_line[code] = line
        entries[code] = TaxonomyEntry(code, grouping, classification, specialization, display_name)
    file.raise_if_any()
    return entries


def _read_equivalence(path: Path, known: dict[str, TaxonomyEntry]) -> dict[str, set[str]]:
    file = _CsvFile(path, EQUIVALENCE_COLUMNS)
    members: dict[str, set[str]] = {}
    first_line: dict[tuple[str, str], int] = {}
    for line, (group, code, _note) in file.rows():
        bad = False
        if not GROUP_SHAPE.match(group):
            file.problem(line, f"{group!r} is not a group name (lower-case letters, digits and _)", 0)
            bad = True
        if not CODE_SHAPE.match(code):
            file.problem(line, f"{code!r} is not a taxonomy code: {CODE_HINT}", 1)
            bad = True
        elif code not in known:
            file.problem(line, f"{code} is not in {TAXONOMY_FILE}; add it there first", 1)
            bad = True
        if bad:
            continue
        if (group, code) in first_line:
            file.problem(line, f"{group},{code} is already on line {first_line[group, code]}", 1)
            continue
        first_line[group, code] = line
        members.setdefault(group, set()).add(code)
    file.raise_if_any()
    return members


class TaxonomyTable:
    """Names of NUCC taxonomy codes and which codes are the same or an equivalent specialty."""

    def __init__(self, entries: Mapping[str, TaxonomyEntry], groups: Mapping[str, Iterable[str]]) -> None:
        self._entries = dict(entries)
        self._groups = {name: frozenset(codes) for name, codes in groups.items()}
        groups_of: dict[str, set[str]] = {}
        for name, codes in self._groups.items():
            for code in codes:
                groups_of.setdefault(code, set()).add(name)
        self._groups_of = {code: frozenset(names) for code, names in groups_of.items()}
        self._equivalents = {
            code: frozenset().union(*(self._groups[name] for name in names)) | {code}
            for code, names in self._groups_of.items()
        }
        self._primary_care = self._groups.get(PRIMARY_CARE_GROUP, frozenset())
        self._search_rows = [
            (entry, frozenset(_words(f"{entry.display_name} {entry.classification} {entry.specialization}")))
            for entry in sorted(self._entries.values(), key=lambda item: item.code)
        ]

    @classmethod
    def load(cls, directory: Path | None = None) -> TaxonomyTable:
        """Read nucc_taxonomy.csv and equivalence.csv from `directory` (default: the bundled resources)."""
        if directory is None:
            from app.paths import resource_path

            directory = resource_path("taxonomy")
        entries = _read_taxonomy(directory / TAXONOMY_FILE)
        return cls(entries, _read_equivalence(directory / EQUIVALENCE_FILE, entries))

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and normalize_code(code) in self._entries

    def codes(self) -> frozenset[str]:
        return frozenset(self._entries)

    def entry(self, code: str) -> TaxonomyEntry | None:
        return self._entries.get(normalize_code(code))

    def name(self, code: str) -> str | None:
        """The NUCC display name ("Orthopaedic Surgery Physician"), or None for a code not in the table."""
        entry = self.entry(code)
        return entry.display_name if entry else None

    def is_known(self, code: str) -> bool:
        return normalize_code(code) in self._entries

    def group_names(self) -> frozenset[str]:
        return frozenset(self._groups)

    def members(self, group: str) -> frozenset[str]:
        return self._groups.get(group, frozenset())

    def groups_of(self, code: str) -> frozenset[str]:
        return self._groups_of.get(normalize_code(code), frozenset())

    def equivalents(self, code: str) -> frozenset[str]:
        """Every code sharing a group with `code`, itself included; just {code} if unknown or ungrouped."""
        code = normalize_code(code)
        return self._equivalents.get(code, frozenset({code}))

    def is_equivalent(self, code: str, other: str) -> bool:
        return normalize_code(other) in self.equivalents(code)

    def primary_care_codes(self) -> frozenset[str]:
        """Codes of PCP-type professionals (the ``primary_care`` group)."""
        return self._primary_care

    def search(self, text: str, limit: int = 20) -> list[TaxonomyEntry]:
        """Entries whose code starts with `text`, or whose name, classification or specialization has a word
        starting with each word of `text` ("ortho sport", "cardio"). Best matches first."""
        if limit <= 0:
            return []
        query = text.strip()
        if not query:
            return []
        prefix = query.upper()
        if _CODE_PREFIX.match(prefix):
            return [entry for entry, _ in self._search_rows if entry.code.startswith(prefix)][:limit]
        wanted = _words(query)
        if not wanted:
            return []
        found: list[tuple[tuple[int, int, int, int, str], TaxonomyEntry]] = []
        for entry, words in self._search_rows:
            if all(any(word.startswith(part) for word in words) for part in wanted):
                name_words = _words(entry.display_name)
                in_name = all(any(word.startswith(part) for word in name_words) for part in wanted)
                exact = entry.display_name.casefold() == query.casefold()
                general = 0 if not entry.specialization else 1  # "Family Medicine" before its subspecialties
                rank = (0 if exact else 1, 0 if in_name else 1, general, len(entry.display_name), entry.code)
                found.append((rank, entry))
        found.sort(key=lambda item: item[0])
        return [entry for _, entry in found[:limit]]


@functools.cache
def default_taxonomy() -> TaxonomyTable:
    """The bundled table, read on first use and then kept."""
    return TaxonomyTable.load()
