from django.urls import path

from . import views

app_name = "attendance"

urlpatterns = [
    path("check-in/<str:token>/", views.check_in, name="check_in"),
    path(
        "check-in/sessions/<int:pk>/done/",
        views.check_in_done,
        name="check_in_done",
    ),
    path(
        "review/offerings/<int:pk>/attendance/",
        views.offering_attendance,
        name="register",
    ),
    path(
        "review/sessions/<int:pk>/check-in-code/",
        views.session_check_in_code,
        name="check_in_code",
    ),
]
