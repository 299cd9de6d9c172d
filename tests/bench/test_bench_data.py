"""The benchmark dataset's small preset: its size and its consistency."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from certificates.models import Award, AwardEvent
from certificates.selectors.sweep import sweep_candidates
from certificates.services.evaluation import progress_sweep
from demo.benchdata import awards as generated_awards
from demo.benchdata.scales import SCALES
from enrollments.models import Enrollment
from reviews.latest import latest_versions_fill
from reviews.models import Review, Submission, SubmissionVersion

pytestmark = pytest.mark.django_db(transaction=False)
SMALL = SCALES["small"]


def test_the_small_preset_has_its_size(bench_small):
    learners = Enrollment.objects.values("learner").distinct().count()
    assert learners == SMALL.learners
    assert abs(Enrollment.objects.count() - SMALL.enrollments) < SMALL.enrollments * 0.1
    submitted = SubmissionVersion.objects.filter(status="submitted").count()
    assert abs(submitted - SMALL.versions) < SMALL.versions * 0.2
    assert abs(Award.objects.count() - SMALL.awards) < SMALL.awards * 0.5
    assert Review.objects.count() > 0


def test_work_belongs_to_the_enrollments_units_and_their_facilitators(bench_small):
    assert not Submission.objects.exclude(
        requirement__unit=F("enrollment__offering__unit")
    ).exists()
    reviews = Review.objects.select_related("version__submission__enrollment__offering")
    assert not reviews.exclude(version__status="submitted").exists()
    assert not reviews.exclude(
        reviewer__facilitated_offerings=F("version__submission__enrollment__offering")
    ).exists()
    assert not Review.objects.filter(decision="not_met", feedback="").exists()


def test_everything_is_dated_in_the_past_and_inside_its_run(bench_small, now, today):
    assert not SubmissionVersion.objects.filter(submitted_at__gt=now).exists()
    assert not SubmissionVersion.objects.filter(
        submitted_at__date__lt=F("submission__enrollment__offering__start_date")
    ).exists()
    assert not Review.objects.filter(created_at__lt=F("version__submitted_at")).exists()
    assert not Award.objects.filter(earned_on__gt=today).exists()
    assert not Award.objects.filter(issued_at__gt=now).exists()
    assert not Enrollment.objects.filter(created_at__gt=now).exists()


def test_awards_go_to_learners_who_completed_and_only_to_them(bench_small):
    completed = Enrollment.objects.filter(status="completed")
    unit_awards = Award.objects.filter(unit__isnull=False)
    assert unit_awards.count() == completed.count()
    for award in unit_awards.select_related("unit"):
        enrollment = completed.get(
            learner=award.learner_id, offering__unit=award.unit_id
        )
        assert award.earned_on >= enrollment.offering.end_date
        assert award.snapshot["credential"] == award.unit.title
    assert not Award.objects.filter(
        unit__isnull=False,
        learner__enrollments__status="withdrawn",
        learner__enrollments__offering__unit=F("unit"),
    ).exists()


def test_the_sweep_finds_nothing_left_to_award(bench_small, today):
    """Whoever meets a rule already holds its award: the daily sweep, evaluated
    in full on every active pair, requests none."""
    assert list(sweep_candidates(today=today)) == []
    assert progress_sweep(today=today) == {"requested": 0, "failed": 0}


def test_a_second_run_is_refused(bench_small):
    with pytest.raises(CommandError, match="already holds generated data"):
        call_command("bench_data", scale="small")


def test_a_revoked_award_has_its_events_at_their_own_moments(db, monkeypatch, now):
    """Every generated award revoked: each has requested, issued, emailed and
    revoked events, the last one at ``revoked_at`` (not at a flag's value)."""
    monkeypatch.setattr(generated_awards, "REVOKED_SHARE", 1.0)
    call_command("bench_data", scale="small", stdout=StringIO())
    awards = Award.objects.prefetch_related("events")
    assert awards.exists()
    assert not awards.exclude(status=Award.Status.REVOKED).exists()
    for award in awards:
        events = {e.kind: e for e in award.events.all()}
        assert list(events) == [
            AwardEvent.Kind.REQUESTED,
            AwardEvent.Kind.ISSUED,
            AwardEvent.Kind.EMAILED,
            AwardEvent.Kind.REVOKED,
        ]
        assert events[AwardEvent.Kind.REQUESTED].at == award.created_at
        assert events[AwardEvent.Kind.ISSUED].at == award.issued_at
        assert events[AwardEvent.Kind.EMAILED].at == award.emailed_at
        revoked = events[AwardEvent.Kind.REVOKED]
        assert revoked.at == award.revoked_at
        assert award.issued_at < award.revoked_at < now
        assert revoked.detail == {"reason": award.revoke_reason}


def test_each_submission_stores_its_offering_and_latest_version(bench_small):
    columns = (
        "pk",
        "offering_id",
        "latest_version_id",
        "latest_submitted_at",
        "latest_decision",
    )
    generated = set(Submission.objects.values_list(*columns))
    assert {latest for _, _, latest, _, _ in generated} != {None}

    latest_versions_fill()

    assert set(Submission.objects.values_list(*columns)) == generated
