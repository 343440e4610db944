"""Letter rendering speed beside bare reportlab, and a batch of 1,000 printed letters.

    .venv/bin/python benchmarks/bench_letters.py [--runs N] [--batch N]

Target (issue 5): per-letter render time <= 1.5x bare reportlab rendering the same text with the same fonts, in
the same run. The baseline takes the text the letter actually prints (extracted from its PDF), one paragraph per
line, in the same embedded DejaVu Sans / Droid Sans Fallback, invariant mode: what any reportlab letter costs.
The batch figure is `LetterService.print_due` over 1,000 due letters (render + SHA-256 + file + row each).
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from _common import Row, median_seconds, print_table

from pypdf import PdfReader
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from app.letters import LetterKind, fonts, render
from tests.factories import ORTHO_OON_CERTIFIED
from tests.support.desks import SUNRISE_CLINIC, build_desk


def bare_reportlab(lines: list[str]) -> bytes:
    """The same text, same fonts, no letter machinery: one Paragraph per line."""
    style = ParagraphStyle("b", fontName=fonts.BASE, fontSize=10, leading=13)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=LETTER, invariant=1)
    doc.build([Paragraph(line, style) for line in lines])
    return buffer.getvalue()


def bare_lines(pdf: bytes) -> list[str]:
    """The letter's printed text, line by line, each run in the font the letter drew it in (regular, bold,
    fallback): the same text with the same fonts, without tables, page template or letter machinery."""
    names = {"DejaVuSans": fonts.BASE, "DejaVuSans-Bold": fonts.BOLD, "DejaVuSans-Oblique": fonts.OBLIQUE,
             "DroidSansFallback": fonts.FALLBACK}
    lines: list[str] = []
    current: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        def visit(text, cm, tm, font, size):
            if not text or font is None:
                return
            name = names[str(font["/BaseFont"]).split("+", 1)[-1]]
            for piece in text.splitlines(keepends=True):
                body = piece.rstrip("\n")
                if body:
                    current.append((name, escape(body)))
                if piece.endswith("\n") and current:
                    lines.append(_line(current))
                    current.clear()
        page.extract_text(visitor_text=visit)
    if current:
        lines.append(_line(current))
    return lines


def _line(runs: list[tuple[str, str]]) -> str:
    """Markup for one line: plain text when it is all in the base font, font tags only where it changes."""
    return "".join(text if name == fonts.BASE else f'<font name="{name}">{text}</font>' for name, text in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    fonts.register_fonts()

    with tempfile.TemporaryDirectory() as folder:
        desk = build_desk(Path(folder) / "bench.sqlite3", practice=SUNRISE_CLINIC)
        approved = desk.approved(member={"language": "English"})
        approved_cjk = desk.approved(member={"language": "English", "first_name": "伟", "last_name": "陈"})
        denied = desk.denied(requested_provider_npi=ORTHO_OON_CERTIFIED)
        cases = {
            "referral (2 pages)": (approved.id, LetterKind.referral),
            "referral, Chinese name": (approved_cjk.id, LetterKind.referral),
            "member approval (1 page)": (approved.id, LetterKind.member_approval),
            "member denial, Spanish (3 pages)": (denied.id, LetterKind.member_denial),
        }
        rows = []
        for label, (case_id, kind) in cases.items():
            letter = desk.letters.letter(case_id, kind)
            lines = bare_lines(render(letter))
            baseline = median_seconds(lambda: bare_reportlab(lines), args.runs)
            ours = median_seconds(lambda: render(letter), args.runs)
            rows.append(Row(f"render(letter): {label}", ours, "bare reportlab, same text+fonts", baseline,
                            1.5 * baseline))
            service = median_seconds(lambda: desk.letters.render(case_id, kind), args.runs)
            rows.append(Row(f"LetterService.render (DB read + build): {label}", service,
                            "bare reportlab, same text+fonts", baseline))

        start = time.perf_counter()
        made = 0
        while made < args.batch:
            desk.approved(member={"language": "English"})
            made += 2  # a referral and a member approval each
        setup = time.perf_counter() - start
        due = len(desk.letters.due_today())
        start = time.perf_counter()
        printed = desk.letters.print_due()
        batch = time.perf_counter() - start
        per_letter_baseline = median_seconds(lambda: bare_reportlab(lines), args.runs)
        rows.append(Row(f"batch: print {len(printed):,} due letters (render+SHA+file+row)", batch,
                        f"{len(printed):,} x bare reportlab", per_letter_baseline * len(printed)))
        print(f"(set-up: {args.batch // 2:,} approved requests in {setup:.1f} s; {due:,} letters were due)")
        print_table("Letters", rows)


if __name__ == "__main__":
    main()
