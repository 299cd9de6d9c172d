"""Issuing awards: render, store, mark issued, email. Runs in the Celery worker.

Every function here is idempotent: it locks the award row, returns at once when
there is nothing left to do, and emails only on the first transition to issued.
"""

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone

from credentials_portal.context_processors import site_names

from ..models import Award, AwardDocument, AwardEvent
from ..rendering import render_document

logger = logging.getLogger(__name__)

MAX_RENDER_ATTEMPTS = 5
SWEEP_BATCH = 50


def award_issue(*, award_id: int) -> Award | None:
    """Render and store a pending award's documents and mark it issued.

    Returns the award as it stands (None if it no longer exists). A failure is
    recorded on the award (after ``MAX_RENDER_ATTEMPTS`` it becomes failed) and
    raised again so that the task retries with backoff.
    """
    try:
        return _issue(award_id)
    except Exception as exc:
        _record_failure(award_id, exc)
        raise


@transaction.atomic
def _issue(award_id: int) -> Award | None:
    # The row lock makes a duplicate delivery of the task wait, then return.
    award = Award.objects.select_for_update().filter(pk=award_id).first()
    if award is None or award.status != Award.Status.PENDING:
        return award
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
    award.save(update_fields=["status", "issued_at", "last_error"])
    AwardEvent.objects.create(
        award=award, kind=AwardEvent.Kind.ISSUED, detail={"documents": len(stored)}
    )
    if stored:
        transaction.on_commit(partial(_email_quietly, award.pk))
    return award


def _store(award: Award, output: dict, pdf: bytes) -> AwardDocument:
    document = AwardDocument(
        award=award, kind=output["kind"], title=output["title"], size_bytes=len(pdf)
    )
    document.file.save(document.filename, ContentFile(pdf), save=False)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def _record_failure(award_id: int, exc: Exception) -> None:
    award = Award.objects.select_for_update().filter(pk=award_id).first()
    if award is None or award.status != Award.Status.PENDING:
        return
    award.attempts += 1
    award.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if award.attempts >= MAX_RENDER_ATTEMPTS:
        award.status = Award.Status.FAILED
    award.save(update_fields=["attempts", "last_error", "status"])
    AwardEvent.objects.create(
        award=award,
        kind=AwardEvent.Kind.RENDER_FAILED,
        detail={"error": award.last_error, "attempt": award.attempts},
    )


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
    if award is None or award.status != Award.Status.ISSUED or award.emailed_at:
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
