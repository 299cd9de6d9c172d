"""Loyola stacked micro-credentials: a knowledge check graded on submission."""

import pytest

from audit.models import AuditEvent
from programs.models import Requirement
from reviews import messages
from reviews.grading import Answer, checklist_grade
from reviews.services.checklist import checklist_submit
from tests.factories import (
    ChecklistOptionFactory,
    ChecklistQuestionFactory,
    EnrollmentFactory,
    OfferingFactory,
    RequirementFactory,
)


@pytest.mark.parametrize(
    ("correct", "pass_mark", "passed"),
    [(3, None, True), (2, None, False), (2, 2, True), (1, 2, False)],
)
def test_the_pass_mark_defaults_to_every_answer(correct, pass_mark, passed):
    answers = [Answer(f"Q{n}", "a", n < correct, "Why.") for n in range(3)]
    assert checklist_grade(answers=answers, pass_mark=pass_mark).passed is passed


def test_feedback_names_each_wrong_answer_with_its_explanation():
    result = checklist_grade(
        answers=[
            Answer("What is a rubric?", "A grade", False, "It describes criteria."),
            Answer("Who reviews?", "A facilitator", True, ""),
        ],
        pass_mark=None,
    )
    assert result.feedback.splitlines() == [
        "1 of 2 answers correct.",
        "You need 2 correct answers. Read the feedback below and try again.",
        "“What is a rubric?”: you answered “A grade”. It describes criteria.",
    ]


@pytest.fixture
def knowledge_check(db):
    offering = OfferingFactory(start_date=None, end_date=None)
    requirement = RequirementFactory(
        unit=offering.unit,
        title="Knowledge check",
        kind=Requirement.Kind.CHECKLIST,
        review_mode=Requirement.ReviewMode.AUTOMATIC,
    )
    questions = []
    for prompt in ["Which tool suits a poll?", "What does SAMR stand for?"]:
        question = ChecklistQuestionFactory(requirement=requirement, prompt=prompt)
        right = ChecklistOptionFactory(question=question, is_correct=True)
        wrong = ChecklistOptionFactory(question=question, feedback="Look again.")
        questions.append((question, right, wrong))
    return EnrollmentFactory(offering=offering), requirement, questions


def test_a_wrong_answer_gets_immediate_not_met_and_a_retry_gets_met(knowledge_check):
    enrollment, requirement, questions = knowledge_check
    (q1, right1, wrong1), (q2, right2, _) = questions

    first = checklist_submit(
        enrollment=enrollment,
        requirement=requirement,
        answers={q1.pk: wrong1.pk, q2.pk: right2.pk},
    )
    assert first.decision == "not_met"
    assert first.reviewer is None
    assert "Look again." in first.feedback

    second = checklist_submit(
        enrollment=enrollment,
        requirement=requirement,
        answers={q1.pk: right1.pk, q2.pk: right2.pk},
    )
    assert second.decision == "met"
    assert second.version.number == 2
    assert [e.after["decision"] for e in AuditEvent.objects.order_by("id")] == [
        "not_met",
        "met",
    ]


def test_an_unanswered_question_is_refused(knowledge_check):
    enrollment, requirement, questions = knowledge_check
    (q1, right1, _), _ = questions
    with pytest.raises(messages.ReviewsRefused) as refused:
        checklist_submit(
            enrollment=enrollment, requirement=requirement, answers={q1.pk: right1.pk}
        )
    assert refused.value.message == messages.QUESTION_UNANSWERED % {
        "question": "What does SAMR stand for?"
    }


def test_an_option_of_another_question_counts_as_unanswered(knowledge_check):
    enrollment, requirement, questions = knowledge_check
    (q1, right1, _), (q2, _, _) = questions
    with pytest.raises(messages.ReviewsRefused):
        checklist_submit(
            enrollment=enrollment,
            requirement=requirement,
            answers={q1.pk: right1.pk, q2.pk: right1.pk},
        )


def test_nothing_more_after_the_check_is_met(knowledge_check):
    enrollment, requirement, questions = knowledge_check
    answers = {q.pk: right.pk for q, right, _ in questions}
    checklist_submit(enrollment=enrollment, requirement=requirement, answers=answers)
    with pytest.raises(messages.ReviewsRefused) as refused:
        checklist_submit(
            enrollment=enrollment, requirement=requirement, answers=answers
        )
    assert refused.value.message == messages.ALREADY_MET % {
        "requirement": "Knowledge check"
    }
