from django.urls import path

from . import views

app_name = "ledger"

urlpatterns = [
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/certificates/add/", views.certificate_add, name="certificate_add"),
    path(
        "ledger/certificates/<int:pk>/", views.certificate_edit, name="certificate_edit"
    ),
    path("ledger/credits/add/", views.credit_add, name="credit_add"),
    path("ledger/credits/<uuid:uuid>/evidence/", views.evidence, name="evidence"),
    path("ledger/pdf/", views.pdf_request, name="pdf_request"),
    path("ledger/ledger.pdf", views.pdf_download, name="pdf"),
    path("ledger/verification/", views.verification, name="verification"),
    path("ledger/verification/<uuid:uuid>/", views.verify, name="verify"),
]
