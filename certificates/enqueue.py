"""The one way services hand an award to the worker: by task name, on commit.

Services never import ``certificates.tasks`` (tasks import services, never the
reverse): the task is looked up by its registered name, so the web process
neither imports the task module nor, through it, the worker-only services.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from importlib import import_module

from django.db import transaction

from credentials_portal.celery import app as celery_app

from .models import AwardEvent

AWARD_ISSUE_TASK = "certificates.award_issue"
AWARD_EMAIL_TASK = "certificates.award_email"
OFFERING_EVALUATE_TASK = "certificates.offering_evaluate"

logger = logging.getLogger(__name__)

_collecting: ContextVar[list[int] | None] = ContextVar("collecting", default=None)


def award_issue_on_commit(award_id: int) -> None:
    """Enqueue the award's issuance once the current transaction commits.

    Inside ``awards_collected()`` the id is collected instead, and nothing is sent.
    """
    collected = _collecting.get()
    if collected is not None:
        collected.append(award_id)
        return
    transaction.on_commit(partial(award_issue_send, award_id), robust=True)


def award_issue_send(award_id: int) -> None:
    """Ask the rendering worker to issue the award; a broker that is down is
    logged, never raised: the award stays pending and the periodic sweep issues it."""
    if not _send(AWARD_ISSUE_TASK, award_id):
        AwardEvent.objects.create(
            award_id=award_id, kind=AwardEvent.Kind.ENQUEUE_FAILED
        )


def award_email_on_commit(award_id: int) -> None:
    """Enqueue the award's email (the ``email`` queue) once the transaction commits."""
    transaction.on_commit(partial(_send, AWARD_EMAIL_TASK, award_id), robust=True)


def offering_evaluate_on_commit(offering_id: int) -> None:
    """Re-evaluate the offering's learners once the transaction commits (its dates
    changed); a broker that is down leaves it to the progress sweep."""
    transaction.on_commit(
        partial(_send, OFFERING_EVALUATE_TASK, offering_id), robust=True
    )


def _send(task_name: str, object_id: int) -> bool:
    """Send the task by name with one id; False (logged) when the broker refuses."""
    if celery_app.conf.task_always_eager and task_name not in celery_app.tasks:
        # In-process mode (no broker) runs the task here, so it must be registered:
        # a signature of an unknown name would be sent to a broker instead.
        import_module("certificates.tasks")
    try:
        # The project's app, not ``current_app``: Celery keeps the current app per
        # thread, and a threaded web server would otherwise get an unconfigured one.
        # The queue comes from ``CELERY_TASK_ROUTES``.
        celery_app.signature(task_name, args=(object_id,)).apply_async()
    except Exception:
        logger.warning(
            "Could not enqueue %s for %s; the sweep will send it",
            task_name,
            object_id,
            exc_info=True,
        )
        return False
    return True


@contextmanager
def awards_collected() -> Iterator[list[int]]:
    """Collect the ids of the awards requested inside the block instead of
    enqueueing them; the caller issues them itself (``load_demo`` does, without
    email, so that no broker or worker ever sees a demo award)."""
    collected: list[int] = []
    token = _collecting.set(collected)
    try:
        yield collected
    finally:
        _collecting.reset(token)
