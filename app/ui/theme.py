"""Colours that stay readable in the system's light or dark palette (issue 4, "People").

Widgets take their colours from here, picked for the palette in use, never hard-coded in a form: a dark red that
reads well on white is lost on a dark grey. Every pair is checked against WCAG's 4.5:1 contrast in a test.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

LIGHT = {"block": "#b00020", "warning": "#8a5a00", "info": "#1d4f91", "error": "#b00020"}
DARK = {"block": "#ff8a80", "warning": "#ffd180", "info": "#9cc3ff", "error": "#ff8a80"}


def current_palette() -> QPalette:
    return QApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or current_palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def colours(palette: QPalette | None = None) -> dict[str, str]:
    return DARK if is_dark(palette) else LIGHT


def error_style(palette: QPalette | None = None) -> str:
    """For a label that explains what to fix."""
    return f"color: {colours(palette)['error']};"


def relative_luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(one: QColor, other: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
