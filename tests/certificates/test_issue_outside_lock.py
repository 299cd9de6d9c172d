"""Issue 17.3: an award is rendered and stored outside its row lock and any
transaction; the lock only records the documents and marks it issued.

A render or a write that fails, a process killed between the write and the lock,
an award revoked or issued by another delivery meanwhile: none leaves a
half-issued award (documents without the issued status, or the status without
its documents) nor a file the award does not record.
"""

import threading

import pytest
from django.db import DatabaseError, connection, transaction

from certificates.enqueue import awards_collected
from certificates.models import Award, AwardEvent, StatusListEntry
from certificates.services import award_request, award_revoke, issuance
from certificates.services.issuance import award_issue
from programs.models import CredentialProgram, Unit

pytestmark = pytest.mark.django_db

render_document = issuance.render_document
BOTH_KINDS = ["certificate", "clock_hour_letter"]
BOTH_FILES = ["certificate.pdf", "clock-hour-letter.pdf"]


def cmte(learner, today) -> Award:
    award, _ = award_request(
        learner=learner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=today,
    )
    return award


def letter_and_certificate(learner, today) -> Award:
    """A non-credit CAEL award: a clock-hour letter and a certificate."""
    award, _ = award_request(
        learner=learner,
        unit=Unit.objects.get(slug="cael-driving-change"),
        earned_on=today,
        track="non_credit",
    )
    assert len(award.snapshot["documents"]) == 2
    return award


@pytest.fixture
def pending(catalog, learner, today) -> Award:
    return cmte(learner, today)


@pytest.fixture
def two_documents(catalog, learner, today) -> Award:
    return letter_and_certificate(learner, today)


def files_in(settings, award: Award) -> list[str]:
    folder = settings.MEDIA_ROOT / "certificates" / str(award.uuid)
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def documents_stored_whole(settings, award: Award) -> list[str]:
    """The award's documents, each file on disk with the size recorded."""
    for document in award.documents.all():
        stored = settings.MEDIA_ROOT / document.file.name
        assert stored.stat().st_size == document.size_bytes
    return sorted(award.documents.values_list("kind", flat=True))


def test_a_second_render_that_fails_leaves_the_award_pending_with_nothing_stored(
    catalog, learner, today, settings, monkeypatch
):
    # given a renderer that fails on the award's second document
    award = letter_and_certificate(learner, today)
    calls = []

    def second_fails(**kwargs):
        calls.append(kwargs["output"]["kind"])
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        return render_document(**kwargs)

    monkeypatch.setattr(issuance, "render_document", second_fails)

    # when the award is issued
    with pytest.raises(OSError, match="Input/output error"):
        award_issue(award_id=award.pk)

    # then it stays pending, with no document and no file
    award.refresh_from_db()
    assert award.status == Award.Status.PENDING
    assert award.attempts == 1
    assert award.documents.count() == 0
    assert files_in(settings, award) == []

    # and the next attempt issues both documents
    monkeypatch.setattr(issuance, "render_document", render_document)
    award_issue(award_id=award.pk)
    award.refresh_from_db()
    assert award.status == Award.Status.ISSUED
    assert documents_stored_whole(settings, award) == [
        "certificate",
        "clock_hour_letter",
    ]
    assert files_in(settings, award) == ["certificate.pdf", "clock-hour-letter.pdf"]


def test_a_write_that_fails_after_the_first_file_removes_that_file(
    catalog, learner, today, settings, monkeypatch
):
    # given a storage that takes the first document and fails on the second
    award = letter_and_certificate(learner, today)
    write = issuance.document_file_write
    written = []

    def disk_full_on_the_second(document, content):
        if written:
            raise OSError(28, "No space left on device")
        write(document, content)
        written.append(document.file.name)

    monkeypatch.setattr(issuance, "document_file_write", disk_full_on_the_second)

    # when the award is issued
    with pytest.raises(OSError, match="No space left"):
        award_issue(award_id=award.pk)

    # then the first file was written, then removed with the failure recorded
    award.refresh_from_db()
    assert len(written) == 1
    assert award.status == Award.Status.PENDING
    assert award.last_error == "OSError: [Errno 28] No space left on device"
    assert award.documents.count() == 0
    assert files_in(settings, award) == []


def test_a_process_killed_between_the_write_and_the_lock_leaves_it_pending(
    catalog, learner, today, settings, monkeypatch
):
    # given a worker killed once its files are written, before it locks the award
    award = cmte(learner, today)

    def killed(*args, **kwargs):
        raise SystemExit("SIGKILL")

    monkeypatch.setattr(issuance, "_issued_mark", killed)
    with pytest.raises(SystemExit):
        award_issue(award_id=award.pk)

    # then the award is pending with no document, its file not recorded anywhere
    award.refresh_from_db()
    assert award.status == Award.Status.PENDING
    assert award.documents.count() == 0
    assert files_in(settings, award) == ["certificate.pdf"]

    # and the redelivery (a temporary file of another killed write beside it)
    # overwrites it, removes the rest and issues the award
    folder = settings.MEDIA_ROOT / "certificates" / str(award.uuid)
    (folder / ".writing-x1y2.part").write_bytes(b"%PDF-1.7 a quarter")
    monkeypatch.undo()
    award_issue(award_id=award.pk)
    award.refresh_from_db()
    assert award.status == Award.Status.ISSUED
    assert documents_stored_whole(settings, award) == ["certificate"]
    assert files_in(settings, award) == ["certificate.pdf"]


