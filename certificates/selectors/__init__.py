"""Reads of awards and of a learner's progress toward them."""

from .awards import (
    award_document_get_for_user,
    award_get_for_verification,
    awards_for,
    normalize_code,
)
from .progress import ProgressReport, progress_reports_for

__all__ = [
    "ProgressReport",
    "award_document_get_for_user",
    "award_get_for_verification",
    "awards_for",
    "normalize_code",
    "progress_reports_for",
]
