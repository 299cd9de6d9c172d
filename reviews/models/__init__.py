"""Submissions (versioned, with artifacts), reviews, peer comments and checklists."""

from .checklists import ChecklistAnswer, ChecklistOption, ChecklistQuestion
from .decisions import CriterionScore, Review
from .peer import PeerComment
from .reminders import DeadlineReminder
from .submissions import Artifact, IsteStandard, Submission, SubmissionVersion

__all__ = [
    "Artifact",
    "ChecklistAnswer",
    "ChecklistOption",
    "ChecklistQuestion",
    "CriterionScore",
    "DeadlineReminder",
    "IsteStandard",
    "PeerComment",
    "Review",
    "Submission",
    "SubmissionVersion",
]
