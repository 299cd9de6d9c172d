"""Awards, the documents they produce and how each credential's outputs are set up."""

from .awards import Award, AwardDocument, AwardEvent
from .keys import IssuerKey
from .outputs import OutputSpec
from .status_lists import StatusList, StatusListEntry

__all__ = [
    "Award",
    "AwardDocument",
    "AwardEvent",
    "IssuerKey",
    "OutputSpec",
    "StatusList",
    "StatusListEntry",
]
