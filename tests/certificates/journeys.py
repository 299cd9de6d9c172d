"""A learner's way through the demo catalogue, told through the real services."""

import datetime as dt

from django.utils import timezone

from certificates.models import Award
from certificates.services.evaluation import progress_requests_evaluate
from demo.awards import demo_outputs_load
from enrollments.attendance.services import attendance_mark
from enrollments.models import Enrollment
from programs.models import Offering, Requirement, Unit
from reviews.models import SubmissionVersion
from reviews.services.reviews import review_decide, review_score
from reviews.services.submissions import artifact_add, draft_save, submission_submit
from tests.factories import EnrollmentFactory, PortalAdminFactory

CMTE_WORKSHOPS = ["sotl", "otla", "the-online-classroom"]
STACK = [
    "loyola-stacked-digital-tools-foundations",
    "loyola-stacked-designing-with-digital-tools",
    "loyola-stacked-leading-with-digital-tools",
]


def evaluated(result):
    """``result`` once the worker has evaluated the progress changes it made: in
    production the task runs after the change commits, which a test's transaction
    never does, so the waiting requests are evaluated here, through the same
    service the task calls. The awards' issuance stays enqueued, as before."""
    progress_requests_evaluate()
    return result


def outputs() -> None:
    demo_outputs_load()


def enroll(learner, slug: str, *, track: str = "") -> Enrollment:
    offering = Offering.objects.filter(unit__slug=slug).order_by("start_date").first()
    return EnrollmentFactory(learner=learner, offering=offering, track=track)


def requirement(enrollment: Enrollment, title: str) -> Requirement:
    return enrollment.offering.unit.requirements.get(title=title)


def submit(
    enrollment: Enrollment, title: str, *, now: dt.datetime | None = None
) -> SubmissionVersion:
    wanted = requirement(enrollment, title)
    draft_save(enrollment=enrollment, requirement=wanted, text="My work, in full.")
    return evaluated(
        submission_submit(enrollment=enrollment, requirement=wanted, now=now)
    )


def complete_workshop(learner, slug: str) -> Enrollment:
    """Enroll and submit the final product (not graded: complete on submission)."""
    enrollment = enroll(learner, slug)
    submit(enrollment, "Final product")
    return enrollment


def record_past_completion(learner, slug: str, on=dt.date(2024, 5, 1)):
    from enrollments.services.past_completions import past_completion_record

    return evaluated(
        past_completion_record(
            learner=learner,
            unit=Unit.objects.get(slug=slug),
            completed_on=on,
            source="the 2024 cohort",
            imported_by=PortalAdminFactory(),
        )
    )


def met(version: SubmissionVersion, reviewer=None):
    return evaluated(
        review_decide(
            reviewer=reviewer or PortalAdminFactory(), version=version, decision="met"
        )
    )


def not_met(version: SubmissionVersion, reviewer=None):
    return evaluated(
        review_decide(
            reviewer=reviewer or PortalAdminFactory(),
            version=version,
            decision="not_met",
            feedback="Tie the project to your own classroom.",
        )
    )


def iste_ready_for_scoring(learner) -> tuple[Enrollment, SubmissionVersion]:
    """Pre-assessment before the first session, every required session attended,
    a portfolio of nine artifacts submitted a month after the course ended."""
    enrollment = enroll(learner, "iste-certification")
    offering = enrollment.offering
    sessions = list(offering.sessions.order_by("starts_at"))
    before_first = sessions[0].starts_at - dt.timedelta(days=1)
    submit(enrollment, "Pre-assessment", now=before_first)
    admin = PortalAdminFactory()
    for session in sessions:
        if session.is_required:
            attendance_mark(
                marked_by=admin,
                enrollment=enrollment,
                session=session,
                today=timezone.localdate(session.starts_at),
            )
    portfolio = requirement(enrollment, "E-portfolio")
    for number in range(1, 10):
        artifact_add(
            enrollment=enrollment,
            requirement=portfolio,
            title=f"Artifact {number}",
            text="A lesson and what it changed.",
            reflection="What I learned and what I would change.",
            standards=["learner"],
        )
    after_end = dt.datetime.combine(
        offering.end_date + dt.timedelta(days=30),
        dt.time(10),
        tzinfo=timezone.get_current_timezone(),
    )
    version = submission_submit(
        enrollment=enrollment, requirement=portfolio, now=after_end
    )
    return evaluated((enrollment, version))


def score(version: SubmissionVersion, total: int, reviewer=None):
    """Spread ``total`` points over the five 5-point ISTE criteria."""
    criteria = list(version.submission.requirement.rubric_criteria.all())
    points = [min(5, max(0, total - 5 * i)) for i in range(len(criteria))]
    return evaluated(
        review_score(
            reviewer=reviewer or PortalAdminFactory(),
            version=version,
            scores={c.pk: (p, "") for c, p in zip(criteria, points, strict=True)},
        )
    )


def award_of(learner, *, unit: str = "", program: str = "") -> Award | None:
    awards = Award.objects.exclude(status=Award.Status.SUPERSEDED)
    if unit:
        return awards.filter(learner=learner, unit__slug=unit).first()
    return awards.filter(learner=learner, program__slug=program).first()


def pass_knowledge_check(enrollment: Enrollment):
    from reviews.services.checklist import checklist_submit
    from tests.factories import ChecklistOptionFactory, ChecklistQuestionFactory

    check = requirement(enrollment, "Knowledge check")
    question = check.checklist_questions.first() or ChecklistQuestionFactory(
        requirement=check, prompt="Which tool fits a quick poll?"
    )
    option = question.options.filter(is_correct=True).first() or (
        ChecklistOptionFactory(question=question, text="A poll", is_correct=True)
    )
    return evaluated(
        checklist_submit(
            enrollment=enrollment, requirement=check, answers={question.pk: option.pk}
        )
    )


def complete_stacked(learner, slug: str) -> Enrollment:
    """Pass the knowledge check and have the reflective activity reviewed Met."""
    enrollment = enroll(learner, slug)
    pass_knowledge_check(enrollment)
    met(submit(enrollment, "Reflective activity"))
    return enrollment
