"""A change never waits for an evaluation under way: the evaluation holds the
rows it read, and the change is a row of its own, evaluated by its own task."""

import threading

import pytest
from django.db import connection, transaction

from certificates.enqueue import evaluations_held
from certificates.models import ProgressEvaluationRequest
from certificates.services.evaluation_requests import progress_evaluation_request
from certificates.tasks import progress_evaluate_task
from core import clock
from tests.factories import LearnerFactory, UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_change_made_while_an_evaluation_holds_the_rows_does_not_wait():
    # given a change waiting (its task not sent: the test plays the worker)
    learner, unit = LearnerFactory(), UnitFactory()
    with evaluations_held():
        progress_evaluation_request(
            learner_id=learner.pk, unit_id=unit.pk, changed_at=clock.now()
        )
    held, release = threading.Event(), threading.Event()

    def evaluation_under_way():
        try:
            with transaction.atomic():
                list(ProgressEvaluationRequest.objects.select_for_update())
                held.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    worker = threading.Thread(target=evaluation_under_way)
    worker.start()
    try:
        assert held.wait(timeout=30)
        # when another change of the same learner and unit commits meanwhile,
        # refusing to wait more than a second for any lock
        with evaluations_held(), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '1s'")
            progress_evaluation_request(
                learner_id=learner.pk, unit_id=unit.pk, changed_at=clock.now()
            )
    finally:
        release.set()
        worker.join(timeout=30)

    # then both changes wait, each a row, and one delivery evaluates them together
    assert ProgressEvaluationRequest.objects.filter(learner=learner).count() == 2
    assert progress_evaluate_task(learner.pk, unit.pk) == 0
    assert not ProgressEvaluationRequest.objects.exists()
