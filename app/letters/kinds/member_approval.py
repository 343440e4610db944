"""Approval / referral notice to the member: who, where, phone, no cost to you, transportation when arranged
(42 CFR 438.206(b)(3); HPSJ II.F)."""

from __future__ import annotations

from app.letters import blocks


def story(ctx) -> list:
    v, case = ctx.values, ctx.case
    flow = blocks.letterhead(ctx)
    flow += blocks.language_note(ctx)
    flow += blocks.address_block(ctx, blocks.member_address_lines(ctx))
    flow.append(ctx.p(ctx.title(), "title"))
    flow.append(ctx.p(ctx.t("greeting")))
    flow.append(ctx.p(ctx.t("approved" if case.authorization is not None else "ready")))
    flow.append(ctx.p(ctx.t("who_heading"), "heading"))
    rows = [
        (ctx.label("professional"), f"<b>{v['professional_name']}</b>"),
        (ctx.label("specialty"), v["professional_specialty"]),
        (ctx.label("address"), v["professional_address"]),
        (ctx.label("phone"), v["professional_phone"]),
    ]
    if case.authorization is not None:
        rows.append((ctx.label("authorization_number"), v["auth_number"]))
        rows.append((ctx.label("valid"), f"{v['auth_valid_from']} – {v['auth_valid_to']}"))
    flow.append(blocks.facts(ctx, rows))
    flow.append(ctx.p(ctx.t("appointment" if case.consult is not None else "no_appointment")))
    flow.append(ctx.p(ctx.t("no_cost"), "note"))
    if ctx.request.needs_transportation:
        flow.append(ctx.p(ctx.t("transportation")))
    flow.append(ctx.p(ctx.t("report")))
    flow.append(ctx.p(ctx.t("tests")))
    flow.append(ctx.p(ctx.t("questions")))
    flow.append(blocks.signature(ctx, ctx.t("signature_heading"), lead=ctx.t("closing")))
    return flow
