"""Forms of the submission, review, checklist, peer and extension pages.

Forms validate shapes; the services decide (and word) every business refusal.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from programs.models import Requirement

from .models import IsteStandard, Review
from .selectors import QueueState


class DraftForm(forms.Form):
    text = forms.CharField(
        label=_("Your text"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    link = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        help_text=_("A web address, e.g. a shared document or a video."),
    )

    def __init__(self, *args, requirement: Requirement, **kwargs):
        super().__init__(*args, **kwargs)
        if not requirement.accepts_text:
            del self.fields["text"]
        if not requirement.accepts_links:
            del self.fields["link"]


class ArtifactForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG, GIF, WebP, or a "
            "short MP4, WebM or MOV video."
        ),
    )
    link = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")
    reflection = forms.CharField(
        label=_("Reflection"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What this artifact shows about your practice."),
    )
    standards = forms.MultipleChoiceField(
        label=_("ISTE Standards for Educators it demonstrates"),
        choices=IsteStandard.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, requirement: Requirement, **kwargs):
        super().__init__(*args, **kwargs)
        if requirement.kind != Requirement.Kind.PORTFOLIO:
            for name in ("title", "link", "reflection", "standards"):
                del self.fields[name]
        elif not requirement.accepts_links:
            del self.fields["link"]
        if not requirement.accepts_files and "file" in self.fields:
            del self.fields["file"]


class ChecklistForm(forms.Form):
    """One radio group per configured question."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"question_{question.pk}"] = forms.TypedChoiceField(
                label=question.prompt,
                choices=[(o.pk, o.text) for o in question.options.all()],
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
            )
        self.questions = questions

    def answers(self) -> dict[int, int]:
        return {
            q.pk: self.cleaned_data[f"question_{q.pk}"]
            for q in self.questions
            if self.cleaned_data.get(f"question_{q.pk}") not in (None, "")
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Review.Decision.MET, _("Met")),
            (Review.Decision.NOT_MET, _("Not Met")),
        ],
        widget=forms.RadioSelect,
    )
    feedback = forms.CharField(
        label=_("Feedback"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Required for Not Met: say what to change."),
    )


class RubricForm(forms.Form):
    """Points and feedback for each criterion, then overall feedback."""

    feedback = forms.CharField(
        label=_("Overall feedback"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        fields = {}
        for criterion in self.criteria:
            fields[f"points_{criterion.pk}"] = forms.IntegerField(
                label=_("%(title)s: points (0 to %(max)s)")
                % {"title": criterion.title, "max": criterion.max_points},
                min_value=0,
                max_value=criterion.max_points,
                help_text=criterion.description,
            )
            fields[f"feedback_{criterion.pk}"] = forms.CharField(
                label=_("Feedback on %(title)s") % {"title": criterion.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields = {**fields, "feedback": self.fields["feedback"]}

    def criterion_fields(self):
        return [
            (self[f"points_{c.pk}"], self[f"feedback_{c.pk}"]) for c in self.criteria
        ]

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            c.pk: (
                self.cleaned_data.get(f"points_{c.pk}"),
                self.cleaned_data.get(f"feedback_{c.pk}", ""),
            )
            for c in self.criteria
        }


class PeerCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4})
    )


class QueueFilterForm(forms.Form):
    offering = forms.ModelChoiceField(
        label=_("Offering"), queryset=None, required=False, empty_label=_("All")
    )
    requirement = forms.ModelChoiceField(
        label=_("Requirement"), queryset=None, required=False, empty_label=_("All")
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=QueueState.choices,
        required=False,
        initial=QueueState.PENDING,
    )

    def __init__(self, *args, offerings, requirements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offering"].queryset = offerings
        self.fields["requirement"].queryset = requirements


class ExtensionForm(forms.Form):
    requirement = forms.ModelChoiceField(label=_("Requirement"), queryset=None)
    new_deadline = forms.DateField(
        label=_("New deadline"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit trail."),
    )

    def __init__(self, *args, requirements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].queryset = requirements
