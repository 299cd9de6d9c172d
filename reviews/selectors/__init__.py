"""Reads of submissions and reviews, and the object-permission lookups.

``requirement_states_for`` is the contract certificates reads (see
``reviews.outcomes``).
"""

from .access import (
    artifact_get_for_viewer,
    enrollment_get_for_admin,
    enrollment_get_for_learner,
    peer_version_get,
    requirement_get_for_enrollment,
    submission_get_for_learner,
    submission_get_for_reviewer,
)
from .history import (
    checklist_questions,
    draft_artifacts,
    peer_projects,
    submission_for,
    submission_versions,
)
from .page import requirement_page
from .portfolios import PortfolioProgress, portfolios_in_progress
from .queue import (
    QueueState,
    oldest_waiting,
    review_queue,
    review_queue_counts,
    review_queue_page,
    reviewable_offering_ids,
    reviewable_requirements,
    waiting_for_review,
)
from .states import (
    RequirementRow,
    Status,
    enrollment_requirement_rows,
    requirement_rows_for,
    requirement_states,
    requirement_states_for,
)
from .teaching import OfferingWork, offerings_to_run

__all__ = [
    "OfferingWork",
    "PortfolioProgress",
    "QueueState",
    "RequirementRow",
    "Status",
    "artifact_get_for_viewer",
    "checklist_questions",
    "draft_artifacts",
    "enrollment_get_for_admin",
    "enrollment_get_for_learner",
    "enrollment_requirement_rows",
    "offerings_to_run",
    "oldest_waiting",
    "peer_projects",
    "peer_version_get",
    "portfolios_in_progress",
    "requirement_get_for_enrollment",
    "requirement_page",
    "requirement_rows_for",
    "requirement_states",
    "requirement_states_for",
    "review_queue",
    "review_queue_counts",
    "review_queue_page",
    "reviewable_offering_ids",
    "reviewable_requirements",
    "submission_for",
    "submission_get_for_learner",
    "submission_get_for_reviewer",
    "submission_versions",
    "waiting_for_review",
]
