"""Financial responsibility notice for an unauthorized out-of-network opinion, with the right to appeal
(CalOptima GG.1538 III.D.1; each plan's clause in resources/letters/plans.toml)."""

from __future__ import annotations

from app.letters import blocks, fonts


def story(ctx) -> list:
    flow = blocks.letterhead(ctx)
    flow += blocks.language_note(ctx)
    flow += blocks.address_block(ctx, blocks.member_address_lines(ctx))
    flow.append(ctx.p(ctx.title(), "title"))
    flow.append(ctx.p(ctx.t("greeting")))
    flow.append(ctx.p(ctx.t("decision")))
    flow.append(ctx.p(ctx.t("responsibility", citation=fonts.markup(ctx.wording.financial_citation)), "note"))
    flow.append(ctx.p(ctx.t("no_cost_option")))
    flow += blocks.rights(ctx)
    flow.append(blocks.signature(ctx, ctx.t("signature_heading"), lead=ctx.t("closing")))
    return flow
