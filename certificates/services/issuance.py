"""Issuing awards: render, store, mark issued. Runs in the rendering worker.

Every function here is idempotent. An award is rendered and its files stored
without any lock or transaction; only then is its row locked, to record the
documents and mark it issued, or to return when another delivery did. The email
is a task of its own on the ``email`` queue (``emailing``), enqueued after the
commit of the first transition to issued.
"""

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef

from core import clock
from core.transient import TRANSIENT_ERRORS

from ..enqueue import award_email_on_commit
from ..models import Award, AwardDocument, AwardEvent
from ..rendering import render_document
from ..retries import MAX_EMAIL_FAILURES, MAX_RENDER_ATTEMPTS
from ..storage import (
    award_files_unrecorded_remove,
    award_leftovers_remove,
    document_file_write,
)
from .status_lists import status_entry_allocate

logger = logging.getLogger(__name__)

SWEEP_BATCH = 50


def award_issue(
    *, award_id: int, notify: bool = True, now: dt.datetime | None = None
) -> Award | None:
    """Render and store a pending award's documents and mark it issued.

    Returns the award as it stands (None if it no longer exists). A transient
    error (``TRANSIENT_ERRORS``: database, broker, file I/O) is counted on the
    award and raised again so that the task retries with backoff; after
    ``MAX_RENDER_ATTEMPTS`` the award is failed. Any other error would recur on
    every attempt: the award is failed at once with its reason, and an admin
    resends it once the cause is fixed. ``notify=False`` issues without email,
    now or later (the demo's awards). ``now`` is the moment of issue (the clock's
    by default; the demo's history is issued on its past days).
    """
    try:
        return _issue(award_id, notify=notify, now=now or clock.now())
    except TRANSIENT_ERRORS as exc:
        try:
            _failure_record(award_id, exc, final=False)
        except Exception:
            logger.exception("Could not record the failure of award %s", award_id)
        raise
    except Exception as exc:
        logger.exception("Issuing award %s failed; it is marked failed", award_id)
        return _failure_record(award_id, exc, final=True)


def _issue(award_id: int, *, notify: bool, now: dt.datetime) -> Award | None:
    award = Award.objects.filter(pk=award_id).first()
    if award is None or award.status != Award.Status.PENDING:
        return award
    # Rendered and written with no lock and no transaction: a render holds
    # nothing another delivery, a revocation or the status list waits on.
    written = _documents_write(award)
    return _issued_mark(award_id, written, notify=notify, now=now)


def _documents_write(award: Award) -> list[tuple[AwardDocument, bytes]]:
    """Render every document of the award, then store each under its
    deterministic name (``storage``); nothing is written if a render fails.

    A crash from here on leaves the award pending with no documents: the next
    attempt overwrites these files, and removes anything else in the folder."""
    rendered = [
        (
            AwardDocument(award=award, kind=output["kind"], title=output["title"]),
            render_document(award=award, output=output),
        )
        for output in award.snapshot.get("documents", [])
    ]
    for document, pdf in rendered:
        document.size_bytes = len(pdf)
        document_file_write(document, pdf)
    return rendered


@transaction.atomic
def _issued_mark(
    award_id: int,
    written: list[tuple[AwardDocument, bytes]],
    *,
    notify: bool,
    now: dt.datetime,
) -> Award | None:
    """Under the award's row lock, record the documents written and mark it
    issued; the lock makes a second delivery wait, then find it issued.

    An award no longer pending (another delivery issued it, or it was revoked or
    failed meanwhile) keeps what it had: the files written here that it does not
    record are deleted."""
    award = (
        Award.objects.select_for_update(of=("self",))
        # The provider, for the award's bit in its status list.
        .select_related("unit__provider", "program__provider")
        .filter(pk=award_id)
        .first()
    )
    names = {document.file.name for document, _ in written}
    if award is None or award.status != Award.Status.PENDING:
        award_files_unrecorded_remove(award_id, names)
        return award
    removed = award_leftovers_remove(award, keep=names)
    if removed:
        logger.info("Award %s: removed leftovers %s", award_id, removed)
    for document, pdf in written:
        # A failed attempt's clean-up (under this lock) may have removed the
        # file since it was written; the bytes are at hand.
        if not document.file.storage.exists(document.file.name):
            document_file_write(document, pdf)
        document.award = award
        # The award is locked and pending: it exists and has no document yet
        # (the database holds one per kind all the same).
        document.full_clean(exclude=["award"], validate_constraints=False)
        document.save()
    award.status = Award.Status.ISSUED
    award.issued_at = now
    award.last_error = ""
    award.email_learner = award.email_learner and notify
    award.save(update_fields=["status", "issued_at", "last_error", "email_learner"])
    entry = status_entry_allocate(award=award)
    AwardEvent.objects.create(
        award=award,
        kind=AwardEvent.Kind.ISSUED,
        detail={"documents": len(written), "status_list_index": entry.index},
    )
    if written and award.email_learner:
        award_email_on_commit(award.pk)
    return award


@transaction.atomic
def _failure_record(award_id: int, exc: Exception, *, final: bool) -> Award | None:
    """Count a failed attempt in its own transaction; the award is failed when the
    error is ``final`` or the attempts are spent. The sweep leaves failed awards."""
    award = Award.objects.select_for_update().filter(pk=award_id).first()
    if award is None or award.status != Award.Status.PENDING:
        return award
    # What this attempt wrote is not recorded anywhere: a pending award has no
    # documents, so its folder holds leftovers only.
    award_leftovers_remove(award)
    award.attempts += 1
    award.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if final or award.attempts >= MAX_RENDER_ATTEMPTS:
        award.status = Award.Status.FAILED
    award.save(update_fields=["attempts", "last_error", "status"])
    AwardEvent.objects.create(
        award=award,
        kind=AwardEvent.Kind.RENDER_FAILED,
        detail={"error": award.last_error, "attempt": award.attempts},
    )
    return award


def award_sweep(
    *, now: dt.datetime, pending_for: dt.timedelta = dt.timedelta(minutes=2)
) -> dict:
    """Issue awards still pending after ``pending_for`` (their task was lost or the
    broker was down) and enqueue the email of issued awards whose email was never
    handed to the mail server (a claimed, unconfirmed one, or one refused
    ``MAX_EMAIL_FAILURES`` times, is left to an admin)."""
    cutoff = now - pending_for
    pending = Award.objects.filter(
        status=Award.Status.PENDING, created_at__lte=cutoff
    ).order_by("created_at")
    issued = 0
    for award_id in pending.values_list("pk", flat=True)[:SWEEP_BATCH]:
        try:
            award = award_issue(award_id=award_id)
        except Exception:
            logger.exception("The sweep could not issue award %s", award_id)
            continue
        issued += bool(award and award.status == Award.Status.ISSUED)
    unsent = Award.objects.filter(
        Exists(AwardDocument.objects.filter(award=OuterRef("pk"))),
        status=Award.Status.ISSUED,
        email_learner=True,
        email_claimed_at__isnull=True,
        email_failures__lt=MAX_EMAIL_FAILURES,
        issued_at__lte=cutoff,
    ).order_by("issued_at")
    emails_queued = 0
    for award_id in unsent.values_list("pk", flat=True)[:SWEEP_BATCH]:
        award_email_on_commit(award_id)
        emails_queued += 1
    return {"issued": issued, "emails_queued": emails_queued}
