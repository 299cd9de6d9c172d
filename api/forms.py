from django import forms
from django.utils.translation import gettext_lazy as _

from core.refusal import Refusal

from .models import ApiToken
from .services import api_token_create


class ApiTokenForm(forms.Form):
    """Names a new token; ``save`` creates it and returns its value (shown once)."""

    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What you will use it for, e.g. “District LMS sync”."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def save(self) -> tuple[ApiToken, str] | None:
        """The token and its value, or None with the refusal on the name field."""
        try:
            return api_token_create(user=self.user, name=self.cleaned_data["name"])
        except Refusal as refusal:
            self.add_error("name", refusal.message)
            return None
