"""The figures of one report row, as plain data: summed per program, computed
without the database."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from .pass_rate import pass_rate


@dataclass
class Tally:
    """What happened in one offering (or, summed, in a program's offerings)."""

    active: int = 0
    completed: int = 0
    withdrawn: int = 0
    awarded: int = 0  # enrollments whose learner holds the unit's issued award
    # Versions waiting for review, by whole days waited (age -> how many).
    waiting_days: Counter[int] = field(default_factory=Counter)
    decided: int = 0
    passed: int = 0

    def add(self, other: "Tally") -> None:
        self.active += other.active
        self.completed += other.completed
        self.withdrawn += other.withdrawn
        self.awarded += other.awarded
        self.waiting_days.update(other.waiting_days)
        self.decided += other.decided
        self.passed += other.passed

    @property
    def enrolled(self) -> int:
        return self.active + self.completed + self.withdrawn

    @property
    def is_empty(self) -> bool:
        return not (self.enrolled or self.waiting_days or self.decided)


@dataclass(frozen=True)
class Waiting:
    """Submissions waiting for review and how long, in whole days."""

    count: int
    oldest_days: int | None
    median_days: Decimal | None


def waiting_ages(days: Counter[int]) -> Waiting:
    """The count, the oldest and the median of ages in whole days (as the
    facilitators' dashboard counts them); the median of an even count is the
    mean of the middle two."""
    count = sum(days.values())
    if not count:
        return Waiting(count=0, oldest_days=None, median_days=None)
    middle = [(count - 1) // 2, count // 2]  # positions in the sorted ages
    found, seen = [], 0
    for age in sorted(days):
        seen += days[age]
        while middle and middle[0] < seen:
            found.append(age)
            middle.pop(0)
    return Waiting(
        count=count,
        oldest_days=max(days),
        median_days=(Decimal(sum(found)) / 2).quantize(Decimal("0.1")),
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
