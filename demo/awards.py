"""The demo's award outputs (configuration an admin keeps in the admin) and the
demo learner's issued awards. Idempotent: run twice, same rows."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from certificates.enqueue import awards_collected
from certificates.models import Award, OutputSpec
from certificates.services import award_reissue
from certificates.services.evaluation import progress_requests_evaluate
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


# Unit slug -> how many months its awards are valid. Demo values (the sources
# give no validity), chosen so that learner3's history shows both states on any
# load day: The Online Classroom (earned about 25 weeks before) has expired, and
# OTLA (earned about 23 weeks before) expires within the month.
DEMO_VALIDITY_MONTHS = {"the-online-classroom": 4, "otla": 6}

DEMO_LEARNER = "learner3@demo.test"
CMTE_WORKSHOPS = ["sotl", "otla", "the-online-classroom"]
ISTE_FORMAT = "Fully online"
ISTE_SCORES = [5, 5, 4, 4, 4]  # 22 of 25: ISTE Certified Educator
FIRST_BADGE = "loyola-stacked-digital-tools-foundations"
# How learner3's history is spaced: enrolled three weeks before a run starts, the
# portfolio sent two weeks after the cohort ends and scored a week later, the first
# badge started three weeks before the load day and reviewed two days later.
ENROLLED_BEFORE_START = dt.timedelta(weeks=3)
PORTFOLIO_AFTER_END = dt.timedelta(days=14)
SCORED_AFTER = dt.timedelta(days=7)
BADGE_STARTED_BEFORE = dt.timedelta(weeks=3)
REVIEWED_AFTER = dt.timedelta(days=2)
# The rendering worker issues an award within minutes of the evaluation.
ISSUED_AFTER = dt.timedelta(minutes=3)
# learner3's profile read her name without its accent and hyphen when her first
# workshop was certified; she corrected it and an admin re-issued that
# certificate a week after the first one (the first is superseded: its bit is set
# in HGSE's published revocation list).
NAME_AS_FIRST_TYPED = "Lucia Learner Ortega"
REISSUED_AFTER = dt.timedelta(days=7)


def _at(day: dt.date, hour: int = 18) -> dt.datetime:
    return dt.datetime.combine(
        day, dt.time(hour), tzinfo=timezone.get_current_timezone()
    )


class History:
    """learner3's past, step by step, each step at its own moment: the services
    are called with that moment, and the awards a step earns are issued
    ``ISSUED_AFTER`` it (``issued_at``), not on the load day."""

    def __init__(self) -> None:
        self.issue_at: dict[int, dt.datetime] = {}

    @contextmanager
    def step(self, moment: dt.datetime) -> Iterator[dt.datetime]:
        with awards_collected() as ids:
            yield moment
            # The worker evaluates a change moments after it: here, before the
            # next step, so that each step earns on its own day.
            progress_requests_evaluate()
        self.issue_at.update(dict.fromkeys(ids, moment + ISSUED_AFTER))


def _first_run(slug: str, label_prefix: str = "") -> Offering:
    """The unit's earliest run (one that ended before the load day)."""
    return (
        Offering.objects.filter(unit__slug=slug, label__startswith=label_prefix)
        .order_by("start_date")
        .first()
    )


def _enroll(learner, offering: Offering, day: dt.date) -> Enrollment:
    """Enrolled at 10 a.m. on ``day``, or on the day enrollment opened if later."""
    if offering.enrollment_opens:
        day = max(day, offering.enrollment_opens)
    return enrollment_create(learner=learner, offering=offering, now=_at(day, 10))


def _submit(enrollment: Enrollment, title: str, *, moment: dt.datetime, text: str):
    requirement = enrollment.offering.unit.requirements.get(title=title)
    draft_save(enrollment=enrollment, requirement=requirement, text=text)
    return submission_submit(enrollment=enrollment, requirement=requirement, now=moment)


def _cmte(learner, history: History) -> None:
    """The three workshops' ended runs, in the order they ended: the Certificate
    is earned with the last one."""
    runs = sorted((_first_run(slug) for slug in CMTE_WORKSHOPS), key=_ends)
    for position, offering in enumerate(runs):
        enrollment = _enroll(
            learner, offering, offering.start_date - ENROLLED_BEFORE_START
        )
        with (
            _named(learner, NAME_AS_FIRST_TYPED if position == 0 else None),
            history.step(_at(offering.end_date)) as moment,
        ):
            _submit(
                enrollment, "Final product", moment=moment, text="My redesigned unit."
            )


@contextmanager
def _named(learner, name: str | None) -> Iterator[None]:
    """The learner's profile reads ``name`` inside the block (None: unchanged)."""
    kept = learner.legal_name
    if name:
        learner.legal_name = name
        learner.save(update_fields=["legal_name"])
    try:
        yield
    finally:
        if name:
            learner.legal_name = kept
            learner.save(update_fields=["legal_name"])


