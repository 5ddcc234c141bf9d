"""Review discipline: every playbook has an owner, a last review and an interval."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta

from .catalog import Catalog
from .errors import ContentError
from .models import Playbook


def today() -> date:
    """The build date; HANDBOOK_TODAY pins it for reproducible builds and tests."""
    pinned = os.environ.get("HANDBOOK_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


@dataclass(frozen=True)
class ReviewStatus:
    playbook: Playbook
    reviewed: date
    due: date
    on: date

    @property
    def overdue(self) -> bool:
        return self.on > self.due

    @property
    def days_left(self) -> int:
        return (self.due - self.on).days


def review_status(playbook: Playbook, on: date) -> ReviewStatus:
    reviewed = date.fromisoformat(playbook.reviewed)
    return ReviewStatus(playbook, reviewed, reviewed + timedelta(days=playbook.review_every_days), on)


def review_statuses(catalog: Catalog, on: date) -> list[ReviewStatus]:
    """Every playbook, the most urgent first."""
    return sorted((review_status(p, on) for p in catalog.playbooks), key=lambda s: (s.due, s.playbook.id))


def overdue_reviews(catalog: Catalog, on: date) -> list[ContentError]:
    problems = []
    for status in review_statuses(catalog, on):
        if status.overdue:
            source = catalog.sources[status.playbook.id]
            problems.append(ContentError(
                source.path, source.line_of(("reviewed",)), "reviewed",
                f"review overdue since {status.due.isoformat()} (every {status.playbook.review_every_days} "
                f"days; owner: {status.playbook.owner.en})",
            ))
    return problems
