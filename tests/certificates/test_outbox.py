"""A progress change commits a request to evaluate it (the outbox); the worker
evaluates it after commit, and the progress sweep finishes any left."""

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from certificates.models import Award, ProgressEvaluationRequest
from certificates.services import evaluation
from certificates.services.evaluation import progress_sweep
from certificates.tasks import progress_evaluate_task
from core import clock
from reviews.models import Review
from reviews.services.reviews import review_decide
from tests.factories import PortalAdminFactory

from . import journeys
from .journeys import award_of

pytestmark = pytest.mark.django_db

UNIT = "loyola-full-technology-integration"


@pytest.fixture
def project(catalog, learner):
    """Loyola Full with the module activities Met: Met on the project earns it."""
    enrollment = journeys.enroll(learner, UNIT)
    journeys.met(journeys.submit(enrollment, "Module activities"))
    return journeys.submit(enrollment, "Competency-based project")


def test_a_met_whose_evaluation_raises_still_saves_the_review_and_the_sweep_later_issues_the_award(  # noqa: E501
    project, learner, client, monkeypatch, django_capture_on_commit_callbacks
):
    # given an evaluation that raises
    def broken(**kwargs):
        raise KeyError("a rule the evaluator does not know")

    monkeypatch.setattr(evaluation, "learner_facts", broken)
    client.force_login(PortalAdminFactory())

    # when a facilitator posts Met and the change commits (the task runs after)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:review", args=[project.submission_id]),
            {"decision": "met"},
        )

    # then the review is saved, and the request waits with its failure counted
    assert response.status_code == 302
    assert Review.objects.get(version=project).decision == Review.Decision.MET
    assert award_of(learner, unit=UNIT) is None
    request = ProgressEvaluationRequest.objects.get(learner=learner)
    assert (request.attempts, request.unit.slug) == (1, UNIT)
    assert "a rule the evaluator does not know" in request.last_error

    # when the evaluation is mended and the sweep runs
    monkeypatch.undo()
    summary = progress_sweep(now=clock.now())

    # then the award is requested and the request is gone
    assert summary == {"requested": 1, "failed": 0}
    assert award_of(learner, unit=UNIT).status == Award.Status.PENDING
    assert not ProgressEvaluationRequest.objects.exists()


def test_the_request_commits_with_the_review_and_is_removed_once_evaluated(
    project, learner, django_capture_on_commit_callbacks
):
    # when the project is decided Met
    with django_capture_on_commit_callbacks() as after_commit:
        review_decide(reviewer=PortalAdminFactory(), version=project, decision="met")

    # then the request is written with it, and nothing is evaluated before commit
    request = ProgressEvaluationRequest.objects.get(learner=learner)
    assert request.unit == project.submission.requirement.unit
    assert award_of(learner, unit=UNIT) is None

    # when the transaction commits (the task runs in-process without a broker)
    for callback in after_commit:
        callback()

    # then the award is requested and the request deleted
    assert award_of(learner, unit=UNIT).status == Award.Status.PENDING
    assert not ProgressEvaluationRequest.objects.exists()


def _met_then_fails(version) -> None:
    with transaction.atomic():
        review_decide(reviewer=PortalAdminFactory(), version=version, decision="met")
        raise RuntimeError("the request fails after the review")


def test_a_review_rolled_back_leaves_no_request(project, learner):
    with pytest.raises(RuntimeError):
        _met_then_fails(project)

    assert not Review.objects.filter(version=project).exists()
    assert not ProgressEvaluationRequest.objects.exists()


def test_a_duplicate_delivery_evaluates_once(project, learner):
    review_decide(reviewer=PortalAdminFactory(), version=project, decision="met")
    unit_id = project.submission.requirement.unit_id

    first = progress_evaluate_task(learner.pk, unit_id)
    second = progress_evaluate_task(learner.pk, unit_id)

    assert (first, second) == (1, None)
    award = Award.objects.get(learner=learner, unit_id=unit_id)
    assert list(award.events.values_list("kind", flat=True)) == ["requested"]


def test_changes_waiting_together_are_evaluated_once_at_the_later_one(project, learner):
    # given the project's Met waiting, and an earlier change of the unit too
    review_decide(reviewer=PortalAdminFactory(), version=project, decision="met")
    unit = project.submission.requirement.unit
    evaluation_request(learner, unit, clock.now() - dt.timedelta(days=1))
    assert ProgressEvaluationRequest.objects.filter(learner=learner).count() == 2

    # when a delivery evaluates, and a second one comes
    first = progress_evaluate_task(learner.pk, unit.pk)
    second = progress_evaluate_task(learner.pk, unit.pk)

    # then one award, earned on the day of the later change, and no request left
    assert (first, second) == (1, None)
    award = award_of(learner, unit=UNIT)
    assert award.earned_on == clock.local_day(clock.now(), unit.provider.zone)
    assert not ProgressEvaluationRequest.objects.exists()


def evaluation_request(learner, unit, moment):
    from certificates.services.evaluation_requests import (
        progress_evaluation_request,
    )

    progress_evaluation_request(
        learner_id=learner.pk, unit_id=unit.pk, changed_at=moment
    )


def test_an_admin_evaluates_a_failed_change_again_from_its_list(
    project, learner, admin_client
):
    # given the project's Met waiting, its evaluation failed once
    review_decide(reviewer=PortalAdminFactory(), version=project, decision="met")
    ProgressEvaluationRequest.objects.update(attempts=1, last_error="KeyError('x')")
    url = reverse("admin:certificates_progressevaluationrequest_changelist")
    listed = admin_client.get(url, {"state": "failed"}).content.decode()
    assert "KeyError" in listed

    # when the admin evaluates it from the list
    response = admin_client.post(
        url,
        {
            "action": "evaluate_now",
            "_selected_action": list(
                ProgressEvaluationRequest.objects.values_list("pk", flat=True)
            ),
        },
        follow=True,
    )

    # then the award is requested and the change is no longer waiting
    assert "1 learner and unit evaluated." in response.content.decode()
    assert award_of(learner, unit=UNIT).status == Award.Status.PENDING
    assert not ProgressEvaluationRequest.objects.exists()
