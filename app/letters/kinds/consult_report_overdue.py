"""Reminder: the consultation report is late (its due date has passed and it has not been received)."""

from __future__ import annotations

from app.letters import blocks
from app.letters.kinds import _report


def story(ctx) -> list:
    flow = blocks.letterhead(ctx)
    flow += _report.addressee(ctx)
    flow.append(ctx.p(ctx.title(), "title"))
    flow.append(ctx.p(ctx.t("subject")))
    flow.append(ctx.p(ctx.t("intro"), "note"))
    flow.append(ctx.p(ctx.t("what")))
    flow += _report.recipients(ctx)
    flow += _report.return_form(ctx)
    return flow
