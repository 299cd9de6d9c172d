"""Progress toward a program credential: pure counting, no database.

"At least 3 CMTE workshops": completed units (here or earlier, imported as past
completions) count toward the credential; active enrollments are shown as in
progress but never counted as completed.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgramProgress:
    required: int | None  # None: the program sets no count of units
    completed: int
    in_progress: int

    @property
    def taken(self) -> int:
        """Units completed or under way, never more than required."""
        taken = self.completed + self.in_progress
        return min(taken, self.required) if self.required else taken

    @property
    def is_met(self) -> bool:
        return self.required is not None and self.completed >= self.required

    @property
    def percent_taken(self) -> int:
        """The meter's fill: share of the required units completed or under way."""
        if not self.required:
            return 0
        return round(100 * self.taken / self.required)


def program_progress(
    *,
    counted_unit_ids: Iterable[int],
    min_count: int | None,
    completed_unit_ids: Iterable[int],
    active_unit_ids: Iterable[int],
    has_count_rule: bool = True,
) -> ProgramProgress:
    """Count the learner's units among those the program's rule counts.

    ``min_count`` None with a count rule means every counted unit is required.
    A unit both completed and active again counts once, as completed.
    """
    counted = set(counted_unit_ids)
    completed = counted & set(completed_unit_ids)
    in_progress = (counted & set(active_unit_ids)) - completed
    required = None
    if has_count_rule:
        required = min_count if min_count is not None else len(counted)
    return ProgramProgress(
        required=required, completed=len(completed), in_progress=len(in_progress)
    )
