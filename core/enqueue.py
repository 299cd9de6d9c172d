"""The one way work is handed to the worker: a task sent by its registered name,
once the current transaction commits.

No module imports a ``tasks`` module to enqueue one (tasks import services, never
the reverse), so the web process loads neither the tasks nor, through them, the
worker-only code (WeasyPrint). A broker that cannot take the task is logged and
never raised: the caller's ``on_failure`` records it (an award event, a request
marked failed) and a periodic sweep sends the work again.
"""

import logging
from collections.abc import Callable
from functools import partial

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)

OnFailure = Callable[[], object] | None


def send_on_commit(task_name: str, *args: object, on_failure: OnFailure = None) -> None:
    """Send ``task_name(*args)`` once the current transaction commits (at once
    outside one); a rollback sends nothing."""
    transaction.on_commit(
        partial(send, task_name, *args, on_failure=on_failure), robust=True
    )


def send(task_name: str, *args: object, on_failure: OnFailure = None) -> bool:
    """Send the task by name now; False (logged, ``on_failure`` run) when the
    broker cannot take it. The queue comes from ``CELERY_TASK_ROUTES``."""
    # The configured app: the settings package makes it the default of every
    # thread, so a threaded web server does not get an unconfigured one.
    app = current_app._get_current_object()
    if app.conf.task_always_eager and task_name not in app.tasks:
        # In-process mode (no broker) runs the task here, so it must be
        # registered: a signature of an unknown name would go to a broker.
        # Importing the default modules runs the apps' task discovery.
        app.loader.import_default_modules()
    try:
        app.signature(task_name, args=args).apply_async()
    except Exception:
        logger.warning("Could not enqueue %s%r", task_name, args, exc_info=True)
        if on_failure is not None:
            on_failure()
        return False
    return True
