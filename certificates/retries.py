"""The errors worth trying again: the database, the broker or a file was briefly
unavailable. Anything else (a ``KeyError``, a template error) would fail the same
way on every attempt, so the award is marked failed at once instead."""

import kombu.exceptions
import redis.exceptions

from core.transient import TRANSIENT_ERRORS as UNAVAILABLE_ERRORS

# Attempts at issuing an award (the task's first run and its retries, and the
# sweep's) before a transient error fails it too.
MAX_RENDER_ATTEMPTS = 5
# Attempts of one email task while the mail server refuses.
MAX_EMAIL_ATTEMPTS = 4
# Refused sends of one award's email, over its tasks' retries and the sweep's
# rounds, after which it is left failed for an admin to send again.
MAX_EMAIL_FAILURES = 3 * MAX_EMAIL_ATTEMPTS

TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    *UNAVAILABLE_ERRORS,  # the database, the mail server, templates, fonts, PDFs
    kombu.exceptions.OperationalError,  # the broker
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
