"""Shared by the consultation-report request and its overdue reminder: what to send, to whom, by when, and the
return form (findings, final diagnosis, recommendations, tests recommended) in the spirit of a counter-referral."""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, PageBreak

from app.letters import blocks, fonts


def recipients(ctx) -> list:
    flow = [ctx.p(ctx.t("to_whom_heading"), "heading")]
    member_lines = ", ".join(line for line in blocks.member_address_lines(ctx) if line)
    flow.append(ctx.p(ctx.t("to_member"), "clause", bulletText="•"))
    flow.append(ctx.p(fonts.markup(member_lines), "cite"))
    flow.append(ctx.p(ctx.t("to_pcp"), "clause", bulletText="•"))
    flow.append(ctx.p(ctx.t("to_us"), "clause", bulletText="•"))
    flow.append(ctx.p(ctx.t("by_when"), "note"))
    return flow


def return_form(ctx) -> list:
    v = ctx.values
    flow = [PageBreak(), ctx.p(ctx.t("form_title"), "title"), ctx.p(ctx.t("form_intro"))]
    flow.append(blocks.facts(ctx, [
        (ctx.label("member_name"), f"<b>{v['member_name']}</b>"),
        (ctx.label("date_of_birth"), v["member_dob"]),
        (ctx.label("member_id"), v["member_id"]),
        (ctx.label("plan"), v["plan_name"]),
        (ctx.label("authorization_number"), v["auth_number"]),
        (ctx.label("professional"), f"{v['professional_name']} ({ctx.label('npi')} {v['professional_npi']})"),
        (ctx.label("diagnoses"), blocks.diagnoses_markup(ctx)),
    ]))
    for key, height in (("findings", 1.3), ("final_diagnosis", 0.6), ("recommendations", 1.3),
                        ("tests_recommended", 0.9)):
        flow.append(CondPageBreak(height * inch + 20))
        flow.append(blocks.form_box(ctx, ctx.t(key), height * inch))
    flow.append(blocks.signature(ctx, ctx.t("signature_heading")))
    return flow


def addressee(ctx) -> list:
    lines = blocks.professional_lines(ctx)
    return blocks.address_block(ctx, lines) if lines else []
