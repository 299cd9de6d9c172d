"""A facilitator's Met is cheap: its evaluation runs after commit, in the worker."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.models import ProgressEvaluationRequest
from reviews.models import Review
from tests.factories import EnrollmentFactory
from tests.reviews.scenarios import loyola_full
from tests.reviews.test_review_views import submit_text

pytestmark = pytest.mark.django_db

MAX_MET_STATEMENTS = 30


def _met_statements(client, others: int) -> int:
    world = loyola_full()
    version = submit_text(world)
    for _ in range(others):
        submit_text(world, EnrollmentFactory(offering=world.offering))
    client.force_login(world.facilitator)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("reviews:review", args=[version.submission_id]),
            {"decision": "met"},
        )
    assert response.status_code == 302
    assert Review.objects.get(version=version).decision == Review.Decision.MET
    assert ProgressEvaluationRequest.objects.filter(
        learner=world.enrollment.learner, unit=world.offering.unit
    ).exists()
    return len(queries)


def test_a_met_post_makes_at_most_30_statements_at_any_cohort_size(client):
    small, large = _met_statements(client, 1), _met_statements(client, 3)

    assert small == large
    assert small <= MAX_MET_STATEMENTS
