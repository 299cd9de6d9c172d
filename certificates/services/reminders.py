"""Reminders that an award expires soon: 90 and 30 days before, each sent once.

Sent as the certificate email is (``emailing``): the reminder's row is claimed
and committed before the message is handed to the mail server, so a second run
of the periodic task, or a redelivered one, finds the claim and sends nothing.
A refused send releases the claim (nothing went out) and the next run tries
again while the reminder is still due; after ``MAX_EMAIL_FAILURES`` refusals it
is left. Only issued awards are reminded (not revoked or superseded ones), and
only those whose learner is emailed about them (``Award.email_learner``: off for
the demo's awards).
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string

from core import clock
from core.site import site_context

from ..models import Award, ExpiryReminder
from ..retries import MAX_EMAIL_FAILURES
from ..selectors.validity import awards_with_reminder_due, reminder_due
from ..validity import days_left

logger = logging.getLogger(__name__)


def expiry_reminders_send(*, today: dt.date) -> int:
    """Send every expiry reminder due today; the number sent now. One award's
    failure is logged and leaves the others to be sent."""
    sent = 0
    awards = awards_with_reminder_due(today=today).filter(email_learner=True)
    for award_id, expires_on in awards.values_list("pk", "expires_on"):
        days_before = expires_on and reminder_due(expires_on=expires_on, today=today)
        if not days_before:
            continue
        try:
            sent += expiry_reminder_send(
                award_id=award_id, days_before=days_before, today=today
            )
        except Exception:
            logger.exception("The expiry reminder of award %s failed", award_id)
    return sent


def expiry_reminder_send(*, award_id: int, days_before: int, today: dt.date) -> bool:
    """Send the award's reminder ``days_before`` its expiry, once. True if sent now."""
    message = _claim(award_id, days_before, today)
    if message is None:
        return False
    try:
        message.send()
    except Exception as exc:
        _release(award_id, days_before, exc)
        raise
    ExpiryReminder.objects.filter(award_id=award_id, days_before=days_before).update(
        sent_at=clock.now()
    )
    return True


@transaction.atomic
def _claim(award_id: int, days_before: int, today: dt.date) -> EmailMessage | None:
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("learner")
        .filter(pk=award_id)
        .first()
    )
    if (
        award is None
        or award.status != Award.Status.ISSUED
        or not award.email_learner
        or award.expires_on is None
        or reminder_due(expires_on=award.expires_on, today=today) != days_before
    ):
        return None
    reminder, _ = ExpiryReminder.objects.select_for_update().get_or_create(
        award=award, days_before=days_before
    )
    if reminder.claimed_at is not None or reminder.failures >= MAX_EMAIL_FAILURES:
        return None
    context = {
        "award": award,
        "s": award.snapshot,
        "days_left": days_left(expires_on=award.expires_on, today=today),
        **site_context(),
    }
    message = EmailMessage(
        subject=render_to_string(
            "certificates/email/expiry_reminder_subject.txt", context
        ).strip(),
        body=render_to_string("certificates/email/expiry_reminder.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[award.learner.email],
    )
    reminder.claimed_at = clock.now()
    reminder.save(update_fields=["claimed_at"])
    return message


@transaction.atomic
def _release(award_id: int, days_before: int, exc: Exception) -> None:
    """The mail server refused: nothing went out, so the next run may send it."""
    ExpiryReminder.objects.filter(
        award_id=award_id, days_before=days_before, sent_at__isnull=True
    ).update(
        claimed_at=None,
        failures=F("failures") + 1,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
    )
