"""allauth's email in the portal's name.

Without ``django.contrib.sites`` allauth names the site after the request's host
("Hello from 127.0.0.1:8000"). Every account email instead carries ``SITE_NAME``
and ``SITE_URL`` from the settings, in its subject, greeting and signature.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter

from core.site import site_context

SIGNUP_CONFIRMATION = "account/messages/email_confirmation_sent.txt"


def account_email_context() -> dict:
    """The portal's names, and the ``current_site`` allauth's templates read."""
    site = site_context()
    domain = urlsplit(site["site_url"]).netloc
    current_site = SimpleNamespace(name=site["site_name"], domain=domain)
    return {**site, "current_site": current_site}


class PortalAccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return f"[{site_context()['site_name']}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        super().send_mail(
            template_prefix, email, {**context, **account_email_context()}
        )

    def add_message(
        self,
        request,
        level,
        message_template=None,
        message_context=None,
        extra_tags="",
        message=None,
    ):
        """At sign-up the form says "Confirmation email sent" whether or not one
        went out (``accounts.signup``); allauth's own copy would tell the two apart."""
        if message_template == SIGNUP_CONFIRMATION and (message_context or {}).get(
            "signup"
        ):
            return
        super().add_message(
            request, level, message_template, message_context, extra_tags, message
        )
