from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CreditUnit
from .selectors import certificate_types_all


class DateInput(forms.DateInput):
    input_type = "date"


class HeldCertificateForm(forms.Form):
    certificate_type = forms.ModelChoiceField(
        label=_("State and certificate"), queryset=certificate_types_all()
    )
    number = forms.CharField(label=_("Certificate number"), max_length=64)
    expires_on = forms.DateField(label=_("Expires on"), widget=DateInput)


class HeldCertificateUpdateForm(forms.Form):
    number = forms.CharField(label=_("Certificate number"), max_length=64)
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=DateInput,
        help_text=_("Renewed? Give the new expiry date: the window moves with it."),
    )


class OutsideCreditForm(forms.Form):
    activity = forms.CharField(label=_("Activity"), max_length=200)
    provider = forms.CharField(label=_("Given by"), max_length=200)
    earned_on = forms.DateField(label=_("Earned on"), widget=DateInput)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=6, decimal_places=2, min_value=Decimal("0.01")
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=CreditUnit.choices)
    evidence = forms.FileField(
        label=_("Evidence"),
        help_text=_(
            "The certificate or letter you received: a PDF, an office document "
            "or an image."
        ),
    )
