"""Issue 19.4: bulk actions on awards (revoke, re-render, ZIP) run as one job,
award by award, resumable, audited. The real-worker case (a worker killed
mid-ZIP) is in ``test_bulk_actions_worker``."""

import datetime as dt
import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.db import OperationalError
from django.urls import reverse
from django.utils.html import escape

from audit.models import AuditEvent
from certificates import messages
from certificates.models import Award, AwardEvent, BulkAwardItem
from certificates.selectors.bulk import AwardFilter, awards_filtered
from certificates.services import award_request, bulk_run
from certificates.services.bulk import NO_AWARDS, award_bulk_start
from certificates.services.bulk_run import award_bulk_run
from certificates.services.bulk_zip import NO_PDF, zip_entry_name
from core.refusal import Refusal
from enrollments.jobs.models import BulkJob
from enrollments.jobs.services import STALLED_AFTER, bulk_jobs_resume_stalled
from programs.models import CredentialProgram
from tests.factories import UserFactory

from .bulk_helpers import cmte_awards, refreshed

pytestmark = pytest.mark.django_db

REASON = "Issued in error: the cohort's final review was not recorded."


@pytest.fixture
def five(catalog, today):
    """Five issued CMTE certificates earned 0 to 4 days ago (newest first)."""
    return cmte_awards(today, [0, 1, 2, 3, 4])


def last_three_days(today) -> AwardFilter:
    return AwardFilter(
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_from=today - dt.timedelta(days=2),
        earned_to=today,
    )


def test_revoking_three_of_five_filtered_awards_records_the_reason_for_each(
    five, today, portal_admin
):
    # given five issued awards, three of them earned in the last three days
    job = award_bulk_start(
        kind=BulkJob.Kind.AWARD_REVOKE,
        award_filter=last_three_days(today),
        actor=portal_admin,
        reason=f"  {REASON} ",
    )
    assert (job.status, job.total) == (BulkJob.Status.QUEUED, 3)

    # when the worker runs the job
    job = award_bulk_run(job_id=job.pk)

    # then those three are revoked with the reason, each with its event
    assert (job.status, job.done, job.result) == (
        BulkJob.Status.SUCCEEDED,
        3,
        {"succeeded": 3, "failed": 0},
    )
    recent, older = refreshed(five[:3]), refreshed(five[3:])
    for award in recent:
        assert award.status == Award.Status.REVOKED
        assert award.revoke_reason == REASON
        event = award.events.get(kind=AwardEvent.Kind.REVOKED)
        assert event.actor == portal_admin
    # the others are untouched
    assert [a.status for a in older] == [Award.Status.ISSUED] * 2
    assert not AwardEvent.objects.filter(
        award__in=older, kind=AwardEvent.Kind.REVOKED
    ).exists()
    # and the admin's job is in the audit trail, started and ended
    actions = set(
        AuditEvent.objects.filter(target_id=job.pk, actor=portal_admin).values_list(
            "action", flat=True
        )
    )
    assert actions == {
        AuditEvent.Action.BULK_JOB_STARTED,
        AuditEvent.Action.BULK_JOB_SUCCEEDED,
    }


def test_a_redelivered_batch_does_not_revoke_twice_or_write_two_events(
    five, today, portal_admin, monkeypatch
):
    # given a revocation whose worker lost the database after the first award
    job = award_bulk_start(
        kind=BulkJob.Kind.AWARD_REVOKE,
        award_filter=last_three_days(today),
        actor=portal_admin,
        reason=REASON,
    )
    real_step = bulk_run.STEPS[BulkJob.Kind.AWARD_REVOKE]
    calls = []

    def dies_on_the_second(award, job, data):
        calls.append(award.pk)
        if len(calls) == 2:
            raise OperationalError("server closed the connection unexpectedly")
        return real_step(award, job, data)

    monkeypatch.setitem(bulk_run.STEPS, BulkJob.Kind.AWARD_REVOKE, dies_on_the_second)
    with pytest.raises(OperationalError):
        award_bulk_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == BulkJob.Status.RUNNING
    assert Award.objects.filter(status=Award.Status.REVOKED).count() == 1

    # when the task is delivered again, twice (the broker's redelivery and a retry)
    monkeypatch.setitem(bulk_run.STEPS, BulkJob.Kind.AWARD_REVOKE, real_step)
    award_bulk_run(job_id=job.pk)
    again = award_bulk_run(job_id=job.pk)

    # then each award is revoked once, with one event, and the job ended once
    assert again.status == BulkJob.Status.SUCCEEDED
    assert again.attempts == 2
    for award in refreshed(five[:3]):
        assert award.status == Award.Status.REVOKED
        assert award.events.filter(kind=AwardEvent.Kind.REVOKED).count() == 1
    assert (
        AuditEvent.objects.filter(
            target_id=job.pk, action=AuditEvent.Action.BULK_JOB_SUCCEEDED
        ).count()
        == 1
    )


