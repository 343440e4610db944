"""A determination as a person reads it: the answers first, then why, each with its citation."""

from __future__ import annotations

from app.domain.models import Determination
from app.domain.time import format_pacific

_ELIGIBLE = {"yes": "yes", "no": "no: the request cannot be accepted as made",
             "review": "a reviewer decides (see the findings)"}
_NETWORK = {"in": "in network", "out": "OUT of network", "unknown": "not in the directory: check with the plan",
            None: "no professional chosen yet"}
_QUALIFIED = {True: "yes", False: "NO", None: "cannot tell yet"}


def determination_text(determination: Determination) -> str:
    d = determination
    lines = [
        f"{d.plan_name} ({d.policy_revision}); received {format_pacific(d.received_at)}",
        f"Eligible:        {_ELIGIBLE[d.eligible]}",
        f"Network:         {_NETWORK[d.network]}",
        f"Qualified:       {_QUALIFIED[d.provider_qualified]}",
        "Authorization:   " + (f"required, from {d.authorizer}" if d.authorization_required else "not required"),
        "Decide by:       " + (format_pacific(d.decision_due) if d.decision_due else "no decision needed"),
        "Consult by:      " + (format_pacific(d.consult_due) if d.consult_due else "no urgent deadline"),
        f"Member pays:     ${d.member_cost}",
    ]
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
