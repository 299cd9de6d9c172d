"""The review queue's row kept on each submission (``reviews.latest``): its
offering and its latest submitted version with that version's date and decision,
right after every submit, resubmit, review and checklist, and filled again by the
data migration's one UPDATE."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import RestrictedError

from reviews.latest import latest_versions_fill
from reviews.models import Submission, SubmissionVersion
from reviews.services.checklist import checklist_submit
from reviews.services.reviews import review_decide
from reviews.services.submissions import draft_save, submission_submit
from tests.factories import (
    ChecklistOptionFactory,
    ChecklistQuestionFactory,
    EnrollmentFactory,
    OfferingFactory,
    RequirementFactory,
)
from tests.reviews.scenarios import during_course, loyola_full, scored_portfolio

pytestmark = pytest.mark.django_db

COLUMNS = ("offering_id", "latest_version_id", "latest_submitted_at", "latest_decision")


def row(submission: Submission) -> tuple:
    submission.refresh_from_db()
    return tuple(getattr(submission, name) for name in COLUMNS)


def submit_text(world, *, text: str, now: dt.datetime):
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text=text)
    return submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=now
    )


def test_submit_review_and_resubmit_keep_the_latest_version_and_its_decision():
    # given a learner's first version
    world = loyola_full()
    first_at = during_course()
    first = submit_text(world, text="First", now=first_at)
    submission = first.submission
    assert row(submission) == (world.offering.pk, first.pk, first_at, "")

    # when it is reviewed Not Met, a new draft is saved, then submitted
    review_decide(
        reviewer=world.facilitator, version=first, decision="not_met", feedback="More."
    )
    assert row(submission) == (world.offering.pk, first.pk, first_at, "not_met")
    draft = draft_save(
        enrollment=world.enrollment, requirement=world.requirement, text="Draft"
    )
    assert row(submission) == (world.offering.pk, first.pk, first_at, "not_met")
    second_at = first_at + dt.timedelta(days=2)
    second = submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=second_at
    )

    # then the second version is the latest, waiting; Met is stored on it
    assert second.pk == draft.pk
    assert row(submission) == (world.offering.pk, second.pk, second_at, "")
    review_decide(reviewer=world.facilitator, version=second, decision="met")
    assert row(submission) == (world.offering.pk, second.pk, second_at, "met")

    # and a decision changed on the same version is stored too
    review_decide(
        reviewer=world.facilitator, version=second, decision="not_met", feedback="No."
    )
    assert row(submission) == (world.offering.pk, second.pk, second_at, "not_met")


def test_a_rubric_score_is_stored():
    _, version = scored_portfolio([4, 4, 4, 4, 3])
    assert row(version.submission)[1:] == (version.pk, during_course(), "scored")


def test_a_checklist_stores_its_graded_version_and_deletes_no_latest():
    # given a knowledge check answered wrong, then right
    offering = OfferingFactory(start_date=None, end_date=None)
    requirement = RequirementFactory(
        unit=offering.unit, kind="checklist", review_mode="automatic"
    )
    question = ChecklistQuestionFactory(requirement=requirement)
    right = ChecklistOptionFactory(question=question, is_correct=True)
    wrong = ChecklistOptionFactory(question=question, feedback="Look again.")
    enrollment = EnrollmentFactory(offering=offering)
    now = during_course()

    failed = checklist_submit(
        enrollment=enrollment,
        requirement=requirement,
        answers={question.pk: wrong.pk},
        now=now,
    )
    submission = failed.version.submission
    assert row(submission) == (offering.pk, failed.version_id, now, "not_met")
    passed = checklist_submit(
        enrollment=enrollment,
        requirement=requirement,
        answers={question.pk: right.pk},
        now=now + dt.timedelta(hours=1),
    )

    assert row(submission) == (
        offering.pk,
        passed.version_id,
        now + dt.timedelta(hours=1),
        "met",
    )


def test_the_latest_version_goes_only_with_its_submission():
    # given a submitted version, not reviewed
    world = loyola_full()
    version = submit_text(world, text="Mine", now=during_course())
    submission = version.submission

    # when the version alone is deleted, then it is refused
    with pytest.raises(RestrictedError):
        version.delete()

    # when the submission is deleted, its versions go with it
    submission.delete()
    assert not SubmissionVersion.objects.filter(pk=version.pk).exists()


@pytest.mark.parametrize("fill", ["service", "migration"])
def test_the_fill_stores_what_the_services_stored(fill):
    # given submissions written by the services: waiting, Met after a Not Met,
    # a draft only
    world = loyola_full()
    first = submit_text(world, text="One", now=during_course())
    review_decide(
        reviewer=world.facilitator, version=first, decision="not_met", feedback="No."
    )
    second = submit_text(world, text="Two", now=during_course() + dt.timedelta(days=1))
    review_decide(reviewer=world.facilitator, version=second, decision="met")
    other = loyola_full()
    waiting = submit_text(other, text="Wait", now=during_course())
    drafted = loyola_full()
    draft_save(enrollment=drafted.enrollment, requirement=drafted.requirement, text="d")
    expected = {s.pk: row(s) for s in Submission.objects.all()}
    assert sorted(r[3] for r in expected.values()) == ["", "", "met"]

    # when the stored columns are lost and filled again
    Submission.objects.update(
        latest_version=None, latest_submitted_at=None, latest_decision="met"
    )
    if fill == "service":
        assert latest_versions_fill() == 3
    else:
        migration = importlib.import_module(
            "reviews.migrations.0004_submission_queue_row"
        )
        with connection.schema_editor(atomic=False) as editor:
            migration.fill(apps, editor)

    # then every submission reads as the services wrote it
    assert {s.pk: row(s) for s in Submission.objects.all()} == expected
    assert expected[waiting.submission_id][1:] == (waiting.pk, during_course(), "")
    assert row(drafted.enrollment.submissions.get()) == (
        drafted.offering.pk,
        None,
        None,
        "",
    )
