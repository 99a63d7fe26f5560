"""The error types a user can cause, each able to say what to fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong at one place: a JSON path or TOML key, and the fix."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class FreeCVError(Exception):
    """A user-caused error with a message fit to show as it is."""

    title = "Error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CVFileError(FreeCVError):
    """A cv.json file that cannot be read or is not valid."""

    title = "Invalid CV"

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{source}:\n{lines}")


class RoleFileError(FreeCVError):
    """A role file that cannot be loaded."""

    title = "Invalid role file"

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


class ExportError(FreeCVError):
    """An export that could not be written; nothing partial was left behind."""

    title = "Export failed"
