"""Awards, the documents they produce and how each credential's outputs are set up."""

from .awards import Award, AwardDocument, AwardEvent
from .bulk import BulkAwardItem
from .evaluation_requests import ProgressEvaluationRequest
from .keys import IssuerKey
from .outputs import OutputSpec
from .reminders import ExpiryReminder
from .status_lists import StatusList, StatusListEntry

__all__ = [
    "Award",
    "AwardDocument",
    "AwardEvent",
    "BulkAwardItem",
    "ExpiryReminder",
    "IssuerKey",
    "OutputSpec",
    "ProgressEvaluationRequest",
    "StatusList",
    "StatusListEntry",
]
