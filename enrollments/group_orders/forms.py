import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from core.csv_upload import csv_upload_text
from core.dates import format_date
from programs.models import Offering

from .participants_csv import parse_csv, parse_lines
from .selectors import offering_orderable_list, offerings_open_for_groups

NO_PARTICIPANTS = _("Name the participants: type them or upload a CSV file.")
OPEN_ENROLLMENT = _("open enrollment")
DATES = _("%(start)s to %(end)s")


def offering_choice_label(offering: Offering) -> str:
    """The unit, the run and its dates: "SOTL · Spring 2027 (Feb 1, 2027 to ...)"."""
    if offering.start_date is None:
        dates = OPEN_ENROLLMENT
    else:
        dates = DATES % {
            "start": format_date(offering.start_date),
            "end": format_date(offering.end_date),
        }
    return f"{offering} ({dates})"


class GroupOrderForm(forms.Form):
    """The offering and the participants, typed one per line and/or uploaded.

    The picker lists the offerings open to groups ``today``; a stale choice of
    another offering is accepted here and refused by the service with its reason.
    """

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

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["offering"]
        field.widget.choices = [
            ("", field.empty_label),
            *(
                (offering.pk, offering_choice_label(offering))
                for offering in offerings_open_for_groups(today=today)
            ),
        ]

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
