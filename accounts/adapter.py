"""allauth's email in the portal's name.

Without ``django.contrib.sites`` allauth names the site after the request's host
("Hello from 127.0.0.1:8000"). Every account email instead carries ``SITE_NAME``
and ``SITE_URL`` from the settings, in its subject, greeting and signature.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from core.site_url import site_url
from credentials_portal.context_processors import site_names

SIGNUP_CONFIRMATION = "account/messages/email_confirmation_sent.txt"


def site_context() -> dict:
    """The portal's names, and the ``current_site`` allauth's templates read."""
    domain = urlsplit(site_url()).netloc
    current_site = SimpleNamespace(name=settings.SITE_NAME, domain=domain)
    return {**site_names(), "current_site": current_site}


class PortalAccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return f"[{settings.SITE_NAME}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        super().send_mail(template_prefix, email, {**context, **site_context()})

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
