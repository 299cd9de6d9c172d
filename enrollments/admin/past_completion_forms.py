from django import forms
from django.utils.translation import gettext_lazy as _

from core.csv_upload import csv_upload_text

NO_CSV = _("Choose a CSV file or paste its rows.")


class PastCompletionImportForm(forms.Form):
    csv_file = forms.FileField(label=_("CSV file"), required=False)
    csv_text = forms.CharField(
        label=_("Or paste the rows"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Columns: email, unit_slug, completed_on (YYYY-MM-DD), source; "
            "the first line names them."
        ),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("csv_file")
        if upload:
            try:
                data["text"] = csv_upload_text(upload)
            except forms.ValidationError as error:
                self.add_error("csv_file", error)
        elif data.get("csv_text", "").strip():
            data["text"] = data["csv_text"]
        else:
            raise forms.ValidationError(NO_CSV)
        return data
