"""The plans' ids and names for lists and filters, read without validating the profiles (the desk's first
screen needs the names, not the rules; the full profiles load, and are checked, when a request is evaluated)."""

from __future__ import annotations

import tomllib
from pathlib import Path


def plan_names(directory: Path | None = None) -> list[tuple[str, str]]:
    """(id, name) of every plan file, by id; a file without a name takes the one of the plan it extends."""
    if directory is None:
        from app.paths import resource_path

        directory = resource_path("plans")
    raw: dict[str, dict] = {}
    for path in sorted(directory.glob("*.toml")):
        try:
            text = path.read_text(encoding="utf-8")
            table = text.find("\n[")  # top-level keys (id, name, extends) come before the first table
            raw[path.stem] = tomllib.loads(text if table < 0 else text[:table])
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            raw[path.stem] = {}  # the full load reports it, with line and column, when the plan is used

    def name(plan_id: str, seen: frozenset[str] = frozenset()) -> str:
        data = raw.get(plan_id, {})
        if isinstance(data.get("name"), str):
            return data["name"]
        base = data.get("extends")
        if isinstance(base, str) and base in raw and base not in seen:
            return name(base, seen | {plan_id})
        return plan_id

    return [(plan_id, name(plan_id)) for plan_id in raw]
