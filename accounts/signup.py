"""allauth's sign-up form: an existing email costs a hash too, and gets the same words.

With ``ACCOUNT_PREVENT_ENUMERATION`` (allauth's default) a sign-up for an email that
already has an account answers like a new one and emails the owner instead. But a
new account hashes its password and the existing one did not, so the reply came
about 0.25 s sooner and told who has an account. Hashing the submitted password
on that path too makes both cost the same.

allauth also says "Confirmation email sent to <email>" only when an email went out,
and its cooldown (one confirmation per address every few minutes) skips the email
for an address signed up a moment ago: a second sign-up with it, which is an
existing account now, got no message. The form says it on every sign-up, and the
adapter drops allauth's own copy.

A module of its own: allauth's forms import ``accounts.forms`` (the
``ACCOUNT_SIGNUP_FORM_CLASS``), so that module cannot import them back.
"""

from allauth.account.forms import SignupForm
from django.contrib import messages
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

CONFIRMATION_SENT = "Confirmation email sent to {email}."


class PortalSignupForm(SignupForm):
    """``ACCOUNT_FORMS["signup"]``: allauth's form, equal on both paths."""

    def try_save(self, request):
        if self.account_already_exists:
            # The hash is thrown away: it only spends what a new account spends.
            make_password(self.cleaned_data.get("password1"))
        saved = super().try_save(request)
        email = self.cleaned_data.get("email")
        messages.info(request, _(CONFIRMATION_SENT).format(email=email))
        return saved
