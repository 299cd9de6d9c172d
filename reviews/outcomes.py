"""The contract between reviews and certificates: where each requirement stands.

``reviews.selectors.requirement_states_for(learner_ids=..., unit_ids=...)`` returns,
for each learner, one ``RequirementState`` per requirement of the units; the
certificates evaluators read only these plain values.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    MISSING = "missing"  # nothing submitted yet (drafts do not count)
    UPCOMING = "upcoming"  # attendance: no required session missed, some to come
    PENDING_REVIEW = "pending_review"  # submitted, waiting for a review
    COMPLETE = "complete"  # done without a decision: review mode none, attendance
    MET = "met"
    NOT_MET = "not_met"
    SCORED = "scored"  # rubric: see score / out_of; passing is the evaluator's call


@dataclass(frozen=True)
class RequirementState:
    requirement_id: int
    outcome: Outcome
    submitted_at: dt.datetime | None = None  # the latest submitted version
    score: int | None = None
    out_of: int | None = None
    deadline: dt.date | None = None  # effective deadline, extensions included
