from django.contrib import admin
from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", admin.site.admin_view(views.reports_index), name="index"),
    path("refresh/", admin.site.admin_view(views.report_refresh), name="refresh"),
    path(
        "<slug:slug>.csv",
        admin.site.admin_view(views.report_export),
        name="export",
    ),
]
