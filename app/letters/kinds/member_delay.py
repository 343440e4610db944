"""Delay / extension notice: what is missing and the new expected date (42 CFR 438.210(d)(1)(ii);
H&S 1367.01(h))."""

from __future__ import annotations

from app.letters import blocks, fonts


def story(ctx) -> list:
    flow = blocks.letterhead(ctx)
    flow += blocks.language_note(ctx)
    flow += blocks.address_block(ctx, blocks.member_address_lines(ctx))
    flow.append(ctx.p(ctx.title(), "title"))
    flow.append(ctx.p(ctx.t("greeting")))
    flow.append(ctx.p(ctx.t("decision")))
    flow.append(ctx.p(ctx.t("missing_heading"), "heading"))
    flow.append(ctx.p(ctx.t("missing"), "note"))
    flow.append(ctx.p(ctx.t("new_date")))
    flow.append(ctx.p(ctx.t("what_you_can_do")))
    flow.append(ctx.p(ctx.t("grievance", citation=fonts.markup(ctx.wording.delay_citation))))
    flow += blocks.rights(ctx)
    flow.append(blocks.signature(ctx, ctx.t("signature_heading"), lead=ctx.t("closing")))
    return flow
