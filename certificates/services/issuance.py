"""Issuing awards: render, store, mark issued, email. Runs in the Celery worker.

Every function here is idempotent: it locks the award row, returns at once when
there is nothing left to do, and emails only on the first transition to issued.
"""

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone

from credentials_portal.context_processors import site_names

from ..models import Award, AwardDocument, AwardEvent
from ..rendering import render_document
from ..storage import award_leftovers_remove, document_file_write
from ..transient import MAX_RENDER_ATTEMPTS, TRANSIENT_ERRORS

logger = logging.getLogger(__name__)

SWEEP_BATCH = 50


def award_issue(*, award_id: int, notify: bool = True) -> Award | None:
    """Render and store a pending award's documents and mark it issued.

    Returns the award as it stands (None if it no longer exists). A transient
    error (``TRANSIENT_ERRORS``: database, broker, file I/O) is counted on the
    award and raised again so that the task retries with backoff; after
    ``MAX_RENDER_ATTEMPTS`` the award is failed. Any other error would recur on
    every attempt: the award is failed at once with its reason, and an admin
    resends it once the cause is fixed. ``notify=False`` issues without email,
    now or later (the demo's awards).
    """
    try:
        return _issue(award_id, notify=notify)
    except TRANSIENT_ERRORS as exc:
        try:
            _failure_record(award_id, exc, final=False)
        except Exception:
            logger.exception("Could not record the failure of award %s", award_id)
        raise
    except Exception as exc:
        logger.exception("Issuing award %s failed; it is marked failed", award_id)
        return _failure_record(award_id, exc, final=True)


@transaction.atomic
def _issue(award_id: int, *, notify: bool) -> Award | None:
    # The row lock makes a duplicate delivery of the task wait, then return.
    award = Award.objects.select_for_update().filter(pk=award_id).first()
    if award is None or award.status != Award.Status.PENDING:
        return award
    removed = award_leftovers_remove(award)
    if removed:
        logger.info("Award %s: removed leftovers %s", award_id, removed)
    stored: list[AwardDocument] = []
    try:
        for output in award.snapshot.get("documents", []):
            stored.append(
                _store(award, output, render_document(award=award, output=output))
            )
    except Exception:
        for document in stored:
            document.file.storage.delete(document.file.name)
        raise
    award.status = Award.Status.ISSUED
    award.issued_at = timezone.now()
    award.last_error = ""
    award.email_learner = award.email_learner and notify
    award.save(update_fields=["status", "issued_at", "last_error", "email_learner"])
    AwardEvent.objects.create(
        award=award, kind=AwardEvent.Kind.ISSUED, detail={"documents": len(stored)}
    )
    if stored and award.email_learner:
        transaction.on_commit(partial(_email_quietly, award.pk))
    return award


def _store(award: Award, output: dict, pdf: bytes) -> AwardDocument:
    document = AwardDocument(
        award=award, kind=output["kind"], title=output["title"], size_bytes=len(pdf)
    )
    document_file_write(document, pdf)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def _failure_record(award_id: int, exc: Exception, *, final: bool) -> Award | None:
    """Count a failed attempt in its own transaction; the award is failed when the
    error is ``final`` or the attempts are spent. The sweep leaves failed awards."""
    award = Award.objects.select_for_update().filter(pk=award_id).first()
    if award is None or award.status != Award.Status.PENDING:
        return award
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


def _email_quietly(award_id: int) -> None:
    try:
        award_email(award_id=award_id)
    except Exception:
        logger.exception("Emailing award %s failed; the sweep will retry", award_id)


@transaction.atomic
def award_email(*, award_id: int) -> bool:
    """Email an issued award's documents to the learner, once. True if sent now."""
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("learner")
        .filter(pk=award_id)
        .first()
    )
    if (
        award is None
        or award.status != Award.Status.ISSUED
        or award.emailed_at
        or not award.email_learner
    ):
        return False
    documents = list(award.documents.all())
    context = {"award": award, "s": award.snapshot, "documents": documents}
    context.update(site_names())
    message = EmailMessage(
        subject=render_to_string(
            "certificates/email/award_issued_subject.txt", context
        ).strip(),
        body=render_to_string("certificates/email/award_issued.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[award.learner.email],
    )
    for document in documents:
        with document.file.open("rb") as handle:
            message.attach(document.filename, handle.read(), "application/pdf")
    message.send()
    award.emailed_at = timezone.now()
    award.save(update_fields=["emailed_at"])
    AwardEvent.objects.create(award=award, kind=AwardEvent.Kind.EMAILED)
    return True


def award_sweep(
    *, now: dt.datetime, pending_for: dt.timedelta = dt.timedelta(minutes=2)
) -> dict:
    """Issue awards still pending after ``pending_for`` (their task was lost or the
    broker was down) and email issued awards whose email did not go out."""
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
        emailed_at__isnull=True,
        issued_at__lte=cutoff,
    ).order_by("issued_at")
    emailed = 0
    for award_id in unsent.values_list("pk", flat=True)[:SWEEP_BATCH]:
        try:
            emailed += award_email(award_id=award_id)
        except Exception:
            logger.exception("The sweep could not email award %s", award_id)
    return {"issued": issued, "emailed": emailed}
