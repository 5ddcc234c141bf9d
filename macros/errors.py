"""Content problems, reported as `file:line: where: what`, all at once, sorted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentError:
    path: Path
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{location}: {self.where}: {self.message}"


class ContentErrors(Exception):
    """Every problem found in one run; raised only after all files were checked."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(errors, key=lambda e: (str(e.path), e.line or 0, e.where))
        super().__init__("\n".join(map(str, self.errors)))
