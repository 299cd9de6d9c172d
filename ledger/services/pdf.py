"""Asking for the learner's ledger PDF (the web side of it)."""

import datetime as dt

from django.db import transaction

from core.refusal import Refusal

from .. import messages
from ..enqueue import ledger_render_on_commit
from ..models import HeldCertificate, LedgerDocument


@transaction.atomic
def ledger_pdf_request(*, learner, now: dt.datetime) -> LedgerDocument:
    """Mark the learner's PDF as being prepared and send its task on commit.

    The ledger depends on the day (its windows, what is verified), so every
    request renders afresh; asking twice sends two tasks, each renders.
    """
    if not HeldCertificate.objects.filter(learner=learner).exists():
        raise Refusal(messages.NOTHING_TO_PRINT)
    document, _ = LedgerDocument.objects.select_for_update().get_or_create(
        learner=learner, defaults={"requested_at": now}
    )
    document.status = LedgerDocument.Status.PENDING
    document.requested_at = now
    document.last_error = ""
    document.save(update_fields=["status", "requested_at", "last_error"])
    ledger_render_on_commit(learner.pk)
    return document
