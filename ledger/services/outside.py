"""Credits earned elsewhere: added by the learner with evidence, verified by a
facilitator or an admin (audited). Only verified entries count."""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_event_record
from core import clock
from core.dates import format_date
from core.refusal import Refusal
from reviews.uploads import uploaded_file_check

from .. import messages
from ..models import CreditUnit, OutsideCredit
from ..selectors import figure_text


@transaction.atomic
def outside_credit_add(
    *,
    learner,
    activity: str,
    provider: str,
    earned_on: dt.date,
    amount: Decimal,
    unit: str,
    evidence: UploadedFile,
    today: dt.date,
    now: dt.datetime | None = None,
) -> OutsideCredit:
    """Add an entry awaiting verification. The evidence is checked as every
    upload is (content, name, size); any refusal writes nothing. ``now``: when
    it was added (the demo's history)."""
    if earned_on > today:
        raise Refusal(messages.EARNED_IN_FUTURE % {"date": format_date(earned_on)})
    if amount <= 0:
        raise Refusal(messages.AMOUNT_NOT_POSITIVE)
    if unit not in CreditUnit.values:
        raise Refusal(messages.UNIT_NOT_COUNTED)
    checked = uploaded_file_check(evidence)
    entry = OutsideCredit(
        learner=learner,
        activity=activity.strip(),
        provider=provider.strip(),
        earned_on=earned_on,
        amount=amount,
        unit=unit,
        evidence_name=checked.name,
        evidence_type=checked.content_type,
        created_at=now or clock.now(),
    )
    entry.evidence.save(checked.name, evidence, save=False)
    try:
        entry.full_clean()
        entry.save()
    except Exception:
        entry.evidence.delete(save=False)
        raise
    return entry


@transaction.atomic
def outside_credit_verify(
    *, entry: OutsideCredit, verifier, now: dt.datetime
) -> OutsideCredit:
    """Mark the entry verified: it counts from now on. Audited; a second
    verification is refused."""
    entry = OutsideCredit.objects.select_for_update().get(pk=entry.pk)
    if entry.is_verified:
        raise Refusal(messages.ALREADY_VERIFIED)
    entry.verified_at = now
    entry.verified_by = verifier
    entry.full_clean()
    entry.save(update_fields=["verified_at", "verified_by"])
    audit_event_record(
        actor=verifier,
        action=AuditEvent.Action.LEDGER_CREDIT_VERIFIED,
        target=entry,
        learner=entry.learner,
        summary=(
            f"Verified {figure_text(entry.amount, entry.unit)} "
            f"earned elsewhere: {entry.activity}"
        ),
        before={"verified_at": None},
        after={"verified_at": now.isoformat()},
        at=now,
    )
    return entry
