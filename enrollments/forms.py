from django import forms
from django.utils.translation import gettext_lazy as _

from programs.models import Unit

from . import messages
from .models import Enrollment

TRACK_CHOICES = [
    (Enrollment.Track.GRADUATE_CREDIT, _("Graduate credit (needs admission)")),
    (
        Enrollment.Track.NON_CREDIT,
        _("Non-credit: certificate and 60 clock-hour letter"),
    ),
]


class EnrollmentForm(forms.Form):
    """One enrollment request; a unit with tracks asks which one."""

    track = forms.ChoiceField(
        label=_("Track"), choices=TRACK_CHOICES, widget=forms.RadioSelect
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        if unit.has_tracks:
            self.fields["track"].error_messages["required"] = (
                messages.TRACK_REQUIRED % {"unit": unit.title}
            )
        else:
            del self.fields["track"]

    @property
    def chosen_track(self) -> str:
        return self.cleaned_data.get("track", "")
