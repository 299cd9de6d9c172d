"""The renewal rule's admin form: it clears the fields the kind does not read and
refuses a rule no learner can ever meet."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CreditMeasure, Offering, RenewalKind, RenewalRule, Requirement, Unit
from .models.renewal_rules import (
    CREDITS_NEED_AMOUNT,
    REQUIREMENT_RULE_NEEDS_REQUIREMENT,
)
from .models.requirements import DECIDED_BY_REVIEW

# The fields each kind reads (``certificates.renewal``); the rest are cleared.
RENEWAL_KIND_FIELDS: dict[str, tuple[str, ...]] = {
    RenewalKind.CREDITS_SINCE_AWARD: ("measure", "min_amount"),
    RenewalKind.REQUIREMENT_MET: ("requirement",),
}
RENEWAL_DEPENDENT_FIELDS = ("measure", "min_amount", "requirement")

NEVER_EXPIRES = _(
    "%(credential)s never expires, so there is nothing to renew: give it a "
    "validity (valid for months) first."
)
NO_UNIT_AWARDS = _(
    "No unit of the catalogue awards %(measure)s: no learner can meet this rule."
)
NOT_REVIEWED_MET = _(
    "“%(requirement)s” is reviewed as “%(mode)s”, so it is never Met: a renewal "
    "requirement needs the Met / Not Met review."
)
REQUIREMENT_OF_CREDENTIAL = _(
    "“%(requirement)s” belongs to %(unit)s, which the learner completed to earn "
    "this credential: a renewal requirement belongs to a renewal unit."
)


def _units_awarding(measure: str):
    if measure == CreditMeasure.CEUS:
        return Unit.objects.filter(
            pk__in=Offering.objects.filter(ceus__gt=0).values("unit_id")
        )
    return Unit.objects.filter(**{f"{measure}__gt": 0})


class RenewalRuleForm(forms.ModelForm):
    class Meta:
        model = RenewalRule
        fields = "__all__"  # noqa: DJ007  (the admin picks and orders them)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind not in RENEWAL_KIND_FIELDS:
            return cleaned
        for name in RENEWAL_DEPENDENT_FIELDS:
            if name in self.fields and name not in RENEWAL_KIND_FIELDS[kind]:
                cleaned[name] = None if name != "measure" else ""
        owner = self._owner(cleaned)
        if owner is not None and not owner.valid_for_months:
            self.add_error(None, NEVER_EXPIRES % {"credential": owner})
        if kind == RenewalKind.CREDITS_SINCE_AWARD:
            self._check_credits(cleaned, owner)
        elif cleaned.get("requirement") is None:
            # Said here: the database's check is skipped once a field has an error.
            self.add_error("requirement", REQUIREMENT_RULE_NEEDS_REQUIREMENT)
        else:
            self._check_requirement(cleaned["requirement"], owner)
        return cleaned

    def _check_credits(self, cleaned, owner) -> None:
        measure, amount = cleaned.get("measure"), cleaned.get("min_amount")
        if not measure or amount is None or amount <= 0:
            # Said here: the database's check is skipped once a field has an error.
            self.add_error("min_amount", CREDITS_NEED_AMOUNT)
        else:
            self._check_measure(measure, owner)

    def _owner(self, cleaned):
        """The rule's program or unit: the inline's parent (with the values posted
        with it), or the one chosen."""
        instance = self.instance
        return (
            getattr(instance, "program", None)
            or getattr(instance, "unit", None)
            or cleaned.get("program")
            or cleaned.get("unit")
        )

    def _own_unit_ids(self, owner) -> set[int]:
        if isinstance(owner, Unit):
            return {owner.pk} if owner.pk else set()
        if owner is not None and owner.pk:
            return set(owner.units.values_list("pk", flat=True))
        return set()

    def _check_measure(self, measure: str, owner) -> None:
        units = _units_awarding(measure).exclude(pk__in=self._own_unit_ids(owner))
        if not units.exists():
            self.add_error(
                "measure",
                NO_UNIT_AWARDS % {"measure": CreditMeasure(measure).label},
            )

    def _check_requirement(self, requirement: Requirement, owner) -> None:
        if requirement.review_mode != DECIDED_BY_REVIEW:
            self.add_error(
                "requirement",
                NOT_REVIEWED_MET
                % {
                    "requirement": requirement.title,
                    "mode": requirement.get_review_mode_display(),
                },
            )
        if requirement.unit_id in self._own_unit_ids(owner):
            self.add_error(
                "requirement",
                REQUIREMENT_OF_CREDENTIAL
                % {"requirement": requirement.title, "unit": requirement.unit},
            )
