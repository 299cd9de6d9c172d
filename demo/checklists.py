"""Demo knowledge checks of the Loyola stacked micro-credentials (reviews app).

The sources say only that stacked micro-credentials give automatic feedback; these
questions are demo values an admin would configure in the admin (Checklist
questions). Loading is idempotent.
"""

from django.db import transaction

from programs.models import Requirement
from reviews.models import ChecklistOption, ChecklistQuestion

# (question, [(answer, correct, feedback), ...]) shared by the three checks.
QUESTIONS = [
    (
        "A colleague wants a quick check of understanding at the end of a lesson. "
        "Which use of a digital tool fits best?",
        [
            ("A three-question exit poll students answer on their devices", True, ""),
            (
                "A recorded lecture posted after class",
                False,
                "A recording shares content; it does not check understanding.",
            ),
            (
                "A shared calendar of due dates",
                False,
                "A calendar organises work; it gathers no evidence of learning.",
            ),
        ],
    ),
    (
        "Before adopting a new app with students, what should you check first?",
        [
            (
                "How it protects student data and meets your district's privacy rules",
                True,
                "",
            ),
            (
                "Whether it has the most features",
                False,
                "Features matter less than privacy and fit with your learning goal.",
            ),
        ],
    ),
    (
        "What makes a digital activity accessible to every learner?",
        [
            (
                "Captions, readable contrast and more than one way to respond",
                True,
                "",
            ),
            (
                "A single timed response format",
                False,
                "One timed format excludes learners who need more time or another "
                "mode; offer options.",
            ),
        ],
    ),
]


@transaction.atomic
def demo_checklists_load() -> int:
    """Configure the questions of every automatic knowledge check; returns how many."""
    checks = Requirement.objects.filter(
        kind=Requirement.Kind.CHECKLIST, review_mode=Requirement.ReviewMode.AUTOMATIC
    )
    for requirement in checks:
        for position, (prompt, options) in enumerate(QUESTIONS, start=1):
            question, _ = ChecklistQuestion.objects.update_or_create(
                requirement=requirement, prompt=prompt, defaults={"position": position}
            )
            for order, (text, correct, feedback) in enumerate(options, start=1):
                ChecklistOption.objects.update_or_create(
                    question=question,
                    text=text,
                    defaults={
                        "is_correct": correct,
                        "feedback": feedback,
                        "position": order,
                    },
                )
    return checks.count()
