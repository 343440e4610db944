"""Letters: reportlab only (no Qt, no SQL). `render(letter) -> bytes` is the one entry point.

    from app.letters import Letter, LetterKind, render, letters_for
"""

from app.letters.applicable import letters_for
from app.letters.model import Letter, LetterKind, Letterhead, Professional
from app.letters.render import render

__all__ = ["Letter", "LetterKind", "Letterhead", "Professional", "letters_for", "render"]
