"""Writes of awards. ``issuance`` (rendering, WeasyPrint) is imported by the worker
only, so it is not re-exported here."""

from .awards import award_reissue, award_request, award_retry, award_revoke
from .evaluation import progress_evaluate

__all__ = [
    "award_reissue",
    "award_request",
    "award_retry",
    "award_revoke",
    "progress_evaluate",
]