def test_an_award_revoked_during_its_render_is_not_issued_and_keeps_no_file(
    pending, settings, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    # given an admin who revokes the pending award while its PDF renders
    award = pending

    def revoked_meanwhile(**kwargs):
        award_revoke(award=award, reason="Entered in error", actor=None)
        return render_document(**kwargs)

    monkeypatch.setattr(issuance, "render_document", revoked_meanwhile)

    # when the render ends and the award is locked
    with django_capture_on_commit_callbacks(execute=True):
        result = award_issue(award_id=award.pk)

    # then it stays revoked: no document, no file, no bit, no email
    assert result.status == Award.Status.REVOKED
    award.refresh_from_db()
    assert award.status == Award.Status.REVOKED
    assert award.issued_at is None
    assert award.documents.count() == 0
    assert files_in(settings, award) == []
    assert not StatusListEntry.objects.filter(award=award).exists()
    assert not award.events.filter(kind=AwardEvent.Kind.ISSUED).exists()
    assert mailoutbox == []


def test_two_deliveries_of_one_award_issue_one_set_of_documents(
    two_documents, settings, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    # given a second delivery of the task that issues the award while the first
    # delivery is still rendering
    award = two_documents
    second = []

    def second_delivery_meanwhile(**kwargs):
        if not second:
            monkeypatch.setattr(issuance, "render_document", render_document)
            second.append(award_issue(award_id=award.pk))
        return render_document(**kwargs)

    monkeypatch.setattr(issuance, "render_document", second_delivery_meanwhile)

    # when the first delivery ends
    with django_capture_on_commit_callbacks(execute=True):
        first = award_issue(award_id=award.pk)

    # then the award holds the second delivery's documents, once, whole
    assert second[0].status == first.status == Award.Status.ISSUED
    award.refresh_from_db()
    assert award.issued_at == second[0].issued_at
    assert documents_stored_whole(settings, award) == [
        "certificate",
        "clock_hour_letter",
    ]
    assert files_in(settings, award) == ["certificate.pdf", "clock-hour-letter.pdf"]
    assert award.events.filter(kind=AwardEvent.Kind.ISSUED).count() == 1
    assert StatusListEntry.objects.filter(award=award).count() == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_award_row_is_not_locked_while_its_pdf_renders(
    catalog, learner, today, monkeypatch
):
    # given a render that asks, from another connection, for the award's lock
    with awards_collected():  # committed here: the test issues it, not on commit
        award = cmte(learner, today)
    answers = []

    def lock_from_elsewhere():
        try:
            with transaction.atomic():
                Award.objects.select_for_update(nowait=True).get(pk=award.pk)
            answers.append("locked")
        except DatabaseError:
            answers.append("refused: held by the render")
        except Exception as error:  # any other answer fails the assertion
            answers.append(repr(error))
        finally:
            connection.close()

    def render_asking_for_the_lock(**kwargs):
        other = threading.Thread(target=lock_from_elsewhere)
        other.start()
        other.join(timeout=30)
        return render_document(**kwargs)

    monkeypatch.setattr(issuance, "render_document", render_asking_for_the_lock)

    # when the award is issued
    award_issue(award_id=award.pk)

    # then the other connection took the lock at once, and the award was issued
    award.refresh_from_db()
    assert answers == ["locked"]
    assert award.status == Award.Status.ISSUED
    assert award.documents.count() == 1


def test_files_removed_by_another_attempt_before_the_lock_are_written_again(
    two_documents, settings, monkeypatch
):
    # given another delivery whose failure is recorded (its clean-up empties the
    # pending award's folder) between this attempt's writes and its lock
    award = two_documents
    mark = issuance._issued_mark

    def other_attempt_failed_first(award_id, written, **kwargs):
        issuance._failure_record(award_id, OSError(5, "I/O error"), final=False)
        assert files_in(settings, award) == []
        return mark(award_id, written, **kwargs)

    monkeypatch.setattr(issuance, "_issued_mark", other_attempt_failed_first)

    # when this attempt locks the award
    award_issue(award_id=award.pk)

    # then it is issued with both documents whole
    award.refresh_from_db()
    assert award.status == Award.Status.ISSUED
    assert award.attempts == 1
    assert documents_stored_whole(settings, award) == BOTH_KINDS
    assert files_in(settings, award) == BOTH_FILES
