"""Automatic feedback: a checklist or quiz graded the moment it is submitted."""

import datetime as dt
from collections.abc import Mapping

from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_event_record
from core import clock
from enrollments.models import Enrollment
from enrollments.signals import progress_changed
from programs.models import Requirement
from programs.zones import offering_today

from .. import guards, messages
from ..grading import Answer, checklist_grade
from ..latest import latest_review_record, latest_version_record
from ..messages import ReviewsRefused
from ..models import ChecklistAnswer, Review, SubmissionVersion


def _chosen_options(requirement: Requirement, answers: Mapping[int, int]):
    questions = list(requirement.checklist_questions.prefetch_related("options"))
    if not questions:
        raise ReviewsRefused(messages.NO_QUESTIONS % {"requirement": requirement.title})
    chosen = []
    for question in questions:
        options = {option.pk: option for option in question.options.all()}
        answer = answers.get(question.pk)
        option = options.get(answer) if answer is not None else None
        if option is None:
            raise ReviewsRefused(
                messages.QUESTION_UNANSWERED % {"question": question.prompt}
            )
        chosen.append((question, option))
    return chosen


@transaction.atomic
def checklist_submit(
    *,
    enrollment: Enrollment,
    requirement: Requirement,
    answers: Mapping[int, int],
    now: dt.datetime | None = None,
) -> Review:
    """Grade the answers (question id -> option id) as a new submitted version.

    The automatic review (no reviewer) is Met at the pass mark, else Not Met with
    feedback on each wrong answer; the learner may try again until Met.
    """
    now = now or clock.now()
    guards.check_open(enrollment=enrollment, requirement=requirement)
    if requirement.review_mode != Requirement.ReviewMode.AUTOMATIC:
        raise ReviewsRefused(
            messages.WRONG_REVIEW_MODE % {"requirement": requirement.title}
        )
    chosen = _chosen_options(requirement, answers)
    submission = guards.submission_locked(
        enrollment=enrollment, requirement=requirement
    )
    guards.check_may_submit(
        enrollment=enrollment,
        requirement=requirement,
        today=offering_today(enrollment.offering, now),
    )
    submission.versions.filter(status=SubmissionVersion.Status.DRAFT).delete()
    version = SubmissionVersion(
        submission=submission,
        number=guards.next_number(submission),
        status=SubmissionVersion.Status.SUBMITTED,
        submitted_at=now,
    )
    version.full_clean()
    version.save()
    ChecklistAnswer.objects.bulk_create(
        ChecklistAnswer(version=version, question=question, option=option)
        for question, option in chosen
    )
    result = checklist_grade(
        answers=[Answer(q.prompt, o.text, o.is_correct, o.feedback) for q, o in chosen],
        pass_mark=requirement.pass_score,
    )
    review = Review(
        version=version,
        created_at=now,
        updated_at=now,
        decision=Review.Decision.MET if result.passed else Review.Decision.NOT_MET,
        feedback=result.feedback,
    )
    review.full_clean()
    review.save()
    latest_version_record(version=version)
    latest_review_record(review=review)
    learner = enrollment.learner
    audit_event_record(
        actor=None,
        action=AuditEvent.Action.REVIEW_AUTOMATIC,
        target=review,
        learner=learner,
        summary=f"{requirement} v{version.number} of {learner}: "
        f"{result.correct}/{result.total}",
        after={"decision": review.decision, "correct": result.correct},
        at=now,
    )
    progress_changed.send(
        sender=Review, learner_id=learner.pk, unit_id=requirement.unit_id, now=now
    )
    return review
