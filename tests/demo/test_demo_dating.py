"""load_demo on any day shows only what is possible on that day (issue 8)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from certificates.models import Award
from enrollments.models import Attendance, Enrollment, GroupOrder
from reviews.guards import opens_on
from reviews.models import Review, SubmissionVersion

pytestmark = pytest.mark.django_db

LOAD_DAYS = [dt.date(2026, 8, 1), dt.date(2026, 12, 1), dt.date(2027, 3, 15)]


@pytest.fixture(params=LOAD_DAYS, ids=str)
def loaded_on(request, monkeypatch):
    """``load_demo`` run with the clock at noon on the load day."""
    day = request.param
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_default_timezone())
    monkeypatch.setattr(timezone, "now", lambda: noon)
    call_command("load_demo", stdout=None)
    return day


def runs_on(offering, day: dt.date) -> bool:
    return offering.start_date <= day <= offering.end_date


def test_no_submission_is_dated_before_it_was_open_or_after_the_load_day(loaded_on):
    versions = SubmissionVersion.objects.filter(
        status=SubmissionVersion.Status.SUBMITTED
    ).select_related("submission__enrollment__offering", "submission__requirement")
    assert versions
    for version in versions:
        submission = version.submission
        day = timezone.localdate(version.submitted_at)
        opening = opens_on(
            enrollment=submission.enrollment, requirement=submission.requirement
        )
        assert opening is None or opening <= day, version
        assert day <= loaded_on, version


def test_attendance_is_only_for_sessions_already_held(loaded_on):
    for attendance in Attendance.objects.select_related("session"):
        assert timezone.localdate(attendance.session.starts_at) <= loaded_on


def test_no_award_is_earned_before_its_run_ended_or_after_the_load_day(loaded_on):
    awards = Award.objects.select_related("unit", "learner")
    assert awards
    for award in awards:
        assert award.earned_on <= loaded_on
        if award.issued_at:
            assert timezone.localdate(award.issued_at) <= loaded_on
        if award.unit and award.unit.offerings.filter(start_date__isnull=False):
            enrollment = Enrollment.objects.get(
                learner=award.learner, offering__unit=award.unit
            )
            assert enrollment.offering.end_date <= award.earned_on, award


def test_learner1_has_two_cmte_workshops_under_way_and_a_submission_waiting(
    loaded_on,
):
    enrollments = Enrollment.objects.filter(learner__email="learner1@demo.test")
    workshops = enrollments.filter(offering__unit__slug__in=["sotl", "otla"])
    assert workshops.count() == 2
    for enrollment in workshops:
        assert runs_on(enrollment.offering, loaded_on)
        assert enrollment.invoice.total > 0
    waiting = SubmissionVersion.objects.get(
        submission__enrollment__learner__email="learner1@demo.test",
        status=SubmissionVersion.Status.SUBMITTED,
    )
    assert not Review.objects.filter(version=waiting).exists()
    assert runs_on(waiting.submission.enrollment.offering, loaded_on)


def test_learner2_has_the_iste_cohort_a_not_met_and_a_group_of_ten(loaded_on):
    learner2 = "learner2@demo.test"
    iste = Enrollment.objects.get(
        learner__email=learner2, offering__label__startswith="Fully online"
    )
    versions = SubmissionVersion.objects.filter(submission__enrollment=iste)
    titles = {
        v.submission.requirement.title: v.status
        for v in versions.select_related("submission__requirement")
    }
    # the e-portfolio takes work once the cohort starts, not before
    assert titles == {"Pre-assessment": "submitted"}
    not_met = Review.objects.get(
        version__submission__enrollment__learner__email=learner2
    )
    assert not_met.decision == Review.Decision.NOT_MET
    order = GroupOrder.objects.get(leader__email=learner2)
    assert order.participants.count() == 10
    assert loaded_on < order.offering.start_date


def test_learner3_holds_the_awards_the_readme_lists(loaded_on):
    awards = Award.objects.filter(learner__email="learner3@demo.test")
    units = set(awards.exclude(unit=None).values_list("unit__slug", flat=True))
    programs = set(awards.exclude(program=None).values_list("program__slug", flat=True))
    assert {"sotl", "otla", "the-online-classroom"} <= units
    assert "loyola-stacked-digital-tools-foundations" in units
    assert {"cmte", "iste-certified-educator"} <= programs


def test_the_retention_policy_has_no_demo_file_left_due(loaded_on):
    """Loyola keeps files a year after a run ends: on any load day, no demo file
    kept is already past that (the preview of a run that day is empty)."""
    from learnerdata.selectors import retention_due
    from programs.models import Provider

    assert Provider.objects.get(slug="loyola").artifact_retention_months == 12
    assert retention_due(today=loaded_on) == []
