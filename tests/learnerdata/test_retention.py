"""A provider's retention policy deletes uploaded files months after a run ends,
keeps every record and shared evidence, and tells learners before."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from accounts.services import roles_ensure
from audit.models import AuditEvent
from certificates.models import Award
from certificates.services import award_request
from certificates.services.openbadges import award_evidence_share
from enrollments.deadlines import add_months
from learnerdata.models import RetentionNotice, RetentionRun
from learnerdata.selectors import retention_due
from learnerdata.services.retention import retention_apply, retention_notices_send
from reviews.models import Artifact, Review
from tests.clock import local_noon, travel_to
from tests.factories import PortalAdminFactory
from tests.reviews.scenarios import loyola_full

from .worlds import classmate, files_of, resubmitted, stored

pytestmark = pytest.mark.django_db

MONTHS = 6


def _policy(world, months=MONTHS):
    provider = world.offering.unit.provider
    provider.artifact_retention_months = months
    provider.full_clean()
    provider.save()
    return add_months(world.offering.end_date, months)


def _due_ids(day):
    return {a.pk for group in retention_due(today=day) for a in group.artifacts}


def test_nothing_is_due_the_day_before_the_deletion_day():
    story = resubmitted()
    deletion_day = _policy(story.world)

    assert _due_ids(deletion_day - dt.timedelta(days=1)) == set()


def test_the_preview_lists_exactly_what_the_run_then_deletes():
    # given a run whose policy is due, two learners with files
    story = resubmitted()
    other = classmate(story.world)
    deletion_day = _policy(story.world)
    expected = {a.pk for a in files_of(story.world) + files_of(other)}

    # when the admin previews the run, then the run applies
    previewed = _due_ids(deletion_day)
    run = retention_apply(today=deletion_day, now=local_noon(deletion_day))

    # then the preview and the run's marks are the same set, every file gone
    marked = set(
        Artifact.objects.filter(file_deleted_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    assert previewed == expected
    assert marked == previewed
    assert not any(stored(a) for a in Artifact.objects.filter(pk__in=marked))
    # v1's file is shared with v2: three stored files for four artifact rows
    assert (run.files_deleted, run.artifacts_marked) == (3, 4)
    assert _due_ids(deletion_day) == set()


def test_decisions_scores_versions_and_awards_survive_the_deletion():
    story = resubmitted()
    award, _ = award_request(
        learner=story.world.enrollment.learner,
        unit=story.world.offering.unit,
        earned_on=story.world.offering.end_date,
    )
    deletion_day = _policy(story.world)

    retention_apply(today=deletion_day, now=local_noon(deletion_day))

    story.first.refresh_from_db()
    assert Review.objects.get(version=story.first).feedback
    assert Review.objects.get(version=story.second).decision == "met"
    assert Award.objects.filter(pk=award.pk).exists()
    kept = Artifact.objects.get(version=story.second, file_name="student-work.pdf")
    assert kept.file_deleted_at == local_noon(deletion_day)
    assert kept.file.name  # the record of what was submitted stays


def test_a_file_that_is_evidence_of_a_shared_award_survives():
    # given a learner who shares the evidence of their unit award, and a classmate
    story = resubmitted()
    other = classmate(story.world)
    award, _ = award_request(
        learner=story.world.enrollment.learner,
        unit=story.world.offering.unit,
        earned_on=story.world.offering.end_date,
    )
    award_evidence_share(award=award, share=True)
    deletion_day = _policy(story.world)

    # when the run applies
    retention_apply(today=deletion_day, now=local_noon(deletion_day))

    # then the Met version's files (and v1's, the same stored file) stay
    assert all(stored(a) for a in files_of(story.world))
    assert not Artifact.objects.filter(
        version__submission__enrollment=story.world.enrollment,
        file_deleted_at__isnull=False,
    ).exists()
    assert not any(stored(a) for a in files_of(other))


def test_a_provider_without_a_policy_keeps_its_files():
    story = resubmitted()
    far_later = add_months(story.world.offering.end_date, 120)

    run = retention_apply(today=far_later, now=local_noon(far_later))

    assert run.files_deleted == 0
    assert all(stored(a) for a in files_of(story.world))


def test_the_run_is_audited_once_with_its_counts_and_per_file():
    story = resubmitted()
    deletion_day = _policy(story.world)

    run = retention_apply(today=deletion_day, now=local_noon(deletion_day))

    runs = AuditEvent.objects.filter(action=AuditEvent.Action.RETENTION_RUN)
    files = AuditEvent.objects.filter(action=AuditEvent.Action.ARTIFACT_FILE_DELETED)
    assert [e.target_id for e in runs] == [run.pk]
    assert runs.get().after["counts"][0]["files"] == 2
    assert files.count() == 3
    assert {e.learner_id for e in files} == {story.world.enrollment.learner_id}


def test_a_second_run_the_same_day_deletes_nothing_more():
    story = resubmitted()
    deletion_day = _policy(story.world)
    retention_apply(today=deletion_day, now=local_noon(deletion_day))

    again = retention_apply(today=deletion_day, now=local_noon(deletion_day))

    assert (again.files_deleted, again.artifacts_marked) == (0, 0)
    assert RetentionRun.objects.count() == 2


def test_the_learner_is_warned_on_the_requirement_page_before_the_deletion(client):
    story = resubmitted()
    deletion_day = _policy(story.world)
    world = story.world
    url = reverse(
        "reviews:requirement",
        kwargs={
            "enrollment_pk": world.enrollment.pk,
            "requirement_pk": world.requirement.pk,
        },
    )

    with travel_to(deletion_day - dt.timedelta(days=10)):
        client.force_login(world.enrollment.learner)
        page = client.get(url).content.decode()
        home = client.get(reverse("dashboard:dashboard")).content.decode()

    unit = world.offering.unit.label
    assert f"Your files for {unit} will be deleted on" in page
    assert "(provider policy); <a href" in page
    assert f"Your files for {unit} will be deleted on" in home


def test_a_deleted_file_is_shown_as_deleted_with_its_day(client):
    story = resubmitted()
    deletion_day = _policy(story.world)
    retention_apply(today=deletion_day, now=local_noon(deletion_day))
    world = story.world
    artifact = files_of(world)[0]

    with travel_to(deletion_day + dt.timedelta(days=1)):
        client.force_login(world.enrollment.learner)
        page = client.get(
            reverse(
                "reviews:requirement",
                kwargs={
                    "enrollment_pk": world.enrollment.pk,
                    "requirement_pk": world.requirement.pk,
                },
            )
        ).content.decode()
        download = client.get(artifact.get_absolute_url())

    assert "file deleted on" in page
    assert "will be deleted on" not in page
    assert download.status_code == 404


def test_the_notice_email_is_sent_once_before_the_deletion():
    story = resubmitted()
    deletion_day = _policy(story.world)
    notice_day = deletion_day - dt.timedelta(days=20)

    # when the daily task runs, and is delivered again, and runs the next day
    first = retention_notices_send(today=notice_day, now=local_noon(notice_day))
    again = retention_notices_send(today=notice_day, now=local_noon(notice_day))
    next_day = notice_day + dt.timedelta(days=1)
    later = retention_notices_send(today=next_day, now=local_noon(next_day))

    # then one email, and its claim
    assert (first, again, later) == (1, 0, 0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [story.world.enrollment.learner.email]
    assert "will be deleted on" in mail.outbox[0].subject
    assert RetentionNotice.objects.get().deletion_day == deletion_day


def test_no_notice_long_before_the_deletion():
    story = resubmitted()
    deletion_day = _policy(story.world)
    early = deletion_day - dt.timedelta(days=60)

    assert retention_notices_send(today=early, now=local_noon(early)) == 0
    assert mail.outbox == []


def test_a_retention_of_zero_months_is_refused_with_a_clear_message():
    world = loyola_full()
    provider = world.offering.unit.provider
    provider.artifact_retention_months = 0

    with pytest.raises(Exception, match="at least one month"):
        provider.full_clean()


@pytest.fixture
def portal_admin():
    roles_ensure()
    return PortalAdminFactory()


def test_the_admin_preview_lists_the_files_of_the_run_due(client, portal_admin):
    story = resubmitted()
    deletion_day = _policy(story.world)

    with travel_to(deletion_day):
        client.force_login(portal_admin)
        page = client.get(
            reverse("admin:learnerdata_retentionrun_changelist")
        ).content.decode()

    assert str(story.world.offering) in page
    assert "student-work.pdf" in page
    assert "lesson-plan.pdf" in page
