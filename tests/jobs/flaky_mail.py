"""An email backend whose server drops the connection once, after one message."""

import smtplib

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

state = {"fail_after": None}


class FlakyEmailBackend(EmailBackend):
    def send_messages(self, messages):
        if state["fail_after"] is not None and len(mail.outbox) >= state["fail_after"]:
            state["fail_after"] = None
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class BrokenEmailBackend(EmailBackend):
    """A backend with a bug: every message fails the same way."""

    def send_messages(self, messages):
        raise ValueError("a message the backend cannot encode")
