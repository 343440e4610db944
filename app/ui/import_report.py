"""What the clerk is told after a file import (the provider directory's, the member roster's): one summary
line, the first problems one a line, every problem in the box's details."""

from __future__ import annotations

from pathlib import Path

from app.errors import InputProblem

PROBLEMS_SHOWN = 10  # in the report's text; every one is in its details


def import_failure_text(error: BaseException, path: Path) -> str:
    """What the clerk is told when an import did not happen (the repository changed nothing)."""
    if isinstance(error, InputProblem):  # an unusable file
        return error.render()
    return f"{path.name}: the import stopped and nothing was changed ({error})."


def report_summary(report) -> str:
    """`report`: an ImportReport (app.storage.tabular)."""
    return (f"{report.inserted} inserted, {report.updated} updated, {report.unchanged} unchanged, "
            f"{report.skipped} skipped")


def report_problems(report, limit: int = PROBLEMS_SHOWN) -> str:
    """The first skipped rows, one a line ("line 3, column 1 (npi): ..."), then how many more."""
    lines = report.problems[:limit]
    if len(report.problems) > limit:
        lines.append(f"… and {len(report.problems) - limit} more (Show Details lists every one).")
    return "\n".join(lines)


def report_details(report) -> str:
    return "\n".join([*report.problems, *report.warnings])
