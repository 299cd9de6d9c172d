"""The pass rate: the one definition every report and export uses.

A *decided review* is a facilitator's decision on a submitted version of a
requirement reviewed by a person (Met / Not Met, or a rubric score). Automatic
feedback (a checklist graded on submission, ``reviewer`` empty) is not a decision
and is left out. A decided review *passes* when it is Met, or when its rubric
score reaches the requirement's pass mark (ISTE: 20 of 25).

The pass rate is passes over decided reviews. Each decision counts: a Not Met
followed by a Met on the revised version is one pass in two decisions, which is
what a facilitator's workload and a program's first-time quality look like.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from programs.pass_mark import score_passes_q
from reviews.models import Review

# Conditions on ``Review`` rows (prefix-free: aggregate from ``Review``).
DECIDED = Q(reviewer__isnull=False)
PASSED = DECIDED & (
    Q(decision=Review.Decision.MET)
    | Q(decision=Review.Decision.SCORED)
    & score_passes_q(
        score="total_points", requirement="version__submission__requirement"
    )
)


def review_passes(review: Review) -> bool | None:
    """``PASSED`` read on one review; None when it is not a decision."""
    if review.reviewer_id is None:
        return None
    if review.decision == Review.Decision.SCORED:
        return bool(review.passed)
    return review.decision == Review.Decision.MET


def pass_rate(*, passed: int, decided: int) -> Decimal | None:
    """Passes over decisions as a percentage with one decimal; None with none."""
    if not decided:
        return None
    return (Decimal(100) * passed / decided).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
