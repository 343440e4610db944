"""Consultation-report request to the professional who gave the opinion (H&S 1383.15; GG.1538 III.F.1;
HPSJ II.G; Anthem VI): what to send, to whom, by when, with a return form."""

from __future__ import annotations

from app.letters import blocks
from app.letters.kinds import _report


def story(ctx) -> list:
    flow = blocks.letterhead(ctx)
    flow += _report.addressee(ctx)
    flow.append(ctx.p(ctx.title(), "title"))
    flow.append(ctx.p(ctx.t("subject")))
    flow.append(ctx.p(ctx.t("intro")))
    flow.append(ctx.p(ctx.t("what_heading"), "heading"))
    flow.append(ctx.p(ctx.t("what")))
    flow += _report.recipients(ctx)
    flow += _report.return_form(ctx)
    return flow
