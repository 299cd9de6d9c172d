from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("me/awards/", views.MyAwardList.as_view(), name="my-awards"),
    path(
        "me/awards/<uuid:award_uuid>/",
        views.MyAwardDetail.as_view(),
        name="my-award",
    ),
    path("awards/", views.AwardList.as_view(), name="awards"),
    path("enrollments/", views.EnrollmentList.as_view(), name="enrollments"),
]
