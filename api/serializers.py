"""What the API says about awards and enrollments. Read-only: every object comes
from a selector, with what it needs already fetched (no query here)."""

import uuid
from functools import cached_property

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from certificates.models import Award, AwardDocument
from certificates.services.openbadges import EXPORTABLE_STATUSES
from core.site import absolute_url
from enrollments.models import Enrollment


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


# Stand for an award's id and code in a route reversed once for a whole response.
_ANY_AWARD = str(uuid.UUID(int=0))
_ANY_CODE = "~code~"


def _award_link(context: dict, name: str, award_uuid: uuid.UUID, *rest: str) -> str:
    """The absolute URL of the route ``name`` for an award (and ``rest``): each
    route is reversed once per response, then the award's id put in (a list's
    reversing cost more than the rest of its awards' fields)."""
    routes = context.setdefault("award_routes", {})
    route = routes.get((name, rest))
    if route is None:
        path = reverse(name, args=[_ANY_AWARD, *rest])
        route = routes[(name, rest)] = context["request"].build_absolute_uri(path)
    return route.replace(_ANY_AWARD, str(award_uuid), 1)


class DirectReads:
    """A serializer mixin: each field's value is read with one ``getattr`` (or is
    the object itself: ``source="*"``, method fields), planned once per
    serializer, not through DRF's general attribute lookup: a list of awards
    costs a third less. The output is DRF's (``tests/api``)."""

    @cached_property
    def _reads(self) -> list[tuple[str, str | None, serializers.Field]]:
        reads = []
        for field in self._readable_fields:  # type: ignore[attr-defined]
            if len(field.source_attrs) > 1:
                raise ImproperlyConfigured(f"{field.field_name}: a dotted source")
            attr = field.source_attrs[0] if field.source_attrs else None
            reads.append((field.field_name, attr, field))
        return reads

    def to_representation(self, instance) -> dict:
        data = {}
        for name, attr, field in self._reads:
            value = instance if attr is None else getattr(instance, attr)
            data[name] = None if value is None else field.to_representation(value)
        return data


class VerificationUrlField(serializers.URLField):
    """The award's public page, where anyone checks it (``Award.verification_url``),
    its route reversed once per response."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, award: Award) -> str:
        route = self.context.get("verification_route")
        if route is None:
            path = reverse("certificates:verify", args=[_ANY_CODE])
            route = self.context["verification_route"] = absolute_url(path)
        return route.replace(_ANY_CODE, award.verification_code, 1)


class CredentialSerializer(serializers.Serializer):
    """The unit or program an award is for, named as the award states it."""

    type = serializers.ChoiceField(choices=["unit", "program"])
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.CharField(help_text="The unit's or program's kind.")

    def to_representation(self, award: Award) -> dict:
        owner = award.unit or award.program
        assert owner is not None  # noqa: S101  (a database check: unit or program)
        return {
            "type": "unit" if award.unit_id else "program",
            "slug": owner.slug,
            "name": award.credential_name,
            "kind": owner.kind,
        }


class IssuerSerializer(serializers.Serializer):
    """The provider as the award's frozen snapshot names it."""

    name = serializers.CharField()
    short_name = serializers.CharField()
    website = serializers.CharField(allow_blank=True)

    def to_representation(self, award: Award) -> dict:
        snapshot = award.snapshot
        return {
            "name": snapshot.get("issuer", ""),
            "short_name": snapshot.get("issuer_short", ""),
            "website": snapshot.get("issuer_website", ""),
        }


class DocumentSerializer(DirectReads, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The PDF, served by the portal.")

    class Meta:
        model = AwardDocument
        fields = ["kind", "title", "size_bytes", "url"]

    def get_url(self, document: AwardDocument) -> str:
        return _award_link(
            self.context, "certificates:document", document.award.uuid, document.kind
        )


class AwardSerializer(DirectReads, serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid")
    url = serializers.SerializerMethodField(help_text="This award in the API.")
    credential = CredentialSerializer(source="*")
    issuer = IssuerSerializer(source="*")
    name_on_award = serializers.SerializerMethodField(
        help_text="The learner's name as the award states it."
    )
    verification_url = VerificationUrlField()
    page_url = serializers.SerializerMethodField(
        help_text="The award's page in the portal."
    )
    expires_on = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="The last day the award is valid; null: it never expires.",
    )
    documents = DocumentSerializer(many=True)
    open_badge_url = serializers.SerializerMethodField(
        help_text="The Open Badges 3.0 credential (JSON-LD) once issued, else null."
    )

    class Meta:
        model = Award
        fields = [
            "id",
            "url",
            "status",
            "credential",
            "issuer",
            "name_on_award",
            "earned_on",
            "expires_on",
            "issued_at",
            "revoked_at",
            "revoke_reason",
            "verification_code",
            "verification_url",
            "page_url",
            "documents",
            "open_badge_url",
        ]

    def get_url(self, award: Award) -> str:
        return _award_link(self.context, "api:my-award", award.uuid)

    def get_name_on_award(self, award: Award) -> str:
        return award.snapshot.get("name", "")

    def get_page_url(self, award: Award) -> str:
        return _award_link(self.context, "certificates:award", award.uuid)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_open_badge_url(self, award: Award) -> str | None:
        if award.status not in EXPORTABLE_STATUSES:
            return None
        return _award_link(self.context, "certificates:export", award.uuid, "json")


class LearnerSerializer(DirectReads, serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    name = serializers.CharField(source="display_name")


class AdminAwardSerializer(AwardSerializer):
    """An award as admins read it: with its learner and no API link (the API has
    no admin detail endpoint; ``page_url`` is the award's page)."""

    url = None
    learner = LearnerSerializer()

    class Meta(AwardSerializer.Meta):
        fields = [
            *(name for name in AwardSerializer.Meta.fields if name != "url"),
            "learner",
        ]


class OfferingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    unit_slug = serializers.SlugField(source="unit.slug")
    unit_title = serializers.CharField(source="unit.title")
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)


class EnrollmentSerializer(serializers.ModelSerializer):
    learner = LearnerSerializer()
    offering = OfferingSerializer()
    enrolled_at = serializers.DateTimeField(source="created_at")

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "learner",
            "offering",
            "status",
            "track",
            "enrolled_at",
            "completed_at",
        ]
