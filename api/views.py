"""The API's endpoints: thin, read-only (any other method answers 405)."""

from functools import cached_property

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated

from certificates.selectors.listing import (
    awards_for_admin,
    awards_for_admin_count,
    awards_listed_for,
)
from certificates.selectors.openbadges import award_get_for_learner
from enrollments.selectors.listing import enrollments_for_admin

from .filters import AwardFilters, EnrollmentFilters
from .permissions import IsPortalAdmin
from .serializers import (
    AdminAwardSerializer,
    AwardSerializer,
    EnrollmentSerializer,
    ErrorSerializer,
)

UNAUTHENTICATED = OpenApiResponse(
    ErrorSerializer, description="No token or session, or a revoked token."
)
NOT_ADMIN = OpenApiResponse(ErrorSerializer, description="Not a portal admin.")
NOT_YOURS = OpenApiResponse(
    ErrorSerializer, description="No such award among yours (another's is a 404)."
)
BAD_FILTER = OpenApiResponse(
    OpenApiTypes.OBJECT, description="A filter's value is wrong: its messages."
)


@extend_schema_view(
    get=extend_schema(responses={200: AwardSerializer, 401: UNAUTHENTICATED})
)
class MyAwardList(generics.ListAPIView):
    """Your own awards, newest earned first (records replaced by a corrected
    reissue are left out)."""

    serializer_class = AwardSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return awards_listed_for(learner=self.request.user)


@extend_schema_view(
    get=extend_schema(
        responses={200: AwardSerializer, 401: UNAUTHENTICATED, 404: NOT_YOURS}
    )
)
class MyAwardDetail(generics.RetrieveAPIView):
    """One of your own awards; anyone else's is a 404."""

    serializer_class = AwardSerializer
    permission_classes = [IsAuthenticated]

    def get_object(self):
        return award_get_for_learner(
            user=self.request.user, award_uuid=self.kwargs["award_uuid"]
        )


class _FilteredList(generics.ListAPIView):
    permission_classes = [IsPortalAdmin]
    filters_class: type

    @cached_property
    def filters(self) -> dict:
        filters = self.filters_class(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return filters.validated_data


@extend_schema(
    parameters=[AwardFilters],
    responses={
        200: AdminAwardSerializer(many=True),
        400: BAD_FILTER,
        401: UNAUTHENTICATED,
        403: NOT_ADMIN,
    },
)
class AwardList(_FilteredList):
    """Every award, newest first (admins)."""

    serializer_class = AdminAwardSerializer
    filters_class = AwardFilters

    def get_queryset(self):
        return awards_for_admin(**self.filters)

    def list_count(self) -> int:
        return awards_for_admin_count(**self.filters)


@extend_schema(
    parameters=[EnrollmentFilters],
    responses={
        200: EnrollmentSerializer(many=True),
        400: BAD_FILTER,
        401: UNAUTHENTICATED,
        403: NOT_ADMIN,
    },
)
class EnrollmentList(_FilteredList):
    """Every enrollment, newest first (admins)."""

    serializer_class = EnrollmentSerializer
    filters_class = EnrollmentFilters

    def get_queryset(self):
        return enrollments_for_admin(**self.filters)
