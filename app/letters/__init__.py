"""Letters: reportlab only (no Qt, no SQL). `render(letter) -> bytes` is the one entry point.

    from app.letters import Letter, LetterKind, render, letters_for

Names load on first use (PEP 562): `app.letters.model` alone does not pull reportlab in.
"""

from importlib import import_module

_LAZY = {
    "letters_for": "app.letters.applicable",
    "Letter": "app.letters.model",
    "LetterKind": "app.letters.model",
    "Letterhead": "app.letters.model",
    "Professional": "app.letters.model",
    "render": "app.letters.rendering",
}

__all__ = ["Letter", "LetterKind", "Letterhead", "Professional", "letters_for", "render"]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'app.letters' has no attribute {name!r}")
