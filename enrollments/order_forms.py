from django import forms
from django.utils.translation import gettext_lazy as _

from credentials_portal.csv_upload import csv_upload_text

from .group_csv import parse_csv, parse_lines
from .order_selectors import offering_orderable_list

NO_PARTICIPANTS = _("Name the participants: type them or upload a CSV file.")


class GroupOrderForm(forms.Form):
    """The offering and the participants, typed one per line and/or uploaded."""

    offering = forms.ModelChoiceField(
        label=_("Offering"), queryset=offering_orderable_list()
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False
    )
    participants = forms.CharField(
        label=_("Participants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One per line: Name, email (for example: Ada Lovelace, ada@example.org)."
        ),
    )
    csv_file = forms.FileField(
        label=_("Or upload a CSV file"),
        required=False,
        help_text=_("A CSV with the header name,email and one participant per row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def _csv_text(self, upload) -> str | None:
        try:
            return csv_upload_text(upload)
        except forms.ValidationError as error:
            self.add_error("csv_file", error)
            return None

    def clean(self):
        cleaned = super().clean()
        participants: list[tuple[str, str]] = []
        typed = cleaned.get("participants", "")
        if typed.strip():
            parsed = parse_lines(typed)
            for error in parsed.errors:
                self.add_error("participants", error)
            participants += parsed.participants
        upload = cleaned.get("csv_file")
        text = self._csv_text(upload) if upload else None
        if text is not None:
            parsed = parse_csv(text)
            for error in parsed.errors:
                self.add_error("csv_file", error)
            participants += parsed.participants
        if not typed.strip() and not upload:
            self.add_error("participants", NO_PARTICIPANTS)
        cleaned["participant_list"] = participants
        return cleaned
