"""requirement_states: the contract certificates reads (see reviews/outcomes.py)."""

import datetime as dt

import pytest

from enrollments.attendance.services import attendance_mark
from enrollments.models import Enrollment
from enrollments.services.extensions import extension_grant
from programs.models import Requirement
from reviews.outcomes import Outcome, RequirementState
from reviews.selectors import Status, enrollment_requirement_rows, requirement_states
from reviews.services.reviews import review_decide
from reviews.services.submissions import draft_save, submission_submit
from tests.factories import (
    EnrollmentFactory,
    PortalAdminFactory,
    RequirementFactory,
    SessionFactory,
)
from tests.reviews.scenarios import (
    add_artifacts,
    cmte_workshop,
    during_course,
    iste_portfolio,
    loyola_full,
    scored_portfolio,
)

pytestmark = pytest.mark.django_db


def states(world):
    return requirement_states(
        learner_id=world.enrollment.learner_id, unit_id=world.offering.unit_id
    )


def submit_text(world):
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="x")
    return submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )


def test_a_draft_does_not_count():
    world = loyola_full()
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="x")
    assert states(world) == {
        world.requirement.pk: RequirementState(
            world.requirement.pk, Outcome.MISSING, deadline=world.offering.end_date
        )
    }


def test_a_submission_waits_for_review_then_is_met():
    world = loyola_full()
    version = submit_text(world)
    assert states(world)[world.requirement.pk].outcome == Outcome.PENDING_REVIEW
    review_decide(reviewer=world.facilitator, version=version, decision="met")
    state = states(world)[world.requirement.pk]
    assert state.outcome == Outcome.MET
    assert state.submitted_at == during_course()


def test_a_not_met_version_then_a_new_submission_is_pending_again():
    world = loyola_full()
    review_decide(
        reviewer=world.facilitator,
        version=submit_text(world),
        decision="not_met",
        feedback="Revise the goals.",
    )
    assert states(world)[world.requirement.pk].outcome == Outcome.NOT_MET
    submit_text(world)
    assert states(world)[world.requirement.pk].outcome == Outcome.PENDING_REVIEW


def test_completion_on_submission_is_complete_at_once():
    world = cmte_workshop()
    submit_text(world)
    assert states(world)[world.requirement.pk].outcome == Outcome.COMPLETE


def test_a_scored_portfolio_reports_score_out_of_and_deadline():
    world, _ = scored_portfolio([4, 4, 4, 4, 3])
    state = states(world)[world.requirement.pk]
    assert (state.outcome, state.score, state.out_of) == (Outcome.SCORED, 19, 25)
    assert state.deadline == dt.date(2027, 8, 28)


def test_the_deadline_includes_the_latest_extension():
    world = iste_portfolio()
    admin = PortalAdminFactory()
    for day in (dt.date(2027, 9, 30), dt.date(2027, 10, 31)):
        extension_grant(
            granted_by=admin,
            enrollment=world.enrollment,
            requirement=world.requirement,
            new_deadline=day,
            reason="Medical leave",
        )
    assert states(world)[world.requirement.pk].deadline == dt.date(2027, 10, 31)


def test_attendance_is_complete_once_every_required_session_is_attended():
    world = loyola_full()
    attendance = RequirementFactory(
        unit=world.offering.unit, kind=Requirement.Kind.ATTENDANCE
    )
    first = SessionFactory(offering=world.offering)
    second = SessionFactory(offering=world.offering)
    SessionFactory(offering=world.offering, is_required=False)

    session_day = dt.date(2027, 2, 3)  # the factory's sessions
    attendance_mark(
        marked_by=world.facilitator,
        enrollment=world.enrollment,
        session=first,
        today=session_day,
    )
    assert states(world)[attendance.pk].outcome == Outcome.MISSING

    attendance_mark(
        marked_by=world.facilitator,
        enrollment=world.enrollment,
        session=second,
        today=session_day,
    )
    assert states(world)[attendance.pk].outcome == Outcome.COMPLETE


def test_without_an_enrollment_everything_is_missing():
    world = loyola_full()
    Enrollment.objects.filter(pk=world.enrollment.pk).update(status="withdrawn")
    assert states(world)[world.requirement.pk].outcome == Outcome.MISSING


def test_states_come_from_the_latest_enrollment_in_the_unit():
    world = cmte_workshop()
    submit_text(world)
    Enrollment.objects.filter(pk=world.enrollment.pk).update(status="withdrawn")
    later = EnrollmentFactory(
        learner=world.enrollment.learner, offering__unit=world.offering.unit
    )
    assert (
        requirement_states(learner_id=later.learner_id, unit_id=world.offering.unit_id)[
            world.requirement.pk
        ].outcome
        == Outcome.MISSING
    )


def test_states_are_read_in_a_few_queries(django_assert_max_num_queries):
    world = iste_portfolio()
    add_artifacts(world, 9)
    submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )
    with django_assert_max_num_queries(7):
        states(world)


# One state per requirement: the row the dashboard, the list and the page show


def row_of(world, today=None):
    [row] = [
        r
        for r in enrollment_requirement_rows(enrollment=world.enrollment, today=today)
        if r.requirement.pk == world.requirement.pk
    ]
    return row


def test_a_submission_waiting_for_review_has_one_state():
    world = loyola_full()
    submit_text(world)
    row = row_of(world, today=dt.date(2027, 3, 16))
    assert (row.status, row.label, row.is_done, row.is_open) == (
        Status.WAITING,
        "Waiting for review",
        False,
        False,
    )


def test_a_saved_draft_is_its_own_state():
    world = loyola_full()
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="x")
    row = row_of(world)
    assert (row.status, row.label, row.is_open) == (Status.DRAFT, "Draft saved", True)


@pytest.mark.parametrize(
    ("points", "status", "is_done"),
    [([4, 4, 4, 4, 4], Status.DONE, True), ([4, 4, 4, 4, 3], Status.REVISE, False)],
)
def test_a_rubric_score_is_done_at_the_pass_mark(points, status, is_done):
    world, _ = scored_portfolio(points)
    row = row_of(world, today=dt.date(2027, 3, 16))
    assert (row.status, row.is_done) == (status, is_done)


def test_nothing_submitted_past_the_deadline_is_overdue():
    world = iste_portfolio()  # due Aug 28, 2027
    assert row_of(world, today=dt.date(2027, 8, 28)).status == Status.NOT_STARTED
    row = row_of(world, today=dt.date(2027, 8, 29))
    assert (row.status, row.label) == (Status.OVERDUE, "Overdue")
