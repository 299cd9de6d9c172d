"""Email after commit: review waiting, review done with feedback, deadline reminder."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail

from reviews.models import DeadlineReminder
from reviews.services.notifications import deadline_reminders_send
from reviews.services.reviews import review_decide, review_score
from reviews.services.submissions import draft_save, submission_submit
from reviews.tasks import deadline_reminders_task
from tests.reviews.scenarios import (
    add_artifacts,
    cmte_workshop,
    during_course,
    iste_portfolio,
    loyola_full,
    scores,
)

pytestmark = pytest.mark.django_db


def submit_text(world):
    draft_save(
        enrollment=world.enrollment, requirement=world.requirement, text="My project"
    )
    return submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )


def test_facilitators_hear_of_work_waiting_only_after_commit(
    django_capture_on_commit_callbacks,
):
    world = loyola_full()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit_text(world)
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    [message] = mail.outbox
    assert message.to == [world.facilitator.email]
    assert message.subject == (
        f"To review: Competency-based project from {world.enrollment.learner}"
    )
    assert f"/review/submissions/{world.enrollment.submissions.get().pk}/" in (
        message.body
    )


def test_nobody_is_asked_to_review_a_completion_on_submission(
    django_capture_on_commit_callbacks,
):
    world = cmte_workshop()
    with django_capture_on_commit_callbacks(execute=True):
        submit_text(world)
    assert mail.outbox == []


def test_the_learner_receives_the_not_met_feedback(django_capture_on_commit_callbacks):
    world = loyola_full()
    version = submit_text(world)
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(
            reviewer=world.facilitator,
            version=version,
            decision="not_met",
            feedback="Add an assessment plan.",
        )
    [message] = mail.outbox
    assert message.to == [world.enrollment.learner.email]
    assert message.subject == "Your Competency-based project has been reviewed"
    assert "Decision: Not Met" in message.body
    assert "Add an assessment plan." in message.body
    assert "revise your work and submit a new version" in message.body
    assert "nothing more is needed" not in message.body


def test_a_met_review_congratulates_and_asks_for_nothing_more(
    django_capture_on_commit_callbacks,
):
    world = loyola_full()
    version = submit_text(world)
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(reviewer=world.facilitator, version=version, decision="met")
    [message] = mail.outbox
    assert "Decision: Met" in message.body
    assert "Well done: nothing more is needed for this requirement." in message.body
    assert "revise" not in message.body
    assert "resubmit" not in message.body
    signature = f"The Credentials Portal team\n{settings.SITE_URL}"
    assert message.body.rstrip().endswith(signature)


def test_the_learner_receives_the_score_and_criterion_feedback(
    django_capture_on_commit_callbacks,
):
    world = iste_portfolio()
    add_artifacts(world, 9)
    version = submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )
    with django_capture_on_commit_callbacks(execute=True):
        review_score(
            reviewer=world.facilitator,
            version=version,
            scores=scores(world, [4, 4, 4, 4, 3]),
        )
    body = mail.outbox[0].body
    assert "Score: 19/25 (not passed yet)" in body
    assert "- Depth of reflection: 4/5. Feedback on Depth of reflection." in body
    assert "revise your work and submit a new version" in body


def test_a_reminder_goes_out_once_a_week_before_the_deadline(
    django_capture_on_commit_callbacks,
):
    world = iste_portfolio()  # due Aug 28, 2027
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_reminders_send(today=dt.date(2027, 8, 20)) == 0
        assert deadline_reminders_send(today=dt.date(2027, 8, 21)) == 1
        assert deadline_reminders_send(today=dt.date(2027, 8, 22)) == 0
    [message] = mail.outbox
    assert message.to == [world.enrollment.learner.email]
    assert message.subject == "Reminder: E-portfolio is due on Aug 28, 2027"
    assert DeadlineReminder.objects.get().deadline == dt.date(2027, 8, 28)


def test_no_reminder_once_the_work_is_submitted(django_capture_on_commit_callbacks):
    world = iste_portfolio()
    add_artifacts(world, 9)
    submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_reminders_send(today=dt.date(2027, 8, 25)) == 0
    assert [m.subject for m in mail.outbox if "Reminder" in m.subject] == []


def test_the_periodic_task_calls_the_sweep_and_is_scheduled(settings):
    iste_portfolio()
    assert deadline_reminders_task.apply().get() == 0
    entry = settings.CELERY_BEAT_SCHEDULE["reviews-deadline-reminders"]
    assert entry["task"] == deadline_reminders_task.name
