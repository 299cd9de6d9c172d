"""allauth's login form with its "Remember Me" label in the portal's sentence case.

A module of its own for the same reason as ``accounts.signup``: allauth's forms
import ``accounts.forms``, so that module cannot import them back.
"""

from allauth.account.forms import LoginForm
from django.utils.translation import gettext_lazy as _


class PortalLoginForm(LoginForm):
    """``ACCOUNT_FORMS["login"]``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Remember me")
