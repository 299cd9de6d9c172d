from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("verify/<str:code>/", views.verify, name="verify"),
    path("certificates/", views.my_awards, name="my_awards"),
    path(
        "certificates/<uuid:award_uuid>/<slug:kind>.pdf",
        views.document_download,
        name="document",
    ),
]
