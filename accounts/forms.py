"""Sign-up extras and the profile form; both save through accounts.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import services
from .models import User

LEGAL_NAME_HELP = _(
    "Your full name exactly as it must appear on your certificates, "
    "e.g. Maria J. Lopez-Garcia."
)


class ProfileFieldsForm(forms.Form):
    legal_name = forms.CharField(
        label=_("Legal name"),
        max_length=200,
        help_text=LEGAL_NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("Your school, district or institution."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    professional_role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("Choose your role")), *User.ProfessionalRole.choices],
    )
    maryland_certified = forms.BooleanField(
        label=_("I work in Maryland or hold a Maryland certification"),
        required=False,
        help_text=_(
            "Loyola participants who tick this receive an MSDE CPD Completion for "
            "Credit Form."
        ),
    )

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ProfileFieldsForm.base_fields}


class SignupForm(ProfileFieldsForm):
    """allauth's ACCOUNT_SIGNUP_FORM_CLASS: its fields join email and password."""

    field_order = ["email", "password1", "password2", *ProfileFieldsForm.base_fields]

    def signup(self, request, user) -> None:
        services.learner_signup_complete(user=user, **self.profile_data())


class ProfileForm(ProfileFieldsForm):
    """The learner's own profile at /accounts/profile/."""

    def __init__(self, *args, user: User, **kwargs):
        initial = {name: getattr(user, name) for name in self.base_fields}
        super().__init__(*args, initial=initial, **kwargs)
        self.user = user

    def save(self) -> User:
        return services.user_profile_update(
            user=self.user, actor=self.user, **self.profile_data()
        )
