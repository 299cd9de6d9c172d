"""The figures of one report row, as plain data: summed per program, computed
without the database (the time passed in)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from .pass_rate import pass_rate


@dataclass
class Tally:
    """What happened in one offering (or, summed, in a program's offerings)."""

    active: int = 0
    completed: int = 0
    withdrawn: int = 0
    awarded: int = 0  # enrollments whose learner holds the unit's issued award
    waiting_since: list[dt.datetime] = field(default_factory=list)
    decided: int = 0
    passed: int = 0

    def add(self, other: "Tally") -> None:
        self.active += other.active
        self.completed += other.completed
        self.withdrawn += other.withdrawn
        self.awarded += other.awarded
        self.waiting_since.extend(other.waiting_since)
        self.decided += other.decided
        self.passed += other.passed

    @property
    def enrolled(self) -> int:
        return self.active + self.completed + self.withdrawn

    @property
    def is_empty(self) -> bool:
        return not (self.enrolled or self.waiting_since or self.decided)


@dataclass(frozen=True)
class Waiting:
    """Submissions waiting for review and how long, in whole days."""

    count: int
    oldest_days: int | None
    median_days: Decimal | None


def waiting_ages(since: list[dt.datetime], *, now: dt.datetime) -> Waiting:
    """Ages in whole days (as the facilitators' dashboard counts them); the
    median of an even count is the mean of the middle two."""
    if not since:
        return Waiting(count=0, oldest_days=None, median_days=None)
    days = [(now - moment).days for moment in since]
    return Waiting(
        count=len(days),
        oldest_days=max(days),
        median_days=Decimal(str(median(days))).quantize(Decimal("0.1")),
    )


@dataclass(frozen=True)
class ReportRow:
    """One offering or program with its figures."""

    subject: object  # the Offering or the CredentialProgram
    tally: Tally
    waiting: Waiting
    issued: int | None = None  # program credentials issued in the range
    revoked: int | None = None  # program credentials revoked in the range

    @property
    def pass_rate(self) -> Decimal | None:
        return pass_rate(passed=self.tally.passed, decided=self.tally.decided)
