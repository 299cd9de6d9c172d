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


refused = {"recipients": set(), "content": set()}


class RefusingEmailBackend(EmailBackend):
    """A server that refuses some addresses (550) and some messages (554) for good,
    as ``smtplib`` reports them, and delivers the rest on the same connection."""

    def send_messages(self, messages):
        for message in messages:
            address = message.to[0]
            if address in refused["recipients"]:
                raise smtplib.SMTPRecipientsRefused(
                    {address: (550, b"5.1.1 No such user")}
                )
            if address in refused["content"]:
                raise smtplib.SMTPDataError(554, b"5.7.1 Message rejected")
        return super().send_messages(messages)
