"""The demo learners' work in progress, so that each demo user sees something real.

learner1 is enrolled in two CMTE workshops and a Loyola Full micro-credential whose
submission waits for facilitator1's review; learner2 is in the next ISTE cohort
(pre-assessment in; the e-portfolio takes work once the cohort starts), has
a Loyola submission reviewed Not Met with feedback, and leads a group order of ten
with 25% off. Everything goes through the real services.

Idempotent: each step first looks for its row by natural key (learner and
offering, enrollment and requirement, leader and offering) and is skipped when it
exists. Work is dated so that it is possible on ``today``: learner1's workshops
and both Loyola submissions are in runs under way (enrolled while their enrollment
was open), learner2's ISTE cohort and group order in the next run, open today.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core import clock
from enrollments.group_orders.confirm import group_order_confirm
from enrollments.group_orders.services import OrderRefused, group_order_create
from enrollments.messages import EnrollmentRefused
from enrollments.models import Enrollment, GroupOrder
from enrollments.services.enrollment import offering_refusal
from enrollments.services.registration import registration_create
from programs.models import Offering
from reviews.models import Review, SubmissionVersion
from reviews.services.reviews import review_decide
from reviews.services.submissions import draft_save, submission_submit

CMTE_WORKSHOPS = ["sotl", "otla"]
GROUP_WORKSHOP = "sotl"  # 25% off the invoice from 10 participants
LOYOLA_FULL = "loyola-full-technology-integration"
LOYOLA_TASK = "Module activities"
ISTE = "iste-certification"
ISTE_ONLINE = "Fully online"
NOT_MET_FEEDBACK = (
    "A thoughtful start. Add one example of student work and say how the tool "
    "changed what your students did, then resubmit."
)
GROUP_ORGANISATION = "Baltimore County PS"
# Participants live under a subdomain so that "@demo.test" names only the six
# demo accounts one can log in as (participants have no password until invited).
GROUP_PARTICIPANTS = [
    (name, f"participant{number:02d}@bcps.demo.test")
    for number, name in enumerate(
        [
            "Ana Alvarez",
            "Ben Brooks",
            "Chloe Chen",
            "Dev Desai",
            "Ella Evans",
            "Femi Falade",
            "Grace Gomez",
            "Hugo Hart",
            "Iris Ito",
            "Jamal Jones",
        ],
        start=1,
    )
]


def _at(day: dt.date) -> dt.datetime:
    """Mid-morning of ``day`` in the portal's time zone (never later than now)."""
    moment = dt.datetime.combine(
        day, dt.time(10), tzinfo=timezone.get_current_timezone()
    )
    return min(moment, clock.now())


def _open_offering(unit_slug: str, label_prefix: str, today: dt.date):
    """The earliest run of the unit labelled ``label_prefix``... open on ``today``."""
    offerings = Offering.objects.filter(
        unit__slug=unit_slug, label__startswith=label_prefix
    ).order_by("start_date")
    for offering in offerings:
        if offering_refusal(offering=offering, today=today) is None:
            return offering
    return None


def _running_offering(unit_slug: str, label_prefix: str, today: dt.date):
    """The run of the unit labelled ``label_prefix``... under way on ``today``."""
    return (
        Offering.objects.filter(
            unit__slug=unit_slug,
            label__startswith=label_prefix,
            start_date__lte=today,
            end_date__gte=today,
        )
        .order_by("start_date")
        .first()
    )


def _enrolled(
    learner, unit_slug: str, label_prefix: str, today: dt.date, *, running=False
):
    """The learner's enrollment (registered, so invoiced, if new): in the run open
    for enrollment on ``today``, or with ``running`` in the run under way, enrolled
    on the last day its enrollment was open.

    None when there is no such run or the learner cannot enroll (for instance
    already in another run of the unit after a load on another day).
    """
    existing = Enrollment.objects.filter(
        learner=learner,
        offering__unit__slug=unit_slug,
        offering__label__startswith=label_prefix,
    ).first()
    if existing:
        return existing
    if running:
        offering = _running_offering(unit_slug, label_prefix, today)
        day = offering.enrollment_closes if offering else today
    else:
        offering, day = _open_offering(unit_slug, label_prefix, today), today
    if offering is None:
        return None
    try:
        return registration_create(learner=learner, offering=offering, now=_at(day))
    except EnrollmentRefused:
        return None


def _submitted_version(enrollment: Enrollment, title: str):
    return (
        SubmissionVersion.objects.latest_submitted()
        .filter(submission__enrollment=enrollment, submission__requirement__title=title)
        .first()
    )


def _submitted(enrollment: Enrollment, title: str, *, text: str, today: dt.date):
    """The latest submitted version of the requirement, submitted now if none."""
    version = _submitted_version(enrollment, title)
    if version:
        return version
    requirement = enrollment.offering.unit.requirements.get(title=title)
    draft_save(enrollment=enrollment, requirement=requirement, text=text)
    return submission_submit(
        enrollment=enrollment, requirement=requirement, now=_at(today)
    )


def _learner1(learner, today: dt.date) -> None:
    for slug in CMTE_WORKSHOPS:
        _enrolled(learner, slug, "", today, running=True)
    loyola = _enrolled(learner, LOYOLA_FULL, "", today, running=True)
    if loyola:
        _submitted(
            loyola,
            LOYOLA_TASK,
            text="My module activities: a digital exit ticket tried in two classes.",
            today=today,
        )


def _learner2_loyola(learner, facilitator, today: dt.date) -> None:
    enrollment = _enrolled(learner, LOYOLA_FULL, "", today, running=True)
    if enrollment is None:
        return
    version = _submitted(
        enrollment,
        LOYOLA_TASK,
        text="My module activities: a list of the tools I use.",
        today=today,
    )
    if not Review.objects.filter(version=version).exists():
        review_decide(
            reviewer=facilitator,
            version=version,
            decision=Review.Decision.NOT_MET,
            feedback=NOT_MET_FEEDBACK,
        )


def _learner2_iste(learner, today: dt.date) -> None:
    enrollment = _enrolled(learner, ISTE, ISTE_ONLINE, today)
    if enrollment is None:
        return
    _submitted(
        enrollment,
        "Pre-assessment",
        text="Where I stand with each ISTE Standard for Educators.",
        today=today,
    )


def _group_order(leader, today: dt.date) -> None:
    """Ten colleagues in the workshop's next run, open today: 25% off the invoice."""
    if GroupOrder.objects.filter(
        leader=leader, offering__unit__slug=GROUP_WORKSHOP
    ).exists():
        return
    offering = _open_offering(GROUP_WORKSHOP, "", today)
    if offering is None:
        return
    try:
        with transaction.atomic():
            order = group_order_create(
                leader=leader,
                offering=offering,
                participants=GROUP_PARTICIPANTS,
                today=today,
                organisation=GROUP_ORGANISATION,
            )
            group_order_confirm(order=order, today=today)
    except OrderRefused:
        return


@transaction.atomic
def demo_activity_load(*, users: dict, today: dt.date) -> None:
    """learner1's and learner2's enrollments, submissions, review and group order."""
    facilitator = users["facilitator1@demo.test"]
    _learner1(users["learner1@demo.test"], today)
    learner2 = users["learner2@demo.test"]
    _learner2_iste(learner2, today)
    _learner2_loyola(learner2, facilitator, today)
    _group_order(learner2, today)
