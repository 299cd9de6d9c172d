"""Issuing: render, store, email once; frozen snapshots; failures and the sweep."""

import datetime as dt
import io

import pytest
from django.db import OperationalError
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Award, AwardEvent
from certificates.rendering import render_document
from certificates.retries import MAX_RENDER_ATTEMPTS
from certificates.services import award_reissue, award_request, issuance
from certificates.services.issuance import award_issue, award_sweep
from certificates.tasks import award_issue_task
from core import clock
from programs.models import CredentialProgram, Unit
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def pdf_text(document) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def learner():
    return LearnerFactory(legal_name="Lucía Learner-Ortega", email="lucia@example.org")


def request_cmte(learner) -> Award:
    award, _ = award_request(
        learner=learner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=clock.today(),
        results={"units": ["SOTL", "OTLA", "The Online Classroom"]},
    )
    return award


def test_issuing_renders_stores_and_emails_the_certificate(
    catalog, learner, mailoutbox, django_capture_on_commit_callbacks
):
    award = request_cmte(learner)

    with django_capture_on_commit_callbacks(execute=True):
        award_issue(award_id=award.pk)

    award.refresh_from_db()
    assert award.status == Award.Status.ISSUED
    assert award.issued_at is not None
    document = award.documents.get()
    assert document.file.name == f"certificates/{award.uuid}/certificate.pdf"
    text = pdf_text(document)
    assert "Lucía Learner-Ortega" in text
    assert "Certificate in Media and Technology for Education" in text
    assert award.verification_code in text
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["lucia@example.org"]
    assert mail.subject == (
        "Your Certificate in Media and Technology for Education is ready"
    )
    assert mail.attachments[0][0] == "certificate.pdf"
    assert award.verification_url in mail.body
    assert award.emailed_at is not None


def test_issuing_twice_renders_and_emails_once(
    catalog, learner, mailoutbox, django_capture_on_commit_callbacks
):
    award = request_cmte(learner)
    with django_capture_on_commit_callbacks(execute=True):
        award_issue(award_id=award.pk)
        award_issue(award_id=award.pk)

    assert award.documents.count() == 1
    assert len(mailoutbox) == 1
    assert AwardEvent.objects.filter(award=award, kind="issued").count() == 1


def test_a_later_name_change_never_changes_the_award(catalog, learner):
    award = request_cmte(learner)
    learner.legal_name = "Someone Else"
    learner.save()

    award_issue(award_id=award.pk)

    award.refresh_from_db()
    assert award.snapshot["name"] == "Lucía Learner-Ortega"
    assert "Someone Else" not in pdf_text(award.documents.get())


def test_reissue_prints_the_corrected_name_and_keeps_the_old_record(catalog, learner):
    award = request_cmte(learner)
    award_issue(award_id=award.pk)
    learner.legal_name = "Lucía Learner Ortega"
    learner.save()

    new = award_reissue(award=award, actor=None)
    award_issue(award_id=new.pk)

    award.refresh_from_db()
    new.refresh_from_db()
    assert award.status == Award.Status.SUPERSEDED
    assert award.documents.count() == 1
    assert new.replaces == award
    assert new.status == Award.Status.ISSUED
    assert new.verification_code != award.verification_code
    assert new.earned_on == award.earned_on
    assert "Lucía Learner Ortega" in pdf_text(new.documents.get())


def test_each_output_kind_renders_its_document(catalog, learner):
    learner.maryland_certified = True
    learner.save()
    units = {
        "cael-driving-change": ("non_credit", "60 clock hours"),
        "loyola-full-technology-integration": ("", "Completion for Credit Form"),
        "loyola-stacked-digital-tools-foundations": ("", "Digital Tools Foundations"),
        "loyola-ceu-edcamps-conferences": ("", "Continuing Education Units"),
    }
    for slug, (track, words) in units.items():
        award, _ = award_request(
            learner=learner,
            unit=Unit.objects.get(slug=slug),
            earned_on=clock.today(),
            track=track,
        )
        award_issue(award_id=award.pk)
        texts = " ".join(pdf_text(d) for d in award.documents.all())
        assert words in " ".join(texts.split()), slug
        assert award.verification_code in texts


def unrenderable(award: Award) -> Award:
    """The award with an output kind that has no layout: rendering it raises
    ``KeyError`` on every attempt."""
    Award.objects.filter(pk=award.pk).update(
        snapshot={**award.snapshot, "documents": [{"kind": "hologram", "title": "X"}]}
    )
    return award


