"""Denial notice to the member: the reasons, the criteria and the policy applied, the right to appeal or file a
grievance and how, State Hearing, Independent Medical Review, and the DMHC statement of H&S 1368.02(b) in
12-point bold (H&S 1383.15; GG.1538 II.K; HPSJ II.C.1; Partnership VI.F; Anthem V; 42 CFR 438.404)."""

from __future__ import annotations

from app.letters import blocks, fonts


def story(ctx) -> list:
    flow = blocks.letterhead(ctx)
    flow += blocks.language_note(ctx)
    flow += blocks.address_block(ctx, blocks.member_address_lines(ctx))
    flow.append(ctx.p(ctx.title(), "title"))
    flow.append(ctx.p(ctx.t("greeting")))
    flow.append(ctx.p(ctx.t("decision")))
    flow.append(ctx.p(ctx.t("reasons_heading"), "heading"))
    flow.append(ctx.p(ctx.values["decision_reason"], "note"))
    flow.append(ctx.p(ctx.t("criteria_heading"), "heading"))
    flow.append(ctx.p(ctx.t("criteria_intro")))
    for line in ctx.letter.criteria:
        flow.append(ctx.p(ctx.common.reasons[line.reason], "clause", bulletText="•"))
        flow.append(ctx.p(fonts.markup(line.citation), "cite"))
    flow.append(ctx.p(ctx.t("policy", citation=fonts.markup(ctx.wording.denial_citation))))
    flow.append(ctx.p(ctx.t("alternative")))
    flow += blocks.rights(ctx, ctx.wording.denial_clauses)
    flow.append(blocks.signature(ctx, ctx.t("signature_heading"), lead=ctx.t("closing")))
    return flow
