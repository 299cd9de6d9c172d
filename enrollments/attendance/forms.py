from django import forms
from django.utils.translation import gettext_lazy as _


class SessionAttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, enrollments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (e.pk, e.learner.display_name) for e in enrollments
        ]