def test_an_award_already_revoked_fails_with_its_reason_and_the_rest_go_on(
    five, today, portal_admin
):
    # given one of the three already revoked by hand after the job was started
    from certificates.services import award_revoke

    job = award_bulk_start(
        kind=BulkJob.Kind.AWARD_REVOKE,
        award_filter=last_three_days(today),
        actor=portal_admin,
        reason=REASON,
    )
    award_revoke(award=five[1], reason="Duplicate record.", actor=portal_admin)

    # when the job runs
    job = award_bulk_run(job_id=job.pk)

    # then it says which award failed and why; the other two are revoked
    assert job.result == {"succeeded": 2, "failed": 1}
    failed = BulkAwardItem.objects.get(job=job, outcome=BulkAwardItem.Outcome.FAILED)
    assert (failed.award, failed.error) == (five[1], str(messages.REVOKE_NOT_ALLOWED))
    five[1].refresh_from_db()
    assert five[1].revoke_reason == "Duplicate record."


def test_rerender_keeps_the_snapshot_code_and_dates_and_replaces_the_pdf(
    five, today, portal_admin, monkeypatch
):
    # given a fixed template (the renderer now draws other bytes)
    fixed = b"%PDF-1.7 the fixed template"
    monkeypatch.setattr(
        "certificates.services.rerender.render_document",
        lambda *, award, output: fixed,
    )
    before = {
        award.pk: (award.snapshot, award.verification_code, award.earned_on)
        for award in five
    }
    issued_at = {award.pk: award.issued_at for award in five}

    # when the three recent awards are re-rendered
    job = award_bulk_start(
        kind=BulkJob.Kind.AWARD_RERENDER,
        award_filter=last_three_days(today),
        actor=portal_admin,
    )
    job = award_bulk_run(job_id=job.pk)

    # then their PDF is the new one, in place, and nothing the award states moved
    assert job.result == {"succeeded": 3, "failed": 0}
    for award in refreshed(five[:3]):
        assert (award.snapshot, award.verification_code, award.earned_on) == before[
            award.pk
        ]
        assert (award.status, award.issued_at) == (
            Award.Status.ISSUED,
            issued_at[award.pk],
        )
        document = award.documents.get()
        assert document.file.name == f"certificates/{award.uuid}/certificate.pdf"
        assert document.file.open("rb").read() == fixed
        assert document.size_bytes == len(fixed)
        event = award.events.get(kind=AwardEvent.Kind.RERENDERED)
        assert event.actor == portal_admin
        assert event.detail["job"] == str(job.public_id)
        assert event.detail["documents"][0]["bytes_after"] == len(fixed)
    for award in five[3:]:
        assert award.documents.get().file.open("rb").read() != fixed


def test_the_zip_holds_exactly_the_filtered_pdfs_and_names_an_unissued_award(
    catalog, today, portal_admin, admin_client
):
    # given three issued awards and one still pending in the range, one older
    issued = cmte_awards(today, [0, 1, 2, 9])
    (pending,) = cmte_awards(today, [1], issue=False)

    # when the recent ones are zipped
    job = award_bulk_start(
        kind=BulkJob.Kind.AWARD_ZIP,
        award_filter=last_three_days(today),
        actor=portal_admin,
    )
    job = award_bulk_run(job_id=job.pk)

    # then the ZIP holds the PDFs of the three issued ones, byte for byte
    assert job.result["succeeded"] == 3
    with zipfile.ZipFile(io.BytesIO(default_storage_read(job.result["zip"]))) as z:
        names = sorted(z.namelist())
        contents = {name: z.read(name) for name in names}
    expected = {
        zip_entry_name(award, "certificate.pdf"): award.documents.get()
        for award in issued[:3]
    }
    assert names == sorted(expected)
    for name, document in expected.items():
        assert contents[name] == document.file.open("rb").read()
    # and the pending award is listed as failed, with why
    item = BulkAwardItem.objects.get(job=job, award=pending)
    assert (item.outcome, item.error) == (BulkAwardItem.Outcome.FAILED, str(NO_PDF))
    page = admin_client.get(job.get_absolute_url()).content.decode()
    assert "3 of 4 awards handled, 1 failed." in page
    assert "1 award failed" in page
    assert escape(str(NO_PDF)) in page


