from django import forms
from django.utils.translation import gettext_lazy as _

from programs.models import CredentialProgram, Provider

from .filters import ReportFilters

DATES_REVERSED = _("The start of the date range is after its end.")


class DateInput(forms.DateInput):
    input_type = "date"


class ReportFilterForm(forms.Form):
    """The report's filters from the query string; every field may stay empty."""

    program = forms.ModelChoiceField(
        label=_("Program"),
        queryset=CredentialProgram.objects.select_related("provider"),
        required=False,
        empty_label=_("All programs"),
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Provider.objects.all(),
        required=False,
        empty_label=_("All providers"),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(DATES_REVERSED)
        return cleaned

    def filters(self) -> ReportFilters:
        return ReportFilters(**self.cleaned_data)
