"""The one pass mark: ``Requirement.pass_score``, and the one rule that reads it.

A score passes when it reaches the requirement's pass mark (ISTE: 20 of 25). The
review's outcome, the learner's requirement state, the reports' pass rate and the
completion rule behind an award all ask ``score_passes`` (in Python) or
``score_passes_q`` (in a query), so changing the pass mark in the admin changes
them together.
"""

from django.db.models import F, Q


def score_passes(score: int | None, *, pass_score: int | None) -> bool:
    """Whether ``score`` reaches the pass mark; nothing passes without one."""
    return pass_score is not None and score is not None and score >= pass_score


def score_passes_q(*, score: str, requirement: str) -> Q:
    """``score_passes`` as a query condition: the ``score`` field reaches the
    pass mark of the ``requirement`` relation (both paths from the queried model)."""
    return Q(**{f"{score}__gte": F(f"{requirement}__pass_score")})
