import datetime as dt

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from programs.models import Offering

from .group_csv import parse_csv, parse_lines
from .order_selectors import offering_orderable_list, offerings_open_for_groups

MAX_CSV_BYTES = 1024 * 1024

NO_PARTICIPANTS = _("Name the participants: type them or upload a CSV file.")
CSV_NOT_UTF8 = _("The file must be a CSV saved as UTF-8 text.")
CSV_TOO_LARGE = _("The file is larger than 1 MB.")
OPEN_ENROLLMENT = _("open enrollment")
DATES = _("%(start)s to %(end)s")


def offering_choice_label(offering: Offering) -> str:
    """The unit, the run and its dates: "SOTL · Spring 2027 (Feb 1, 2027 to ...)"."""
    if offering.start_date is None:
        dates = OPEN_ENROLLMENT
    else:
        dates = DATES % {
            "start": date_format(offering.start_date, "M j, Y"),
            "end": date_format(offering.end_date, "M j, Y"),
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
        if upload.size > MAX_CSV_BYTES:
            self.add_error("csv_file", CSV_TOO_LARGE)
            return None
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            self.add_error("csv_file", CSV_NOT_UTF8)
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
