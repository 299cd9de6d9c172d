"""Facilitators decide Met / Not Met or score the ISTE rubric; all of it is audited."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from audit.models import AuditEvent
from reviews import messages
from reviews.models import CriterionScore, Review
from reviews.services.reviews import review_decide, review_score
from reviews.services.submissions import draft_save, submission_submit
from tests.factories import FacilitatorFactory, PortalAdminFactory
from tests.reviews.scenarios import (
    add_artifacts,
    during_course,
    iste_portfolio,
    loyola_full,
    scores,
)

pytestmark = pytest.mark.django_db


def submitted(world, text="My project"):
    if world.requirement.kind == "portfolio":
        add_artifacts(world, 9)
    else:
        draft_save(
            enrollment=world.enrollment, requirement=world.requirement, text=text
        )
    return submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )


def test_not_met_without_feedback_is_refused():
    world = loyola_full()
    version = submitted(world)
    with pytest.raises(messages.ReviewsRefused) as refused:
        review_decide(
            reviewer=world.facilitator,
            version=version,
            decision="not_met",
            feedback="   ",
        )
    assert refused.value.message == messages.FEEDBACK_REQUIRED
    assert not Review.objects.exists()


def test_the_database_refuses_not_met_without_feedback():
    world = loyola_full()
    version = submitted(world)
    with pytest.raises(IntegrityError):
        Review.objects.create(version=version, decision="not_met", feedback="")


def test_met_is_recorded_with_the_reviewer_and_audited():
    world = loyola_full()
    version = submitted(world)

    review = review_decide(
        reviewer=world.facilitator,
        version=version,
        decision="met",
        feedback="Clear and complete.",
    )

    review.refresh_from_db()
    assert (review.decision, review.reviewer) == ("met", world.facilitator)
    event = AuditEvent.objects.get(action="review.decided")
    assert event.actor == world.facilitator
    assert event.learner == world.enrollment.learner
    assert event.before is None
    assert event.after["decision"] == "met"
    learner = world.enrollment.learner
    assert event.summary == f"{version.submission.requirement} v1 of {learner}: Met"


def test_a_facilitator_of_another_offering_cannot_review():
    world = loyola_full()
    version = submitted(world)
    with pytest.raises(PermissionDenied):
        review_decide(reviewer=FacilitatorFactory(), version=version, decision="met")
    assert not Review.objects.exists()


def test_an_admin_can_review_any_offering():
    world = loyola_full()
    version = submitted(world)
    review = review_decide(
        reviewer=PortalAdminFactory(), version=version, decision="met"
    )
    assert review.pk


def test_a_draft_is_never_reviewed():
    world = loyola_full()
    draft = draft_save(
        enrollment=world.enrollment, requirement=world.requirement, text="x"
    )
    with pytest.raises(messages.ReviewsRefused) as refused:
        review_decide(reviewer=world.facilitator, version=draft, decision="met")
    assert refused.value.message == messages.ONLY_SUBMITTED


def test_an_older_version_is_not_reviewed_once_a_newer_one_exists():
    world = loyola_full()
    first = submitted(world)
    review_decide(
        reviewer=world.facilitator,
        version=first,
        decision="not_met",
        feedback="Add a rubric.",
    )
    submitted(world, text="Revised")
    with pytest.raises(messages.ReviewsRefused) as refused:
        review_decide(reviewer=world.facilitator, version=first, decision="met")
    assert refused.value.message == messages.NOT_LATEST % {"number": 1}
    first.review.refresh_from_db()
    assert first.review.decision == "not_met"


def test_the_trail_records_each_decision_of_a_revise_and_resubmit_cycle():
    # given a Loyola Full project Not Met, revised and then Met
    world = loyola_full()
    first = submitted(world)
    review_decide(
        reviewer=world.facilitator,
        version=first,
        decision="not_met",
        feedback="Explain how you will assess it.",
    )
    second = submitted(world, text="Now with an assessment plan")
    review_decide(reviewer=world.facilitator, version=second, decision="met")

    # then the trail shows both decisions, in order, by the facilitator
    events = AuditEvent.objects.filter(action="review.decided").order_by("id")
    assert [e.after["decision"] for e in events] == ["not_met", "met"]
    assert [e.target_id for e in events] == [first.review.pk, second.review.pk]
    assert {e.actor for e in events} == {world.facilitator}
    assert events[0].after["feedback"] == "Explain how you will assess it."


# Rubric (ISTE: five criteria of 5 points, 20/25 passes)


def test_nineteen_of_twenty_five_does_not_pass_and_keeps_feedback_per_criterion():
    world = iste_portfolio()
    version = submitted(world)

    review = review_score(
        reviewer=world.facilitator,
        version=version,
        scores=scores(world, [4, 4, 4, 4, 3]),
        feedback="Strong start.",
    )

    review.refresh_from_db()
    assert (review.total_points, review.out_of, review.passed) == (19, 25, False)
    assert [s.points for s in review.criterion_scores.all()] == [4, 4, 4, 4, 3]
    assert review.criterion_scores.first().feedback == (
        "Feedback on Alignment with the ISTE Standards for Educators."
    )


def test_twenty_of_twenty_five_passes():
    world = iste_portfolio()
    review = review_score(
        reviewer=world.facilitator,
        version=submitted(world),
        scores=scores(world, [4, 4, 4, 4, 4]),
    )
    assert (review.total_points, review.passed) == (20, True)


def test_every_criterion_must_be_scored():
    world = iste_portfolio()
    partial = scores(world, [4, 4, 4, 4, 4])
    partial[world.criteria[2].pk] = (None, "")
    with pytest.raises(messages.ReviewsRefused) as refused:
        review_score(
            reviewer=world.facilitator, version=submitted(world), scores=partial
        )
    assert refused.value.message == messages.CRITERION_NOT_SCORED % {
        "criterion": "Evidence of impact on learners"
    }
    assert not Review.objects.exists()


@pytest.mark.parametrize("points", [6, -1])
def test_points_outside_a_criterion_are_refused(points):
    world = iste_portfolio()
    with pytest.raises(messages.ReviewsRefused) as refused:
        review_score(
            reviewer=world.facilitator,
            version=submitted(world),
            scores=scores(world, [points, 4, 4, 4, 4]),
        )
    assert refused.value.message == messages.POINTS_OUT_OF_RANGE % {
        "criterion": "Alignment with the ISTE Standards for Educators",
        "max": 5,
        "points": points,
    }
    assert not CriterionScore.objects.exists()


def test_a_score_change_is_audited_with_before_and_after():
    # given a portfolio scored 19/25
    world = iste_portfolio()
    version = submitted(world)
    review_score(
        reviewer=world.facilitator,
        version=version,
        scores=scores(world, [4, 4, 4, 4, 3]),
    )

    # when the evaluator corrects one criterion to reach 20/25
    review = review_score(
        reviewer=world.facilitator,
        version=version,
        scores=scores(world, [4, 4, 4, 4, 4]),
    )

    # then the review holds 20 and the trail holds 19 -> 20
    review.refresh_from_db()
    assert review.total_points == 20
    assert Review.objects.count() == 1
    change = AuditEvent.objects.get(action="review.changed")
    assert change.before["total_points"] == 19
    assert change.after["total_points"] == 20
    title = "Professional growth and next steps"
    assert change.before["scores"][title]["points"] == 3
    assert change.after["scores"][title]["points"] == 4
    requirement, learner = version.submission.requirement, world.enrollment.learner
    assert change.summary == f"{requirement} v1 of {learner}: 19/25 -> 20/25"


def test_a_failed_portfolio_is_resubmitted_and_the_old_score_survives():
    world = iste_portfolio()
    first = submitted(world)
    review_score(
        reviewer=world.facilitator, version=first, scores=scores(world, [4, 4, 4, 4, 3])
    )

    second = submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )
    review_score(
        reviewer=world.facilitator,
        version=second,
        scores=scores(world, [4, 4, 4, 4, 4]),
    )

    first.refresh_from_db()
    assert first.review.total_points == 19
    assert second.review.total_points == 20
    assert second.artifacts.count() == 9
    assert first.artifacts.count() == 9


def test_a_passed_portfolio_takes_no_further_version():
    world = iste_portfolio()
    review_score(
        reviewer=world.facilitator,
        version=submitted(world),
        scores=scores(world, [5, 5, 5, 5, 5]),
    )
    with pytest.raises(messages.ReviewsRefused) as refused:
        submission_submit(
            enrollment=world.enrollment,
            requirement=world.requirement,
            now=during_course(),
        )
    assert refused.value.message == messages.ALREADY_PASSED % {
        "requirement": "E-portfolio",
        "score": 25,
        "out_of": 25,
    }
