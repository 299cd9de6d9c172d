"""Emailing an issued award's documents to its learner: exactly once.

The email task runs on its own queue (``email``), after the render's commit. Sending
is split in three steps so that no retry or redelivery can send a second copy:

1. claim: lock the award, check that its email is still due, build the message and
   commit ``email_claimed_at``. A second delivery of the task finds the claim and
   returns.
2. send, outside any transaction. If the mail server refuses (an ``OSError``,
   ``smtplib.SMTPException`` included) nothing went out: the claim is released in
   its own transaction and the task retries. After ``MAX_EMAIL_FAILURES`` refused
   sends the email is left failed (neither the task nor the sweep sends it again)
   until an admin sends it again.
3. confirm: ``emailed_at`` and an ``emailed`` event.

A process killed between 1 and 3 leaves a claim without ``emailed_at``: the mail may
or may not have gone, so nothing resends it by itself (a duplicate is the worse
error for a certificate); the admin lists it ("Emailed: unconfirmed") and an admin
may send it again (``award_email_again``).
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from core.site import site_context

from .. import messages
from ..enqueue import award_email_on_commit
from ..models import Award, AwardEvent
from ..retries import MAX_EMAIL_FAILURES

logger = logging.getLogger(__name__)


def award_email(*, award_id: int) -> bool:
    """Email an issued award's documents to the learner, once. True if sent now."""
    message = _claim(award_id)
    if message is None:
        return False
    try:
        message.send()
    except Exception as exc:
        _release(award_id, exc)
        raise
    _confirm(award_id)
    return True


@transaction.atomic
def _claim(award_id: int) -> EmailMessage | None:
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("learner")
        .filter(pk=award_id)
        .first()
    )
    if (
        award is None
        or award.status != Award.Status.ISSUED
        or award.email_claimed_at
        or not award.email_learner
        or award.email_failures >= MAX_EMAIL_FAILURES
    ):
        return None
    documents = list(award.documents.all())
    if not documents:
        return None
    context = {"award": award, "s": award.snapshot, "documents": documents}
    context.update(site_context())
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
    award.email_claimed_at = timezone.now()
    award.save(update_fields=["email_claimed_at"])
    return message


@transaction.atomic
def _release(award_id: int, exc: Exception) -> None:
    """The mail server refused the message: nothing went out, so it may be sent,
    unless this was its last allowed failure."""
    error = f"{type(exc).__name__}: {exc}"[:2000]
    Award.objects.filter(pk=award_id, emailed_at__isnull=True).update(
        email_claimed_at=None, email_failures=F("email_failures") + 1, email_error=error
    )
    AwardEvent.objects.create(
        award_id=award_id, kind=AwardEvent.Kind.EMAIL_FAILED, detail={"error": error}
    )


@transaction.atomic
def _confirm(award_id: int) -> None:
    Award.objects.filter(pk=award_id).update(emailed_at=timezone.now())
    AwardEvent.objects.create(award_id=award_id, kind=AwardEvent.Kind.EMAILED)


@transaction.atomic
def award_email_again(*, award: Award, actor) -> Award:
    """An admin sends an issued award's email whose delivery was never confirmed
    (its sender was killed while handing it to the mail server, or the mail server
    refused it ``MAX_EMAIL_FAILURES`` times): its failures are counted afresh."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    if (
        award.status != Award.Status.ISSUED
        or not award.email_learner
        or award.emailed_at
    ):
        raise ValidationError(messages.EMAIL_AGAIN_NOT_ALLOWED)
    award.email_claimed_at = None
    award.email_failures, award.email_error = 0, ""
    award.save(update_fields=["email_claimed_at", "email_failures", "email_error"])
    AwardEvent.objects.create(
        award=award, kind=AwardEvent.Kind.EMAIL_REQUESTED, actor=actor
    )
    award_email_on_commit(award.pk)
    return award
