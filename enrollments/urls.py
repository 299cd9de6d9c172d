from django.urls import path

from . import views

app_name = "enrollments"

urlpatterns = [
    path("<int:pk>/", views.enrollment_detail, name="detail"),
    path("offerings/<int:pk>/enroll/", views.offering_enroll, name="enroll"),
    path("offerings/<int:pk>/roster/", views.offering_roster, name="roster"),
]
