"""ICD-10-CM FY2026 code set: validity, billability, descriptions and search.

Reads resources/icd10cm/icd10cm-2026.tsv.gz (built by packaging/build_icd10_resource.py).
The simple_icd_10_cm package is never imported here: it costs seconds and ~190 MiB.

Loading only builds what validation needs (a set of codes, O(1) membership; billable
flags found by bisecting the sorted codes); description line offsets and the
word-search text are built on first use, so a form that only validates codes never
pays for them.
"""

from __future__ import annotations

import gzip
import operator
import re
import threading
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from app.paths import resource_path

RESOURCE_PARTS = ("icd10cm", "icd10cm-2026.tsv.gz")
# What validation needs: a line of billable flags (0/1, one per code), then the codes, one a line.
INDEX_PARTS = ("icd10cm", "icd10cm-2026-codes.txt.gz")

# Splitting the file on this leaves [code, flag, code, flag, ..., b""].
_ROW_TAIL = re.compile(rb"\t([01])\t.*\n")
# "\n" + code + flag columns; the leading literal lets the regex engine skip ahead fast.
_ROW_HEAD = re.compile(rb"\n[^\t\n]*\t[01]\t")
_NEWLINE = re.compile(rb"\n")
_ASCII_BYTES = bytes(range(128))
_QUERY_WORD = re.compile(rb"[a-z0-9]+")
# Lower-case letters, keep digits and "\n", every other ASCII byte becomes a space.
_FOLD_TABLE = bytes(
    c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122 or c == 10) else 32 for c in range(256)
)


def normalize(code: str) -> str:
    """Canonical key: no dot, no surrounding blanks, upper case ("e11.9 " -> "E119")."""
    return code.replace(".", "").strip().upper()


def display(code: str) -> str:
    """Dotted form shown to people: the dot follows the 3rd character ("E119" -> "E11.9")."""
    key = normalize(code)
    return f"{key[:3]}.{key[3:]}" if len(key) > 3 else key


def _fold_non_ascii(data: bytes) -> bytes:
    """Replace each non-ASCII character by its unaccented ASCII letters ("é" -> "e").

    Such characters are rare (a few hundred in 8 MB), so they are found with
    single-byte searches instead of a regex pass over the whole text.
    """
    leads = {byte for byte in data.translate(None, _ASCII_BYTES) if byte >= 0xC0}
    positions = sorted(position for lead in leads for position in _positions(data, bytes((lead,))))
    pieces: list[bytes] = []
    done = 0
    for position in positions:
        end = position + 1
        while end < len(data) and 0x80 <= data[end] < 0xC0:
            end += 1
        char = data[position:end].decode("utf-8", "replace")
        pieces += (data[done:position], unicodedata.normalize("NFKD", char).encode("ascii", "ignore"))
        done = end
    pieces.append(data[done:])
    return b"".join(pieces)


def _positions(data: bytes, needle: bytes) -> Iterator[int]:
    position = data.find(needle)
    while position != -1:
        yield position
        position = data.find(needle, position + 1)


def _line_offsets(data: bytes, shift: int) -> array[int]:
    """Offset of every "\\n" plus shift; a compact array, no per-line objects kept."""
    return array("q", [match.start() + shift for match in _NEWLINE.finditer(data)])


def _fold(data: bytes) -> bytes:
    """Lower-case ASCII words separated by single spaces; line breaks are kept.

    Descriptions and queries go through the same folding, so "Ménière's" meets
    "meniere" and "Alzheimer's" meets both "alzheimer" and "alzheimers".
    """
    if not data.isascii():
        data = _fold_non_ascii(data)
    data = data.translate(_FOLD_TABLE, b"'")
    while b"  " in data:
        data = data.replace(b"  ", b" ")
    return data


