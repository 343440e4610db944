"""Errors that carry a message for the person at the keyboard (never a traceback)."""

from __future__ import annotations


class InputProblem(Exception):
    """Bad input: each problem names where it is (field path, or line and column) and what is expected."""

    def __init__(self, problems: list[str], source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        super().__init__(self.render())

    def render(self) -> str:
        head = f"{self.source}: " if self.source else ""
        if len(self.problems) == 1:
            return head + self.problems[0]
        lines = [f"{head}{len(self.problems)} problems:"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


class ServerUnavailable(InputProblem):
    """The office database server cannot be reached (stopped, unplugged, refused): nothing was written there."""


class PasswordNeeded(ServerUnavailable):
    """The server answered but wants a (right) password for this user."""
