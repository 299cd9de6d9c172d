"""The API's endpoints: thin, read-only (any other method answers 405)."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated

from certificates.selectors.listing import awards_for_admin, awards_listed_for
from certificates.selectors.openbadges import award_get_for_learner
from enrollments.listing_selectors import enrollments_for_admin

from .filters import AwardFilters, EnrollmentFilters
from .permissions import IsPortalAdmin
from .serializers import AdminAwardSerializer, AwardSerializer, EnrollmentSerializer


class MyAwardList(generics.ListAPIView):
    """Your own awards, newest earned first (records replaced by a corrected
    reissue are left out)."""

    serializer_class = AwardSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return awards_listed_for(learner=self.request.user)


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

    def filters(self) -> dict:
        filters = self.filters_class(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return filters.validated_data


@extend_schema(parameters=[AwardFilters])
class AwardList(_FilteredList):
    """Every award, newest first (admins)."""

    serializer_class = AdminAwardSerializer
    filters_class = AwardFilters

    def get_queryset(self):
        return awards_for_admin(**self.filters())


@extend_schema(parameters=[EnrollmentFilters])
class EnrollmentList(_FilteredList):
    """Every enrollment, newest first (admins)."""

    serializer_class = EnrollmentSerializer
    filters_class = EnrollmentFilters

    def get_queryset(self):
        return enrollments_for_admin(**self.filters())
