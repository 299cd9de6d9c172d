"""Handing a ledger PDF to the worker by task name, on commit, through
``core.enqueue``: the web process never imports ``ledger.tasks`` (nor WeasyPrint)."""

from functools import partial

from core.enqueue import send_on_commit

from . import messages
from .models import LedgerDocument

LEDGER_RENDER_TASK = "ledger.ledger_render"
LEDGER_REMINDERS_TASK = "ledger.renewal_reminders"


def ledger_render_on_commit(learner_id: int) -> None:
    """Render once the transaction commits; a broker that is down marks the
    request failed, so the page offers to try again."""
    send_on_commit(
        LEDGER_RENDER_TASK, learner_id, on_failure=partial(_failed, learner_id)
    )


def _failed(learner_id: int) -> None:
    LedgerDocument.objects.filter(
        learner_id=learner_id, status=LedgerDocument.Status.PENDING
    ).update(
        status=LedgerDocument.Status.FAILED,
        last_error=str(messages.QUEUE_UNREACHABLE),
    )
