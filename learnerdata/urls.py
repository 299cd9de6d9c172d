from django.urls import path

from . import views

app_name = "learnerdata"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("download/", views.request_export, name="request"),
    path("<uuid:public_id>/", views.download, name="download"),
]
