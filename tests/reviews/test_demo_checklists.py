"""The demo gives each stacked knowledge check questions, idempotently."""

import pytest

from demo.checklists import demo_checklists_load
from reviews.models import ChecklistOption, ChecklistQuestion

pytestmark = pytest.mark.django_db


def test_each_stacked_knowledge_check_gets_questions_once(demo_catalog):
    assert demo_checklists_load() == 3
    counts = (ChecklistQuestion.objects.count(), ChecklistOption.objects.count())
    demo_checklists_load()
    assert (ChecklistQuestion.objects.count(), ChecklistOption.objects.count()) == (
        counts
    )
    assert counts[0] == 9
    for question in ChecklistQuestion.objects.all():
        assert question.options.filter(is_correct=True).count() == 1
