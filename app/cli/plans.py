"""`sodesk plans`: the plans this desk knows, with the policy each follows."""

from __future__ import annotations

import argparse
import json
import sys


def register(commands: argparse._SubParsersAction) -> None:
    plans = commands.add_parser("plans", help="list the plans and the policy revision each follows")
    plans.add_argument("--json", action="store_true", help="print JSON instead of a table")
    plans.set_defaults(handler=run_plans)


def run_plans(args: argparse.Namespace) -> int:
    from app.rules.profiles import default_profiles

    profiles = default_profiles()
    if args.json:
        rows = [
            {"id": p.id, "name": p.name, "product": p.product, "policy_revision": p.policy_revision}
            for p in profiles.values()
        ]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return 0
    width = max(len(plan_id) for plan_id in profiles)
    for profile in profiles.values():
        sys.stdout.write(f"{profile.id:<{width}}  {profile.name}  [{profile.policy_revision}]\n")
    return 0
