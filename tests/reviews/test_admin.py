"""Admins configure checklists and read submissions; decisions stay on review pages."""

import pytest
from django.urls import reverse

from reviews.services.submissions import draft_save, submission_submit
from tests.factories import ChecklistOptionFactory
from tests.reviews.scenarios import during_course, loyola_full

pytestmark = pytest.mark.django_db

MODELS = [
    "checklistquestion",
    "submission",
    "submissionversion",
    "review",
    "peercomment",
    "deadlinereminder",
]


def test_admin_opens_every_reviews_changelist(admin_client):
    world = loyola_full()
    draft_save(enrollment=world.enrollment, requirement=world.requirement, text="x")
    submission_submit(
        enrollment=world.enrollment, requirement=world.requirement, now=during_course()
    )
    ChecklistOptionFactory()
    for model in MODELS:
        response = admin_client.get(reverse(f"admin:reviews_{model}_changelist"))
        assert response.status_code == 200, model


def test_submissions_are_read_only_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:reviews_review_add")).status_code == 403
    assert admin_client.get(reverse("admin:reviews_submission_add")).status_code == 403


def test_an_admin_adds_a_checklist_question_with_options(admin_client):
    requirement = loyola_full().requirement
    response = admin_client.post(
        reverse("admin:reviews_checklistquestion_add"),
        {
            "requirement": requirement.pk,
            "prompt": "Which tool suits a poll?",
            "position": 1,
            "options-TOTAL_FORMS": 2,
            "options-INITIAL_FORMS": 0,
            "options-0-text": "A poll app",
            "options-0-is_correct": "on",
            "options-0-position": 1,
            "options-1-text": "A calendar",
            "options-1-feedback": "A calendar gathers no answers.",
            "options-1-position": 2,
        },
    )
    assert response.status_code == 302
    question = requirement.checklist_questions.get()
    assert [o.is_correct for o in question.options.all()] == [True, False]
