"""The one shape of every worker task: acknowledged late and handed back when its
worker dies, so a crash never loses the work (each task's service is safe to run
twice), and, where asked, retried with backoff on transient errors only.

A task module states only what is its own: its name, its limits, its retries.
"""

import logging
from collections.abc import Callable

from celery import shared_task

from .transient import TRANSIENT_ERRORS

logger = logging.getLogger(__name__)


def worker_task(
    name: str,
    *,
    retried: bool = False,
    max_retries: int = 5,
    retry_backoff: int = 5,
    retry_backoff_max: int = 300,
    **options,
):
    """``shared_task`` with ``acks_late`` and ``reject_on_worker_lost``; with
    ``retried``, transient errors (``TRANSIENT_ERRORS``) are retried up to
    ``max_retries`` times with jittered exponential backoff from ``retry_backoff``
    seconds (a bound task that retries by hand reads ``max_retries`` too). Other
    options (limits, ``bind``, ``base``) pass through."""
    if retried:
        options |= {
            "autoretry_for": TRANSIENT_ERRORS,
            "retry_backoff": retry_backoff,
            "retry_backoff_max": retry_backoff_max,
            "retry_jitter": True,
        }
    return shared_task(
        name=name,
        acks_late=True,
        reject_on_worker_lost=True,
        max_retries=max_retries,
        **options,
    )


def document_render_run(
    task,
    *,
    render: Callable[[], object],
    fail: Callable[[Exception], object],
    what: str,
) -> str | None:
    """Run a learner's document render in a bound task: transient errors are
    retried with backoff (5 s, doubling); any other error, or the last retry's,
    marks the document failed with its reason (``fail``). Returns the document's
    status, "failed", or None when there was nothing to render."""
    try:
        document = render()
    except TRANSIENT_ERRORS as exc:
        if task.request.retries < task.max_retries:
            raise task.retry(exc=exc, countdown=5 * 2**task.request.retries) from exc
        fail(exc)
        return "failed"
    except Exception as exc:
        logger.exception("Rendering %s failed", what)
        fail(exc)
        return "failed"
    return document.status if document else None
