"""The errors every worker task tries again: the database, the broker, Redis, a
socket or a file was briefly unavailable. ``smtplib.SMTPException`` is an
``OSError``, so a mail server that drops the connection is one too. Anything else
(a ``KeyError``, a template error) would fail the same way on every attempt.

One set for every task: a broker blip is retried for an award, a transcript and
a bulk job alike.
"""

import kombu.exceptions
import redis.exceptions
from django.db import InterfaceError, OperationalError

TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    OperationalError,  # the database: connection lost, lock timeout, failover
    InterfaceError,
    OSError,  # the mail server, reading templates and fonts, writing files
    kombu.exceptions.OperationalError,  # the broker
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
