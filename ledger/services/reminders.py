"""Renewal reminders: 12, 6 and 3 months before a held certificate expires,
to a learner whose ledger is short of the credits it needs; each exactly once.

As the award email (``certificates.services.emailing``): the reminder's row is
claimed and committed before the message goes to the mail server, so a
redelivered or repeated sweep finds it and sends nothing. A refused send
releases the claim (the next sweep tries again); a process killed mid-send
leaves the claim, and nothing is sent twice.
"""

import datetime as dt
import logging

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from core.dates import format_date
from core.site import absolute_url, site_context

from .. import messages, rules
from ..models import HeldCertificate, LedgerReminder
from ..selectors import amount_text, ledger_lines_for

logger = logging.getLogger(__name__)


def ledger_reminders_send(*, today: dt.date, now: dt.datetime) -> int:
    """Send the reminders due today; returns how many were sent now."""
    # A day more than the longest lead: month ends make "12 months before" a
    # day earlier for some expiries (Feb 29); ``reminder_due`` decides exactly.
    horizon = today + relativedelta(months=max(rules.REMINDER_MONTHS), days=1)
    due = HeldCertificate.objects.filter(
        expires_on__gte=today, expires_on__lte=horizon
    ).order_by("pk")
    sent = 0
    for certificate in due:
        months = rules.reminder_due(expires_on=certificate.expires_on, today=today)
        if months is not None:
            sent += _remind(certificate.pk, months=months, now=now)
    return sent


def _remind(certificate_pk: int, *, months: int, now: dt.datetime) -> int:
    claimed = _claim(certificate_pk, months=months, now=now)
    if claimed is None:
        return 0
    reminder, message = claimed
    try:
        message.send()
    except Exception:
        logger.exception("The renewal reminder %s could not be sent", reminder.pk)
        LedgerReminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).delete()
        return 0
    LedgerReminder.objects.filter(pk=reminder.pk).update(sent_at=now)
    return 1


@transaction.atomic
def _claim(certificate_pk: int, *, months: int, now: dt.datetime):
    """The reminder's row and its message, or None: not short, or claimed."""
    certificate = (
        HeldCertificate.objects.select_for_update()
        .select_related("learner", "certificate_type")
        .get(pk=certificate_pk)
    )
    line = next(
        line
        for line in ledger_lines_for(learner=certificate.learner)
        if line.certificate.pk == certificate.pk
    )
    if line.short <= 0:
        return None
    try:
        with transaction.atomic():
            reminder = LedgerReminder.objects.create(
                certificate=certificate,
                expires_on=certificate.expires_on,
                months_before=months,
                claimed_at=now,
            )
    except IntegrityError:
        return None
    return reminder, _message(line, months=months)


def _message(line, *, months: int) -> EmailMessage:
    certificate = line.certificate
    context = {
        "line": line,
        "months": months,
        "held": amount_text(line.held),
        "needed": amount_text(line.needed),
        "short": amount_text(line.short),
        "expires": format_date(certificate.expires_on),
        "ledger_url": absolute_url(reverse("ledger:ledger")),
        **site_context(),
    }
    subject = messages.REMINDER_SUBJECT % {
        "certificate": certificate.certificate_type,
        "held": context["held"],
        "needed": context["needed"],
    }
    return EmailMessage(
        subject=str(subject),
        body=render_to_string("ledger/email/reminder.txt", context),
        to=[certificate.learner.email],
    )