class Icd10CodeSet:
    """Immutable set of ICD-10-CM codes (categories, subcategories and billable codes)."""

    def __init__(self, raw: bytes | None = None, *, index: bytes | None = None,
                 read_raw: Callable[[], bytes] | None = None) -> None:
        """From the full TSV (`raw`), or from the codes-only `index` with the TSV read on first need.

        Validation is on every request's path and needs only the codes, so the one-shot command loads the small
        index (a few ms) and leaves the 8 MB of descriptions for `describe` and `search`.
        """
        if raw is not None:
            parts = _ROW_TAIL.split(raw)
            if parts.pop() != b"" or len(parts) != 2 * raw.count(b"\n"):
                raise ValueError("ICD-10-CM resource is malformed: expected code<TAB>0|1<TAB>text lines")
            self._codes: list[bytes] = parts[0::2]
            self._flags: bytes = b"".join(parts[1::2])
        elif index is not None and read_raw is not None:
            flags, _, codes = index.partition(b"\n")
            self._codes = codes.split(b"\n")
            self._flags = flags
            if self._codes.pop() != b"" or len(flags) != len(self._codes) or flags.strip(b"01"):
                raise ValueError("ICD-10-CM index is malformed: expected a line of 0|1 flags, then one code a line")
        else:
            raise TypeError("give the TSV bytes, or an index and a way to read the TSV")
        self._raw_bytes = raw
        self._read_raw = read_raw
        # Lookups bisect the sorted codes (about 1 µs) and index the flags and lines by position: no set or
        # dict to build, so loading stays a few milliseconds.
        codes = self._codes
        if not all(map(operator.lt, codes, codes[1:])):  # strictly ascending: sorted and unique, in C
            raise ValueError("ICD-10-CM resource is malformed: codes must be unique and sorted")
        self._lock = threading.RLock()  # `_raw` may be first read under the lock
        self._line_ends: array[int] | None = None
        self._search: tuple[bytes, array[int]] | None = None

    @property
    def _raw(self) -> bytes:
        raw = self._raw_bytes
        if raw is None:
            with self._lock:
                if self._raw_bytes is None:
                    assert self._read_raw is not None
                    full = Icd10CodeSet(self._read_raw())
                    if full._codes != self._codes or full._flags != self._flags:
                        raise ValueError("ICD-10-CM index and TSV disagree: rebuild both with "
                                         "packaging/build_icd10_resource.py")
                    self._raw_bytes = full._raw_bytes
                raw = self._raw_bytes
        return raw

    @classmethod
    def load(cls, path: str | Path | None = None) -> Icd10CodeSet:
        """Read the gzipped TSV; the bundled FY2026 resource (through its codes-only index) when path is None."""
        if path is None:
            tsv = resource_path(*RESOURCE_PARTS)
            index = resource_path(*INDEX_PARTS)
            return cls(index=gzip.decompress(index.read_bytes()),
                       read_raw=lambda: gzip.decompress(tsv.read_bytes()))
        return cls(gzip.decompress(Path(path).read_bytes()))

    @staticmethod
    def _key(code: object) -> bytes | None:
        if not isinstance(code, str):
            return None
        key = normalize(code)
        return key.encode("ascii") if key.isascii() else None

    def __contains__(self, code: object) -> bool:
        key = self._key(code)
        return self._position(key) is not None

    def _position(self, key: bytes | None) -> int | None:
        if key is None:
            return None
        index = bisect_left(self._codes, key)
        return index if index < len(self._codes) and self._codes[index] == key else None

    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self) -> Iterator[str]:
        """Undotted codes in sorted order."""
        return (code.decode("ascii") for code in self._codes)

    def is_billable(self, code: str) -> bool:
        """True only for a valid code without children; unknown codes are not billable."""
        key = self._key(code)
        index = self._position(key)
        return index is not None and self._flags[index] == 49  # ord("1")

    def _under(self, code: str) -> tuple[int, int]:
        """The positions [start, stop) of `code` and every code under it; (0, 0) for an unknown code.

        A code's children are exactly the codes it prefixes (E11 -> E11.0, E11.00, ..., E11.9), and in the
        sorted codes they follow it: two bisections bound them.
        """
        key = self._key(code)
        start = self._position(key)
        if start is None:
            return 0, 0
        assert key is not None
        return start, bisect_right(self._codes, key + b"\x7f", lo=start)

    def billable_under(self, code: str, limit: int | None = None) -> list[str]:
        """The billable codes at or under `code` (dotted, in code order), at most `limit` of them.

        "I25" -> ["I25.10", "I25.110", ...]; a billable code gives itself; an unknown code gives []. Costs two
        bisections plus a scan of the flags in C up to the limit-th billable code: O(log n + limit) in practice.
        """
        start, stop = self._under(code)
        found: list[str] = []
        flags = self._flags
        position = flags.find(b"1", start, stop)
        while position != -1 and (limit is None or len(found) < limit):
            found.append(display(self._codes[position].decode("ascii")))
            position = flags.find(b"1", position + 1, stop)
        return found

    def count_billable_under(self, code: str) -> int:
        """How many billable codes are at or under `code` (0 for an unknown code)."""
        start, stop = self._under(code)
        return self._flags.count(b"1", start, stop)

    def describe(self, code: str) -> str | None:
        index = self._position(self._key(code))
        return None if index is None else self._description(index)

    def search(self, text: str, limit: int = 20) -> list[tuple[str, str]]:
        """(dotted code, description) pairs for a search box, best first.

        Order: codes starting with the typed text; then descriptions starting with the
        query words in order; then descriptions containing them in order; then
        descriptions containing every query word as a word prefix. Code order inside
        each group, so the result is deterministic.
        """
        if limit <= 0:
            return []
        hits: dict[int, None] = {}
        key = self._key(text)
        if key and key.isalnum():
            start = bisect_left(self._codes, key)
            stop = min(start + limit, bisect_right(self._codes, key + b"\x7f"))
            hits.update(dict.fromkeys(range(start, stop)))
        words = _QUERY_WORD.findall(_fold(text.encode("utf-8", "replace").replace(b"\n", b" ")))
        if words and len(hits) < limit:
            phrase = b" ".join(words)
            tiers = [self._phrase_rows(b"\n " + phrase), self._phrase_rows(b" " + phrase)]
            if len(words) > 1:
                tiers.append(self._word_rows(words))
            for rows in tiers:
                for row in rows:
                    hits.setdefault(row)
                    if len(hits) >= limit:
                        break
                if len(hits) >= limit:
                    break
        return [(display(self._codes[i].decode("ascii")), self._description(i)) for i in hits]

    def _description(self, index: int) -> str:
        ends = self._line_ends
        if ends is None:
            with self._lock:
                if self._line_ends is None:
                    self._line_ends = _line_offsets(self._raw, 1)
                ends = self._line_ends
        line = self._raw[ends[index - 1] if index else 0 : ends[index] - 1]
        return line.split(b"\t", 2)[2].decode("utf-8")

    def _search_index(self) -> tuple[bytes, array[int]]:
        """Folded descriptions, each row as b"\\n " + words, and where each row's "\\n" is."""
        search = self._search
        if search is None:
            with self._lock:
                if self._search is None:
                    blob = _ROW_HEAD.sub(b"\n ", b"\n" + self._raw)
                    blob = _fold(blob)
                    starts = _line_offsets(blob, 0)
                    starts.pop()  # the file's final "\n" starts no row
                    self._search = (blob, starts)
                search = self._search
        return search

    def _phrase_rows(self, needle: bytes) -> Iterator[int]:
        """Rows (ascending) whose folded text contains needle."""
        blob, starts = self._search_index()
        position = blob.find(needle)
        while position != -1:
            row = bisect_right(starts, position) - 1
            yield row
            position = blob.find(needle, starts[row + 1] if row + 1 < len(starts) else len(blob))

    def _word_rows(self, words: list[bytes]) -> Iterator[int]:
        """Rows (ascending) holding every word as a word prefix; scans for the rarest word."""
        blob, starts = self._search_index()
        needles = sorted({b" " + word for word in words})
        counts = {needle: blob.count(needle) for needle in needles}
        if not all(counts.values()):
            return
        driver = min(needles, key=lambda needle: (counts[needle], needle))
        others = [needle for needle in needles if needle != driver]
        position = blob.find(driver)
        while position != -1:
            row = bisect_right(starts, position) - 1
            end = starts[row + 1] if row + 1 < len(starts) else len(blob)
            if all(blob.find(needle, starts[row], end) != -1 for needle in others):
                yield row
            position = blob.find(driver, end)


@lru_cache(maxsize=1)
def default_code_set() -> Icd10CodeSet:
    """The bundled code set, read once per process."""
    return Icd10CodeSet.load()
