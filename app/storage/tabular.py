"""What every file import shares (the provider directory's CSV, the member roster's CSV and 834): reading the
file, its text, its header, its rows with their line numbers, and the report of what loaded and what did not.

Every problem names its place (line, column number and column name), says what was expected, and changes
nothing: a bad row is skipped and listed, a file that cannot be read as the expected kind raises InputProblem.
"""

from __future__ import annotations

import csv
import gc
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import InputProblem, Problem


@dataclass
class ImportReport:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0  # rows identical to what was stored
    skipped: int = 0
    items: list[Problem] = field(default_factory=list)  # rows skipped, each at its line, column and name
    warnings: list[str] = field(default_factory=list)  # rows loaded with a remark (a key given twice)

    @property
    def problems(self) -> list[str]:
        """The rows skipped as the text says them: "line N, column C (name): ..."."""
        return [item.render() for item in self.items]

    @property
    def loaded(self) -> int:
        """Good rows: inserted, updated or already up to date."""
        return self.inserted + self.updated + self.unchanged


def read_file(path: Path | str, kind: str = "CSV file") -> bytes:
    path = Path(path)
    source = str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputProblem(["no such file"], source=source) from None
    except IsADirectoryError:
        raise InputProblem([f"this is a folder, not a {kind}"], source=source) from None
    except OSError as error:
        raise InputProblem([f"cannot read the file: {error.strerror}"], source=source) from None


def decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputProblem(
            ["the file is UTF-16 text, not UTF-8: save it as 'CSV UTF-8 (comma delimited)' and import again"],
            source=source,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputProblem(
            [
                Problem(f"the file is not UTF-8 text (byte 0x{data[error.start]:02X} cannot start a UTF-8 "
                        "character); save it as 'CSV UTF-8 (comma delimited)' and import again", line=line)
            ],
            source=source,
        ) from None


def header_positions(header: list[str], source: str, columns: Sequence[str],
                     optional: Sequence[str] = ()) -> list[str]:
    """The header's column names; each of `columns` must be there once (those in `optional` may be left out)."""
    names = [name.strip().lower() for name in header]
    expected = "expected exactly these columns (any order): " + ",".join(columns)
    if optional:
        expected += f" ({', '.join(optional)} may be left out)"
    if not set(names) & set(columns) and any(ch.isdigit() for name in names for ch in name):
        # No column name at all, and digits (an ID, a date): a data row, a member's or a provider's, comes first
        raise InputProblem([Problem("this is not a header line: the file must begin with its header line (its "
                                    "values are not repeated here: they may be a person's)", line=1,
                                    label="header"), expected], source=source)
    problems = []
    missing = [name for name in columns if name not in names and name not in optional]
    unknown = [name for name in names if name not in columns]
    duplicated = sorted({name for name in names if names.count(name) > 1 and name in columns})
    if missing:
        problems.append(Problem("missing column(s): " + ", ".join(missing), line=1, label="header"))
    if unknown:
        shown = ", ".join(repr(name) if name else "(an empty name)" for name in unknown)
        problems.append(Problem("unknown column(s): " + shown, line=1, label="header"))
    if duplicated:
        problems.append(Problem("column(s) given twice: " + ", ".join(duplicated), line=1, label="header"))
    if problems:
        raise InputProblem([*problems, expected], source=source)
    return names


class CsvRows:
    """The data rows of a CSV whose header names exactly `columns` (any order): iterate for (line, record),
    `line` where the record starts (a quoted value may span lines). Blank rows are passed over; a row of the
    wrong width goes to `report` as skipped. `names` and `column_of` (a name's 1-based column) are read from
    the header when the object is made. A column of `optional` may be left out of the file."""

    def __init__(self, text: str, source: str, columns: Sequence[str], report: ImportReport, *,
                 optional: Sequence[str] = ()) -> None:
        self.source, self.report = source, report
        self.reader = csv.reader(io.StringIO(text, newline=""))
        header = self._next()
        while header is not None and not any(cell.strip() for cell in header):
            header = self._next()  # blank lines before the header
        if header is None:
            raise InputProblem(["the file is empty: expected a header line: " + ",".join(columns)], source=source)
        self.names = header_positions(header, source, columns, optional)
        self.column_of = {name: position + 1 for position, name in enumerate(self.names)}

    def _next(self) -> list[str] | None:
        try:
            return next(self.reader, None)
        except csv.Error as error:
            raise self._unreadable(error) from None

    def _unreadable(self, error: csv.Error) -> InputProblem:
        return InputProblem(
            [Problem(f"not readable as CSV ({error}); is a double quote left open?", line=self.reader.line_num)],
            source=self.source)

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        width = len(self.names)
        end_of_previous = self.reader.line_num
        try:
            for record in self.reader:
                line = end_of_previous + 1
                end_of_previous = self.reader.line_num
                if not any(record) or not "".join(record).strip():
                    continue  # blank line, or a spreadsheet's row of empty cells
                if len(record) != width:
                    self.report.items.append(Problem(
                        f"{len(record)} values, expected {width} (a value that contains a comma must be in "
                        "double quotes)", line=line))
                    self.report.skipped += 1
                    continue
                yield line, record
        except csv.Error as error:
            raise self._unreadable(error) from None


def error_text(error: dict) -> str:
    """A pydantic error's message without its "Value error, " prefix."""
    message = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    return message


def shown(value: str) -> str:
    return "the cell is empty" if value == "" else f"got {value!r}"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of rows are built.

    They are all alive until the import ends, so each collection only re-walks them: 200k rows spent
    about 40% of their parse time in the collector.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