def test_a_render_error_that_would_recur_fails_the_award_after_one_attempt(
    catalog, learner
):
    award = unrenderable(request_cmte(learner))

    result = award_issue_task.apply(args=[award.pk])

    award.refresh_from_db()
    assert result.successful()
    assert result.result == "failed"
    assert award.status == Award.Status.FAILED
    assert award.attempts == 1
    assert award.last_error == "KeyError: 'hologram'"
    assert award.events.filter(kind="render_failed").count() == 1
    assert award.documents.count() == 0


def test_a_database_error_once_is_retried_and_the_award_issued(
    catalog, learner, monkeypatch
):
    # given a database that drops the connection during the first render
    calls = []

    def render_after_a_dropped_connection(**kwargs):
        calls.append(kwargs["award"].pk)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return render_document(**kwargs)

    monkeypatch.setattr(issuance, "render_document", render_after_a_dropped_connection)
    award = request_cmte(learner)

    # when the task runs (its retries run at once when applied in-process)
    award_issue_task.apply(args=[award.pk])

    # then the second attempt issues it
    award.refresh_from_db()
    assert len(calls) == 2
    assert award.status == Award.Status.ISSUED
    assert award.attempts == 1
    assert award.last_error == ""
    assert award.documents.count() == 1


def test_a_file_error_on_every_attempt_fails_the_award_after_the_last(
    catalog, learner, monkeypatch
):
    def disk_full(**kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(issuance, "render_document", disk_full)
    award = request_cmte(learner)

    result = award_issue_task.apply(args=[award.pk])

    award.refresh_from_db()
    assert isinstance(result.result, OSError)
    assert award.status == Award.Status.FAILED
    assert award.attempts == MAX_RENDER_ATTEMPTS
    assert award.last_error == "OSError: [Errno 28] No space left on device"


def test_the_sweep_leaves_failed_awards_alone(catalog, learner):
    award = unrenderable(request_cmte(learner))

    first = award_sweep(now=timezone.now(), pending_for=dt.timedelta(0))
    second = award_sweep(now=timezone.now(), pending_for=dt.timedelta(0))

    award.refresh_from_db()
    assert first == second == {"issued": 0, "emails_queued": 0}
    assert award.status == Award.Status.FAILED
    assert award.attempts == 1


def test_a_rerender_after_a_crash_leaves_exactly_one_file_per_document(
    catalog, learner, settings
):
    # given a first attempt killed mid-render: its files are on disk, its
    # transaction never committed, and the award is still pending
    award = request_cmte(learner)
    folder = settings.MEDIA_ROOT / "certificates" / str(award.uuid)
    folder.mkdir(parents=True)
    (folder / "certificate.pdf").write_bytes(b"%PDF-1.7 half of a document")
    (folder / ".writing-k2j4.part").write_bytes(b"%PDF-1.7 a quarter")

    # when the redelivered task issues it
    award_issue(award_id=award.pk)

    # then the award has exactly its documents, whole
    award.refresh_from_db()
    document = award.documents.get()
    assert sorted(path.name for path in folder.iterdir()) == ["certificate.pdf"]
    assert document.file.name == f"certificates/{award.uuid}/certificate.pdf"
    assert (folder / "certificate.pdf").stat().st_size == document.size_bytes
    assert "Lucía Learner-Ortega" in pdf_text(document)


def test_an_award_earned_while_the_broker_is_down_is_issued_by_the_sweep(
    catalog, learner, celery_broker, django_capture_on_commit_callbacks
):
    # given a broker nobody listens on
    celery_broker("redis://127.0.0.1:1/0", eager=False)

    # when an award is earned, the enqueue fails quietly and it stays pending
    started = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        award = request_cmte(learner)
    assert (timezone.now() - started).total_seconds() < 10
    award.refresh_from_db()
    assert award.status == Award.Status.PENDING
    assert award.events.filter(kind="enqueue_failed").exists()

    # then the sweep issues it
    result = award_sweep(now=timezone.now(), pending_for=dt.timedelta(0))

    award.refresh_from_db()
    assert result["issued"] == 1
    assert award.status == Award.Status.ISSUED
    assert award.documents.count() == 1


def test_the_sweep_leaves_recent_pending_awards_to_their_task(catalog, learner):
    award = request_cmte(learner)

    result = award_sweep(now=timezone.now(), pending_for=dt.timedelta(minutes=2))

    award.refresh_from_db()
    assert result == {"issued": 0, "emails_queued": 0}
    assert award.status == Award.Status.PENDING
