"""Bundled TrueType fonts, registered once, and the one way user text becomes paragraph markup.

DejaVu Sans is the base family (Latin, Vietnamese, Armenian); a character it lacks is set in Droid Sans Fallback
(Chinese, Japanese, Korean) one character at a time. Every user string goes through `markup()`: NFC first (a name
typed with combining accents prints as the same letters), then XML escaping (`<Jr>` and `AT&T` print literally),
then the per-character fallback.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

BASE = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
FALLBACK = "DroidSansFallback"

FILES = {
    BASE: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}

_lock = threading.Lock()
_registered: set[str] = set()


def font_file(name: str):
    from app.paths import resource_path

    return resource_path("fonts", FILES[name])


def _register(name: str) -> TTFont:
    with _lock:
        if name not in _registered:
            pdfmetrics.registerFont(TTFont(name, str(font_file(name))))
            _registered.add(name)
    return pdfmetrics.getFont(name)


def register_fonts() -> None:
    """Register the DejaVu family once, mapped so `<b>` and `<i>` pick the bold and oblique files.

    Droid Sans Fallback (4 MB) is registered only when a character needs it.
    """
    if BASE in _registered and BOLD in _registered and OBLIQUE in _registered:
        return
    for name in (BASE, BOLD, OBLIQUE):
        _register(name)
    # No bold-oblique file is bundled: bold wins (a letter never needs both).
    addMapping(BASE, 0, 0, BASE)
    addMapping(BASE, 1, 0, BOLD)
    addMapping(BASE, 0, 1, OBLIQUE)
    addMapping(BASE, 1, 1, BOLD)


@lru_cache(maxsize=8)
def cmap(name: str) -> frozenset[int]:
    """The code points the font has a glyph for."""
    font = _register(name)
    return frozenset(font.face.charToGlyph)


def has_glyph(name: str, char: str) -> bool:
    return ord(char) in cmap(name)


def font_for(char: str, base: str = BASE) -> str:
    """The bundled font that will draw `char`: the base font when it can, else the fallback."""
    if char.isspace() or has_glyph(base, char):
        return base
    return FALLBACK


def clean(text: object) -> str:
    """NFC-normalised text (None becomes empty)."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", str(text))


def markup(text: object, base: str = BASE) -> str:
    """User text as safe paragraph markup: NFC, escaped, runs the base font lacks wrapped in the fallback font.

    Characters that neither font has are left to the base font (it draws its .notdef box): a visible gap is
    better than a silently dropped letter, and the tests check no name reaches that point.
    """
    text = clean(text)
    if text.isascii():
        return escape(text)
    base_map = cmap(base)
    parts: list[str] = []
    run: list[str] = []
    in_fallback = False
    for char in text:
        needs_fallback = not char.isspace() and ord(char) not in base_map and has_glyph(FALLBACK, char)
        if needs_fallback != in_fallback and run:
            parts.append(_wrap("".join(run), in_fallback))
            run = []
        in_fallback = needs_fallback
        run.append(char)
    if run:
        parts.append(_wrap("".join(run), in_fallback))
    return "".join(parts)


def _wrap(run: str, fallback: bool) -> str:
    escaped = escape(run)
    return f'<font name="{FALLBACK}">{escaped}</font>' if fallback else escaped
