from django.urls import path

from . import views

app_name = "transcripts"

urlpatterns = [
    path("transcript/", views.transcript, name="transcript"),
    path("transcript/pdf/", views.pdf_request, name="pdf_request"),
    path("transcript/transcript.pdf", views.pdf_download, name="pdf"),
    path("transcript/links/", views.share_create, name="share_create"),
    path("transcript/links/<int:pk>/revoke/", views.share_revoke, name="share_revoke"),
    path("transcripts/<str:token>/", views.shared, name="shared"),
]
