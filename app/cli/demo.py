"""`sodesk demo`: fill a database with invented providers and requests for a first look."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="load demo data (invented providers and requests) into the database")
    demo.add_argument("--providers", type=int, default=2000, metavar="N")
    demo.add_argument("--requests", type=int, default=40, metavar="N")
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    from app.cli import desk_of
    from app.errors import InputProblem
    from app.services.demo import load_demo

    problems = [f"--{name}: give a number from 1 to {limit:,}" for name, value, limit in
                (("providers", args.providers, 200_000), ("requests", args.requests, 10_000))
                if not 1 <= value <= limit]
    if problems:
        raise InputProblem(problems)
    desk = desk_of(args)
    loaded = load_demo(desk, providers=args.providers, requests=args.requests)
    print(f"loaded {loaded.providers:,} demo providers, {loaded.requests} demo requests and {loaded.members:,} "
          f"roster members into {desk.location}")
    return 0
