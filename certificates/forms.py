from django import forms
from django.utils.translation import gettext_lazy as _

from programs.models import CredentialProgram, Offering

from . import messages
from .models.awards import AwardStatus
from .selectors.bulk import AwardFilter

EARNED_RANGE_BACKWARDS = _("The end of the range comes before its start.")


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public verification page."),
    )


class AwardBulkForm(forms.Form):
    """The admin's filter over awards and what to do with those it matches."""

    action = forms.ChoiceField(
        label=_("Action"),
        widget=forms.RadioSelect,
        choices=[
            ("award_zip", _("Download a ZIP of their PDFs")),
            (
                "award_rerender",
                _("Re-render their documents with the current template"),
            ),
            ("award_revoke", _("Revoke them")),
        ],
    )
    program = forms.ModelChoiceField(
        label=_("Program"),
        queryset=CredentialProgram.objects.order_by("name"),
        required=False,
        help_text=_("The program's awards and those of its units."),
    )
    offering = forms.ModelChoiceField(
        label=_("Offering (run)"),
        queryset=Offering.objects.select_related("unit").order_by(
            "unit__title", "start_date", "pk"
        ),
        required=False,
        help_text=_("Unit awards of the learners enrolled in this run."),
    )
    earned_from = forms.DateField(
        label=_("Earned on or after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    earned_to = forms.DateField(
        label=_("Earned on or before"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *AwardStatus.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for the revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed to revoke; shown on each public verification page."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("earned_from"), data.get("earned_to")
        if start and end and start > end:
            self.add_error("earned_to", EARNED_RANGE_BACKWARDS)
        if data.get("action") == "award_revoke" and not data.get("reason", "").strip():
            self.add_error("reason", messages.REVOKE_REASON_REQUIRED)
        return data

    def award_filter(self) -> AwardFilter:
        data = self.cleaned_data
        return AwardFilter(
            program=data["program"],
            offering=data["offering"],
            earned_from=data["earned_from"],
            earned_to=data["earned_to"],
            status=data["status"] or None,
        )
