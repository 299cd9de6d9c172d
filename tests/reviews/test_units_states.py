"""Requirement states of several units at once: the same states, constant queries."""

from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from programs.models import Unit
from reviews.selectors import requirement_states, requirement_states_for


def test_several_units_read_at_once_give_each_units_states(bench_small):
    learners = (
        User.objects.filter(email__endswith="@bench.test")
        .annotate(n=Count("enrollments"))
        .filter(n__gte=3)
        .order_by("-n", "pk")[:5]
    )
    units = list(Unit.objects.values_list("pk", flat=True))
    assert learners
    for learner in learners:
        one_by_one = {}
        for unit_id in units:
            one_by_one.update(
                requirement_states(learner_id=learner.pk, unit_id=unit_id)
            )
        with CaptureQueriesContext(connection) as queries:
            at_once = requirement_states_for(learner_ids=[learner.pk], unit_ids=units)[
                learner.pk
            ]
        assert at_once == one_by_one
        assert len(queries) <= 8
