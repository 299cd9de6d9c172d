"""The state certificates a learner records: a current one only (an expired
certificate is renewed, then recorded with its new expiry)."""

import datetime as dt

from django.db import transaction

from core import clock
from core.dates import format_date
from core.refusal import Refusal

from .. import messages
from ..models import HeldCertificate, StateCertificateType


def _check(*, learner, certificate_type, expires_on: dt.date, today: dt.date, pk=None):
    if expires_on < today:
        raise Refusal(messages.EXPIRED % {"date": format_date(expires_on)})
    duplicate = HeldCertificate.objects.filter(
        learner=learner, certificate_type=certificate_type
    ).exclude(pk=pk)
    if duplicate.exists():
        raise Refusal(messages.ALREADY_RECORDED)


@transaction.atomic
def held_certificate_record(
    *,
    learner,
    certificate_type: StateCertificateType,
    number: str,
    expires_on: dt.date,
    today: dt.date,
    now: dt.datetime | None = None,
) -> HeldCertificate:
    """Record a certificate the learner holds; refused (nothing written) when
    it has expired or is recorded already. ``now``: when (the demo's history)."""
    _check(
        learner=learner,
        certificate_type=certificate_type,
        expires_on=expires_on,
        today=today,
    )
    held = HeldCertificate(
        learner=learner,
        certificate_type=certificate_type,
        number=number.strip(),
        expires_on=expires_on,
        created_at=now or clock.now(),
    )
    held.full_clean()
    held.save()
    return held


@transaction.atomic
def held_certificate_update(
    *, certificate: HeldCertificate, number: str, expires_on: dt.date, today: dt.date
) -> HeldCertificate:
    """A renewed certificate's new number and expiry: its window moves with it,
    and reminders are due again for the new expiry."""
    certificate = HeldCertificate.objects.select_for_update().get(pk=certificate.pk)
    _check(
        learner=certificate.learner,
        certificate_type=certificate.certificate_type,
        expires_on=expires_on,
        today=today,
        pk=certificate.pk,
    )
    certificate.number = number.strip()
    certificate.expires_on = expires_on
    certificate.full_clean()
    certificate.save(update_fields=["number", "expires_on"])
    return certificate
