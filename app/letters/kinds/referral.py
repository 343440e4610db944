"""Referral / authorization letter to the second-opinion professional (GG.1538 III.F-G; HPSJ II.G; Anthem VI;
Health Net 20-1030): who the member is, what is asked and why, the authorization, and the plan's required wording."""

from __future__ import annotations

from app.letters import blocks


def story(ctx) -> list:
    v, request, case = ctx.values, ctx.request, ctx.case
    flow = blocks.letterhead(ctx)
    flow += blocks.address_block(ctx, [f"{ctx.common.labels['to']}"] + blocks.professional_lines(ctx)
                                 if ctx.letter.professional else [ctx.common.labels["to"]])
    flow.append(ctx.p(ctx.title(), "title"))
    flow.append(ctx.p(ctx.t("subject"), "body"))
    flow.append(ctx.p(ctx.t("intro")))
    if request.urgent:
        flow.append(ctx.p(ctx.t("urgent_note"), "note"))

    flow.append(ctx.p(ctx.t("member_heading"), "heading"))
    flow.append(blocks.facts(ctx, blocks.member_rows(ctx)))

    flow.append(ctx.p(ctx.t("request_heading"), "heading"))
    care_from = ctx.label("care_from_pcp" if request.care_in_question.from_.value == "pcp"
                          else "care_from_specialist")
    opinion = ctx.label("third_opinion" if request.opinion_number == 3 else "second_opinion")
    rows = [
        (ctx.label("requester"), v["requester"]),
        (ctx.label("pcp"), v["pcp_name"]),
        (ctx.label("care_in_question"), f"{care_from}: {v['care_name']}"),
        (ctx.label("opinion_number"), opinion),
        (ctx.label("procedure"), v["procedure"]),
        (ctx.label("diagnoses"), blocks.diagnoses_markup(ctx)),
        (ctx.label("reasons"), blocks.reasons_markup(ctx)),
        (ctx.label("urgency"), ctx.label("urgent") if request.urgent else ctx.label("routine")),
    ]
    flow.append(blocks.facts(ctx, rows))

    flow.append(ctx.p(ctx.t("authorization_heading"), "heading"))
    if case.authorization is not None:
        flow.append(blocks.facts(ctx, [
            (ctx.label("authorization_number"), f"<b>{v['auth_number']}</b>"),
            (ctx.label("valid_from"), v["auth_valid_from"]),
            (ctx.label("valid_to"), v["auth_valid_to"]),
        ]))
    else:
        flow.append(ctx.p(ctx.t("no_authorization")))

    flow.append(ctx.p(ctx.t("requirements_heading"), "heading"))
    flow.append(ctx.p(ctx.t("requirements_intro")))
    flow += blocks.clause_list(ctx, ctx.wording.referral_clauses)

    flow.append(ctx.p(ctx.t("report_heading"), "heading"))
    member_lines = ", ".join(line for line in blocks.member_address_lines(ctx) if line)
    flow.append(ctx.p(ctx.t("report_to_member", ), "clause", bulletText="•"))
    flow.append(ctx.p(_escape(member_lines), "cite"))
    flow.append(ctx.p(ctx.t("report_to_pcp"), "clause", bulletText="•"))
    flow.append(ctx.p(ctx.t("report_to_us"), "clause", bulletText="•"))
    flow.append(blocks.signature(ctx, ctx.t("signature_heading")))
    return flow


def _escape(text: str) -> str:
    from app.letters.fonts import markup

    return markup(text)