def _ends(offering: Offering) -> dt.date:
    return offering.end_date


def _iste(learner, facilitator, history: History) -> None:
    offering = _first_run("iste-certification", ISTE_FORMAT)
    enrollment = _enroll(learner, offering, offering.start_date - ENROLLED_BEFORE_START)
    sessions = list(offering.sessions.order_by("starts_at"))
    first_day = clock.local_day(sessions[0].starts_at)
    _submit(
        enrollment,
        "Pre-assessment",
        moment=_at(first_day - dt.timedelta(days=1)),
        text="My starting point with the ISTE Standards.",
    )
    for session in sessions:
        if session.is_required:
            attendance_mark(
                marked_by=facilitator,
                enrollment=enrollment,
                session=session,
                now=session.starts_at
                + dt.timedelta(minutes=session.duration_minutes or 60),
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
    sent = offering.end_date + PORTFOLIO_AFTER_END
    version = submission_submit(
        enrollment=enrollment, requirement=portfolio, now=_at(sent)
    )
    criteria = portfolio.rubric_criteria.order_by("position")
    with history.step(_at(sent + SCORED_AFTER, 11)) as moment:
        review_score(
            reviewer=facilitator,
            version=version,
            scores={c.pk: (p, "") for c, p in zip(criteria, ISTE_SCORES, strict=True)},
            feedback="A strong portfolio: clear impact on learners.",
            now=moment,
        )


def _first_badge(learner, facilitator, today: dt.date, history: History) -> None:
    started = today - BADGE_STARTED_BEFORE
    enrollment = _enroll(learner, _first_run(FIRST_BADGE), started)
    check = enrollment.offering.unit.requirements.get(title="Knowledge check")
    answers = {
        question.pk: question.options.get(is_correct=True).pk
        for question in check.checklist_questions.prefetch_related("options")
    }
    checklist_submit(
        enrollment=enrollment, requirement=check, answers=answers, now=_at(started, 11)
    )
    version = _submit(
        enrollment,
        "Reflective activity",
        moment=_at(started, 19),
        text="How I chose my tools.",
    )
    with history.step(_at(started + REVIEWED_AFTER, 9)) as moment:
        review_decide(reviewer=facilitator, version=version, decision="met", now=moment)


def demo_validity_load() -> None:
    """The demo's credentials with a validity (an admin sets it on the unit)."""
    for slug, months in DEMO_VALIDITY_MONTHS.items():
        Unit.objects.filter(slug=slug).update(valid_for_months=months)


@transaction.atomic
def demo_awards_load(*, users: dict, today: dt.date) -> dict[int, dt.datetime]:
    """learner3 earns, through the real services, the CMTE Certificate with its
    three workshop certificates, ISTE Certified Educator (22 of 25) and the first
    Loyola stacked badge, each on the day it would really have been earned: the
    runs ended months before ``today``. Returns when to issue each award earned
    (empty when learner3 already holds awards: nothing is loaded twice)."""
    learner = users[DEMO_LEARNER]
    if Award.objects.filter(learner=learner).exists():
        return {}
    history = History()
    _cmte(learner, history)
    _iste(learner, users["facilitator2@demo.test"], history)
    _first_badge(learner, users["facilitator1@demo.test"], today, history)
    return history.issue_at


def demo_awards_issue(*, issue_at: dict[int, dt.datetime | None]) -> list[Award]:
    """Issue the demo's awards here, each at its moment (None: now), never
    emailed: they are real awards with their PDFs, but no demo user is written to
    and no worker is involved. Returns those that could not be issued."""
    issued = [
        award_issue(award_id=pk, notify=False, now=moment)
        for pk, moment in issue_at.items()
    ]
    # An award renewed in the demo's history was issued, then superseded.
    done = {Award.Status.ISSUED, Award.Status.SUPERSEDED}
    return [a for a in issued if a and a.status not in done]


def demo_reissue_load(*, users: dict) -> dict[int, dt.datetime]:
    """The corrected re-issue: learner3's award that states a name her profile no
    longer has is re-issued by the admin through the real service, a week after
    it was issued. Returns when to issue the new award (empty once done)."""
    learner = users[DEMO_LEARNER]
    misnamed = [
        award
        for award in Award.objects.filter(learner=learner, status=Award.Status.ISSUED)
        if award.snapshot.get("name") != learner.display_name
    ]
    return {
        award_reissue(award=old, actor=users["admin@demo.test"]).pk: min(
            old.issued_at + REISSUED_AFTER, clock.now()
        )
        for old in misnamed
    }
