"""load_demo gives learner1, learner2 and both facilitators work to look at."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from audit.models import AuditEvent
from certificates.selectors import progress_reports_for
from demo.activity import NOT_MET_FEEDBACK, demo_activity_load
from demo.services import (
    demo_facilitators_assign,
    demo_roles_assign,
    demo_users_load,
)
from enrollments.models import Enrollment, GroupOrder, Invoice, Participant
from enrollments.selectors import learner_enrollments
from programs.models import Requirement
from reviews.models import Artifact, Review, Submission, SubmissionVersion
from reviews.selectors.queue import QueueState, review_queue
from reviews.services.submissions import draft_save
from tests.catalog import demo_offering

ACTIVITY_MODELS = [
    get_user_model(),
    Enrollment,
    Invoice,
    GroupOrder,
    Participant,
    Submission,
    SubmissionVersion,
    Artifact,
    Review,
    AuditEvent,
]


@pytest.fixture
def demo_users(demo_catalog):
    users = demo_users_load(password="portal-demo")
    demo_facilitators_assign(users)
    demo_roles_assign(users)
    return users


@pytest.fixture
def demo_activity(demo_users, today):
    demo_activity_load(users=demo_users, today=today)
    return demo_users


def queue_of(user, state=QueueState.PENDING):
    return [
        (v.submission.enrollment.learner.email, v.submission.requirement.title)
        for v in review_queue(user=user, state=state)
    ]


def test_facilitator1_sees_learner1s_submission_waiting_for_review(demo_activity):
    facilitator = demo_activity["facilitator1@demo.test"]
    assert queue_of(facilitator) == [("learner1@demo.test", "Module activities")]
    assert queue_of(facilitator, QueueState.NOT_MET) == [
        ("learner2@demo.test", "Module activities")
    ]


def test_learner1_has_two_of_three_cmte_workshops_each_invoiced(demo_activity, today):
    learner = demo_activity["learner1@demo.test"]
    enrollments = learner_enrollments(learner=learner)
    cmte = [e for e in enrollments if e.offering.unit.slug in {"sotl", "otla"}]
    # Both in the runs under way on the load day.
    assert sorted(e.offering.pk for e in cmte) == sorted(
        demo_offering(slug, "current", today=today).pk for slug in ("sotl", "otla")
    )
    assert all(e.offering.start_date <= today <= e.offering.end_date for e in cmte)
    assert [e.invoice.total for e in cmte] == [Decimal("400.00")] * 2
    (report,) = [
        report
        for report in progress_reports_for(learner=learner)
        if report.credential.startswith("CMTE")
        or "Media and Technology" in report.credential
    ]
    assert (report.statement.done, report.statement.total) == (0, 3)
    assert report.statement.counts_units


def test_learner2_reads_not_met_feedback_and_may_resubmit(demo_activity):
    learner = demo_activity["learner2@demo.test"]
    review = Review.objects.get(version__submission__enrollment__learner=learner)
    assert review.decision == Review.Decision.NOT_MET
    assert review.feedback == NOT_MET_FEEDBACK
    assert review.reviewer == demo_activity["facilitator1@demo.test"]
    submission = review.version.submission
    draft = draft_save(
        enrollment=submission.enrollment,
        requirement=submission.requirement,
        text="Revised, with student work.",
    )
    assert draft.number == 2


def test_learner2_is_in_the_online_iste_cohort_with_the_pre_assessment_in(
    demo_activity,
):
    learner = demo_activity["learner2@demo.test"]
    enrollment = Enrollment.objects.get(
        learner=learner, offering__unit__slug="iste-certification"
    )
    assert enrollment.offering.label.startswith("Fully online cohort")
    kinds = set(
        SubmissionVersion.objects.filter(
            submission__enrollment=enrollment,
            status=SubmissionVersion.Status.SUBMITTED,
        ).values_list("submission__requirement__kind", flat=True)
    )
    assert kinds == {Requirement.Kind.PRE_ASSESSMENT}
    # the cohort has not started: its e-portfolio takes no work yet
    assert not SubmissionVersion.objects.filter(
        submission__enrollment=enrollment,
        submission__requirement__kind=Requirement.Kind.PORTFOLIO,
    ).exists()
    assert queue_of(demo_activity["facilitator2@demo.test"]) == []


def test_learner2s_group_of_ten_gets_25_percent_off(demo_activity, today):
    order = GroupOrder.objects.get(leader=demo_activity["learner2@demo.test"])
    assert order.status == GroupOrder.Status.CONFIRMED
    assert order.offering == demo_offering(
        order.offering.unit.slug, "next", today=today
    )
    assert order.enrollments.count() == 10
    invoice = Invoice.objects.get(order=order)
    assert [line.amount for line in invoice.lines.order_by("position")] == [
        Decimal("4000.00"),
        Decimal("-1000.00"),
    ]
    assert invoice.total == Decimal("3000.00")


def test_running_it_twice_changes_no_rows(demo_activity, today):
    first = {model.__name__: model.objects.count() for model in ACTIVITY_MODELS}
    demo_activity_load(users=demo_activity, today=today)
    assert {model.__name__: model.objects.count() for model in ACTIVITY_MODELS} == first


def test_nothing_is_enrolled_when_no_run_is_open_or_under_way(demo_users, today):
    # two years on, every run of the catalogue loaded today has ended
    demo_activity_load(users=demo_users, today=today + dt.timedelta(weeks=104))
    assert not Enrollment.objects.exists()
    assert not GroupOrder.objects.exists()
