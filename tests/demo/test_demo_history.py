"""load_demo dates learner3's history on the days it would really have happened:
a run that ended months ago was completed, reviewed, earned and issued within
days of its end, and nothing is dated after the load day (issue 16, item 2)."""

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command

from audit.models import AuditEvent
from certificates.models import Award
from certificates.selectors.validity import award_is_expired, expiry_notices_from
from certificates.validity import valid_until
from core import clock
from demo.awards import DEMO_VALIDITY_MONTHS
from enrollments.models import Attendance, Enrollment, Invoice
from reports.filters import ReportFilters
from reports.selectors.awards import awards_per_month
from reviews.models import Review, SubmissionVersion

pytestmark = pytest.mark.django_db

WITHIN = dt.timedelta(days=30)


@pytest.fixture
def loaded(today):
    """The demo loaded on the test's day."""
    call_command("load_demo", stdout=None)
    return today


def _run_of(award: Award):
    """The run an award of a unit certifies: the learner's enrollment in it."""
    enrollment = (
        Enrollment.objects.filter(learner=award.learner, offering__unit=award.unit)
        .select_related("offering")
        .order_by("-created_at")
        .first()
    )
    return enrollment.offering


def test_awards_of_ended_runs_are_earned_and_issued_within_30_days_of_the_end(
    loaded,
):
    # (a certificate superseded by its corrected re-issue: test_demo_revocation)
    awards = (
        Award.objects.exclude(unit=None)
        .exclude(status=Award.Status.SUPERSEDED)
        .select_related("learner", "unit")
    )
    ended = [a for a in awards if (_run_of(a).end_date or loaded) < loaded]
    # learner3's three CMTE workshops and ISTE cohort ended months ago.
    assert len(ended) >= 4
    for award in ended:
        end = _run_of(award).end_date
        assert end <= award.earned_on <= end + WITHIN, award
        assert award.status == Award.Status.ISSUED, award
        issued_on = clock.local_day(award.issued_at)
        assert award.earned_on <= issued_on <= award.earned_on + WITHIN, award


def test_program_awards_are_earned_with_their_last_unit(loaded):
    learner3 = Award.objects.filter(learner__email="learner3@demo.test")
    cmte = learner3.get(program__slug="cmte")
    workshops = learner3.filter(unit__programs__slug="cmte")
    assert cmte.earned_on == max(w.earned_on for w in workshops)
    assert cmte.earned_on < loaded - WITHIN


def test_ended_runs_enrollments_completed_within_30_days_of_their_end(loaded):
    completed = Enrollment.objects.filter(
        status=Enrollment.Status.COMPLETED, offering__end_date__lt=loaded
    ).select_related("offering")
    assert completed.count() >= 4
    for enrollment in completed:
        end = enrollment.offering.end_date
        day = clock.local_day(enrollment.completed_at)
        assert end <= day <= end + WITHIN, enrollment
        assert clock.local_day(enrollment.created_at) <= enrollment.offering.start_date


def test_nothing_is_dated_after_today(loaded):
    moments = [
        *Award.objects.values_list("issued_at", flat=True),
        *Enrollment.objects.values_list("created_at", flat=True),
        *Enrollment.objects.values_list("completed_at", flat=True),
        *SubmissionVersion.objects.values_list("submitted_at", flat=True),
        *Review.objects.values_list("created_at", flat=True),
        *Review.objects.values_list("updated_at", flat=True),
        *Attendance.objects.values_list("marked_at", flat=True),
        *Invoice.objects.values_list("issued_at", flat=True),
        *AuditEvent.objects.values_list("created_at", flat=True),
    ]
    days = {clock.local_day(m) for m in moments if m is not None}
    assert days
    assert max(days) <= loaded
    assert max(Award.objects.values_list("earned_on", flat=True)) <= loaded
    # And the history is not all on the load day.
    assert min(days) < loaded - WITHIN


def test_reviews_and_their_audit_rows_are_dated_after_the_submission(loaded):
    reviews = Review.objects.select_related("version").exclude(reviewer=None)
    assert reviews
    for review in reviews:
        assert review.version.submitted_at <= review.created_at <= review.updated_at
        row = AuditEvent.objects.get(
            action=AuditEvent.Action.REVIEW_DECIDED, target_id=review.pk
        )
        assert row.created_at == review.created_at


def test_the_report_counts_each_award_in_the_month_it_was_issued(loaded):
    issued = Award.objects.filter(status=Award.Status.ISSUED)
    expected = Counter(clock.local_day(a.issued_at).replace(day=1) for a in issued)
    assert len(expected) >= 2
    counts = {
        row.month: row.issued
        for row in awards_per_month(filters=ReportFilters())
        if row.issued
    }
    assert counts == dict(expected)


def test_learner3_holds_an_expired_award_and_one_expiring_within_the_month(loaded):
    learner3 = Award.objects.filter(learner__email="learner3@demo.test")
    expired = learner3.get(unit__slug="the-online-classroom")
    expiring = learner3.get(unit__slug="otla")
    for award in (expired, expiring):
        months = DEMO_VALIDITY_MONTHS[award.unit.slug]
        assert award.expires_on == valid_until(
            earned_on=award.earned_on, valid_for_months=months
        )
        assert award.snapshot["expires_on"] == award.expires_on.isoformat()
    assert award_is_expired(expired, today=loaded)
    assert not award_is_expired(expiring, today=loaded)
    (notice,) = expiry_notices_from(learner3, today=loaded)
    assert notice.award == expiring
    assert 0 <= notice.days_left <= 30
    # the other awards never expire, but for the CAEL Certificate's (the demo's
    # renewal, demo/renewal.py)
    others = learner3.exclude(pk__in=[expired.pk, expiring.pk])
    assert not others.exclude(program__slug="cael").exclude(expires_on=None)
