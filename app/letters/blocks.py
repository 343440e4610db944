"""Pieces every letter kind is built from: letterhead, addresses, fact tables, clauses, rights, signature."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import inch
from reportlab.platypus import Image, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from app.letters import fonts
from app.letters.stylesheet import GRID, PAGE, MARGIN_X, RULE, SHADE

WIDTH = PAGE[0] - 2 * MARGIN_X


def letterhead(ctx) -> list:
    """Practice name, address, phone and fax (and logo) from the desk's settings, then the date."""
    head = ctx.letter.letterhead
    lines = []
    if head.name:
        lines.append(ctx.p(fonts.markup(head.name), "practice"))
    for line in head.address_lines:
        lines.append(ctx.p(fonts.markup(line), "practice_line"))
    contact = []
    if head.phone:
        contact.append(f"{ctx.label('phone')} {fonts.markup(head.phone)}")
    if head.fax:
        contact.append(f"{ctx.label('fax')} {fonts.markup(head.fax)}")
    if contact:
        lines.append(ctx.p(" · ".join(contact), "practice_line"))
    logo = _logo(head.logo)
    flow: list = []
    if logo is not None:
        table = Table([[logo, lines or ""]], colWidths=[logo.drawWidth + 10, None])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        flow.append(table)
    else:
        flow += lines
    if flow:
        flow.append(HRFlowable(width="100%", thickness=0.8, color=RULE, spaceBefore=4, spaceAfter=6))
    flow.append(ctx.p(ctx.values["issued_on"], "date"))
    return flow


def _logo(path: str | None):
    if not path or not Path(path).is_file():
        return None
    try:
        image = Image(path)
    except Exception:  # an unreadable picture must not stop the letter; the letterhead text still prints
        return None
    height = 0.65 * inch
    scale = height / image.imageHeight
    image.drawHeight = height
    image.drawWidth = min(image.imageWidth * scale, 1.8 * inch)
    return image


def address_block(ctx, lines: list[str]) -> list:
    """A window-envelope block: name first, then the address lines, all user text escaped."""
    return [ctx.p("<br/>".join(fonts.markup(line) for line in lines if line), "body"), Spacer(1, 6)]


def member_address_lines(ctx) -> list[str]:
    member = ctx.request.member
    address = member.address
    place = " ".join(part for part in (address.state, address.zip) if part)
    city_line = ", ".join(part for part in (address.city, place) if part)
    return [member.full_name, address.line1 or "", address.line2 or "", city_line]


def professional_lines(ctx) -> list[str]:
    pro = ctx.letter.professional
    if pro is None:
        return []
    place = " ".join(part for part in (pro.state, pro.zip) if part)
    city_line = ", ".join(part for part in (pro.city, place) if part)
    return [pro.name, pro.specialty or "", pro.address or "", city_line]


def facts(ctx, rows: list[tuple[str, str]], label_width: float = 1.7 * inch) -> Table:
    """Two columns, label and value; values are already markup (escaped by the caller)."""
    data = [[ctx.p(label, "label"), ctx.p(value, "cell")] for label, value in rows]
    table = Table(data, colWidths=[label_width, WIDTH - label_width], hAlign="LEFT", spaceAfter=6,
                  splitInRow=1)  # a long free-text reason may run over a page
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
    ]))
    return table


def member_rows(ctx) -> list[tuple[str, str]]:
    v = ctx.values
    return [
        (ctx.label("member_name"), f"<b>{v['member_name']}</b>"),
        (ctx.label("date_of_birth"), v["member_dob"]),
        (ctx.label("member_id"), v["member_id"]),
        (ctx.label("plan"), v["plan_name"]),
        (ctx.label("health_network"), v["health_network"]),
        (ctx.label("language"), v["member_language"]),
        (ctx.label("phone"), v["member_phone"]),
    ]


def diagnoses_markup(ctx) -> str:
    lines = [f"{fonts.markup(d.code)}" + (f" — {fonts.markup(d.description)}" if d.description else "")
             for d in ctx.letter.diagnoses]
    return "<br/>".join(lines) or ctx.values["procedure"]


def reasons_markup(ctx) -> str:
    request = ctx.request
    lines = [ctx.common.reasons[reason] for reason in request.reasons]
    if request.other_reason:
        lines.append(fonts.markup(request.other_reason))
    return "<br/>".join(lines) or ctx.common.labels["not_given"]


def clause_list(ctx, clauses) -> list:
    """Numbered plan clauses, each followed by the clause of the policy that requires it."""
    flow = []
    for number, clause in enumerate(clauses, start=1):
        text = ctx.common.clauses[clause.key].format_map(ctx.values)
        flow.append(ctx.p(text, "clause", bulletText=f"{number}."))
        flow.append(ctx.p(f"{ctx.label('required_by')} {fonts.markup(clause.citation)}", "cite"))
    return flow


def rights(ctx, extra_clauses=()) -> list:
    """The member's rights after an adverse decision: appeal, grievance, State Hearing, IMR, and the DMHC
    statement of H&S 1368.02(b) in 12-point bold."""
    r = ctx.common.rights
    flow = [ctx.p(r["heading"].format_map(ctx.values), "heading")]
    for key in ("appeal", "grievance", "state_hearing", "imr", "ombudsman"):
        flow.append(ctx.p(r[key].format_map(ctx.values)))
    for clause in extra_clauses:
        flow.append(ctx.p(ctx.common.clauses[clause.key].format_map(ctx.values)))
        flow.append(ctx.p(f"{ctx.label('required_by')} {fonts.markup(clause.citation)}", "cite"))
    flow.append(ctx.p(r["help"].format_map(ctx.values)))
    flow.append(KeepTogether([ctx.p(r["dmhc_1368_02b"].format_map(ctx.values), "dmhc")]))
    return flow


def language_note(ctx) -> list:
    """When the member's language has no texts yet: say so at the top, in English."""
    if not ctx.letter.requested_language or ctx.letter.language != "en":
        return []
    return [ctx.p(ctx.label("language_unavailable"), "note")]


def signature(ctx, heading: str, name: str | None = None, lead: str | None = None) -> KeepTogether:
    """Heading, a signature line, name/title and date: one block that never splits across pages (with the
    closing line before it, when there is one)."""
    line = "_" * 38
    rows = [
        [ctx.p(ctx.label("signature"), "label"), ctx.p(line, "cell")],
        [ctx.p(ctx.label("name_title"), "label"), ctx.p(name or line, "cell")],
        [ctx.p(ctx.label("signed_date"), "label"), ctx.p("_" * 20, "cell")],
    ]
    table = Table(rows, colWidths=[1.7 * inch, WIDTH - 1.7 * inch], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("TOPPADDING", (0, 0), (-1, -1), 9),
                               ("LEFTPADDING", (0, 0), (0, -1), 0)]))
    block = [ctx.p(lead)] if lead else []
    return KeepTogether([*block, ctx.p(heading, "heading"), table])


def form_box(ctx, label: str, height: float) -> Table:
    """A labelled box to write in (the return form)."""
    table = Table([[ctx.p(label, "form_label")], [""]], colWidths=[WIDTH], rowHeights=[None, height])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.4, RULE),
    ]))
    return table
