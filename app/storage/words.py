"""The words of a search, as both engines and both indexes (providers, requests) read them. Standard library only:
the worklist imports it before anything else is loaded (the cold-start budget)."""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"[^\W_]+")  # a run of letters and digits (str.isalnum)


def search_key(text: str) -> str:
    """Case- and accent-blind: a clerk typing 'avila' finds Ávila, 'nguyen' finds Nguyễn."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_words(text: str) -> list[str]:
    """The words of a search, as both engines search them: NFC, split on white space, each with a letter or digit."""
    text = unicodedata.normalize("NFC", text.replace("\x00", " "))  # FTS5 reads NUL as the end of the query
    return [word for word in text.split() if any(char.isalnum() for char in word)]


def fts_query(text: str) -> str | None:
    """Each word a quoted prefix term, all words required; None when the text has no searchable word.

    Quoting makes `"`, `*`, `-`, `AND`, `NEAR(` and the like plain text, so user input never raises.
    """
    words = search_words(text)
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def tokens(text: str) -> list[str]:
    """The words of a name or an ID as the request search reads them: runs of letters and digits of its
    search key ("O'Brien-Díaz" -> o, brien, diaz)."""
    return _TOKEN.findall(search_key(text))


def request_search_words(*fields: object) -> str:
    """What the request search reads of a request (its `search_words` column): each field's tokens, one space
    apart, the fields kept apart by ' | ', with a space at each end: ' garcia lopez maria | tst000001 '."""
    return " " + " | ".join(" ".join(tokens("" if field is None else str(field))) for field in fields) + " "


def request_search_patterns(text: str) -> list[str]:
    """A search's words, each as the text it must find in `search_words`: ' ' and its tokens one space apart
    (' o br' for "O'Br": the word's parts next to each other, the last one begun); words without a letter or
    digit left out."""
    return [" " + " ".join(parts) for parts in (tokens(word) for word in search_words(text)) if parts]
