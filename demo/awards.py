"""The demo's award outputs (configuration an admin keeps in the admin) and the
demo learner's issued awards. Idempotent: run twice, same rows."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from certificates.models import Award, OutputSpec
from certificates.services.issuance import award_issue
from core import clock
from enrollments.attendance.services import attendance_mark
from enrollments.models import Enrollment
from enrollments.services.enrollment import enrollment_create
from programs.models import CredentialProgram, Offering, Unit
from reviews.services.checklist import checklist_submit
from reviews.services.reviews import review_decide, review_score
from reviews.services.submissions import artifact_add, draft_save, submission_submit

ACHIEVEMENT = "Certificate of Achievement"

# Program slug -> the outputs of each of its units: (kind, title as printed, condition).
UNIT_OUTPUTS = {
    "cmte": [("certificate", "Certificate of Completion", "always")],
    "cael": [
        ("certificate", "Certificate of Competency", "always"),
        ("clock_hour_letter", "Letter Confirming Clock Hours", "non_credit"),
    ],
    "loyola-full-micro-credentials": [
        ("certificate", "Continuing Education Certificate", "always"),
        (
            "cpd_form",
            "MSDE Continuing Professional Development (CPD) Completion for Credit Form",
            "maryland",
        ),
    ],
    "loyola-stacked-certificate": [
        ("badge", "Stacked Micro-credential Badge", "always")
    ],
    "loyola-ceu": [
        ("ceu_certificate", "Certificate of Continuing Education Units", "always")
    ],
}
# Program slug -> the outputs of the program credential itself.
PROGRAM_OUTPUTS = {
    "cmte": [("certificate", ACHIEVEMENT, "always")],
    "cael": [("certificate", ACHIEVEMENT, "always")],
    "iste-certified-educator": [("certificate", ACHIEVEMENT, "always")],
    "loyola-stacked-certificate": [("certificate", ACHIEVEMENT, "always")],
}


def _outputs_set(rows, **owner) -> None:
    for position, (kind, title, condition) in enumerate(rows, start=1):
        OutputSpec.objects.update_or_create(
            **owner,
            kind=kind,
            defaults={"title": title, "condition": condition, "position": position},
        )


@transaction.atomic
def demo_outputs_load() -> None:
    """What each credential of the demo catalogue produces when it is awarded."""
    for slug, rows in UNIT_OUTPUTS.items():
        for unit in Unit.objects.filter(programs__slug=slug):
            _outputs_set(rows, unit=unit)
    for slug, rows in PROGRAM_OUTPUTS.items():
        program = CredentialProgram.objects.filter(slug=slug).first()
        if program:
            _outputs_set(rows, program=program)


DEMO_LEARNER = "learner3@demo.test"
CMTE_WORKSHOPS = ["sotl", "otla", "the-online-classroom"]
ISTE_SCORES = [5, 5, 4, 4, 4]  # 22 of 25: ISTE Certified Educator
FIRST_BADGE = "loyola-stacked-digital-tools-foundations"


def _at(day: dt.date, hour: int = 18) -> dt.datetime:
    return dt.datetime.combine(
        day, dt.time(hour), tzinfo=timezone.get_current_timezone()
    )


def _enroll(learner, slug: str) -> Enrollment:
    """The unit's first run (one that ended before the load day), enrolled on the
    day its enrollment opened."""
    offering = Offering.objects.filter(unit__slug=slug).order_by("start_date").first()
    return enrollment_create(
        learner=learner,
        offering=offering,
        today=offering.enrollment_opens or clock.today(),
    )


def _submit(enrollment: Enrollment, title: str, *, day: dt.date, text: str):
    requirement = enrollment.offering.unit.requirements.get(title=title)
    draft_save(enrollment=enrollment, requirement=requirement, text=text)
    return submission_submit(
        enrollment=enrollment, requirement=requirement, now=_at(day)
    )


def _cmte(learner, today: dt.date) -> None:
    for slug in CMTE_WORKSHOPS:
        enrollment = _enroll(learner, slug)
        # The last day of a run that ended before ``today``.
        day = min(today, enrollment.offering.end_date)
        _submit(enrollment, "Final product", day=day, text="My redesigned unit.")


def _iste(learner, facilitator, today: dt.date) -> None:
    enrollment = _enroll(learner, "iste-certification")
    offering = enrollment.offering
    sessions = list(offering.sessions.order_by("starts_at"))
    first_day = clock.local_day(sessions[0].starts_at)
    _submit(
        enrollment,
        "Pre-assessment",
        day=first_day - dt.timedelta(days=1),
        text="My starting point with the ISTE Standards.",
    )
    for session in sessions:
        if session.is_required:
            attendance_mark(
                marked_by=facilitator,
                enrollment=enrollment,
                session=session,
                today=clock.local_day(session.starts_at),
            )
    portfolio = offering.unit.requirements.get(title="E-portfolio")
    for number in range(1, 10):
        artifact_add(
            enrollment=enrollment,
            requirement=portfolio,
            title=f"Artifact {number}: a lesson redesigned",
            text="The lesson plan and samples of student work.",
            reflection="What changed for my students, and what I would do next.",
            standards=["learner", "designer"],
        )
    day = min(today, offering.end_date + dt.timedelta(days=30))
    version = submission_submit(
        enrollment=enrollment, requirement=portfolio, now=_at(day)
    )
    criteria = portfolio.rubric_criteria.order_by("position")
    review_score(
        reviewer=facilitator,
        version=version,
        scores={c.pk: (p, "") for c, p in zip(criteria, ISTE_SCORES, strict=True)},
        feedback="A strong portfolio: clear impact on learners.",
    )


def _first_badge(learner, facilitator, today: dt.date) -> None:
    enrollment = _enroll(learner, FIRST_BADGE)
    check = enrollment.offering.unit.requirements.get(title="Knowledge check")
    answers = {
        question.pk: question.options.get(is_correct=True).pk
        for question in check.checklist_questions.prefetch_related("options")
    }
    checklist_submit(enrollment=enrollment, requirement=check, answers=answers)
    version = _submit(
        enrollment, "Reflective activity", day=today, text="How I chose my tools."
    )
    review_decide(reviewer=facilitator, version=version, decision="met")


@transaction.atomic
def demo_awards_load(*, users: dict, today: dt.date) -> None:
    """learner3 earns, through the real services, the CMTE Certificate with its
    three workshop certificates, ISTE Certified Educator (22 of 25) and the first
    Loyola stacked badge. Skipped when learner3 already holds awards."""
    learner = users[DEMO_LEARNER]
    if Award.objects.filter(learner=learner).exists():
        return
    _cmte(learner, today)
    _iste(learner, users["facilitator2@demo.test"], today)
    _first_badge(learner, users["facilitator1@demo.test"], today)


def demo_awards_issue(*, award_ids: list[int]) -> list[Award]:
    """Issue the demo's awards here and now, never emailed: they are real awards
    with their PDFs, but no demo user is written to and no worker is involved.
    Returns those that could not be issued."""
    issued = [award_issue(award_id=pk, notify=False) for pk in award_ids]
    return [a for a in issued if a and a.status != Award.Status.ISSUED]
