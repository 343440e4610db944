"""Errors that carry a message for the person at the keyboard (never a traceback)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem and where it is, kept apart so code can act on the place (mark a field, name a column)
    without reading it back out of the sentence.

    `field_path` is the field ('member.date_of_birth', 'diagnoses[1]'; in a CSV row, the column's name);
    `line` and `column` place it in a file (`column` a number, or a column's name where a file's columns are
    named); `label` is the words the text names the place by when they are not its path ('authorization
    number', '(top level)'); `kind` is what went wrong, for code that acts on it (pydantic's error type, e.g.
    'missing').
    """

    message: str
    field_path: str | None = None
    line: int | None = None
    column: int | str | None = None
    label: str | None = None
    kind: str | None = None

    def render(self) -> str:
        """'diagnoses[1]: message', 'line 3, column 2: message', 'line 6, column 1 (npi): message', or the
        message alone."""
        name = self.label or self.field_path
        if self.line is not None:
            where = f"line {self.line}" + (f", column {self.column}" if self.column is not None else "")
            where += f" ({name})" if name else ""
        else:
            where = name or ""
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        return self.render()


class InputProblem(Exception):
    """Bad input: each problem names where it is (field path, or line and column) and what is expected.

    `items` holds the `Problem`s; `problems` the same as the text says them. A plain string given is a
    problem without a place.
    """

    def __init__(self, problems: Iterable[Problem | str], source: str | None = None) -> None:
        self.items: list[Problem] = [item if isinstance(item, Problem) else Problem(item) for item in problems]
        self.source = source
        super().__init__(self.render())

    @property
    def problems(self) -> list[str]:
        return [item.render() for item in self.items]

    def render(self) -> str:
        head = f"{self.source}: " if self.source else ""
        problems = self.problems
        if len(problems) == 1:
            return head + problems[0]
        lines = [f"{head}{len(problems)} problems:"]
        lines += [f"  - {problem}" for problem in problems]
        return "\n".join(lines)


class ServerUnavailable(InputProblem):
    """The office database server cannot be reached (stopped, unplugged, refused): nothing was written there."""


class PasswordNeeded(ServerUnavailable):
    """The server answered but wants a (right) password for this user."""
