"""Mail-server answers that refuse one message for good: sending it again would be
refused again, while the connection still serves the other recipients (``smtplib``
resets the transaction after each of them)."""

import smtplib


def recipient_refusal(exc: Exception) -> str | None:
    """Why the server refused this one message, or None if ``exc`` is not such a
    refusal (a dropped connection, a full queue: worth another attempt)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {_text(reply)}"
            for address, (code, reply) in exc.recipients.items()
        )
    if isinstance(exc, smtplib.SMTPDataError) and 500 <= exc.smtp_code < 600:
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return None


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply
