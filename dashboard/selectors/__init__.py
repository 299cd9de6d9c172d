"""What each role's home shows, composed from the apps' selectors: a learner's
learning (``learner``), a facilitator's work waiting (``facilitator``), an
admin's operations (``operations``)."""

from .facilitator import facilitator_context
from .learner import dashboard_context
from .operations import operations_context

__all__ = ["dashboard_context", "facilitator_context", "operations_context"]
