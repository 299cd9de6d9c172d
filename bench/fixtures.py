"""The rows the issuance benchmarks start from, written through the models."""

import datetime as dt
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from certificates.models import Award
from certificates.services.awards import award_request
from core import clock
from enrollments.models import Enrollment
from programs.models import Offering, Unit
from reviews.latest import latest_versions_fill
from reviews.models import Review, Submission, SubmissionVersion

FINAL_REVIEW_UNIT = "loyola-full-technology-integration"
BULK_UNIT = "sotl"


def _learners(prefix: str, count: int) -> list:
    password = make_password(None)
    user_model = get_user_model()
    return user_model.objects.bulk_create(
        user_model(
            email=f"{prefix}-{number:05d}@bench.test",
            legal_name=f"Bench Learner {number:05d}",
            password=password,
        )
        for number in range(1, count + 1)
    )


@transaction.atomic
def final_reviews_prepare(count: int):
    """``count`` learners of a Loyola Full run that ended yesterday, each with the
    first project Met and the second waiting for review; returns the facilitator
    and those waiting versions."""
    unit = Unit.objects.get(slug=FINAL_REVIEW_UNIT)
    first, second = list(unit.requirements.order_by("position"))[:2]
    facilitator = (
        get_user_model()
        .objects.filter(email__startswith="facilitator", email__endswith="@bench.test")
        .order_by("email")
        .first()
    )
    today = clock.today()
    end = today - dt.timedelta(days=1)
    start = end - dt.timedelta(weeks=unit.weeks or 8)
    offering = Offering.objects.create(
        unit=unit,
        label=f"Issuance benchmark {int(time.time())}",
        start_date=start,
        end_date=end,
        enrollment_opens=start - dt.timedelta(weeks=8),
        enrollment_closes=start - dt.timedelta(days=1),
        capacity=count,
    )
    offering.facilitators.add(facilitator)
    learners = _learners(f"issuance{int(time.time())}", count)
    enrollments = Enrollment.objects.bulk_create(
        Enrollment(learner=learner, offering=offering) for learner in learners
    )
    submitted = timezone.now() - dt.timedelta(days=2)
    waiting = []
    for requirement in (first, second):
        submissions = Submission.objects.bulk_create(
            Submission(enrollment=e, requirement=requirement, offering=offering)
            for e in enrollments
        )
        versions = SubmissionVersion.objects.bulk_create(
            SubmissionVersion(
                submission=s,
                number=1,
                status="submitted",
                text="My project.",
                submitted_at=submitted,
            )
            for s in submissions
        )
        latest_versions_fill(submission_ids=[s.pk for s in submissions])
        if requirement == first:
            Review.objects.bulk_create(
                Review(version=v, reviewer=facilitator, decision="met")
                for v in versions
            )
        else:
            waiting = versions
    ids = [v.pk for v in waiting]
    return facilitator, list(
        SubmissionVersion.objects.filter(pk__in=ids)
        .select_related("submission__enrollment")
        .order_by("pk")
    )


def awards_request(count: int, *, prefix: str) -> None:
    """``count`` pending CMTE workshop awards (one certificate each), requested in
    one transaction; they go to the worker when it commits."""
    unit = Unit.objects.get(slug=BULK_UNIT)
    learners = _learners(prefix, count)
    today = clock.today()
    with transaction.atomic():
        for learner in learners:
            award_request(learner=learner, unit=unit, earned_on=today)


def emailed(prefix: str) -> int:
    return Award.objects.filter(
        learner__email__startswith=f"{prefix}-", emailed_at__isnull=False
    ).count()


def wait_emailed(*, prefix: str, count: int, worker, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while emailed(prefix) < count:
        if time.monotonic() > deadline:
            raise SystemExit(f"Not issued in {timeout} s:\n{worker.tail()}")
        time.sleep(0.2)