def default_storage_read(name: str) -> bytes:
    from django.core.files.storage import default_storage

    with default_storage.open(name, "rb") as stored:
        return stored.read()


@pytest.mark.parametrize(
    ("kind", "reason", "award_filter", "message"),
    [
        pytest.param(
            BulkJob.Kind.AWARD_REVOKE,
            "  ",
            AwardFilter(),
            messages.REVOKE_REASON_REQUIRED,
            id="revoke-without-a-reason",
        ),
        pytest.param(
            BulkJob.Kind.AWARD_ZIP,
            "",
            AwardFilter(status=Award.Status.REVOKED),
            NO_AWARDS,
            id="a-filter-matching-nothing",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_created(
    five, portal_admin, kind, reason, award_filter, message
):
    with pytest.raises(Refusal) as refused:
        award_bulk_start(
            kind=kind, award_filter=award_filter, actor=portal_admin, reason=reason
        )

    assert refused.value.message == message
    assert not BulkJob.objects.exists()
    assert not BulkAwardItem.objects.exists()
    assert not AuditEvent.objects.filter(
        action=AuditEvent.Action.BULK_JOB_STARTED
    ).exists()


def test_a_stalled_job_is_resumed_by_the_sweep_and_a_live_one_is_not(
    five, today, now, portal_admin
):
    # given two zip jobs marked running: one silent for too long, one fresh
    def running(heartbeat):
        job = award_bulk_start(
            kind=BulkJob.Kind.AWARD_ZIP,
            award_filter=last_three_days(today),
            actor=portal_admin,
        )
        BulkJob.objects.filter(pk=job.pk).update(
            status=BulkJob.Status.RUNNING, heartbeat_at=heartbeat, attempts=1
        )
        return job

    stalled = running(now - STALLED_AFTER - dt.timedelta(seconds=1))
    live = running(now)

    # when beat's sweep runs (the tasks run in-process in the tests)
    resumed = bulk_jobs_resume_stalled(now=now)

    # then only the stalled one is sent again, and it finishes
    assert resumed == [stalled.pk]
    stalled.refresh_from_db()
    live.refresh_from_db()
    assert stalled.status == BulkJob.Status.SUCCEEDED
    assert live.status == BulkJob.Status.RUNNING


# The admin's pages


def bulk_url() -> str:
    return reverse("admin:certificates_award_bulk")


def filter_form(today, **extra) -> dict:
    program = CredentialProgram.objects.get(slug="cmte")
    return {
        "program": program.pk,
        "earned_from": (today - dt.timedelta(days=2)).isoformat(),
        "earned_to": today.isoformat(),
        "status": "",
        "offering": "",
        "reason": "",
        **extra,
    }


def test_the_admin_reviews_the_count_then_starts_the_job_and_watches_it_end(
    admin_client, five, today, django_capture_on_commit_callbacks
):
    # when the admin asks for a ZIP of the last three days' awards
    form = filter_form(today, action="award_zip")
    review = admin_client.post(bulk_url(), form)

    # then the confirm page states the count and the filter, and nothing started
    assert review.status_code == 200
    page = review.content.decode()
    assert "3 awards match this filter." in page
    assert "Program: " in page
    assert not BulkJob.objects.exists()

    # when they confirm (the worker runs the job on commit, in-process here)
    with django_capture_on_commit_callbacks(execute=True):
        started = admin_client.post(bulk_url(), {**form, "confirm": "1"})

    # then the job's page shows it done, with the ZIP to download
    job = BulkJob.objects.get()
    assert started.url == reverse(
        "admin:certificates_award_bulk_job", args=[job.public_id]
    )
    page = admin_client.get(started.url).content.decode()
    assert "3 of 3 awards handled, 0 failed." in page
    # (the jobs app's own page of the job sends the admin here)
    elsewhere = admin_client.get(reverse("jobs:detail", args=[job.public_id]))
    assert elsewhere.url == started.url
    download = admin_client.get(
        reverse("admin:certificates_award_bulk_zip", args=[job.public_id])
    )
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 3


@pytest.mark.parametrize(
    ("form_extra", "message"),
    [
        pytest.param(
            {"action": "award_revoke", "reason": ""},
            messages.REVOKE_REASON_REQUIRED,
            id="no-reason",
        ),
        pytest.param(
            {"action": "award_zip", "status": "revoked"}, NO_AWARDS, id="no-awards"
        ),
    ],
)
def test_the_admin_page_says_what_is_wrong_and_starts_nothing(
    admin_client, five, today, form_extra, message
):
    response = admin_client.post(bulk_url(), filter_form(today, **form_extra))

    assert response.status_code == 200
    assert str(message) in response.content.decode()
    assert not BulkJob.objects.exists()


def test_a_staff_user_who_may_only_view_awards_may_zip_but_not_revoke(
    client, five, today
):
    # given a staff user allowed to view awards and nothing more
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_award"))
    client.force_login(viewer)
    revoke = filter_form(today, action="award_revoke", reason=REASON, confirm="1")

    # then a revocation is forbidden and nothing starts; a ZIP may be reviewed
    assert client.post(bulk_url(), revoke).status_code == 403
    assert not BulkJob.objects.exists()
    review = client.post(bulk_url(), filter_form(today, action="award_zip"))
    assert "3 awards match this filter." in review.content.decode()


def test_a_user_without_the_award_permissions_cannot_open_the_page(client, five):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(bulk_url()).status_code == 403
    client.force_login(UserFactory())
    assert client.get(bulk_url()).status_code == 302  # to the admin's log-in


def test_the_filter_takes_a_programs_unit_awards_and_an_offerings_enrolled_learners(
    catalog, today
):
    # given a unit award for a learner of each of two runs of SOTL (a CMTE
    # workshop), and a CMTE Certificate
    from programs.models import Unit
    from tests.factories import EnrollmentFactory, LearnerFactory, OfferingFactory

    sotl = Unit.objects.get(slug="sotl")
    spring, fall = OfferingFactory(unit=sotl), OfferingFactory(unit=sotl)
    unit_awards = []
    for offering in (spring, fall):
        enrollment = EnrollmentFactory(learner=LearnerFactory(), offering=offering)
        award, _ = award_request(learner=enrollment.learner, unit=sotl, earned_on=today)
        unit_awards.append(award)
    (certificate,) = cmte_awards(today, [0], issue=False)
    cmte = CredentialProgram.objects.get(slug="cmte")

    def matching(**parts):
        return list(awards_filtered(award_filter=AwardFilter(**parts)))

    # then the program takes all three, the spring run its own learner's only
    assert matching(program=cmte) == [*unit_awards, certificate]
    assert matching(offering=spring) == [unit_awards[0]]
    assert matching(offering=fall, status=Award.Status.ISSUED) == []


def test_a_job_whose_retries_ran_out_fails_saying_how_far_it_got(
    five, today, portal_admin, monkeypatch
):
    # given a re-render that lost the storage at its second award, for good
    from certificates.services.bulk_run import STOPPED, award_bulk_give_up
    from certificates.tasks import AwardBulkTask

    job = award_bulk_start(
        kind=BulkJob.Kind.AWARD_RERENDER,
        award_filter=last_three_days(today),
        actor=portal_admin,
    )
    real_step = bulk_run.STEPS[BulkJob.Kind.AWARD_RERENDER]

    def storage_gone_after_the_first(award, job, data):
        if BulkAwardItem.objects.filter(job=job, outcome="done").exists():
            raise OSError("No space left on device")
        return real_step(award, job, data)

    monkeypatch.setitem(
        bulk_run.STEPS, BulkJob.Kind.AWARD_RERENDER, storage_gone_after_the_first
    )
    with pytest.raises(OSError, match="No space"):
        award_bulk_run(job_id=job.pk)

    # when the task's last retry fails too
    AwardBulkTask().on_failure(OSError(), "task-id", (job.pk,), {}, None)

    # then the job is failed with how far it got; the first award keeps its change
    job.refresh_from_db()
    assert job.status == BulkJob.Status.FAILED
    assert job.message == STOPPED % {"done": 1, "total": 3}
    assert AwardEvent.objects.filter(kind=AwardEvent.Kind.RERENDERED).count() == 1
    # and a finished job is left as it is
    assert award_bulk_give_up(job_id=job.pk).message == job.message
