"""Automatic feedback on a checklist or quiz: pure, no database.

A learner passes with at least ``pass_mark`` correct answers (every question when
no pass mark is set); the feedback names each question answered wrongly with the
explanation configured for the chosen answer.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SCORE_LINE = _("%(correct)s of %(total)s answers correct.")
PASSED_LINE = _("Well done: the knowledge check is complete.")
RETRY_LINE = _(
    "You need %(needed)s correct answers. Read the feedback below and try again."
)
WRONG_LINE = _("“%(prompt)s”: you answered “%(chosen)s”. %(feedback)s")


@dataclass(frozen=True)
class Answer:
    prompt: str
    chosen: str
    is_correct: bool
    feedback: str


@dataclass(frozen=True)
class ChecklistResult:
    correct: int
    total: int
    needed: int
    feedback: str

    @property
    def passed(self) -> bool:
        return self.correct >= self.needed


def checklist_grade(*, answers: list[Answer], pass_mark: int | None) -> ChecklistResult:
    total = len(answers)
    correct = sum(answer.is_correct for answer in answers)
    needed = min(pass_mark, total) if pass_mark else total
    lines = [str(SCORE_LINE % {"correct": correct, "total": total})]
    lines.append(
        str(PASSED_LINE) if correct >= needed else str(RETRY_LINE % {"needed": needed})
    )
    lines += [
        str(
            WRONG_LINE
            % {"prompt": a.prompt, "chosen": a.chosen, "feedback": a.feedback}
        ).strip()
        for a in answers
        if not a.is_correct
    ]
    return ChecklistResult(
        correct=correct, total=total, needed=needed, feedback="\n".join(lines)
    )
