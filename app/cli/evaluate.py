"""`sodesk evaluate FILE.json` and `sodesk schema`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.errors import InputProblem


def register(commands: argparse._SubParsersAction) -> None:
    evaluate = commands.add_parser(
        "evaluate",
        help="print the determination for a request (JSON file, or - for standard input)",
        description="Check a second-opinion request against its plan and print the determination as JSON.",
    )
    evaluate.add_argument("file", metavar="FILE.json", help="the request; - reads standard input")
    evaluate.add_argument("--text", action="store_true", help="print a summary for a person instead of JSON")
    evaluate.set_defaults(handler=run_evaluate)

    schema = commands.add_parser("schema", help="print the request's JSON Schema")
    schema.set_defaults(handler=run_schema)


def _read(name: str) -> tuple[str, str]:
    if name == "-":
        return sys.stdin.read().removeprefix("\ufeff"), "standard input"
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8-sig"), str(path)
    except FileNotFoundError:
        raise InputProblem([f"no such file: {path}"]) from None
    except IsADirectoryError:
        raise InputProblem([f"{path} is a folder: give the request's JSON file"]) from None
    except UnicodeDecodeError as error:
        raise InputProblem([f"byte {error.start}: not UTF-8 text; save the file as UTF-8"], source=str(path)) from None
    except OSError as error:
        raise InputProblem([f"cannot read {path}: {error.strerror}"]) from None


def run_evaluate(args: argparse.Namespace) -> int:
    from app.cli import db_target
    from app.services.context import evaluator_for
    from app.services.evaluation import load_request_json

    text, source = _read(args.file)
    request = load_request_json(text, source)
    evaluator = evaluator_for(db_target(args))
    try:
        determination = evaluator.evaluate(request)
    except InputProblem as problem:
        raise InputProblem(problem.items, source=source) from None
    if args.text:
        from app.services.summary import determination_text

        sys.stdout.write(determination_text(determination))
    else:
        sys.stdout.write(determination.model_dump_json(indent=2, by_alias=True) + "\n")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from app.domain.models import Request

    schema = Request.model_json_schema(by_alias=True)
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return 0
