"""The one stylesheet and page geometry of every letter."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from app.letters.fonts import BASE, BOLD

PAGE = LETTER
MARGIN_X = 0.85 * inch
MARGIN_TOP = 0.7 * inch
MARGIN_BOTTOM = 0.8 * inch
RULE = colors.HexColor("#555555")
GRID = colors.HexColor("#999999")
SHADE = colors.HexColor("#eeeeee")


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=BASE, bulletFontName=BASE, fontSize=10, leading=13.2, spaceAfter=5)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, spaceAfter=2),
        "cite": ParagraphStyle("cite", parent=body, fontSize=8, leading=10, textColor=RULE, spaceAfter=4,
                               leftIndent=14),
        "clause": ParagraphStyle("clause", parent=body, leftIndent=14, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12, spaceAfter=0),
        "label": ParagraphStyle("label", parent=body, fontName=BOLD, fontSize=9, leading=12, spaceAfter=0),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=14, leading=18, spaceBefore=6,
                                spaceAfter=8),
        "heading": ParagraphStyle("heading", parent=body, fontName=BOLD, fontSize=11, leading=14, spaceBefore=8,
                                  spaceAfter=4, keepWithNext=1),
        "practice": ParagraphStyle("practice", parent=body, fontName=BOLD, fontSize=13, leading=16, spaceAfter=1),
        "practice_line": ParagraphStyle("practice_line", parent=body, fontSize=9, leading=11, spaceAfter=0),
        "date": ParagraphStyle("date", parent=body, alignment=TA_RIGHT),
        # H&S 1368.02(b): the DMHC statement "in 12-point boldface type".
        "dmhc": ParagraphStyle("dmhc", parent=body, fontName=BOLD, fontSize=12, leading=15, spaceBefore=6),
        "note": ParagraphStyle("note", parent=body, fontSize=9, leading=11.5, borderColor=RULE, borderWidth=0.6,
                               borderPadding=5, spaceBefore=9, spaceAfter=11),
        "footer": ParagraphStyle("footer", parent=body, fontSize=8, leading=10, textColor=RULE),
        "form_label": ParagraphStyle("form_label", parent=body, fontName=BOLD, fontSize=9.5, leading=12,
                                     spaceAfter=0),
    }
