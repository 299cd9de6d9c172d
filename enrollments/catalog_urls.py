from django.urls import path

from . import catalog_views as views

# The catalogue's names ("programs:unit_detail"): the pages are the catalogue's,
# composed here with what the learner holds and may enroll in.
app_name = "programs"

urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("programs/<slug:slug>/", views.program_detail, name="program_detail"),
    path("units/<slug:slug>/", views.unit_detail, name="unit_detail"),
]
