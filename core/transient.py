"""The errors every worker task tries again: the database, a socket or a file was
briefly unavailable. ``smtplib.SMTPException`` is an ``OSError``, so a mail server
that drops the connection is one too. Tasks add their own (the broker, Redis)."""

from django.db import InterfaceError, OperationalError

TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    OperationalError,  # the database: connection lost, lock timeout, failover
    InterfaceError,
    OSError,  # the mail server, reading templates and fonts, writing files
)
