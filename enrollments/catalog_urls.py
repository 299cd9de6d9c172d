from django.urls import path

from . import views

app_name = "programs"

urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("programs/<slug:slug>/", views.program_detail, name="program_detail"),
    path("units/<slug:slug>/", views.unit_detail, name="unit_detail"),
]
