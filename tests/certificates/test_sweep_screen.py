"""The progress sweep's screen drops only pairs that cannot earn anything."""

from django.db import transaction
from django.utils import timezone

from certificates.selectors.sweep import sweep_candidates
from certificates.services.evaluation import progress_evaluate
from enrollments.models import Enrollment
from programs.models import CompletionRule


def _earning_pairs(today) -> set[tuple[int, int]]:
    """Every active pair evaluated in full (rolled back): those that award."""
    pairs = set(
        Enrollment.objects.filter(status="active").values_list(
            "learner_id", "offering__unit_id"
        )
    )
    earning = set()
    for learner_id, unit_id in sorted(pairs):
        with transaction.atomic():
            if progress_evaluate(learner_id=learner_id, unit_id=unit_id, today=today):
                earning.add((learner_id, unit_id))
            transaction.set_rollback(True)
    return earning


def test_a_loosened_program_rule_reaches_every_learner_the_full_sweep_reaches(
    bench_small,
):
    # An admin lowers the CMTE Certificate to one workshop: learners with one
    # completed workshop and another under way now earn it.
    rule = CompletionRule.objects.get(program__slug="cmte")
    rule.min_count = 1
    rule.save()
    today = timezone.localdate()
    earning = _earning_pairs(today)
    assert earning
    assert earning <= set(sweep_candidates(today=today))


def test_a_run_that_has_ended_is_evaluated(bench_small):
    # The runs under way end today: met early, their units are earned now.
    today = timezone.localdate()
    current = Enrollment.objects.filter(
        status="active", offering__start_date__lte=today
    )
    offerings = {e.offering for e in current}
    for offering in offerings:
        offering.end_date = today
        offering.save(update_fields=["end_date"])
    earning = _earning_pairs(today)
    assert earning
    assert earning <= set(sweep_candidates(today=today))


def test_the_screen_drops_the_pairs_that_cannot_earn_today(bench_small):
    # With the rules as they are, most active pairs have nothing to earn today
    # (runs under way, work missing): the screen must leave them out.
    today = timezone.localdate()
    active = set(
        Enrollment.objects.filter(status="active").values_list(
            "learner_id", "offering__unit_id"
        )
    )
    candidates = set(sweep_candidates(today=today))
    assert candidates <= active
    assert len(candidates) < len(active)
    assert _earning_pairs(today) <= candidates
