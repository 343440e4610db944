"""A determination as a person reads it: the answers first, then why, each with its citation."""

from __future__ import annotations

from app.domain.models import Determination
from app.domain.time import format_pacific

ELIGIBLE = {"yes": "Yes", "no": "No: the request cannot be accepted as made",
            "review": "A reviewer decides (see the findings)"}
NETWORK = {"in": "In network", "out": "Out of network", "unknown": "Not in the directory: check with the plan",
           None: "No professional chosen yet"}
QUALIFIED = {True: "Yes", False: "No", None: "Cannot tell yet"}


def summary_rows(determination: Determination) -> list[tuple[str, str]]:
    """The answers, in the words every view uses (the intake, the request screen, `sodesk evaluate --text`)."""
    d = determination
    return [
        ("Eligible", ELIGIBLE[d.eligible]),
        ("Network", NETWORK[d.network]),
        ("Qualified", QUALIFIED[d.provider_qualified]),
        ("Authorization", f"Required, from {d.authorizer}" if d.authorization_required else "Not required"),
        ("Decide by", format_pacific(d.decision_due) if d.decision_due else "No decision needed"),
        ("Consult by", format_pacific(d.consult_due) if d.consult_due else "No urgent deadline"),
        ("Member pays", f"${d.member_cost}"),
    ]


def determination_text(determination: Determination) -> str:
    d = determination
    lines = [f"{d.plan_name} ({d.policy_revision}); received {format_pacific(d.received_at)}"]
    lines += [f"{label + ':':<16} {value}" for label, value in summary_rows(d)]
    if d.alternatives:
        lines.append("Qualified in-network professionals:")
        for number, alt in enumerate(d.alternatives, 1):
            details = [alt.specialty, alt.city, alt.phone, ", ".join(alt.languages),
                       "accepting new patients" if alt.accepting_new_patients else "not accepting new patients"]
            lines.append(f"  {number}. {alt.name} (NPI {alt.npi}): " + "; ".join(x for x in details if x))
    lines.append("Findings:")
    for finding in d.findings:
        lines.append(f"  [{finding.severity.value.upper()}] {finding.message}")
        lines.append(f"      {finding.citation}")
    return "\n".join(lines) + "\n"
