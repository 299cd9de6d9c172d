"""The query parameters of the admin lists, validated before any read: a wrong
value answers 400 with the parameter's message, never an empty list."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from certificates.models import Award
from certificates.selectors.listing import credential_exists
from enrollments.models import Enrollment
from programs.models import CredentialProgram, Offering

UNKNOWN_CREDENTIAL = _("No unit or program has this slug.")
UNKNOWN_PROGRAM = _("No program has this slug.")
DATES_REVERSED = _("issued_from is after issued_to.")


class AwardFilters(serializers.Serializer):
    status = serializers.ChoiceField(choices=Award.Status.choices, required=False)
    credential = serializers.SlugField(
        required=False, help_text="The slug of the unit or program awarded."
    )
    program = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=CredentialProgram.objects.all(),
        required=False,
        help_text="A program's slug: its own awards and those of its units.",
        error_messages={"does_not_exist": UNKNOWN_PROGRAM},
    )
    issued_from = serializers.DateField(
        required=False, help_text="Issued on or after this day (YYYY-MM-DD)."
    )
    issued_to = serializers.DateField(
        required=False, help_text="Issued on or before this day (YYYY-MM-DD)."
    )

    def validate_credential(self, slug: str) -> str:
        if not credential_exists(slug=slug):
            raise serializers.ValidationError(UNKNOWN_CREDENTIAL)
        return slug

    def validate(self, attrs: dict) -> dict:
        start, end = attrs.get("issued_from"), attrs.get("issued_to")
        if start and end and start > end:
            raise serializers.ValidationError({"issued_to": DATES_REVERSED})
        return attrs


class EnrollmentFilters(serializers.Serializer):
    offering = serializers.PrimaryKeyRelatedField(
        queryset=Offering.objects.all(),
        required=False,
        help_text="An offering's id.",
        error_messages={"does_not_exist": _("No offering has this id.")},
    )
    program = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=CredentialProgram.objects.all(),
        required=False,
        help_text="A program's slug: enrollments in the units that count toward it.",
        error_messages={"does_not_exist": UNKNOWN_PROGRAM},
    )
    status = serializers.ChoiceField(choices=Enrollment.Status.choices, required=False)
