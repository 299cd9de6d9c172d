"""The completion rule's admin form: it offers the fields of the kind chosen
(``static/js/admin/rule_fields.js`` hides the others) and refuses a rule its
requirement can never meet."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CompletionRule, Requirement, RuleKind

# The fields each kind reads (``certificates.evaluators``); the rest are cleared.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    RuleKind.UNITS_COMPLETED: ("min_count", "units"),
    RuleKind.MIN_SCORE: ("requirement",),
    RuleKind.ALL_SUBMISSIONS_MET: (),
    RuleKind.REQUIRED_PIECES: (),
    RuleKind.WITHIN_DEADLINE: ("requirement",),
    RuleKind.PREREQUISITES_HELD: ("units",),
}
KIND_DEPENDENT_FIELDS = ("min_count", "units", "requirement")

SCORE_NEEDS_RUBRIC = _(
    "A score rule needs a rubric-scored requirement: “%(requirement)s” is "
    "reviewed as “%(mode)s”, so it never has a score."
)
REQUIREMENT_ELSEWHERE = _(
    "“%(requirement)s” belongs to %(unit)s, which this rule's credential does "
    "not include: no learner of it can meet the rule."
)


class CompletionRuleForm(forms.ModelForm):
    class Meta:
        model = CompletionRule
        fields = "__all__"  # noqa: DJ007  (the admin picks and orders them)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].widget.attrs["data-kind-fields"] = json.dumps(
                {str(kind): fields for kind, fields in KIND_FIELDS.items()}
            )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind not in KIND_FIELDS:
            return cleaned
        for name in KIND_DEPENDENT_FIELDS:
            if name in self.fields and name not in KIND_FIELDS[kind]:
                cleaned[name] = [] if name == "units" else None
        requirement = cleaned.get("requirement")
        if requirement is not None:
            self._check_requirement(kind, requirement, cleaned)
        return cleaned

    def _check_requirement(self, kind, requirement: Requirement, cleaned) -> None:
        owner_units = self._owner_unit_ids(cleaned)
        if owner_units is not None and requirement.unit_id not in owner_units:
            self.add_error(
                "requirement",
                REQUIREMENT_ELSEWHERE
                % {"requirement": requirement.title, "unit": requirement.unit},
            )
        if (
            kind == RuleKind.MIN_SCORE
            and requirement.review_mode != Requirement.ReviewMode.RUBRIC
        ):
            self.add_error(
                "requirement",
                SCORE_NEEDS_RUBRIC
                % {
                    "requirement": requirement.title,
                    "mode": requirement.get_review_mode_display(),
                },
            )

    def _owner_unit_ids(self, cleaned) -> set[int] | None:
        """The units whose requirements the rule's credential reads, or None when
        the credential is not chosen yet (the model's own check says so)."""
        if self.instance.pk:
            program, unit = self.instance.program, self.instance.unit
        else:
            program, unit = cleaned.get("program"), cleaned.get("unit")
        if unit is not None:
            return {unit.pk}
        if program is not None:
            return set(program.units.values_list("pk", flat=True))
        return None
