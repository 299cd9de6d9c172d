"""allauth's sign-up form with one change: an existing email costs a hash too.

With ``ACCOUNT_PREVENT_ENUMERATION`` (allauth's default) a sign-up for an email that
already has an account answers like a new one and emails the owner instead. But a
new account hashes its password and the existing one did not, so the reply came
about 0.25 s sooner and told who has an account. Hashing the submitted password
on that path too makes both cost the same.

A module of its own: allauth's forms import ``accounts.forms`` (the
``ACCOUNT_SIGNUP_FORM_CLASS``), so that module cannot import them back.
"""

from allauth.account.forms import SignupForm
from django.contrib.auth.hashers import make_password


class PortalSignupForm(SignupForm):
    """``ACCOUNT_FORMS["signup"]``: allauth's form, equal in cost on both paths."""

    def try_save(self, request):
        if self.account_already_exists:
            # The hash is thrown away: it only spends what a new account spends.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
